"""The replay of a perturbed run (engine/replay.py) must give exactly what the full engine gives.

Every sensitivity candidate of the examples is run both ways and the whole comparison summary
(every finding with its verdict, values and wording, every derived value, shares, exposure) must
match. The replay must also actually be used, and must hand over to the full engine when the
change alters what the RETE network sees.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from engine.replay import Replayer
from engine.runner import engine, pattern_targets
from engine.sensitivity import Sweep
from engine.whatif import compare, outcome_of_run, scenario_from_sets
from facts.flatten import input_facts, input_facts_after_change
from facts.loader import load_case, perturbed
from facts.overlay import apply_set
from rules.common import MONITORING_DOMAINS
from rules.parameters import Parameters

ROOT = Path(__file__).parent.parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
# Every other candidate of the largest example, fewer of the others (each costs a full run).
STRIDE = {"crestline-client-governance": 2, "harborview-from-logs": 3}


def _both_ways(sweep: Sweep, replayer: Replayer, params, perturbation):
    loaded = perturbed(sweep.loaded, apply_set(sweep.loaded.plain, perturbation.path,
                                               perturbation.value))
    inputs = input_facts(loaded)
    assert input_facts_after_change(loaded, sweep.base_run.inputs, [perturbation.path]) == inputs
    full = outcome_of_run(engine().run_case(loaded.case, inputs, params))
    run = replayer.run(loaded.case, inputs, params)
    return full, (outcome_of_run(run) if run is not None else None)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_replay_gives_what_the_full_engine_gives(path):
    params = Parameters.load(None)
    sweep = Sweep(load_case(path), params)
    replayer = Replayer(sweep.base_run)
    replayed = 0
    for perturbation in sweep.candidates[::STRIDE.get(path.stem, 6)]:
        try:
            full, fast = _both_ways(sweep, replayer, params, perturbation)
        except Exception as exc:  # an invalid perturbation is refused the same way by both
            assert "FaultlineInputError" in type(exc).__name__, exc
            continue
        if fast is not None:
            replayed += 1
            assert fast == full, f"{perturbation.path}: {perturbation.label}"
    assert replayed >= len(sweep.candidates[::STRIDE.get(path.stem, 6)]) // 2


def test_an_unchanged_case_replays_to_the_base_run():
    params = Parameters.load(None)
    loaded = load_case(ROOT / "examples" / "harborview-missed-alerts.yaml")
    base = engine().run_case(loaded.case, input_facts(loaded), params)
    again = Replayer(base).run(loaded.case, input_facts(loaded), params)
    assert again is not None
    assert outcome_of_run(again) == outcome_of_run(base)
    assert [vars(s) for s in again.trace] == [vars(s) for s in base.trace]


def test_removed_facts_and_changed_patterns():
    params = Parameters.load(None)
    loaded = load_case(ROOT / "examples" / "harborview-missed-alerts.yaml")
    base = engine().run_case(loaded.case, input_facts(loaded), params)
    replayer = Replayer(base)
    ids, kinds, _ = pattern_targets()
    inputs = input_facts(loaded)
    # one fact fewer that a rule pattern names: the network would see another set of facts
    declared = next(i for i, f in enumerate(inputs) if f.id in ids)
    assert replayer.run(loaded.case, inputs[:declared] + inputs[declared + 1:], params) is None
    # one fact fewer that only rule bodies read: replayed, and as the full engine runs it
    for index, fact in enumerate(inputs):
        if fact.id in ids or fact.kind in kinds or not any(fact.id in s.premises
                                                           for s in base.trace):
            continue
        fewer = inputs[:index] + inputs[index + 1:]
        fast = replayer.run(loaded.case, fewer, params)
        assert fast is not None, fact.id
        assert outcome_of_run(fast) == outcome_of_run(engine().run_case(loaded.case, fewer,
                                                                        params)), fact.id
    # no monitoring function left with the provider: the monitoring duty (a finding other rules'
    # patterns name) no longer holds, so the network would see another verdict
    plain = loaded.plain
    for domain, owner in loaded.plain["contract"]["responsibilities"].items():
        if domain in MONITORING_DOMAINS and owner != "client":
            plain = apply_set(plain, f"contract.responsibilities.{domain}", "client")
    unassigned = perturbed(loaded, plain)
    inputs = input_facts(unassigned)
    assert [f.id for f in inputs] == [f.id for f in base.inputs]   # values changed, not facts
    assert replayer.run(unassigned.case, inputs, params) is None
    full = outcome_of_run(engine().run_case(unassigned.case, inputs, params))
    assert full["findings"]["duty.monitoring.provider"]["holds"] is False


def test_other_parameters_go_to_the_full_engine():
    params = Parameters.load(None)
    loaded = load_case(ROOT / "examples" / "crestline-client-governance.yaml")
    base = engine().run_case(loaded.case, input_facts(loaded), params)
    replayer = Replayer(base)
    assert replayer.run(loaded.case, input_facts(loaded), Parameters.load(None)) is not None
    other = Parameters.load(str(ROOT / "tests" / "whatif" / "params.yaml"))
    assert other.as_dict() != params.as_dict()
    assert replayer.run(loaded.case, input_facts(loaded), other) is None


def test_sensitivity_reports_how_many_runs_were_replayed():
    from engine.sensitivity import analyze_sensitivity
    loaded = load_case(ROOT / "examples" / "meridian-zero-day.yaml")
    report = analyze_sensitivity(loaded, Parameters.load(None))
    method = report["method"]
    assert 0 < method["replayed"] <= method["perturbations"] - method["invalid"]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_a_change_that_changes_nothing_moves_nothing(path):
    """A what-if scenario keeps the base's evidence and disputes: retitling the case changes no
    finding and no share (it once dropped the evidence files' facts)."""
    loaded = load_case(path)
    report = compare(loaded, [scenario_from_sets(["case.title=Renamed"])], Parameters.load(None))
    base, scenario = report["scenarios"]
    assert scenario["changed_findings"] == []
    assert scenario["allocation"] == base["allocation"]
    assert scenario["exposure"] == base["exposure"]


@pytest.mark.parametrize("name", ["harborview-missed-alerts", "harborview-from-logs"])
def test_disputed_fact_ranges_are_the_same_replayed(name):
    from engine.disputes import outcome_range
    params = Parameters.load(None)
    loaded = load_case(ROOT / "examples" / f"{name}.yaml")
    assert loaded.notes.disputes
    base = engine().run_case(loaded.case, input_facts(loaded), params)
    assert outcome_range(loaded, params, base_run=base) == outcome_range(loaded, params)
