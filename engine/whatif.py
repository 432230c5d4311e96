"""What-if: the base case and scenarios (overlay files, `--set` assignments) side by side.

A scenario is a partial case merged onto the base's raw data (facts/overlay.py), validated again,
and analyzed with the same engine (built once, reset per run). The comparison lists the findings
that changed (with the rules that now fire or no longer fire), each party's share, the exposure
per route, and the amount recoverable under the fault regime. Also home of the light `outcome()`
summary the dispute and sensitivity sweeps compare.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from engine.canonical import plain
from facts.errors import FaultlineInputError
from facts.loader import LoadedCase, read_raw, variant
from facts.overlay import apply_set, merge, parse_assignment
from rules.legal_time.fault_regimes import load_fault_regimes

SCENARIO_KEYS = ("name", "description")


@dataclass
class Scenario:
    name: str
    description: str = ""
    overlay: dict = field(default_factory=dict)           # partial case, merged first
    sets: list[tuple[str, Any]] = field(default_factory=list)  # then these assignments
    source: str = ""                                      # file name or "--set"

    def apply(self, raw: dict) -> dict:
        out = merge(raw, self.overlay) if self.overlay else raw
        for path, value in self.sets:
            out = apply_set(out, path, value)
        return out

    def changes(self) -> list[str]:
        """What the scenario changes, in words a mediator reads aloud."""
        listed = [f"{p} = {_show(v)}" for p, v in self.sets]
        if self.overlay:
            listed += [f"{p} = {_show(v)}" for p, v in _leaves(self.overlay, "")]
        return listed


def scenario_from_sets(assignments: list[str]) -> Scenario:
    sets = [parse_assignment(a) for a in assignments]
    return Scenario("--set", "", {}, sets, "--set")


def scenario_from_file(path: str) -> Scenario:
    raw = read_raw(path, "scenario file")
    name = raw.pop("name", None) or Path(path).stem
    description = raw.pop("description", None) or ""
    for key, value in (("name", name), ("description", description)):
        if not isinstance(value, str):
            raise FaultlineInputError(path, key, f"expected text, got {type(value).__name__}")
    return Scenario(str(name), str(description), raw, [], path)


def load_scenario_case(base: LoadedCase, scenario: Scenario) -> LoadedCase:
    from rules.case_references import check_case_references
    try:
        loaded = variant(base, scenario.apply(base.raw), scenario.source or scenario.name)
    except FaultlineInputError as exc:
        raise _with_item_hint(exc, base.raw, scenario.overlay) from None
    check_case_references(loaded)
    return loaded


def _with_item_hint(exc: FaultlineInputError, raw: dict, overlay: dict) -> FaultlineInputError:
    """An error inside a list item the scenario adds (its id is not in the case) says so, with
    the nearest id: a typo in an id adds a new, incomplete item instead of changing the one meant."""
    from facts.errors import did_you_mean
    from facts.overlay import added_items
    for path, ident, ids in added_items(raw, overlay) if overlay else []:
        if exc.field == path or exc.field.startswith((path + ".", path + "[")):
            hint = did_you_mean(ident, ids).strip(" ()")
            return FaultlineInputError(exc.file, exc.field, f"{exc.message}; {ident} is not in "
                                       f"the case, so the scenario adds it"
                                       + (f": {hint}" if hint else ""))
    return exc


# --- the light outcome sweeps compare ---------------------------------------------------------

def outcome(loaded: LoadedCase, params) -> dict:
    """Run one case and keep what a comparison needs: findings, derived values, shares, exposure."""
    from engine.runner import engine
    from facts.flatten import input_facts
    run = engine().run_case(loaded.case, input_facts(loaded), params)
    return outcome_of_run(run)


def outcome_of_run(run, canonical: bool = True) -> dict:
    """The comparison summary of a run. A sweep, which only compares summaries and reads the
    provider's share, passes canonical=False to skip the conversion to JSON-ready values."""
    from engine.result import merge_findings
    allocation = run.derived.get("derived.allocation", {}).get("value", {}) or {}
    exposure = {k.split(".")[-1]: v["value"] for k, v in sorted(run.derived.items())
                if k.startswith("derived.exposure.")}
    findings = {f["id"]: {"holds": f["holds"], "rule": f["rule"], "rules": f["rules"],
                          "values": f["values"], "summary": f["summary"]}
                for f in merge_findings(run, authorities=False)}
    derived = {k: v["value"] for k, v in sorted(run.derived.items())}
    out = {"findings": findings, "derived": derived,
           "allocation": dict(allocation.get("shares", {}) or {}), "exposure": exposure}
    return plain(out) if canonical else out


def outcome_of_result(result: dict) -> dict:
    return {"findings": {f["id"]: {"holds": f["holds"], "rule": f["rule"], "rules": f["rules"],
                                   "values": f["values"], "summary": f["summary"]}
                         for f in result["findings"]},
            "derived": {k: v["value"] for k, v in result.get("derived", {}).items()},
            "allocation": result.get("allocation", {}), "exposure": result.get("exposure", {})}


def share(out: dict, party: str = "provider") -> Decimal:
    return Decimal(str(out["allocation"].get(party, "0")))


def exposure_figures(exposure: dict) -> dict[str, Decimal]:
    """Every amount in the exposure as `route.key[.min|.max]` -> Decimal (texts and flags skipped)."""
    figures: dict[str, Decimal] = {}

    def walk(node, path):
        if isinstance(node, dict):
            for key in sorted(node):
                walk(node[key], f"{path}.{key}" if path else str(key))
        elif isinstance(node, (int, float, str, Decimal)) and not isinstance(node, bool):
            try:
                amount = Decimal(str(node))
            except InvalidOperation:
                return
            if amount.is_finite():
                figures[path] = amount
    walk(exposure or {}, "")
    return figures


def recoverable(exposure: dict) -> dict | None:
    """What the client recovers under the fault regime (the negligence route), when computed."""
    route = (exposure or {}).get("negligence")
    if not isinstance(route, dict):
        return None
    pays = route.get("provider_pays")
    if isinstance(pays, dict):
        low, high = pays.get("min"), pays.get("max")
    else:
        low = high = pays
    regime = route.get("regime", "")
    return {"regime": regime, "regime_name": _regime_name(regime),
            "available": route.get("available", "yes"),
            "barred": bool(route.get("barred", False)), "min": low, "max": high}


def _regime_name(regime_id: str) -> str:
    """'US-NY' -> 'New York', for the reader; the id itself where no regime has it."""
    regime = load_fault_regimes().get(regime_id)
    return regime.name if regime else regime_id


def changed_findings(before: dict, after: dict) -> list[dict]:
    """Findings whose verdict changed, appeared or vanished, with the rules that moved."""
    out = []
    for fid in sorted(set(before["findings"]) | set(after["findings"])):
        b, a = before["findings"].get(fid), after["findings"].get(fid)
        b_holds = bool(b and b["holds"])
        a_holds = bool(a and a["holds"])
        if b is not None and a is not None and b_holds == a_holds:
            continue
        b_rules, a_rules = set(b["rules"] if b else []), set(a["rules"] if a else [])
        out.append({"finding": fid, "before": None if b is None else b_holds,
                    "after": None if a is None else a_holds,
                    "rule": (a or b)["rule"],
                    "now_fires": sorted(a_rules - b_rules),
                    "no_longer_fires": sorted(b_rules - a_rules),
                    "summary": (a or b)["summary"]})
    return out


# --- the comparison -----------------------------------------------------------------------------

def compare(base: LoadedCase, scenarios: list[Scenario], params) -> dict:
    """Analyze the base and each scenario; the side-by-side comparison as plain data."""
    from engine.analyze import analyze
    base_result = analyze(base, params, ranges=False)
    base_out = outcome_of_result(base_result)
    columns = [outcome_column("base", "the case as filed", [], base_out, None)]
    columns += [scenario_column(base, scenario, params, base_out) for scenario in scenarios]
    parties = sorted({p for c in columns for p in c["allocation"]} | {"client", "provider"})
    return plain({"case": base_result["case"], "parties": parties,
                  "input_sha256": base_result["input_sha256"],
                  "rulebase_version": base_result["rulebase_version"],
                  "scenarios": columns})


def scenario_column(base: LoadedCase, scenario: Scenario, params, base_out: dict) -> dict:
    """One scenario's column against the base's outcome (`outcome_of_result` of its result):
    what `compare` gives each scenario, and the workbench each change."""
    out = outcome(load_scenario_case(base, scenario), params)
    return outcome_column(scenario.name, scenario.description, scenario.changes(), out, base_out)


def outcome_column(name, description, changes, out, base_out) -> dict:
    """A column of the comparison from an outcome summary (`outcome_of_run`)."""
    return {"name": name, "description": description, "changes": changes,
            "allocation": out["allocation"], "exposure": out["exposure"],
            "exposure_computed": bool(out["exposure"]),
            "recoverable": recoverable(out["exposure"]),
            "findings_holding": sorted(k for k, v in out["findings"].items() if v["holds"]),
            "changed_findings": changed_findings(base_out, out) if base_out else []}


def _leaves(node, path):
    if isinstance(node, dict) and node and not ({"value", "disputed"} & set(node)):
        for key in node:
            yield from _leaves(node[key], f"{path}.{key}" if path else str(key))
    elif isinstance(node, list) and node and all(isinstance(i, dict) and "id" in i for i in node):
        for item in node:
            rest = {k: v for k, v in item.items() if k != "id"}
            yield from _leaves(rest, f"{path}[{item['id']}]")
    else:
        yield path, node


def _show(value) -> str:
    import json
    text = value if isinstance(value, str) else json.dumps(plain(value), ensure_ascii=False)
    return text if len(text) <= 80 else text[:77] + "..."
