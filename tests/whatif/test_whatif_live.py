"""The live what-if (engine/whatif_live.py) gives the column a full engine run gives, on every
bundled example, for changes the what-if form offers, one and two at a time; and it replays most
of them from the case's run rather than running the rule base again."""
from __future__ import annotations

from functools import cache

import pytest

from engine.whatif import outcome, scenario_column
from engine.whatif_form import answers_scenario, change_answers, form_fields
from engine.whatif_live import LiveWhatIf
from facts.errors import FaultlineInputError
from facts.loader import load_case
from rules.parameters import Parameters
from tests.conftest import ROOT

EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
EVERY = 16       # every 16th of the form's one-fact changes (about 20 per example), for CI's time
PAIRS = 6


@cache
def _case(path):
    loaded = load_case(str(path))
    fields = form_fields(loaded)
    changes = sorted(change_answers(loaded, {f.path: f for f in fields}).items())
    return loaded, fields, changes


def _column(run, *args):
    try:
        return run(*args)
    except FaultlineInputError as exc:          # refused the same way, in the same words
        return {"refused": exc.one_line()}


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_the_live_column_is_the_full_runs_on_every_example(path):
    params = Parameters.load()
    loaded, fields, changes = _case(path)
    picked = [{p: a} for (p, _), a in changes[::EVERY]]
    picked += [{p: a, q: b} for ((p, _), a), ((q, _), b) in
               zip(changes[1::EVERY][:PAIRS], changes[EVERY // 2::EVERY][:PAIRS]) if p != q]
    live = LiveWhatIf(loaded, params)
    base_out = outcome(loaded, params)
    compared = 0
    for answers in picked:
        scenario, errors = answers_scenario(loaded, fields, answers, "change")
        if errors or not scenario.sets:
            continue
        assert _column(live.column, scenario, base_out) == \
            _column(scenario_column, loaded, scenario, params, base_out), answers
        compared += 1
    assert compared >= 15
    assert live.replayed > live.full          # the replay, not the full engine, does most


def test_a_change_that_settles_a_dispute_runs_the_full_engine_and_agrees():
    params = Parameters.load()
    loaded, fields, _ = _case(ROOT / "examples" / "harborview-missed-alerts.yaml")
    path = "client_governance.mfa.remote_access"
    scenario, errors = answers_scenario(loaded, fields, {path: "provider"}, "version")
    assert not errors
    live = LiveWhatIf(loaded, params)
    base_out = outcome(loaded, params)
    column = live.column(scenario, base_out)
    assert (live.replayed, live.full) == (0, 1)    # the disputed flags changed: no replay
    assert column == scenario_column(loaded, scenario, params, base_out)
    assert column["changed_findings"]                # and it moved something
