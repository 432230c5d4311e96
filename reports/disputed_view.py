"""The disputed facts, the outcome range over their versions and the unknown facts that would
decide the outcome, regrouped for reading (the mediator's section 4, the student's and the expert's
appendix). Every fact is named by its label and every finding by the name of its element, never by
a path or an id; a combination of versions that cannot occur together is counted apart, with the
versions that clash and why, so "N of N combinations" never counts a combination no run used.

Presentation only: the figures are the result's (outcome_range, disputes, decisive_unknowns)."""
from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime

from reports.format import CaseWords

FindingWords = Callable[[str], str]


def finding_words(catalogue: dict) -> FindingWords:
    """A finding id in words: the name of its element, and its subject where it has one."""
    from reports.mediator import _finding_words
    from reports.student import _element_names
    names = _element_names(catalogue)
    return lambda fid: _finding_words(fid, names)


def decisive_unknowns(report: dict | None, words: CaseWords, said: FindingWords,
                      top: int = 10) -> dict | None:
    """What the record's unknown facts would change if established, for every report."""
    if not report:
        return None
    rows = [{"fact": d["fact"], "label": d["label"], "why": d["why_unknown"],
             "swing": d["provider_share_swing"], "money": d["exposure_swing"],
             "findings": d["findings_changed"],
             "changes": [said(f) for f in d["findings_changed"]],
             "tries": [{"value": words.value(v["value"], d["fact"]),
                        "share": v.get("provider_share"),
                        "findings": v.get("findings_changed", []),
                        "changes": [said(f) for f in v.get("findings_changed", [])],
                        "invalid": v.get("invalid")} for v in d["values"]]}
            for d in report["decisive"][:top]]
    method = report["method"]
    return {"rows": rows, "more": max(0, len(report["decisive"]) - top),
            "no_effect": len(report["no_effect"]), "evaluated": method["evaluated"],
            "not_evaluated": len(method["not_evaluated"]), "method": method["values"]}


def disputes(result: dict, words: CaseWords, said: FindingWords) -> list[dict]:
    influence = {i["fact"]: i for i in (result.get("outcome_range") or {}).get("influence", [])}
    out = []
    for path, d in sorted((result.get("disputes") or {}).items()):
        versions = [{"party": p, "name": words.role(p), "value": words.value(v, path),
                     "source": (d.get("sources") or {}).get(p, "")}
                    for p, v in sorted((d.get("versions") or {}).items())]
        out.append({"path": path, "label": words.label(path), "versions": versions,
                    "assumed": d.get("assumed", ""),
                    "effect": effect(influence.get(path), said)})
    return out


def effect(found: dict | None, said: FindingWords) -> dict | None:
    if not found:
        return None
    moves = any(str(found.get(k, "0")).strip("0.") for k in ("provider_share_swing",
                                                             "exposure_swing"))
    return {**found, "moves": moves,
            "changes": [said(f) for f in found.get("findings_changed") or []]}


def _range_label(key: str) -> str:
    parts = key.split(".")
    bound = {"min": " (lower figure)", "max": " (upper figure)"}.get(parts[-1], "")
    body = parts[:-1] if bound else parts
    return ": ".join(p.replace("_", " ") for p in body) + bound


def outcome_range(rng: dict | None, words: CaseWords, said: FindingWords,
                  figure: Callable) -> dict | None:
    if not rng:
        return None
    shares = [{"party": p, "name": words.role(p), "min": v["min"], "max": v["max"],
               "min_combination": v.get("min_combination") or {},
               "max_combination": v.get("max_combination") or {}}
              for p, v in sorted((rng.get("shares") or {}).items())]
    exposure = [{"key": k, "label": _range_label(k), "varies": v["min"] != v["max"],
                 "text": figure(k.split(".")[1] if "." in k else k,
                                {"min": v["min"], "max": v["max"]}, words)}
                for k, v in sorted((rng.get("exposure") or {}).items())]
    invalid = rng.get("invalid") or []
    evaluated = rng.get("evaluated") or 0
    return {"shares": shares, "exposure": exposure, "influence": rng.get("influence") or [],
            "most_influential": rng.get("most_influential"),
            "vary": rng.get("holding_findings_vary") or [],
            "vary_words": [said(f) for f in rng.get("holding_findings_vary") or []],
            "combinations": rng.get("combinations"), "evaluated": evaluated,
            "valid": evaluated - len(invalid),
            "sampled": rng.get("sampled", False), "invalid": invalid,
            "clashes": clashes(invalid, words)}


ONE_LINE = re.compile(r"^error: .*?: (?P<field>[\w.\[\]\-]+): (?P<message>.+)$")
# A moment as the validator quotes it (ISO 8601, with or without an offset).
ISO_MOMENT = re.compile(r"\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?")


def _moments_in_words(text: str, words: CaseWords) -> str:
    """The validator's message with each ISO timestamp as the reports write a time
    ('Wed 2025-03-12 09:30 EDT'), so a reader never meets '2025-03-12T09:30:00-04:00'."""
    def spoken(match: re.Match) -> str:
        try:
            moment = datetime.fromisoformat(match.group(0).replace("Z", "+00:00"))
        except ValueError:
            return match.group(0)
        return words.time(moment)
    return ISO_MOMENT.sub(spoken, text)


def clashes(invalid: list[dict], words: CaseWords) -> list[dict]:
    """The combinations that cannot occur together, grouped by what is wrong with them: how many,
    the versions every one of them takes (the versions that clash) and the reason, in words."""
    groups: dict[str, list[dict]] = {}
    for item in invalid:
        groups.setdefault(item.get("error", ""), []).append(item.get("combination") or {})
    out = []
    for error, combos in sorted(groups.items(), key=lambda g: (-len(g[1]), g[0])):
        shared = {path: party for path, party in sorted(combos[0].items())
                  if all(c.get(path) == party for c in combos)}
        m = ONE_LINE.match(error)
        why = _moments_in_words(m.group("message") if m else error, words)
        versions = [f"the {party}'s version of {words.label(path)}"
                    for path, party in shared.items()]
        out.append({"count": len(combos), "versions": versions, "why": why})
    return out
