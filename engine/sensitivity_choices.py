"""Sensitivity to the modelling choices: the rule base's own weights, multipliers and thresholds.

These are not facts a party could dispute, so the fact sweep (engine/sensitivity.py) never
changes them and they never appear among its changes or in its chart. An expert is still asked
how far the allocation rests on them; `sensitivity --modelling-choices` answers in a section of
its own, labelled as such: each number the run used is halved and doubled (within the range its
definition allows, rules/data/parameters.yaml), one at a time, and the provider's share and the
findings each change reverses are reported.
"""
from __future__ import annotations

from decimal import Decimal

NOTE = ("Modelling choices: the rule base's own weights, multipliers and thresholds, not facts "
        "a party could dispute; each number the run used is halved and doubled within the range "
        "its definition allows, one at a time.")


def used_numbers(result: dict, params) -> list:
    """The numeric parameters the run used (read by a rule, or weighing a failure)."""
    used = {p for s in result.get("trace", []) for p in s.get("parameters", [])}
    used |= {row["weight_key"] for row in (result.get("allocation_detail") or {})
             .get("factors", []) if row.get("weight_key")}
    out = []
    for p in params.entries():
        if p.key in used and isinstance(p.value, (int, float, Decimal)) \
                and not isinstance(p.value, bool):
            out.append(p)
    return out


def _tries(p) -> list:
    """Half and double the value, kept inside the definition's range; the same value once."""
    value = Decimal(str(p.value))
    out = []
    for factor in (Decimal("0.5"), Decimal(2)):
        new = value * factor
        if p.minimum is not None:
            new = max(new, Decimal(str(p.minimum)))
        if p.maximum is not None:
            new = min(new, Decimal(str(p.maximum)))
        if isinstance(p.value, int):
            new = Decimal(int(new))
        if new != value and new not in out:
            out.append(new)
    return [int(v) if isinstance(p.value, int) else float(v) for v in out]


def modelling_choices(loaded, params) -> dict:
    """Each numeric parameter the run used, halved and doubled: the provider's share and the
    findings reversed, largest effect first."""
    from engine.analyze import analyze
    from engine.runner import engine
    from engine.sensitivity import delta
    from engine.sweep import run_all
    from engine.whatif import outcome_of_run
    from facts.flatten import input_facts
    from rules.parameters import Parameters
    result = analyze(loaded, params, ranges=False)
    inputs = input_facts(loaded)
    base = outcome_of_run(engine().run_case(loaded.case, inputs, params), False)
    base_share = Decimal(str(base["allocation"].get("provider", "0")))
    jobs = [(p, value) for p in used_numbers(result, params) for value in _tries(p)]

    def job(i: int) -> dict:
        p, value = jobs[i]
        changed = Parameters.load(overrides={**params.overridden, p.key: value})
        return delta(base, outcome_of_run(engine().run_case(loaded.case, inputs, changed), False))

    results = run_all(len(jobs), job, "modelling choices")
    rows: dict[str, dict] = {}
    for (p, value), r in zip(jobs, results):
        row = rows.setdefault(p.key, {"parameter": p.key, "description": p.description,
                                      "value": p.value, "range": p.range_text, "tries": []})
        row["tries"].append({"value": value, "provider_share": r["share"],
                             "findings_changed": r["flips"]})
    for row in rows.values():
        row["swing"] = str(max((abs(Decimal(t["provider_share"]) - base_share)
                                for t in row["tries"]), default=Decimal(0)))
    ranked = sorted(rows.values(), key=lambda r: (-Decimal(r["swing"]), r["parameter"]))
    return {"note": NOTE, "provider_share": str(base_share), "rows": ranked}


def render(choices: dict, top: int) -> str:
    """The section for the text output, after the facts' ranking and apart from it."""
    from engine.sensitivity_text import _pct, _reversed
    lines = ["", choices["note"]]
    moving = [r for r in choices["rows"] if Decimal(r["swing"]) or
              any(t["findings_changed"] for t in r["tries"])]
    for n, row in enumerate(moving[:top], start=1):
        said = "; ".join(f"{t['value']} → provider's share {_pct(t['provider_share'])}"
                         + (f", reverses {_reversed(t['findings_changed'])}"
                            if t["findings_changed"] else "") for t in row["tries"])
        lines.append(f"  {n:>2}. {row['description'].rstrip('.')} ({row['parameter']}, "
                     f"{row['value']}): {said}")
    still = len(choices["rows"]) - len(moving)
    if not moving:
        lines.append("  No modelling choice the run used moves the share or a finding.")
    elif still:
        lines.append(f"  ({still} other number(s) the run used move nothing.)")
    return "\n".join(lines) + "\n"
