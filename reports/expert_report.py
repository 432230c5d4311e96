"""The expert report's structure: one dict every format renders (Markdown, HTML, and the DOCX and
PDF built from the HTML), so the documents cannot disagree.

Order, after the forum's rules (reports/forum.py): summary of opinions; the expert; materials
considered; assumptions; the analysis by legal element in the order of rules/data/doctrine.yaml
(duty, breach, statutory notice, causation, damages, defences, allocation, remedies and dispute
pathway); table of authorities; declaration and signature; appendices with the ids, the trace,
the parameters, the decisive unknowns and the stamp.

Every opinion is a finding of the result, stated in its own words with ids replaced
(reports/plain_words.py), numbered in element order; its basis is the step's direct premises; a
finding closed for want of a premise names the premise it lacks. Nothing here decides anything.
"""
from __future__ import annotations

import re

from reports import expert_sections as sections_
from reports.forum import forum_of
from reports.plain_words import Plain

PROOF_RULE = "PROOF-001"
NEEDS = re.compile(r"^(?P<rule>[A-Z]+-\d+) needs (?:fact |finding )?(?P<need>\S+)$")


def build(result: dict, catalogue: dict, ctx: dict, expert: dict | None = None) -> dict:
    from rules.doctrine import section_of, sections
    expert = expert or {}
    words = ctx["words"]
    governing = result["case"].get("governing_law", "")
    ordered, by_section = [], {}
    for s in sections():
        members = [f for f in result["findings"] if section_of(f["element"]) == s.key]
        members.sort(key=lambda f: (not f["holds"], f["rule"] == PROOF_RULE, f["id"]))
        by_section[s.key] = members
        ordered += members
    headings = {f["id"]: _heading(f, catalogue) for f in ordered}
    numbers = {f["id"]: (n, headings[f["id"]]) for n, f in enumerate(ordered, start=1)}
    plain = Plain(result, catalogue, words, numbers)
    for fid, (n, heading) in numbers.items():           # regime subjects in words too
        numbers[fid] = (n, plain.text(heading))
    plain = Plain(result, catalogue, words, numbers)
    table = sections_.Authorities(governing)
    forum_named = (result.get("facts", {}).get("case.forum") or {}).get("value")
    case = {**result["case"], "forum": forum_named if isinstance(forum_named, str) else ""}
    forum = forum_of(case, expert.get("forum_rules"))
    forum_refs = [table.cite_data(cite_text, None) for cite_text in forum.cites]
    rests_on = ctx["_rests_on"]
    influence = {i["fact"]: set(i.get("findings_changed") or [])
                 for i in (result.get("outcome_range") or {}).get("influence", [])}
    assumption = (result.get("assumptions") or {}).get("disputed_facts", "neither")
    analysis = []
    for s in sections():
        test_refs = [table.add(c.key, c.pinpoint, None)
                     for c in s.citations(governing) if c.kind == "authority"]
        opinions = [_opinion(f, numbers, plain, words, rests_on[f["id"]], table, result,
                             influence, assumption, catalogue) for f in by_section[s.key]]
        measures = [{"label": words.label(d), "text": plain.text(result["derived"][d].get("text"))}
                    for d in s.derived if d in result.get("derived", {})]
        analysis.append({"key": s.key, "title": s.title, "test": s.test, "refs": test_refs,
                         "opinions": opinions, "measures": measures})
    all_opinions = [o for sec in analysis for o in sec["opinions"]]
    by_id = {o["id"]: o for o in all_opinions}
    authorities = table.entries(by_id)
    for sec in analysis:
        sec["notes"] = table.notes(sec.pop("refs"))
        for o in sec["opinions"]:
            o["notes"] = table.notes(o.pop("refs"))
    forum_refs = table.notes(forum_refs)
    return {
        "forum": forum,
        "forum_notes": forum_refs,
        "expert": sections_.expert_block(expert, forum, result["case"]),
        "headline": _headline(ctx, by_id, words),
        "summary": [{"title": sec["title"], "held": [o for o in sec["opinions"] if o["holds"]],
                     "not_held": sum(1 for o in sec["opinions"] if not o["holds"])}
                    for sec in analysis if sec["opinions"]],
        "materials": sections_.materials(result, words, plain),
        "timeline": [{**t, "label": plain.text(t["label"])} for t in ctx["timeline"]],
        "assumptions": sections_.assumptions(result, words, plain, by_id, influence, assumption),
        "analysis": analysis,
        "allocation": _allocation(ctx["allocation"], by_id, plain, words),
        "exposure": [{**e, "steps": [plain.text(s) for s in e["steps"]],
                      "flags": [plain.text(x) for x in e["flags"]]} for e in ctx["exposure"]],
        "authorities": authorities,
        "caveat": table.unverified(),
        "appendix": sections_.appendix(result, catalogue, all_opinions, words),
        "count": len(all_opinions),
    }


def _heading(f: dict, catalogue: dict) -> str:
    """The finding as a heading: the title of the rule that decides its element, and its subject."""
    rule = f["rule"]
    if rule == PROOF_RULE:
        deciding = [m.group("rule") for c in f.get("checks", [])
                    if (m := NEEDS.match(c.get("condition", "")))]
        rule = deciding[0] if deciding else rule
    title = (catalogue.get(rule) or {}).get("title") or f["element"].split(".")[-1].replace("_", " ")
    subject = f.get("subject") or ""
    return f"{title}: {subject}" if subject else title


def _opinion(f, numbers, plain: Plain, words, premises, table, result, influence, assumption,
             catalogue) -> dict:
    number, heading = numbers[f["id"]]
    facts = result.get("facts", {})
    basis, unknown_read = [], []
    for p in premises:
        pid = p["id"]
        if p["type"] == "finding":
            n, h = numbers.get(pid, (None, plain.text(pid)))
            held = next((x["holds"] for x in result["findings"] if x["id"] == pid), None)
            basis.append({"kind": "opinion", "no": n, "heading": h, "holds": held})
        elif p["type"] == "derived":
            basis.append({"kind": "measure", "label": words.label(pid),
                          "text": plain.text((result["derived"].get(pid) or {}).get("text", ""))})
        elif p["type"] == "list":
            basis.append({"kind": "record", "label": words.label(pid), "count": p.get("count", 0)})
        elif (facts.get(pid) or {}).get("unknown"):
            unknown_read.append(words.label(pid))
        else:
            basis.append({"kind": "fact", "label": words.label(pid),
                          "value": plain.text(words.value((facts.get(pid) or {}).get("value"),
                                                          pid)),
                          "source": p.get("source") or "", "disputed": p.get("disputed")})
    missing = []
    if f["rule"] == PROOF_RULE:
        basis, unknown_read = [], []
        for c in f.get("checks", []):
            m = NEEDS.match(c.get("condition", ""))
            if m:
                missing.append({"premise": plain.text(m.group("need")),
                                "rule": plain.text(m.group("rule")),
                                "why": plain.text(c.get("detail", ""))})
    refs, terms, choices = [], [], []
    for a in f.get("authorities", []):
        if a.get("kind") == "authority":
            refs.append(table.cite(a, f["id"]))
        elif a.get("kind") == "contract":
            terms.append(plain.text(a.get("text", "")))
        elif a.get("kind") == "modelling_choice":
            choices.append(plain.text(a.get("text", "")))
    disputed = list((f.get("depends_on") or {}).get("disputed") or [])
    return {"no": number, "anchor": f"opinion-{number}", "id": f["id"], "rule": f["rule"],
            "heading": heading, "party": words.party(f.get("party", "")),
            "holds": bool(f["holds"]),
            "text": (f"It is not established on this record: {'; '.join(m['premise'] for m in missing)} "
                     f"{'is' if len(missing) == 1 else 'are'} not in the record."
                     if missing else plain.text(words.prose(f["summary"]))),
            "burden": words.party(f.get("burden", "")) if f.get("burden") else "",
            "standard": f.get("standard_of_proof", ""),
            "checks": [{"holds": bool(c.get("holds")),
                        "text": plain.text(words.prose(c.get("condition", "")
                                                       + (f": {c['detail']}" if c.get("detail")
                                                          else "")))}
                       for c in f.get("checks", []) if f["rule"] != PROOF_RULE],
            "basis": basis, "unknown_read": sorted(set(unknown_read)), "missing": missing,
            "refs": refs, "terms": sorted(set(terms)),
            "choices": sorted(set(choices)),
            "conditional": sections_.conditional(f, disputed, result, words, influence,
                                                 assumption),
            "disputed": disputed}


def _allocation(alloc: dict, by_id: dict, plain: Plain, words) -> dict:
    """The allocation's arithmetic as the result gives it, with root failures and findings in
    words: each root failure with the opinions it gathers, each tranche of the harm with the
    failures that caused it and each party's responsibility within it."""
    titles = {r["id"]: r.get("title") or r["id"] for r in alloc.get("roots") or []}
    roots = [{**r, "opinions": [by_id[f] for f in r.get("findings", []) if f in by_id],
              "culpability_text": plain.text(r.get("culpability_text", ""))}
             for r in alloc.get("roots") or []]
    tranches = [{**t, "label": plain.text(t.get("label", "")),
                 "amount_text": words.money(t["amount"]) if t.get("amount") is not None else "",
                 "causes_text": [titles.get(c, plain.text(c)) for c in t.get("causes") or []],
                 "responsibility_text": [(words.party(p), v) for p, v in
                                         sorted((t.get("responsibility") or {}).items())]}
                for t in alloc.get("tranches") or []]
    chair = alloc.get("empty_chair")
    return {"roots": roots, "tranches": tranches, "shares": alloc.get("shares") or [],
            "sentences": [plain.text(x) for x in alloc.get("sentences") or []],
            "not_counted": [plain.text(x) for x in alloc.get("not_counted") or []],
            "method": plain.text(alloc.get("method", "")),
            "empty_chair": {**chair, "argument": plain.text(chair["argument"])} if chair else None}


def _headline(ctx, by_id, words) -> dict:
    shares = [{"name": s["name"], "share": s["share"]} for s in ctx["allocation"]["shares"]]
    alloc = next((o for o in by_id.values() if o["id"].startswith("allocation.")), None)
    exposure = [o for o in by_id.values() if o["id"].startswith("exposure.") and o["holds"]]
    # the strongest-route opinion already says the routes are alternatives: not again
    said = any(o["id"].startswith("exposure.strongest.") for o in exposure)
    return {"shares": shares, "allocation": alloc, "exposure": exposure,
            "alternatives_said": said}
