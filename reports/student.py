"""The student walkthrough by element, in the order the law takes them (duty, breach, statutory
notice, causation in fact, proximate cause, damages, the defences, allocation, remedies): each
element opens with its test in plain words and the authorities that state it (rules/data/
doctrine.yaml), then the steps that decided it on this case, each with its principle, what was
concluded, what held and what did not and why. Then the glossary of the terms the text uses.

Presentation only: every conclusion, check and reason is one the result (or engine/explain)
already holds; this module groups them by section and says them in words. Facts are named by
their labels and findings by the rule that decides their element, never by an id.
"""
from __future__ import annotations

import re

from reports.format import CaseWords

PARTY_WORDS = {"provider": "the provider", "client": "the client"}
# What holding means, in the element's own terms: a breach or a client failure "holds" when the
# failure is established, so a rule titled for the standard ("Alerts triaged within the SLA
# window") reads "failure established", not "holds".
VERDICTS = {"breach": ("failure established", "no failure shown"),
            "governance": ("failure established", "no failure shown"),
            "disclosure": ("failure established", "no failure shown"),
            "care": ("credited", "not credited")}
NOT_ESTABLISHED = "not established on this record"


def verdict(f: dict) -> str:
    """How a finding came out, in the words of its element."""
    if not f["holds"] and f["rule"] == "PROOF-001":
        return NOT_ESTABLISHED
    held, not_held = VERDICTS.get(f["element"].split(".")[0], ("holds", "does not hold"))
    return held if f["holds"] else not_held


def walkthrough(result: dict, catalogue: dict, words: CaseWords) -> list[dict]:
    """The doctrinal sections that decided something on this case, in order, with their steps."""
    from engine.explain import trace_steps, why_not
    from rules.doctrine import section_of, sections
    steps = trace_steps(result, catalogue)
    names = _element_names(catalogue)
    findings = {f["id"]: f for f in result["findings"]}
    law = (result.get("case") or {}).get("governing_law", "")
    grouped: dict[str, list[dict]] = {}
    for s in steps:
        by_section: dict[str, dict] = {}
        for c in s["conclusions"]:
            if c["kind"] == "finding":
                if c["holds"] is None:      # concluded again later; the later step stands
                    continue
                key = section_of(c["element"])
                entry = _entry(by_section, key, s, catalogue, words)
                entry["findings"].append(_finding(findings[c["id"]], names, words, why_not,
                                                  result, catalogue))
            else:
                entry = _entry(by_section, s["section"], s, catalogue, words)
                if c["summary"]:
                    entry["measured"].append({"label": words.label(c["id"]),
                                              "text": in_words(c["summary"], words)})
        for key, entry in by_section.items():
            if entry["findings"] or entry["measured"]:
                grouped.setdefault(key, []).append(entry)
    out = []
    for sec in sections():
        if sec.key not in grouped:
            continue
        entries = grouped[sec.key]
        decided = [f for e in entries for f in e["findings"]]
        out.append({"key": sec.key, "title": sec.title, "test": sec.test,
                    "authorities": [_citation_text(c) for c in sec.citations(law)],
                    "entries": entries,
                    "held": sum(1 for f in decided if f["holds"]),
                    "not_held": sum(1 for f in decided if not f["holds"])})
    return out


def _entry(by_section: dict, key: str, step: dict, catalogue: dict, words: CaseWords) -> dict:
    if key not in by_section:
        rule = catalogue.get(step["rule"], {})
        principle = rule.get("principle", "")
        by_section[key] = {
            "rule": step["rule"], "title": rule.get("title", ""),
            "principle": "" if principle == rule.get("title") else principle,
            "rests_on": _rests_on(step["premises"], catalogue, words),
            "findings": [], "measured": []}
    return by_section[key]


def _element_names(catalogue: dict) -> dict[str, str]:
    """Each element's name: the title of the rule that decides it (the first by id, where
    several can), so a finding PROOF-001 closed carries the name of the element it closes."""
    names: dict[str, str] = {}
    for rid in sorted(catalogue):
        rule = catalogue[rid]
        element = rule.get("concludes", "")
        if element and not element.startswith("derived.") and rid != "PROOF-001":
            names.setdefault(element, rule.get("title", ""))
    return names


def finding_name(f: dict, names: dict, words: CaseWords) -> str:
    """'Triage within the SLA window (Ironwatch, the provider)'; the subject (a regime, an audit
    finding) added in words."""
    name = names.get(f["element"]) or f["element"].split(".", 1)[-1].replace("_", " ")
    who = _who(f, words)
    return f"{name} ({who})" if who else name


def _who(f: dict, words: CaseWords) -> str:
    who = words.party(f["party"]) if f.get("party") else ""
    if f.get("party") in PARTY_WORDS:
        who = f"{who}, {PARTY_WORDS[f['party']]}"
    from reports.data_words import regimes, value_in_words
    subject = f.get("subject") or ""
    subject = regimes().get(subject) or value_in_words(subject)
    return f"{who}; {subject}" if who and subject else who or subject


def _finding(f: dict, names: dict, words: CaseWords, why_not, result, catalogue) -> dict:
    checks = f.get("checks", [])
    held = [_check(c, words) for c in checks if c.get("holds")]
    not_held = [_check(c, words) for c in checks if not c.get("holds")]
    reasons = []
    if not f["holds"]:
        # The checks already say which conditions were met and which not; the reasons add what
        # they do not say (a premise the record did not supply, a rule that recorded no check).
        reasons = [_reason(x, words) for x in why_not(result, f["id"], catalogue)
                   if x["kind"] in ("absent", "summary")]
        if f["rule"] == "PROOF-001":
            held, not_held = [], []
    closed = f["rule"] == "PROOF-001"
    summary = ("Not established on this record: a premise the element needs is missing "
               "(below). This is not a finding that the opposite is true." if closed
               else in_words(f["summary"], words, names))
    return {"id": f["id"], "name": finding_name(f, names, words),
            "element_name": names.get(f["element"], ""),
            "who": _who(f, words), "holds": bool(f["holds"]), "verdict": verdict(f),
            "summary": summary, "held": held, "not_held": not_held,
            "reasons": reasons,
            "not_established": closed}


def _check(c: dict, words: CaseWords) -> str:
    detail = in_words(c.get("detail", ""), words)
    condition = in_words(c["condition"], words)
    return f"{condition}: {detail}" if detail else condition


def _reason(x: dict, words: CaseWords) -> dict:
    """One reason an element does not hold, in words (a missing premise by its label)."""
    if x["kind"] == "absent":
        missing = x.get("missing", "")
        label = words.label(missing) if "." in missing else missing
        return {"holds": False, "text": f"{label} is not shown: {_cause_words(x.get('cause', ''), words)}"}
    if x["kind"] == "summary":
        return {"holds": False, "text": in_words(x["condition"], words)}
    return {"holds": False, "text": f"not met: {_check(x, words)}"}


_ID = re.compile(r"\b(?:derived|incident|contract|audit|parties|client_governance|conduct|"
                 r"applicability|affected|provider_conduct|evidence)\.[A-Za-z0-9_.\[\]:-]+")
_FINDING_ID = re.compile(r"\b(?:duty|breach|causation|governance|care|disclosure|proof|"
                         r"allocation|exposure|remedy|pathway)\.[a-z_]+\.(?:provider|client)"
                         r"(?:\.[A-Za-z0-9_:-]+)?\b")


def in_words(text: str, words: CaseWords, names: dict | None = None) -> str:
    """A sentence a rule wrote, with any fact id in it read as the fact's label and any finding
    id as the name of its element (rule texts occasionally name them)."""
    def element(m) -> str:
        parts = m.group(0).split(".")
        name = (names or {}).get(".".join(parts[:2]))
        if not name:
            name = parts[1].replace("_", " ")
        name = name if name[1:2].isupper() else name[:1].lower() + name[1:]
        return f"{name} ({parts[3]})" if len(parts) > 3 else name
    text = _FINDING_ID.sub(element, words.prose(text))
    def fact(m) -> str:
        found = m.group(0)
        bare = found.rstrip(".")
        return words.label(bare) + found[len(bare):]
    return _ID.sub(fact, text)


def _cause_words(cause: str, words: CaseWords) -> str:
    """Why a premise is absent, in words, a rule's not applying said as such."""
    text = in_words(cause, words)
    text = re.sub(r" fired \(step \d+\) but derived nothing from what it read",
                  " applied but established nothing from the record", text)
    return text.replace(" did not fire", " did not apply")


def _rests_on(premises: list[dict], catalogue: dict, words: CaseWords) -> list[str]:
    names = _element_names(catalogue)
    out = []
    for p in premises:
        if p["kind"] == "finding":
            element = ".".join(p["id"].split(".")[:2])
            out.append(names.get(element) or p.get("title") or element.replace("_", " "))
        else:
            out.append(words.label(p["id"]))
    return list(dict.fromkeys(out))


def _citation_text(c) -> str:
    return c.text()


def glossary_used(texts: list[str]) -> list[dict]:
    """The glossary's terms that the given text uses, in the glossary's order."""
    from rules.doctrine import glossary
    low = " ".join(texts).lower()
    return [{"term": t.term, "means": t.means} for t in glossary()
            if any(m.lower() in low for m in t.matches)]


def exposure_in_words(routes: list[dict], catalogue: dict, words: CaseWords) -> list[dict]:
    """The exposure routes as the result gives them, their steps read in words."""
    names = _element_names(catalogue)
    return [{**r, "steps": [in_words(x, words, names) for x in r.get("steps", [])],
             "flags": [in_words(x, words, names) for x in r.get("flags", [])]} for r in routes]


def questions(result: dict, catalogue: dict, words: CaseWords) -> list[dict]:
    """The questions the outcome calls for (reports/questions.py), in the order of the elements,
    each with its element's name and outcome on this case, the result's sentence for it, and what
    would have reversed it: a contestable change the sensitivity run found, or an unknown fact
    the record could establish."""
    from reports.questions import questions_for
    from rules.doctrine import order, section_of
    names = _element_names(catalogue)
    findings = {f["id"]: f for f in result["findings"]}
    unknown_turns = _unknown_reversals(result.get("decisive_unknowns"), words)
    out = []
    for q in questions_for(result):
        f = findings[q["finding"]]
        changes = [c.get("words") or f"{words.label(c['path'])}: {c['change']}"
                   for c in q["reversed_by"]]
        changes += unknown_turns.get(f["id"], [])
        out.append({**q, "name": finding_name(f, names, words), "verdict": verdict(f),
                    "premise": in_words(f["summary"], words, names), "changes": changes[:3],
                    "order": order(section_of(f["element"]))})
    out.sort(key=lambda q: q["order"])
    return out


def _unknown_reversals(report: dict | None, words: CaseWords) -> dict[str, list[str]]:
    """finding id → 'If the record showed <fact>: <value>' for each unknown fact whose
    establishing one way reverses it."""
    out: dict[str, list[str]] = {}
    for d in (report or {}).get("decisive", []):
        for v in d.get("values", []):
            for fid in v.get("findings_changed", []):
                label = d["label"][:1].upper() + d["label"][1:]
                out.setdefault(fid, []).append(
                    f"{label}: {words.value(v['value'], d['fact'])} (the record does not say)")
    return out


def texts_of(sections: list[dict]) -> list[str]:
    """Every sentence the walkthrough prints, for the glossary to look in."""
    out = []
    for sec in sections:
        out += [sec["title"], sec["test"]]
        for e in sec["entries"]:
            out += [e["title"], e["principle"], *e["rests_on"]]
            out += [m["text"] for m in e["measured"]]
            for f in e["findings"]:
                out += [f["name"], f["summary"], *f["held"], *f["not_held"],
                        *(r["text"] for r in f["reasons"])]
    return out
