"""Sensitivity a party would accept (issue #21): only changes a party could put forward are
swept (times, amounts, counts, dates, yes/no facts, a party's version of a disputed fact), never
who did or said something, how the record classifies an item or a term of a signed document
(the responsibility matrix only where its scope is disputed); each change and each ranked fact
is said in words; the tornado chart has a row only for a fact that moves the share."""
from __future__ import annotations

import re
from functools import lru_cache

from engine.perturb import AUTHORSHIP, CLASSIFICATION
from tests.conftest import EXAMPLES, ROOT

PATH_LIKE = re.compile(r"\b[a-z_]+\.[a-z_]+(?:\[[^\]]+\])?(?:\.[a-z_]+)*\b|\[[A-Z0-9-]+\]\.")


def _example(stem):
    return next(p for p in EXAMPLES if p.stem == stem)


@lru_cache(maxsize=None)
def _sweep(path, assume=None):
    from engine.sensitivity import Sweep
    from facts.loader import load_case
    from rules.parameters import Parameters
    return Sweep(load_case(path, assume=assume), Parameters.load())


@lru_cache(maxsize=None)
def _report(path):
    from engine.sensitivity import analyze_sensitivity
    from facts.loader import load_case
    from rules.parameters import Parameters
    return analyze_sensitivity(load_case(path), Parameters.load())


def _field(path: str) -> str:
    return re.sub(r"\[[^\]]*\]", "", path).rsplit(".", 1)[-1]


def test_no_change_rewrites_authorship_classification_or_a_signed_document():
    for path in EXAMPLES:
        sweep = _sweep(path)
        assert sweep.candidates, path.stem
        for p in sweep.candidates:
            assert _field(p.path) not in AUTHORSHIP | CLASSIFICATION or p in sweep.disputed, p
            assert not p.path.startswith(("contract.", "insurance.")), p
            assert p.label != "emptied" and (p.value is not None), p
        assert sum(sweep.not_contestable.values()) > 0
    harborview = _sweep(_example("harborview-missed-alerts"))
    assert not any(p.path.endswith(".by") for p in harborview.candidates)


def test_the_matrix_is_changed_only_for_a_domain_whose_scope_is_disputed():
    from tests.test_scenarios import scenario_case
    from engine.sensitivity import Sweep
    from rules.parameters import Parameters
    case = scenario_case(ROOT / "tests" / "scenarios" / "harborview-oral-scope-dispute.yaml")
    disputed = set(case.case.contract.disputed_scope)
    assert disputed
    sweep = Sweep(case, Parameters.load())
    matrix = {p.path.split(".")[2] for p in sweep.candidates
              if p.path.startswith("contract.responsibilities.")}
    assert matrix and matrix <= disputed


def test_each_party_s_version_of_a_disputed_fact_is_a_change():
    from facts.loader import load_case
    path = _example("harborview-missed-alerts")
    disputes = load_case(path).notes.disputes
    sweep = _sweep(path)
    versions = {(p.path, p.words.rsplit(", as the ", 1)[-1]) for p in sweep.disputed}
    for fact, dispute in disputes.items():
        if any(p.path == fact for p in sweep.disputed):
            assert {(fact, f"{party} says") for party in dispute.versions} <= versions
    assert len(sweep.disputed) >= 4


def test_every_change_and_every_ranked_fact_is_said_in_words():
    report = _report(_example("harborview-missed-alerts"))
    for p in report["perturbations"]:
        assert p["words"] and not PATH_LIKE.search(p["words"]), p
    for row in report["ranking"]:
        assert row["label"] and not PATH_LIKE.search(row["label"]), row
        assert row["low_words"].startswith(row["label"]) or not row["low_words"]
    # a party's version of a disputed fact is among the changes that move the share
    assert any(", as the " in r["low_words"] + r["high_words"] for r in report["ranking"])


def test_the_text_names_facts_and_findings_in_words():
    from engine.sensitivity_text import render
    text = render(_report(_example("harborview-missed-alerts")), 15)
    assert "statements[" not in text and "incident.alerts" not in text
    assert not re.search(r"\b(?:breach|governance|causation|remedy)\.[a-z_]+\.(?:provider|client)",
                         text)


def test_tornado_rows_are_the_facts_that_move_the_share_with_values_and_a_legend():
    from decimal import Decimal
    from reports.charts import tornado_svg
    report = _report(_example("harborview-missed-alerts"))
    svg = tornado_svg(report, 15)
    moving = [r for r in report["ranking"] if Decimal(r["effect"]) > 0][:15]
    still = [r for r in report["ranking"] if Decimal(r["effect"]) == 0]
    assert moving and still
    for r in moving:
        first_words = r["label"].split()[:3]
        assert " ".join(first_words) in svg, r["label"]
    for r in still:
        if not any(r["label"] == m["label"] for m in moving):
            assert r["label"] not in svg
    assert "lowers the provider" in svg and "share as filed" in svg
    top = moving[0]
    value = min(Decimal(top["low"]), Decimal(top["high"])) if Decimal(top["low"]) != Decimal(
        report["base"]["provider_share"]) else Decimal(top["high"])
    assert f"{value * 100:.2f}%" in svg and "incident." not in svg
    assert tornado_svg(report, 15) == svg


def test_a_tornado_with_nothing_to_show_says_so_and_draws_no_empty_rows():
    from reports.charts import tornado_svg
    report = {"base": {"provider_share": "0"},
              "ranking": [{"path": "x.y", "label": "Some fact", "low": "0", "high": "0",
                           "effect": "0", "low_words": "", "high_words": "",
                           "findings_changed": ["a.b.provider"]}]}
    svg = tornado_svg(report)
    assert "No single contestable change moves" in svg and "Some fact" not in svg
