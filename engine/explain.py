"""Explanations over a result dict: the derivation tree of a finding, its why-not, the trace.

Pure functions: they read only the result (and the rule catalogue for titles and needs), never
re-run a rule. A premise is expanded through the trace: the step that concluded it is the latest
step before the step that read it, so a tree follows step numbers downwards and cannot cycle.
"""
from __future__ import annotations

import re
from functools import lru_cache

from facts.errors import FaultlineInputError, did_you_mean

PHASE_ORDER = ("main", "aggregate", "allocate", "close")
_NEEDS = re.compile(r"^(?P<rule>[A-Z]+-\d+) needs (?P<need>.+)$")


@lru_cache(maxsize=1)
def rule_catalogue() -> dict[str, dict]:
    """Id, title, area, authority, salience, phase and needs of every rule (rules/ data only)."""
    from rules.catalogue import all_rules
    return {s.id: {"id": s.id, "title": s.title, "area": s.area, "authority": s.authority,
                   "salience": s.salience.name, "salience_value": int(s.salience),
                   "phase": s.phase or "main", "concludes": s.concludes,
                   "principle": s.principle,
                   "needs": [{"fact": n.fact_id, "kind": n.kind, "finding": n.finding,
                              "describe": n.describe()} for n in s.needs]}
            for s in all_rules()}


class _Index:
    def __init__(self, result: dict, catalogue: dict | None):
        self.result = result
        self.rules = catalogue or rule_catalogue()
        self.findings = {f["id"]: f for f in result["findings"]}
        self.facts, self.derived = result["facts"], result["derived"]
        self.lists = result.get("lists", {})
        self.steps = {t["step"]: t for t in result["trace"]}
        self.producers: dict[str, list[int]] = {}
        for t in result["trace"]:
            for c in t["conclusions"]:
                self.producers.setdefault(c, []).append(t["step"])

    def producer(self, fact_id: str, before: int) -> int | None:
        earlier = [s for s in self.producers.get(fact_id, []) if s < before]
        return earlier[-1] if earlier else None

    def rule(self, rule_id: str) -> dict:
        r = self.rules.get(rule_id, {})
        return {"id": rule_id, "title": r.get("title", ""), "area": r.get("area", ""),
                "authority": r.get("authority", "")}


def finding_or_error(result: dict, finding_id: str) -> dict:
    found = next((f for f in result["findings"] if f["id"] == finding_id), None)
    if found is None:
        ids = [f["id"] for f in result["findings"]]
        area = finding_id.split(".")[0]
        near = [i for i in ids if i.split(".")[0] == area] or ids
        scope = f"{area} findings" if near is not ids else "findings"
        raise FaultlineInputError(
            "explain", finding_id, f"no such finding{did_you_mean(finding_id, ids)}; valid "
                                   f"{scope}: {', '.join(near)} ({len(ids)} findings in all)")
    return found


def explain_tree(result: dict, finding_id: str, depth: int | None = None,
                 catalogue: dict | None = None) -> dict:
    """The derivation tree of one finding, down to input facts (leaves) or `depth` levels."""
    idx = _Index(result, catalogue)
    root = finding_or_error(result, finding_id)
    return _finding_node(idx, root, root["step"], depth)


def _finding_node(idx: _Index, f: dict, step: int, depth: int | None) -> dict:
    node = {"type": "finding", "id": f["id"], "element": f["element"],
            "area": f["element"].split(".")[0], "party": f["party"], "step": step}
    if f["step"] == step:
        node.update(holds=f["holds"], summary=f["summary"], checks=f["checks"],
                    rule=idx.rule(f["rule"]), rules=f["rules"])
        premises = f["premises"]
    else:  # another rule concluded the same id at this step; the result kept a later version
        t = idx.steps[step]
        node.update(holds=None, summary=f"(concluded at step {step}; the result keeps the "
                                        f"version of step {f['step']})", checks=[],
                    rule=idx.rule(t["rule"]), rules=f["rules"])
        premises = t["premises"]
    node["parameters"] = idx.steps[step]["parameters"] if step in idx.steps else []
    if node["rule"]["id"] == "PROOF-001" and f["step"] == step:
        # PROOF-001 reads every finding to see which elements were decided; what explains
        # its conclusion is the premise that was absent, so that is what the tree shows.
        node["children"] = [{"type": "absent", "id": r["missing"], "area": "evidence",
                             "rule": idx.rule(r["rule"]), "summary": r["cause"],
                             "children": []} for r in _absent_reasons(idx, f)]
        return node
    return _expand(idx, node, premises, step, depth)


def _derived_node(idx: _Index, fact_id: str, step: int, depth: int | None) -> dict:
    t, d = idx.steps[step], idx.derived.get(fact_id, {})
    rule = idx.rule(t["rule"])
    node = {"type": "derived", "id": fact_id, "area": rule["area"], "step": step,
            "value": d.get("value"), "text": d.get("text", ""), "rule": rule,
            "parameters": t["parameters"]}
    return _expand(idx, node, t["premises"], step, depth)


def _input_node(idx: _Index, fact_id: str) -> dict:
    fact = idx.facts[fact_id]
    exhibits = [fact["source"]] if fact.get("source") else []
    disputes = {p: d for p, d in idx.result.get("disputes", {}).items()
                if p == fact_id or p.startswith(fact_id + ".") or p.startswith(fact_id + "[")}
    for path, d in sorted(disputes.items()):
        for party, src in sorted(d.get("sources", {}).items()):
            field = "" if path == fact_id else " of " + path[len(fact_id):].lstrip(".")
            label = f"{src} ({party}'s version{field})"
            if src and label not in exhibits:
                exhibits.append(label)
    return {"type": "input", "id": fact_id, "area": "evidence", "value": fact["value"],
            "kind": fact.get("kind", ""), "source": fact.get("source", ""),
            "exhibits": exhibits, "assumed": fact.get("assumed", False),
            "disputed": bool(disputes), "disputes": disputes, "children": []}


def _list_node(idx: _Index, kind: str) -> dict:
    """A list (or mapping) the rule read as a whole: a leaf giving its size and digest. The items
    that decided the conclusion are premises of their own, beside it."""
    entry = idx.lists[kind]
    disputes = {p: d for p, d in idx.result.get("disputes", {}).items()
                if p.startswith((kind + "[", kind + "."))}
    return {"type": "input", "id": kind, "area": "evidence", "kind": "list",
            "value": f"{entry['items']} items, sha256 {entry['sha256'][:16]}",
            "items": entry["items"], "sha256": entry["sha256"], "source": "",
            "exhibits": [], "assumed": False, "disputed": bool(disputes), "disputes": disputes,
            "children": []}


def direct_premises(result: dict) -> dict[str, list[dict]]:
    """What each finding rests on directly, for a report's "rests on" line: per finding id, each
    premise of the step that concluded it as {id, type, source, disputed} (type `input`, `list`,
    `derived` or `finding`; a list adds `count` and `sha256`). One pass over the result."""
    facts, lists = result["facts"], result.get("lists", {})
    produced = {c for t in result["trace"] for c in t["conclusions"]}
    finding_ids = {f["id"] for f in result["findings"]}
    disputed_lists = {kind for kind in lists for p in result.get("disputes", {})
                      if p.startswith((kind + "[", kind + "."))}
    out = {}
    for f in result["findings"]:
        views = []
        for pid in f["premises"]:
            if pid in facts and pid not in produced:
                fact = facts[pid]
                views.append({"id": pid, "type": "input", "source": fact.get("source") or "",
                              "disputed": bool(fact.get("disputed"))})
            elif pid in lists:
                views.append({"id": pid, "type": "list", "source": "",
                              "disputed": pid in disputed_lists, "count": lists[pid]["items"],
                              "sha256": lists[pid]["sha256"]})
            else:
                views.append({"id": pid, "type": "finding" if pid in finding_ids else "derived",
                              "source": "", "disputed": False})
        out[f["id"]] = views
    return out


def _expand(idx: _Index, node: dict, premises: list[str], step: int,
            depth: int | None) -> dict:
    node["children"] = []
    if depth is not None and depth <= 0:
        node["truncated"] = len(premises)
        return node
    below = None if depth is None else depth - 1
    for pid in premises:
        node["children"].append(_premise_node(idx, pid, step, below))
    return node


def _premise_node(idx: _Index, pid: str, step: int, depth: int | None) -> dict:
    if pid in idx.facts and pid not in idx.producers:
        return _input_node(idx, pid)
    if pid in idx.lists:
        return _list_node(idx, pid)
    at = idx.producer(pid, step)
    if at is None:
        return {"type": "unresolved", "id": pid, "area": "evidence", "children": [],
                "summary": f"read at step {step} but concluded by no earlier step"}
    if pid in idx.findings:
        return _finding_node(idx, idx.findings[pid], at, depth)
    return _derived_node(idx, pid, at, depth)


def walk(tree: dict):
    """Every node of a tree, depth first (parents before children)."""
    yield tree
    for child in tree.get("children", []):
        yield from walk(child)


# --- why not -------------------------------------------------------------------------------

def why_not(result: dict, finding_id: str, catalogue: dict | None = None) -> list[dict]:
    """Why a finding does not hold, from its recorded checks ([] when it holds).

    Each reason: {kind, rule, condition, holds, detail, facts}. `kind` is `failed` (a condition
    of the element that was not met), `against` (the rule states its checks as conditions that
    defeat the element, and they were met), `absent` (PROOF-001: a premise no evidence supplied;
    `missing` is that fact or finding, `cause` says why a derived one is absent) or `summary`
    (the rule recorded no checks; its own sentence is the reason).
    """
    idx = _Index(result, catalogue)
    f = finding_or_error(result, finding_id)
    if f["holds"]:
        return []
    if f["rule"] == "PROOF-001":
        return _absent_reasons(idx, f)
    checks, reasons = f["checks"], []
    failed = [c for c in checks if not c["holds"]]
    kind = "failed" if failed else "against"
    for c in failed or checks:
        reasons.append({"kind": kind, "rule": f["rule"], "condition": c["condition"],
                        "holds": c["holds"], "detail": c["detail"],
                        "facts": _mentioned(idx, f["premises"], c)})
    if not reasons:
        reasons.append({"kind": "summary", "rule": f["rule"], "condition": f["summary"],
                        "holds": False, "detail": "", "facts": {}})
    return reasons


def _absent_reasons(idx: _Index, f: dict) -> list[dict]:
    reasons = []
    for c in f["checks"]:
        m = _NEEDS.match(c["condition"])
        need = m["need"] if m else c["condition"]
        missing = need.split(" ", 2)[1] if need.startswith(("fact ", "finding ")) else need
        reasons.append({"kind": "absent", "rule": m["rule"] if m else f["rule"],
                        "condition": c["condition"], "holds": c["holds"], "detail": c["detail"],
                        "missing": missing, "facts": {}, "cause": _absent_cause(idx, missing)})
    return reasons


def _mentioned(idx: _Index, premises: list[str], check: dict) -> dict:
    """Input premises the check names by item id (e.g. AL-1007 → incident.alerts[AL-1007])."""
    text = f"{check['condition']} {check['detail']}"
    out = {}
    for pid in premises:
        item = re.search(r"\[([^\]]+)\]$", pid)
        if pid in idx.facts and item and re.search(rf"\b{re.escape(item[1])}\b", text):
            out[pid] = idx.facts[pid]["value"]
    return out


def _absent_cause(idx: _Index, missing: str, seen: frozenset = frozenset()) -> str:
    """Why an absent premise is absent: not in the case, or its rule did not derive it."""
    if missing in idx.facts or missing in idx.derived:
        return "present now, but concluded only after the rule could fire"
    if missing in idx.findings:
        return f"the finding does not hold ({idx.findings[missing]['rule']})"
    if not missing.startswith("derived."):
        return "not in the case file"
    stopped = idx.result.get("undetermined", {}).get(missing)
    if stopped:
        from facts.labels import label
        return (f"{stopped['rule']} could not determine it: "
                f"{'; '.join(label(u) + ' is unknown' for u in stopped['unknowns'])}")
    makers = sorted(r["id"] for r in idx.rules.values() if r["concludes"] == missing)
    parts = []
    for rid in makers:
        fired = [t["step"] for t in idx.result["trace"] if t["rule"] == rid]
        if fired:
            parts.append(f"{rid} fired (step {fired[0]}) but derived nothing from what it read")
            continue
        absent = [n for n in idx.rules[rid]["needs"] if n["fact"] and n["fact"] not in
                  idx.facts and n["fact"] not in idx.derived and n["fact"] not in seen]
        why = "; ".join(f"{n['describe']} is absent ({_absent_cause(idx, n['fact'], seen | {missing})})"
                        for n in absent)
        parts.append(f"{rid} did not fire: {why or 'a needed item or finding was absent'}")
    return "; ".join(parts) or "no rule derives it"


# --- trace ---------------------------------------------------------------------------------

def trace_steps(result: dict, catalogue: dict | None = None) -> list[dict]:
    """The firing sequence with, per step, why that rule fired before the others ready then
    (see engine/explain_trace.py)."""
    from engine.explain_trace import steps
    return steps(_Index(result, catalogue))
