"""The settlement's shortcuts (replaying a combination from the case's run, a carve-out's branch
from the combination's, a ruling set without validating the case again) change no figure: the
`settlement` section is the same bytes as when every combination and branch is a full run of the
rule base on a validated case, computed here in the same test run."""
from __future__ import annotations

import importlib.util
import json

import pytest

from tests.conftest import ROOT

CASE = ROOT / "examples" / "harborview-missed-alerts.yaml"
ODDS = ROOT / "examples" / "odds"


def _bench_case(questions: int, folder):
    spec = importlib.util.spec_from_file_location("settle_bench", ROOT / "bench" / "settle_bench.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    return bench.build(questions, folder)


def _both_ways(monkeypatch, case, odds, costs=None, **options) -> tuple[str, str, dict]:
    from engine.settlement import settle
    from engine.settlement_tree import Evaluator
    from facts.loader import load_case
    from rules.parameters import Parameters

    def once() -> tuple[str, dict]:
        out = settle(load_case(case), Parameters.load(), [str(p) for p in odds],
                     costs and str(costs), **options)
        return json.dumps(out, sort_keys=True, default=str), out
    fast, out = once()
    monkeypatch.setattr(Evaluator, "shortcuts", False)
    simple, _ = once()
    return fast, simple, out


def test_harborview_with_both_sides_odds_and_costs(monkeypatch):
    fast, simple, out = _both_ways(monkeypatch, CASE, [ODDS / "harborview-client.yaml",
                                                       ODDS / "harborview-provider.yaml"],
                                   ODDS / "harborview-costs.yaml")
    assert out["method"]["mode"] == "exact" and out["method"]["combinations"] > 1
    assert fast == simple


@pytest.mark.parametrize("exact_limit", [1024, 8], ids=["exact", "sampled"])
def test_more_questions_exact_and_sampled(monkeypatch, tmp_path, exact_limit):
    case = _bench_case(5, tmp_path)
    fast, simple, out = _both_ways(monkeypatch, case, [ODDS / "harborview-client.yaml"],
                                   exact_limit=exact_limit, samples=100)
    assert out["method"]["mode"] == ("exact" if exact_limit > 8 else "sampled")
    # the bench's extra acknowledgements move the award: the check compares distinct leaves
    assert len(out["views"]["shared"]["distribution"]) > 1
    assert fast == simple
