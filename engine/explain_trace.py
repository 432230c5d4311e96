"""The firing sequence for study: per step the rule, what it matched and asserted, and why it
fired before the other rules ready at that moment (salience by name, phase, depth, rule id)."""
from __future__ import annotations

from engine.explain import PHASE_ORDER, _Index


def steps(idx: _Index) -> list[dict]:
    """The firing sequence with, per step, why that rule fired before the others ready then.

    The agenda itself is not recorded; `waiting` is reconstructed from the rules' needs: later
    firings whose needed facts and findings already existed. The strategy (engine/strategy.py)
    orders by salience, then by the most recently asserted matched facts, then by rule id.
    """
    result, out, phase = idx.result, [], 0
    for t in result["trace"]:
        spec = idx.rules.get(t["rule"], {})
        before = phase
        phase = max(phase, PHASE_ORDER.index(spec.get("phase", "main")))
        waiting = [u for u in result["trace"] if u["step"] > t["step"]
                   and PHASE_ORDER.index(idx.rules[u["rule"]]["phase"]) <= phase
                   and _ready(idx, u["rule"], t["step"])]
        out.append({**idx.rule(t["rule"]), "rule": t["rule"], "step": t["step"],
                      "salience": spec.get("salience", ""),
                      "salience_value": spec.get("salience_value", 0),
                      "phase": PHASE_ORDER[phase], "phase_started": phase != before or
                      t["step"] == 1, "premises": t["premises"], "conclusions": t["conclusions"],
                      "parameters": t["parameters"],
                      "waiting": [{"rule": u["rule"], "step": u["step"],
                                   "salience": idx.rules[u["rule"]]["salience"]}
                                  for u in waiting],
                      "why": _why_first(idx, t, waiting)})
    return out


def _ready(idx: _Index, rule_id: str, step: int) -> bool:
    for need in idx.rules[rule_id]["needs"]:
        if need["kind"]:
            ok = any(f.get("kind") == need["kind"] for f in idx.facts.values())
        else:
            fid = need["fact"] or need["finding"]
            ok = (fid in idx.facts and fid not in idx.producers) or \
                idx.producer(fid, step) is not None
            if need["finding"]:
                ok = ok and idx.findings.get(fid, {}).get("holds", False)
        if not ok:
            return False
    return True


def _recency(idx: _Index, rule_id: str, step: int) -> int:
    """The step that asserted the newest fact the rule's needs match (0 for input facts)."""
    found = [idx.producer(n["fact"] or n["finding"], step) or 0
             for n in idx.rules[rule_id]["needs"] if n["fact"] or n["finding"]]
    return max(found, default=0)


def _names(rules: list[str], limit: int = 5) -> str:
    shown = ", ".join(rules[:limit])
    return shown + (f" and {len(rules) - limit} more" if len(rules) > limit else "")


def _why_first(idx: _Index, t: dict, waiting: list[dict]) -> str:
    me = idx.rules[t["rule"]]
    if not waiting:
        return f"the only rule ready (salience {me['salience']}, phase {me['phase']})"
    value = {u["rule"]: idx.rules[u["rule"]]["salience_value"] for u in waiting}
    lower = sorted({f"{idx.rules[r]['salience']} ({v})" for r, v in value.items()
                    if v < me["salience_value"]}, reverse=True)
    tied = sorted({r for r, v in value.items() if v == me["salience_value"] and r != t["rule"]})
    again = sum(1 for u in waiting if u["rule"] == t["rule"])
    parts = []
    if lower:
        parts.append(f"salience {me['salience']} ({me['salience_value']}) outranks "
                     f"{', '.join(lower)}")
    mine = _recency(idx, t["rule"], t["step"])
    newer = [r for r in tied if _recency(idx, r, t["step"]) < mine]
    level = [r for r in tied if r not in newer]
    if newer:
        parts.append(f"tied at {me['salience']} with {_names(newer)}, but it matched a newer "
                     f"fact (concluded at step {mine}) and the strategy goes depth first")
    if level and mine:
        parts.append(f"tied at {me['salience']} with {_names(level)} on facts of the same "
                     f"step; the tie-break is the rule id, lowest first")
    elif level:
        how = ("it has the lowest rule id" if t["rule"] < level[0] else
               "its matched input facts were declared later (the rule id is not lower)")
        parts.append(f"tied at {me['salience']} with {_names(level)} on input facts; the "
                     f"strategy prefers facts declared later, then the lowest rule id: {how}")
    if again:
        parts.append(f"{again} more firing(s) of the same rule wait")
    return "; ".join(parts)
