"""Parts of the expert report other than the analysis: the expert's block, the materials
considered, the assumptions, the table of authorities and the appendices. Presentation only."""
from __future__ import annotations

import re

BLANK = "[to be completed by the expert: {}]"
STATUS_WORDS = {"verified": "verified against the official text",
                "secondary-source": "checked against a secondary source only",
                "unverified": "not yet checked against the text"}
KIND_ORDER = ("constitution", "treaty", "statute", "bill", "regulation", "directive", "case",
              "restatement", "standard", "guidance")
KIND_TITLES = {"constitution": "Constitutions", "treaty": "Treaties", "statute": "Statutes",
               "bill": "Bills", "regulation": "Regulations and rules of court",
               "directive": "Directives", "case": "Cases", "restatement": "Restatements",
               "standard": "Standards", "guidance": "Guidance"}


def expert_block(expert: dict, forum, case: dict) -> dict:
    def text(key, what):
        return {"text": expert[key], "blank": False} if expert.get(key) else \
            {"text": BLANK.format(what), "blank": True}

    def items(key, what):
        return {"entries": list(expert.get(key) or []), "blank": not expert.get(key),
                "text": BLANK.format(what)}
    years = forum.rules == "frcp"
    return {
        "name": text("name", "name"), "title": text("title", "position and firm"),
        "qualifications": items("qualifications", "qualifications"),
        "publications": items("publications", "publications authored in the previous 10 years"
                              if years else "publications and literature relied on"),
        "testimony": items("testimony", "cases in which the expert testified at trial or by "
                           "deposition in the previous 4 years" if years else
                           "prior appointments as an expert"),
        "compensation": text("compensation", "compensation for the study and testimony"),
        "instructed_by": text("instructed_by", "who instructed the expert"),
        "instructions": text("instructions", "the substance of all material instructions"),
        "date": text("date", "date"), "place": text("place", "place of signature"),
        "blanks": sum(1 for k in ("name", "title", "qualifications", "publications", "testimony",
                                  "compensation", "date") if not expert.get(k)),
    }


def _exhibit_key(source: str):
    m = re.search(r"(\d+)", source)
    return (0 if source.lower().startswith("exhibit") else 1,
            int(m.group(1)) if m else 0, source)


def materials(result: dict, words, plain) -> dict:
    """Every exhibit the case cites (with what it is cited for) and every evidence file read."""
    cited: dict[str, list[str]] = {}
    for fid, fact in sorted(result.get("facts", {}).items()):
        if fact.get("source"):
            cited.setdefault(str(fact["source"]), []).append(words.label(fid))
    for path, d in sorted((result.get("disputes") or {}).items()):
        for party, source in sorted((d.get("sources") or {}).items()):
            if source:
                cited.setdefault(str(source), []).append(
                    f"{words.party(party)}'s version of {words.label(path)}")
    exhibits = [{"source": s, "for": sorted(set(labels))} for s, labels in
                sorted(cited.items(), key=lambda kv: _exhibit_key(kv[0]))]
    evidence = [{"name": ref_id, "file": e.get("file", ""), "kind": e.get("kind", ""),
                 "rows": e.get("rows", 0), "sha256": e.get("sha256", ""),
                 "conflicts": [{"item": words.label(c.get("item", "")),
                                "field": str(c.get("field", "")).replace("_", " "),
                                "case": words.value(c.get("case"), c.get("field", "")),
                                "evidence": words.value(c.get("evidence"), c.get("field", "")),
                                "used": c.get("used", "")} for c in e.get("conflicts", [])]}
                for ref_id, e in sorted((result.get("evidence") or {}).items())]
    return {"exhibits": exhibits, "evidence": evidence,
            "case_file": result["case"].get("file", ""), "input_sha256": result.get("input_sha256", "")}


def conditional(f: dict, disputed: list[str], result: dict, words, influence: dict,
                assumption: str) -> str:
    """How the opinion stands towards the disputed facts it read, in words."""
    if not disputed:
        return ""
    disputes = result.get("disputes") or {}
    labels = [words.label(p) for p in disputed]
    moving = [words.label(p) for p in disputed if f["id"] in influence.get(p, set())]
    if assumption in ("client", "provider"):
        versions = []
        for p in disputed:
            d = disputes.get(p) or {}
            value = (d.get("versions") or {}).get(assumption)
            source = (d.get("sources") or {}).get(assumption)
            versions.append(f"that {words.label(p)} is {words.value(value, p)}"
                            + (f" ({source})" if source else ""))
        lead = (f"Assuming the {words.party(assumption)}'s version " + "; and ".join(versions)
                + " (a choice made for this report, see the assumptions).")
    else:
        lead = ("This opinion reads a disputed fact the report does not resolve ("
                + "; ".join(labels) + "): it is given with that fact unknown.")
    if not influence:
        return lead
    verdict = "established" if f["holds"] else "not established"
    by_version = (result.get("outcome_range") or {}).get("by_version")
    if by_version:
        said = [_under_each_version(f, p, by_version.get(p) or {}, disputes, words)
                for p in disputed]
        alike = [x for x in said if x and x[0] == "alike"]
        text = " ".join([lead] + [x[1] for x in said if x and x[0] == "each"])
        if alike:   # the facts whose versions leave it as it is, in one sentence
            from facts.formatting import listing
            text += (f" On either party's version of {listing([x[1] for x in alike])}, "
                     f"{alike[0][2]}." if len({x[2] for x in alike}) == 1 else
                     " " + " ".join(f"On either party's version of {x[1]}, {x[2]}."
                                    for x in alike))
    elif moving:
        text = lead + " Under one party's version of " + "; ".join(moving) + \
            " it would be decided the other way."
    else:
        text = lead + f" Either party's version leaves it {verdict}."
    spread = _figure_spread(f, result)
    return f"{text} {spread}" if spread else text


VERDICT_WORDS = {"holds": "it is established", "does not hold": "it is not established",
                 "depends": "whether it is established turns on the other disputed facts"}


def _under_each_version(f: dict, path: str, versions: dict, disputes: dict, words):
    """The opinion under each party's version of one disputed fact: its verdict (the outcome
    range's, over the combinations taking that version), and for the allocation the provider's
    share; never one version taken silently. ('each', sentence) where the versions differ,
    ('alike', the fact's label, what both give) where they do not, None without versions."""
    from facts.formatting import percent
    said = (disputes.get(path) or {}).get("versions") or {}
    parts = []
    for party in sorted(versions):
        row = versions[party]
        verdict = row["findings"].get(f["id"], "holds" if f["holds"] else "does not hold")
        value = f" ({words.value(said[party], path)})" if party in said else ""
        text = VERDICT_WORDS[verdict]
        if f["element"].startswith("allocation."):
            low, high = row["provider_share"]["min"], row["provider_share"]["max"]
            text = ("the provider's share is " + (percent(low) if low == high else
                                                  f"{percent(low)} to {percent(high)} over "
                                                  "the other disputed facts' versions"))
        parts.append((party, value, text))
    if not parts:
        return None
    if len({t for _, _, t in parts}) == 1:
        return ("alike", words.label(path), parts[0][2])
    joined = "; ".join(f"on the {party}'s version of {words.label(path)}{value}, {text}"
                       for party, value, text in parts)
    return ("each", joined[:1].upper() + joined[1:] + ".")


def _figure_spread(f: dict, result: dict) -> str:
    """For an opinion that is a figure, whether the figure moves over the disputed versions."""
    rng = result.get("outcome_range") or {}
    if f["element"].startswith("allocation.") and rng.get("shares"):
        from facts.formatting import percent
        prov = rng["shares"].get("provider") or {}
        if prov and prov.get("min") != prov.get("max"):
            return (f"The provider's share ranges from {percent(prov['min'])} to "
                    f"{percent(prov['max'])} over the combinations of versions (Appendix C).")
    if f["element"].startswith("exposure."):
        route = f["element"].split(".")[1]
        moved = [k for k, v in (rng.get("exposure") or {}).items()
                 if k.startswith(route + ".") and v.get("min") != v.get("max")]
        if moved:
            return "Its figures differ over the combinations of versions (Appendix C)."
    return ""


def assumptions(result: dict, words, plain, by_id: dict, influence: dict, assumption: str) -> dict:
    disputes = []
    for path, d in sorted((result.get("disputes") or {}).items()):
        dependent = sorted((o for o in by_id.values() if path in o["disputed"]),
                           key=lambda o: o["no"])
        changed = sorted((by_id[x] for x in influence.get(path, set()) if x in by_id),
                         key=lambda o: o["no"])
        disputes.append({
            "anchor": f"disputed-{len(disputes) + 1}", "label": words.label(path),
            "versions": [{"name": words.role(p), "value": words.value(v, path),
                          "source": (d.get("sources") or {}).get(p, "")}
                         for p, v in sorted((d.get("versions") or {}).items())],
            "taken": d.get("assumed", assumption), "dependent": dependent, "changed": changed})
    unknown = [{"label": u["label"], "why": plain.text(u["why"]), "source": u.get("source", "")}
               for u in result.get("unknowns", []) if u.get("read", True)]
    defaults = sorted(words.label(k) for k, v in result.get("facts", {}).items()
                      if v.get("assumed") and not v.get("unknown"))
    return {"choice": assumption, "disputes": disputes, "unknown": unknown,
            "unknown_unread": sum(1 for u in result.get("unknowns", []) if not u.get("read", True)),
            "defaults": defaults}


class Authorities:
    """The report's table of authorities: each entry once, numbered in table order, with the
    pinpoints cited and the opinions relying on it."""

    def __init__(self, governing_law: str):
        self.governing_law = governing_law
        self._keys: dict[str, dict] = {}

    def cite_data(self, text: str, finding_id: str | None) -> str:
        from rules.authorities import parse_data_cite
        c = parse_data_cite(text)
        return self.add(c.key, c.pinpoint, finding_id)

    def cite(self, resolved: dict, finding_id: str) -> str:
        return self.add(resolved["key"], resolved.get("pinpoint", ""), finding_id)

    def add(self, key: str, pinpoint: str, finding_id: str | None) -> str:
        entry = self._keys.setdefault(key, {"key": key, "pins": {}, "findings": set()})
        entry["pins"].setdefault(pinpoint, set())
        if finding_id:
            entry["findings"].add(finding_id)
            entry["pins"][pinpoint].add(finding_id)
        return (key, pinpoint)

    def notes(self, refs) -> list[dict]:
        """Footnotes for the citations (key, pinpoint) a passage makes: one per authority, with
        every pinpoint the passage cites and its entry in the table (call after entries())."""
        from rules.authorities import authority
        pins: dict[str, list[str]] = {}
        for key, pin in dict.fromkeys(refs):
            pins.setdefault(key, []).append(authority(key).at(pin))
        notes = [{"n": self.number[key], "key": key, "cite": "; ".join(cites),
                  "text": f"{'; '.join(cites)}. Table of authorities, entry {self.number[key]}."}
                 for key, cites in pins.items()]
        return sorted(notes, key=lambda note: note["n"])   # markers read 21, 27, 28

    def _rows(self) -> list[dict]:
        from rules.authorities import authority
        rows = []
        for key, e in self._keys.items():
            a = authority(key)
            pins = []
            for pin in sorted(e["pins"]):
                v = a.verification_at(pin)
                pins.append({"pin": pin, "cite": a.at(pin), "status": v.status,
                             "checked": v.checked.isoformat() if v.checked else ""})
            rows.append({"key": key, "kind": a.kind, "citation": a.citation, "short": a.short,
                         "url": a.url or "", "pins": pins, "findings": e["findings"],
                         "status": a.verification.status})
        rows.sort(key=lambda r: (KIND_ORDER.index(r["kind"]) if r["kind"] in KIND_ORDER else 99,
                                 r["citation"].lower()))
        for n, row in enumerate(rows, start=1):
            row["n"] = n
        return rows

    def entries(self, by_id: dict) -> dict:
        rows = self._rows()
        for row in rows:
            row["opinions"] = sorted(by_id[f]["no"] for f in row.pop("findings") if f in by_id)
        self.number = {row["key"]: row["n"] for row in rows}
        self.rows = rows
        groups = []
        for row in rows:
            if not groups or groups[-1]["kind"] != row["kind"]:
                groups.append({"kind": row["kind"], "title": KIND_TITLES.get(row["kind"], "Other"),
                               "rows": []})
            groups[-1]["rows"].append(row)
        return {"rows": rows, "groups": groups, "number": self.number}

    def unverified(self) -> list[dict]:
        """Each cited provision whose current text was not verified, with how far it was checked."""
        out = []
        for row in getattr(self, "rows", None) or self._rows():
            for p in row["pins"]:
                if p["status"] != "verified":
                    out.append({"n": row.get("n"), "cite": p["cite"], "status": p["status"],
                                "words": STATUS_WORDS[p["status"]], "checked": p["checked"]})
        return out


def appendix(result: dict, catalogue: dict, opinions: list[dict], words) -> dict:
    from rules.parameters import Parameters
    index = [{"no": o["no"], "anchor": o["anchor"], "id": o["id"], "rule": o["rule"],
              "title": (catalogue.get(o["rule"]) or {}).get("title", "")} for o in opinions]
    trace = [{"step": s["step"], "rule": s["rule"],
              "title": (catalogue.get(s["rule"]) or {}).get("title", ""),
              "concluded": list(s.get("conclusions", []))} for s in result.get("trace", [])]
    used = sorted({p for s in result.get("trace", []) for p in s.get("parameters", [])}
                  | {row["weight_key"] for row in (result.get("allocation_detail") or {})
                     .get("factors", []) if row.get("weight_key")})
    overridden = result.get("parameters_overridden") or {}
    defaults = {p.key: p for p in Parameters.load().entries()}
    parameters = []
    for key in used:
        p = defaults.get(key)
        value = overridden.get(key, p.value if p else "")
        parameters.append({"key": key, "value": words.value(value, key),
                           "overridden": key in overridden, "unit": p.unit if p else "",
                           "description": p.description if p else "",
                           "source": p.source if p else "",
                           "authority": p.authority if p else ""})
    return {"index": index, "trace": trace, "parameters": parameters}
