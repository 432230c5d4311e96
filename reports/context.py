"""The template context: the result regrouped for reading. Presentation only — every figure,
conclusion and sentence here is one the result already holds; this module sorts, groups and
numbers them, and never decides anything."""
from __future__ import annotations

from decimal import Decimal

from facts import formatting as fmt
from reports import disputed_view as disputed
from reports.data_words import in_words
from reports.format import CaseWords

TITLES = {"expert": "Expert report", "mediator": "Mediator brief",
          "student": "Student walkthrough"}
AREA_ORDER = ["duty", "breach", "causation", "governance", "care", "disclosure", "proof",
              "allocation", "exposure", "remedy", "pathway"]
# Areas whose holding findings speak for the party they name (all others speak against it).
IN_FAVOUR_AREAS = {"care"}
# Areas that are outcomes or bookkeeping rather than a party's conduct.
NOT_CONDUCT = {"allocation", "exposure", "proof", "remedy", "pathway"}
SIDE_LIMIT = 6


def governing_law_words(case: dict) -> str:
    """'New York (US-NY)': the governing law's place with its code, or the code alone where the
    result names no place."""
    code = str(case.get("governing_law") or "")
    name = case.get("governing_law_name")
    return f"{name} ({code})" if name and code else code or str(name or "")


def build(result: dict, catalogue: dict, audience: str = "expert",
          expert: dict | None = None) -> dict:
    case = {**result["case"], "governing_law_words": governing_law_words(result["case"])}
    currency = case.get("currency") or "USD"
    words = CaseWords.of(result)
    from engine.explain import direct_premises
    rests_on = direct_premises(result)
    views = [_finding_view(f, rests_on[f["id"]], catalogue, words) for f in result["findings"]]
    by_id = {v["id"]: v for v in views}
    said = disputed.finding_words(catalogue)
    ctx = {
        "r": result, "rules": catalogue, "audience": audience, "title": TITLES[audience],
        "case": case, "currency": currency, "words": words,
        "party_names": words.names,
        "findings": views,
        "opinions": [v for v in views if v["holds"] and v["area"] not in {"allocation", "proof"}],
        "allocation_finding": next((v for v in views if v["area"] == "allocation"), None),
        "areas": _areas(views),
        "allocation": _allocation(result, by_id, words),
        "exposure": _exposure(result.get("exposure"), words),
        # the routes are alternatives (EXPO-004): which is the client's strongest, said once
        "exposure_note": (by_id.get("exposure.strongest.provider") or {}).get("summary", ""),
        "disputes": disputed.disputes(result, words, said),
        "unknowns": [{"id": u["id"], "label": u["label"], "why": u["why"],
                      "source": u.get("source", "")} for u in result.get("unknowns", [])
                     if u.get("read", True)],
        "unknowns_unread": sum(1 for u in result.get("unknowns", []) if not u.get("read", True)),
        "assumption": (result.get("assumptions") or {}).get("disputed_facts", "neither"),
        "decisive_unknowns": disputed.decisive_unknowns(result.get("decisive_unknowns"), words,
                                                        said),
        "evidence": _evidence(result, words),
        "outcome_range": disputed.outcome_range(result.get("outcome_range"), words, said,
                                                _figure),
        "stamp": {k: result.get(k, "") for k in ("faultline_version", "rulebase_version",
                                                  "input_sha256", "parameters_sha256")},
        "rules_fired": len({s["rule"] for s in result.get("trace", [])}),
        "steps_count": len(result.get("trace", [])),
        "timeline": _timeline(result, words),
        "page": _page(result),
    }
    if audience == "expert":
        ctx["facts_relied"] = _facts_relied(result, words)
        ctx["methodology"] = _methodology(result, catalogue)
        ctx["assumed_count"] = sum(1 for f in result["facts"].values() if f.get("assumed"))
        from reports.expert_report import build as expert_report
        ctx["report"] = expert_report(result, catalogue, {**ctx, "_rests_on": rests_on}, expert)
        ctx["page"] = ctx["report"]["forum"].page
    if audience == "mediator":
        from reports.mediator import brief
        ctx.update(brief(result, catalogue, words, ctx["exposure"], views, _moves(result, said),
                         _sides(views, result)))
        from reports.settlement import settlement_context   # `settle` adds it (docs/settlement.md)
        ctx["settlement"] = settlement_context(result)
    if audience == "student":
        ctx.update(_student(result, catalogue, words))
    ctx["notes"], ctx["note_of"] = _notes(_cited(ctx, audience), catalogue, by_id)
    for v in views:
        v["note"] = ctx["note_of"].get(v["rule"])
    return ctx


def _page(result: dict) -> str:
    """Letter for a US forum, A4 elsewhere (reports/forum.py)."""
    from reports.forum import forum_of
    return forum_of(result.get("case") or {}).page


def _cited(ctx: dict, audience: str) -> list[dict]:
    """The findings the document cites, in the order a reader meets them."""
    first = [ctx["allocation_finding"]] if ctx["allocation_finding"] else []
    if audience == "mediator":
        sides = [v for side in ctx["sides"] for v in side["weak"] + side["strong"]]
        path = [v for v in ctx["findings"] if v["element"] == "remedy.pathway"]
        return first + sides + ctx["remedies"] + path
    if audience == "student":
        by_rule = {v["rule"]: v for v in reversed(ctx["findings"])}
        entries = [e for sec in ctx["sections"] for e in sec["entries"]]
        return first + [by_rule[e["rule"]] for e in entries if e["rule"] in by_rule]
    return first + ctx["opinions"] + [v for a in ctx["areas"] for v in a["findings"]]


def _student(result, catalogue, words: CaseWords) -> dict:
    """The walkthrough by element (reports/student.py), its glossary and its questions."""
    from reports.student import (exposure_in_words, glossary_used, questions, texts_of,
                                 walkthrough)
    sections = walkthrough(result, catalogue, words)
    exposure = exposure_in_words(_exposure(result.get("exposure"), words), catalogue, words)
    asked = questions(result, catalogue, words)
    said = texts_of(sections) + [x for r in exposure for x in r["steps"] + r["flags"]]
    said += [x for q in asked for x in (q["text"], q["premise"], *q["changes"])]
    return {"sections": sections, "exposure": exposure, "questions": asked,
            "glossary": glossary_used(said)}


def _timeline(result, words: CaseWords):
    from reports.timeline import events
    return [{"label": e["label"], "kind": e["kind"], "when": words.time(e["at"]),
             "end": words.time(e["end"]) if e.get("end") else ""} for e in events(result)]


def _notes(cited: list[dict], catalogue: dict, by_id: dict):
    """One numbered note per rule the document cites (its authority), numbered as met."""
    notes, note_of = [], {}
    for v in cited:
        rid = v["rule"]
        if rid in note_of:
            continue
        rule = catalogue.get(rid, {})
        note_of[rid] = len(notes) + 1
        text = rule.get("authority") or by_id[v["id"]].get("authority", "")
        notes.append({"n": len(notes) + 1, "rule": rid, "title": rule.get("title", ""),
                      "text": in_words(text)})
    return notes, note_of


def _finding_view(f, premises, catalogue, words: CaseWords):
    rule = catalogue.get(f["rule"], {})
    checks = [{**c, "detail": words.prose(c.get("detail", ""))} for c in f.get("checks", [])]
    return {**f, "summary": words.prose(f["summary"]), "checks": checks,
            "area": f["element"].split(".")[0], "title": rule.get("title", ""),
            "rule_area": rule.get("area", ""),
            "principle": rule.get("principle", ""),
            "authority_text": rule.get("authority") or f.get("authority", ""),
            "note": None, "premise_views": premises,
            "failing": [c for c in checks if not c.get("holds")]}


def _areas(views):
    names = sorted({v["area"] for v in views},
                   key=lambda a: (AREA_ORDER.index(a) if a in AREA_ORDER else 99, a))
    return [{"name": a, "findings": [v for v in views if v["area"] == a]} for a in names]


def _allocation(result, by_id, words: CaseWords):
    detail = result.get("allocation_detail") or {}
    factors = detail.get("factors") or []
    points = detail.get("points") or {}
    total_terms = " + ".join(f"{words.party(p)} {v}" for p, v in sorted(points.items()))
    shares = [{"party": p, "name": words.role(p), "share": s, "points": points.get(p, ""),
               "terms": total_terms}
              for p, s in sorted((result.get("allocation") or {}).items())]
    rows = [{**row, "name": words.party(row.get("party", "")),
             "summary": by_id.get(row["finding"], {}).get("summary", "")}
            for row in factors]
    roots = [{**r, "name": words.party(r.get("party", "")),
              "culpability_text": ", ".join(f"{fmt.humanize(k)} ×{v}" for k, v in
                                            sorted(r["culpability"]["factors"].items()))
              or "inadvertent ×1"}
             for r in detail.get("roots") or []]
    chair = detail.get("empty_chair")
    if chair:   # the non-party by its name, as everywhere else in a report
        name = words.party(chair["party"])
        chair = {**chair, "argument": chair["argument"].replace(chair["party"], name),
                 "shares_with": {words.party(p): v for p, v in chair["shares_with"].items()},
                 "shares_without": {words.party(p): v for p, v in
                                    chair["shares_without"].items()}}
    return {"rows": rows, "multipliers": sorted((detail.get("multipliers") or {}).items()),
            "points": [(words.party(p), v) for p, v in sorted(points.items())],
            "shares": shares, "roots": roots, "tranches": detail.get("tranches") or [],
            "sentences": [words.prose(t) for t in detail.get("sentences") or []],
            "not_counted": detail.get("not_counted") or [], "method": detail.get("method", ""),
            "empty_chair": chair}


def _figure(key, value, words: CaseWords):
    if isinstance(value, dict) and {"min", "max"} <= set(value):
        lo, hi = value["min"], value["max"]
        if lo == hi:
            return _figure(key, lo, words)
        return f"{_figure(key, lo, words)} to {_figure(key, hi, words)}"
    if value is None:
        return "—"
    return words.value(value, key)


def _exposure(exposure, words: CaseWords):
    if not exposure:
        return []
    routes = []
    for route, item in sorted(exposure.items()):
        item = item if isinstance(item, dict) else {"value": item}
        figures = [{"label": fmt.humanize(k), "text": _figure(k, v, words)}
                   for k, v in sorted(item.items())
                   if k not in ("steps", "route", "flags", "fines", "rests_on", "decided_by",
                                "breaches", "failures", "heads")]
        routes.append({"route": route, "steps": list(item.get("steps") or []),
                       "flags": list(item.get("flags") or []), "figures": figures,
                       "headline": _figure("provider_pays", item["provider_pays"], words)
                       if "provider_pays" in item else ""})
    return routes


def _evidence(result, words: CaseWords):
    """Evidence files read, and where they contradicted the case file (both values shown)."""
    out = []
    for ref_id, e in sorted((result.get("evidence") or {}).items()):
        out.append({"id": ref_id, "file": e.get("file", ""), "kind": e.get("kind", ""),
                    "rows": e.get("rows", 0),
                    "unusable": (e.get("unusable_rows") or {}).get("count", 0),
                    "sha256": e.get("sha256", ""), "derived_items": e.get("items", []),
                    "conflicts": [{**c, "case": words.value(c.get("case"), c.get("field", "")),
                                   "evidence": words.value(c.get("evidence"), c.get("field", ""))}
                                  for c in e.get("conflicts", [])]})
    return out


def _facts_relied(result, words: CaseWords):
    """Input facts a holding finding rests on, and every fact the case file gives an exhibit for."""
    facts = result.get("facts", {})
    cited: dict[str, list[str]] = {}
    for f in result["findings"]:
        if f["holds"]:
            for p in f.get("premises", []):
                if p in facts:
                    cited.setdefault(p, []).append(f["id"])
    ids = sorted(set(cited) | {k for k, v in facts.items() if v.get("source")})
    return [{"id": k, "label": words.label(k), "value": words.value(facts[k].get("value"), k),
             "source": facts[k].get("source", ""),
             "disputed": facts[k].get("disputed", False), "assumed": facts[k].get("assumed", False),
             "cited_by": len(cited.get(k, []))} for k in ids]


def _methodology(result, catalogue):
    trace = result.get("trace", [])
    fired = sorted({s["rule"] for s in trace})
    by_area: dict[str, list[str]] = {}
    for rid in fired:
        by_area.setdefault(catalogue.get(rid, {}).get("area", "other"), []).append(rid)
    used = sorted({p for s in trace for p in s.get("parameters", [])}
                  | {row["weight_key"] for row in (result.get("allocation_detail") or {})
                     .get("factors", []) if row.get("weight_key")})
    overridden = result.get("parameters_overridden") or {}
    regimes = [{"id": k, "text": v.get("text", "")} for k, v in sorted(result.get("derived", {})
               .items()) if "regime" in k or "jurisdiction" in k or "deadline" in k]
    return {"rule_count": len(catalogue), "fired": fired,
            "by_area": sorted(by_area.items()), "parameters": used,
            "overridden": sorted(overridden.items()), "regimes": regimes}


def _moves(result, said):
    """What moves the outcome most, as far as the result already says."""
    decisive = result.get("decisive_facts")
    if decisive:
        return {"kind": "decisive", "entries": decisive if isinstance(decisive, list) else [decisive],
                "sampled": (result.get("decisive_basis") or {}).get("sampled_lists", [])}
    rng = result.get("outcome_range") or {}
    items = [i for i in rng.get("influence") or [] if i.get("findings_changed")
             or str(i.get("provider_share_swing", "0")).strip("0.") != ""
             or str(i.get("exposure_swing", "0")).strip("0.") != ""]
    if items:
        return {"kind": "influence", "entries": [disputed.effect(i, said) for i in items]}
    return {"kind": "none", "entries": []}


def _sides(views, result):
    points = {row["finding"]: Decimal(str(row["points"]))
              for row in (result.get("allocation_detail") or {}).get("factors", [])}
    sides = []
    for party in ("provider", "client"):
        conduct = [v for v in views if v["party"] == party and v["area"] not in NOT_CONDUCT
                   and v["rule_area"] != "proof"]
        weak = [v for v in conduct if v["holds"] and v["area"] not in IN_FAVOUR_AREAS]
        weak.sort(key=lambda v: (-points.get(v["id"], Decimal(0)), v["id"]))
        strong = [v for v in conduct if v["holds"] and v["area"] in IN_FAVOUR_AREAS]
        strong += [v for v in conduct if not v["holds"] and v["area"] not in IN_FAVOUR_AREAS]
        sides.append({"party": party, "weak": weak[:SIDE_LIMIT],
                      "weak_more": max(0, len(weak) - SIDE_LIMIT),
                      "strong": strong[:SIDE_LIMIT], "strong_more": max(0, len(strong) - SIDE_LIMIT),
                      "points": {v["id"]: str(points[v["id"]]) for v in weak if v["id"] in points}})
    return sides
