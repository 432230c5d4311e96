"""Scenario files: overlays on a named example with the findings, rules and allocation the law
expects (tests/scenarios/*.yaml). Together they fire every rule at least once and block every rule
at least once.

- A rule **fired** when it concluded at least one finding that holds; a measurement rule (one that
  concludes `derived.*`) fired when it derived a fact.
- A rule was **blocked** when it did not fire: its premises were absent, or it concluded only
  findings that do not hold.
"""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import pytest

from engine.analyze import analyze
from facts.loader import load_case, read_raw, variant
from facts.overlay import apply_set, merge
from rules.catalogue import all_rules

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = sorted((ROOT / "tests" / "scenarios").glob("*.yaml"))
KEYS = {"name", "description", "base", "assume", "set", "overlay", "expect"}

# Rules no scenario can block, and why.
CANNOT_BLOCK = {
    "PROOF-001": "closing bookkeeping: runs in every analysis and only ever concludes "
                 "not-holding findings for elements no rule decided",
    "DUTY-002": "measurement: records the weight of the control level every contract has",
    "BREACH-017": "measurement: derives the baseline review window every analysis needs",
    "NOTICE-001": "measurement: derives the applicable regimes (possibly none) for every case",
    "ALLOC-002": "measurement: looks up the governing law's fault regime for every case",
}
# Rules that never conclude a holding finding, so "fired" cannot apply to them.
CANNOT_FIRE = {"PROOF-001": "concludes only not-established findings"}


def load(path: Path) -> dict:
    data = read_raw(path)
    unknown = set(data) - KEYS
    assert not unknown, f"{path.name}: unknown keys {sorted(unknown)}"
    assert data.get("name") and data.get("description") and data.get("base"), path.name
    return data


def scenario_case(path: Path):
    """The scenario's case: its base example with the overlay and --set changes applied."""
    data = load(path)
    base = ROOT / "examples" / f"{data['base']}.yaml"
    raw = read_raw(base)
    if data.get("overlay"):
        raw = merge(raw, data["overlay"])
    for key, value in (data.get("set") or {}).items():
        raw = apply_set(raw, key, value)
    # A variant of the base file, so evidence paths (relative to the case file) resolve.
    # `assume: client|provider` takes that party's version of every disputed fact, as --assume
    # does; without it a disputed fact is unknown (the neutral default).
    return variant(load_case(base, assume=data.get("assume")), raw)


@lru_cache(maxsize=None)
def result_of(path: Path) -> dict:
    return analyze(scenario_case(path), ranges=False)


MEASURES = {spec.id for spec in all_rules() if spec.concludes.startswith("derived.")}


def fired_rules(result: dict) -> set[str]:
    fired = {f["rule"] for f in result["findings"] if f["holds"]}
    fired |= {d["rule"] for d in result["derived"].values() if d["rule"] in MEASURES}
    return fired


def _ids(result: dict) -> dict[str, dict]:
    return {f["id"]: f for f in result["findings"]}


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_scenario(path):
    data = load(path)
    result = result_of(path)
    expect = data["expect"]
    findings = _ids(result)
    for finding_id, holds in (expect.get("findings") or {}).items():
        assert finding_id in findings, f"{path.stem}: no finding {finding_id}"
        assert findings[finding_id]["holds"] is holds, \
            f"{path.stem}: {finding_id} holds={findings[finding_id]['holds']}, expected {holds}: " \
            f"{findings[finding_id]['summary']}"
    fired = fired_rules(result)
    for rule_id in expect.get("fired") or []:
        assert rule_id in fired, f"{path.stem}: {rule_id} did not fire"
    for rule_id in expect.get("blocked") or []:
        assert rule_id not in fired, f"{path.stem}: {rule_id} fired"
    for party, bounds in (expect.get("allocation") or {}).items():
        share = Decimal(result["allocation"].get(party, "0"))
        assert Decimal(str(bounds.get("min", 0))) <= share <= Decimal(str(bounds.get("max", 1))), \
            f"{path.stem}: {party} share {share} outside {bounds}"


def test_there_are_enough_substantive_scenarios():
    assert len(SCENARIOS) >= 25
    bases = {load(p)["base"] for p in SCENARIOS}
    assert bases >= {"harborview-missed-alerts", "crestline-client-governance",
                     "meridian-zero-day"}
    # Each scenario changes the case and states what the law expects.
    for path in SCENARIOS:
        data = load(path)
        assert data.get("set") or data.get("overlay") or "baseline" in path.stem, path.stem
        assert data["expect"].get("findings") or data["expect"].get("fired"), path.stem


def test_every_rule_fires_and_is_blocked_somewhere():
    fired_anywhere: set[str] = set()
    blocked_anywhere: set[str] = set()
    every = {spec.id for spec in all_rules()}
    for path in SCENARIOS:
        fired = fired_rules(result_of(path))
        fired_anywhere |= fired
        blocked_anywhere |= every - fired
    never_fired = sorted(every - fired_anywhere - set(CANNOT_FIRE))
    never_blocked = sorted(every - blocked_anywhere - set(CANNOT_BLOCK))
    assert not never_fired, f"rules no scenario fires: {never_fired}"
    assert not never_blocked, f"rules no scenario blocks: {never_blocked}"
