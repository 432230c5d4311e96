"""The sequence of steps for study: per step the rule applied, the element it decides (by its
section in doctrinal order, rules/doctrine.py), what it concluded and whether that holds, what it
rested on (each premise with the step that concluded it), and why it comes at that point, said in
legal terms: a measurement before the elements judged on it, an element once its facts are
established, a conclusion drawn from other findings after them, the allocation once fault is
decided, the money once the allocation exists, and the closing of elements no rule could decide.
"""
from __future__ import annotations

from engine.explain import _Index


def steps(idx: _Index) -> list[dict]:
    from rules.doctrine import section, section_of
    result, total = idx.result, len(idx.result["trace"])
    derived_section = _derived_sections(result)
    out = []
    for t in result["trace"]:
        spec = idx.rules.get(t["rule"], {})
        conclusions = [_conclusion(idx, cid, t["step"]) for cid in t["conclusions"]]
        elements = [c["element"] for c in conclusions if c["kind"] == "finding"]
        if elements:
            key = section_of(elements[0])
        else:
            key = next((derived_section[c["id"]] for c in conclusions
                        if c["id"] in derived_section), None) or section_of(
                spec.get("concludes") or spec.get("area", ""))
        premises = [_premise(idx, pid, t["step"]) for pid in t["premises"]]
        out.append({
            "step": t["step"], "of": total, "rule": t["rule"], "title": spec.get("title", ""),
            "area": spec.get("area", ""), "principle": spec.get("principle", ""),
            "section": key, "section_title": section(key).title,
            "conclusions": conclusions, "premises": premises, "parameters": t["parameters"],
            "why": _why_here(spec, premises, conclusions, key),
            "salience": spec.get("salience", ""), "phase": spec.get("phase", "main")})
    return out


def _derived_sections(result: dict) -> dict[str, str]:
    """Each measurement's section: the one the doctrine lists it under, else the earliest section
    (in doctrinal order) of a finding that read it."""
    from rules.doctrine import order, section_of, sections
    listed = {d: s.key for s in sections() for d in s.derived}
    out: dict[str, str] = {}
    for f in result["findings"]:
        key = section_of(f["element"])
        for p in f["premises"]:
            if p.startswith("derived.") and (p not in out or order(key) < order(out[p])):
                out[p] = key
    return {**out, **listed}


def _conclusion(idx: _Index, cid: str, step: int) -> dict:
    f = idx.findings.get(cid)
    if f is not None:
        kept = f["step"] == step
        return {"kind": "finding", "id": cid, "element": f["element"], "party": f["party"],
                "holds": f["holds"] if kept else None,
                "summary": f["summary"] if kept else
                f"concluded here and concluded again at step {f['step']}, whose conclusion stands",
                "final_step": f["step"]}
    d = idx.derived.get(cid, {})
    undetermined = cid in (idx.result.get("undetermined") or {})
    return {"kind": "derived", "id": cid, "element": "", "party": "", "holds": None,
            "summary": d.get("text", "") or ("could not be measured: a fact it needs is unknown"
                                             if undetermined else ""), "final_step": step}


def _premise(idx: _Index, pid: str, step: int) -> dict:
    if pid in idx.lists:
        return {"id": pid, "kind": "list", "step": None, "items": idx.lists[pid]["items"]}
    if pid in idx.facts and pid not in idx.producers:
        fact = idx.facts[pid]
        return {"id": pid, "kind": "input", "step": None, "source": fact.get("source", ""),
                "unknown": bool(fact.get("unknown"))}
    at = idx.producer(pid, step)
    if pid in idx.findings:
        holds = idx.findings[pid]["holds"] if idx.findings[pid]["step"] == at else None
        rule = idx.steps[at]["rule"] if at in idx.steps else idx.findings[pid]["rule"]
        return {"id": pid, "kind": "finding", "step": at, "holds": holds,
                "title": idx.rules.get(rule, {}).get("title", "")}
    return {"id": pid, "kind": "derived", "step": at}


def _steps_of(premises: list[dict], kind: str) -> list[int]:
    return sorted({p["step"] for p in premises if p["kind"] == kind and p["step"]})


def _numbers(steps: list[int]) -> str:
    from facts.formatting import listing
    if not steps:
        return ""
    return ("step " if len(steps) == 1 else "steps ") + listing([str(s) for s in steps])


def _why_here(spec: dict, premises: list[dict], conclusions: list[dict], key: str) -> str:
    """Why this step comes where it does, in legal terms (the precedence level of the rule is
    what orders it; this says what that level means for the law)."""
    from rules.doctrine import section
    level = spec.get("salience", "ELEMENT")
    measured = _numbers(_steps_of(premises, "derived"))
    found = _numbers(_steps_of(premises, "finding"))
    measured_by = f" It builds on the measurements of {measured}." if measured else ""
    title = section(key).title
    if spec.get("phase") == "close" or level == "CLOSE":
        return ("Closing the record: every element no rule could decide on this record is "
                "recorded as not established, naming the premise that was missing. Not "
                "established is not a finding of the opposite.")
    if level == "MEASURE":
        return ("A measurement: it fixes, from the record, a fact the elements are judged on, "
                "so it comes before the elements that need it." + measured_by)
    if level == "EXPOSURE":
        return ("What each route recovers is worked out once fault is allocated" +
                (f" (it rests on {found})" if found else "") + ".")
    if level == "AGGREGATE" or spec.get("phase") in ("aggregate", "allocate"):
        return (f"It weighs what the earlier steps concluded ({title.lower()} comes once the "
                f"elements it draws on are decided)" + (f"; it rests on {found}" if found else "")
                + "." + measured_by)
    if level == "COMPOSITE":
        return ("It draws a conclusion from other findings, so it comes after them" +
                (f" ({found})" if found else "") + "." + measured_by)
    if level == "EXCEPTION":
        return ("An exception: it qualifies an element already decided" +
                (f" ({found})" if found else "") + "." + measured_by)
    if any(c["kind"] == "finding" for c in conclusions):
        return (f"It decides an element of {title.lower()} on the facts of the record" +
                (f" and the measurements of {measured}" if measured else "") +
                (f", given {found}" if found else "") + ", once those are established.")
    return "It records a fact the later steps read." + measured_by
