"""`cli.py settle` on the bundled Harborview case: the expectation the rule base's own figures
give by hand, certainty reproducing the single-scenario analysis, defaults listed, the same bytes
twice, sampling within its bound, and bad odds or costs files refused in one line."""
from __future__ import annotations

import json
import subprocess
import sys
from fractions import Fraction
from functools import cache, lru_cache

import pytest

from tests.conftest import ROOT

CASE = ROOT / "examples" / "harborview-missed-alerts.yaml"
ODDS = ROOT / "examples" / "odds"
CHOICE = {"client_governance.mfa.remote_access": "client",
          "incident.alerts[AL-1007].acknowledged_at": "client",
          "incident.outages[O-1].known_to_provider": "provider"}
# Harborview leaves each head of loss's kind unrecorded: a question each (decisive: a consequential
# head can fall under the exclusion); the known answers pin them, here and in the odds below
HEADS = {f"incident.harm.accrual[{i}].loss_type": "direct" for i in range(3)}


@cache
def single(gross_negligence: bool) -> dict:
    """The single-scenario analysis of Harborview in the versions CHOICE names, with a ruling on
    gross negligence and none of wilful misconduct: the strongest route's figure."""
    from engine.analyze import analyze
    from facts.loader import load_case, variant
    from facts.overlay import apply_set
    from rules.parameters import Parameters
    loaded = load_case(CASE)
    raw = apply_set(apply_set(loaded.raw, "rulings.gross_negligence", gross_negligence),
                    "rulings.willful_misconduct", False)
    for path, kind in HEADS.items():
        raw = apply_set(raw, path, kind)
    result = analyze(variant(loaded, raw, choice=CHOICE), Parameters.load(), ranges=False)
    return result["derived"]["derived.claims.strongest"]["value"]["provider_pays"]


def ends(gross_negligence: bool) -> list[tuple[Fraction, Fraction]]:
    """(chance within the branch, award): one point, or the two ends of a range the rule base
    leaves open on a point no question settles, at even odds (docs/settlement.md)."""
    pays = single(gross_negligence)
    low, high = Fraction(pays["min"]), Fraction(pays["max"])
    return [(Fraction(1), low)] if low == high else [(Fraction(1, 2), low), (Fraction(1, 2), high)]


def by_hand(p_found: Fraction) -> dict:
    points = [(p_found * c, a) for c, a in ends(True)] + \
        [((1 - p_found) * c, a) for c, a in ends(False)]
    points.sort(key=lambda pt: pt[1])

    def percentile(q):
        running = Fraction(0)
        for c, a in points:
            running += c
            if running >= q:
                return a
    return {"expected": sum(c * a for c, a in points), "p10": percentile(Fraction(1, 10)),
            "median": percentile(Fraction(1, 2)), "p90": percentile(Fraction(9, 10)),
            "p_nothing": sum(c for c, a in points if a == 0)}


def run(*args, timeout=300):
    return subprocess.run([sys.executable, str(ROOT / "cli.py"), "settle", *map(str, args)],
                          capture_output=True, text=True, timeout=timeout, cwd=ROOT,
                          check=False)


def settled(tmp_path, odds_text: str | None, *extra):
    args = [CASE, "--format", "json"]
    if odds_text is not None:
        path = tmp_path / "odds.yaml"
        path.write_text(odds_text)
        args += ["--odds", path]
    done = run(*args, *extra)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)["settlement"]


CERTAIN = """estimates_of: neutral
questions:
  client_governance.mfa.remote_access: {client: 1}
  incident.alerts[AL-1007].acknowledged_at: {client: 1}
  incident.outages[O-1].known_to_provider: {provider: 1}
  rulings.willful_misconduct: {no: 1}
  rulings.gross_negligence: {yes: %s}
""" + "".join(f"  {path}: {{{kind}: 1}}\n" for path, kind in HEADS.items())


def test_one_carve_out_at_three_tenths_gives_the_hand_computed_expectation(tmp_path):
    hand = by_hand(Fraction(3, 10))
    found = sum(c * a for c, a in ends(True))
    not_found = sum(c * a for c, a in ends(False))
    assert found > not_found               # the carve-out lifts the limitation clause
    out = settled(tmp_path, CERTAIN % "0.3")
    view = out["views"]["shared"]
    assert Fraction(view["expected"]) == hand["expected"]
    assert [Fraction(view[k]) for k in ("p10", "median", "p90")] == \
        [hand["p10"], hand["median"], hand["p90"]]
    assert Fraction(view["p_nothing"]) == hand["p_nothing"]
    assert out["method"]["mode"] == "exact"
    top = out["tornado"]["shared"][0]
    assert top["question"] == "rulings.gross_negligence"
    assert Fraction(top["swing"]) == found - not_found


@pytest.mark.parametrize("certain", [True, False])
def test_certainty_reproduces_the_single_scenario_analysis(tmp_path, certain):
    out = settled(tmp_path, CERTAIN % ("1" if certain else "0"))
    assert [(Fraction(d["chance"]), Fraction(d["amount"]))
            for d in out["views"]["shared"]["distribution"]] == ends(certain)
    assert Fraction(out["views"]["shared"]["expected"]) == sum(c * a for c, a in ends(certain))


def test_questions_without_estimates_are_listed_with_the_even_odds_default(tmp_path):
    out = settled(tmp_path, "estimates_of: client\nquestions:\n  rulings.gross_negligence: "
                            "{yes: 0.4}\n")
    listed = {d["question"]: d for d in out["defaults"]}
    assert "rulings.gross_negligence" not in listed
    assert listed["incident.outages[O-1].known_to_provider"]["default"].startswith("even odds")
    questions = {q["id"]: q for q in out["questions"]}
    assert questions["incident.outages[O-1].known_to_provider"]["estimates"]["shared"] == {
        "client": "0.5000", "provider": "0.5000"}
    assert questions["rulings.gross_negligence"]["estimated_by"] == ["shared"]


@lru_cache(maxsize=1)
def _both_sides() -> subprocess.CompletedProcess:
    return run(CASE, "--odds", ODDS / "harborview-client.yaml", "--odds",
               ODDS / "harborview-provider.yaml", "--costs", ODDS / "harborview-costs.yaml",
               "--format", "json")


def test_each_side_on_its_own_estimates_and_the_gap_between_them():
    done = _both_sides()
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)["settlement"]
    client, provider = out["walk_away"]["client"], out["walk_away"]["provider"]
    assert Fraction(client) == Fraction(out["views"]["client"]["expected"]) - 1_400_000
    assert Fraction(provider) == Fraction(out["views"]["provider"]["expected"]) + 1_100_000
    assert out["range"]["exists"] == (Fraction(client) <= Fraction(provider))
    closing = out["range"]["closing"]
    assert closing[0]["question"] == "rulings.gross_negligence"   # the estimates differ most
    assert out["fee_rule"]["kind"] == "own_costs" and out["fee_rule"]["id"] == "US-NY"


def test_the_same_inputs_give_the_same_bytes():
    assert _both_sides().stdout == _both_sides.__wrapped__().stdout


def test_sampling_beyond_the_limit_stays_within_its_stated_bound():
    from engine.settlement import settle
    from facts.loader import load_case
    from rules.parameters import Parameters
    loaded, params = load_case(CASE), Parameters.load()
    files = [str(ODDS / "harborview-client.yaml")]
    exact = settle(loaded, params, files)
    sampled = settle(loaded, params, files, samples=400, exact_limit=4)
    assert sampled["method"]["mode"] == "sampled" and sampled["method"]["samples"] == 400
    bound = sampled["views"]["shared"]["error_bound"]
    gap = abs(Fraction(sampled["views"]["shared"]["expected"]) -
              Fraction(exact["views"]["shared"]["expected"]))
    assert gap <= Fraction(bound["expected"])
    again = settle(loaded, params, files, samples=400, exact_limit=4)
    assert again == sampled


@pytest.mark.parametrize("text,field", [
    ("questions:\n  nowhere.fact: {yes: 0.5}\n", "questions.nowhere.fact"),
    ("questions:\n  rulings.gross_negligence: {maybe: 0.5}\n",
     "questions.rulings.gross_negligence.maybe"),
    ("questions:\n  rulings.gross_negligence: {yes: 1.5}\n",
     "questions.rulings.gross_negligence.yes"),
    ("questions:\n  rulings.gross_negligence: {yes: true}\n",
     "questions.rulings.gross_negligence.yes"),
    ("questions:\n  rulings.gross_negligence: {yes: 0.7, no: 0.6}\n",
     "questions.rulings.gross_negligence"),
    ("questions:\n  rulings.gross_negligence: 0.5\n", "questions.rulings.gross_negligence"),
    ("estimates_of: mediator\n", "estimates_of"),
    ("odds: {}\n", "odds"),
    ("questions: [1, 2]\n", "questions"),
])
def test_a_bad_odds_file_is_refused_in_one_line_naming_the_file_and_field(tmp_path, text, field):
    path = tmp_path / "bad-odds.yaml"
    path.write_text(text)
    _assert_refused_in_one_line(run(CASE, "--odds", path, "--format", "json", timeout=120),
                                path, field)


@pytest.mark.parametrize("text,field", [
    ("currency: EUR\n", "currency"),
    ("costs_to_hearing: {client: -5}\n", "costs_to_hearing.client"),
    ("costs_to_hearing: {mediator: 5}\n", "costs_to_hearing.mediator"),
    ("fee_rule: english\n", "fee_rule"),
    ("offers: [{by: court, amount: 5}]\n", "offers[0].by"),
])
def test_a_bad_costs_file_is_refused_in_one_line(tmp_path, text, field):
    path = tmp_path / "bad-costs.yaml"
    path.write_text(text)
    _assert_refused_in_one_line(run(CASE, "--costs", path, "--format", "json", timeout=120),
                                path, field)


def _assert_refused_in_one_line(done, path, field):
    """Exit 2, nothing on stdout, one line on stderr naming the file and the field."""
    assert done.returncode == 2, done.stderr
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr
    assert lines[0].startswith(f"error: {path}: {field}: "), lines[0]


def test_two_odds_files_must_be_one_per_side(tmp_path):
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    first.write_text("estimates_of: client\n")
    second.write_text("estimates_of: client\n")
    done = run(CASE, "--odds", first, "--odds", second, "--format", "json", timeout=120)
    assert done.returncode == 2
    assert done.stderr.startswith(f"error: {second}: estimates_of: ")


def test_a_prepared_case_weighs_new_estimates_without_running_the_rule_base_again():
    """What a workbench's sliders need: the tree evaluated once, weighed by any estimates."""
    from engine.settlement import Prepared
    from engine.settlement_costs import Costs
    from facts.loader import load_case
    from rules.fee_rules import fee_rule
    from rules.parameters import Parameters
    prepared = Prepared(load_case(CASE), Parameters.load())
    costs = Costs(rule=fee_rule("US-NY"))
    low = prepared.odds("shared", {"rulings.gross_negligence": {"yes": 0.1}}, "slider")
    first = prepared.settlement({"shared": low}, costs)
    runs = len(prepared.cache)
    high = prepared.odds("shared", {"rulings.gross_negligence": {"yes": "90%"}}, "slider")
    second = prepared.settlement({"shared": high}, costs)
    assert len(prepared.cache) == runs          # no combination evaluated again
    assert Fraction(second["views"]["shared"]["expected"]) > \
        Fraction(first["views"]["shared"]["expected"])
    assert first["method"]["runs"] == second["method"]["runs"]
    with pytest.raises(Exception, match="slider: questions.rulings.gross_negligence.yes"):
        prepared.odds("shared", {"rulings.gross_negligence": {"yes": 2}}, "slider")
