"""The settlement arithmetic: known answers computed by hand, and properties that must hold for
any estimates (chances sum to one, the expectation lies between the smallest and largest award,
sampling agrees with the exact tree within its stated bound, the same seed gives the same draws).
Runs are derandomized so CI is reproducible."""
from __future__ import annotations

from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.settlement_stats import expected, hoeffding_eps, money, percentile, summary
from engine.settlement_tree import drawn_combinations
from tests.settlement.helpers import carve, exact_tree, odds, sampled_tree, yes_no

SETTINGS = settings(max_examples=40, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow])
chances = st.fractions(min_value=0, max_value=1, max_denominator=100)
amounts = st.integers(min_value=0, max_value=50_000_000)


def test_one_question_at_three_tenths_gives_the_hand_computed_figures():
    q = yes_no("gn")
    tree = exact_tree([q], {"gn": 12_220_000}, carve_amount=None)
    # award: 12,220,000 if yes (p 0.3), 0 + nothing if no; shift by a floor of 480,000 by hand:
    pts, _ = tree.points(odds({"gn": Fraction(3, 10)}))
    pts = [(c, a + 480_000) for c, a in pts]
    stats = summary(pts)
    assert stats["expected"] == Fraction(3, 10) * 12_700_000 + Fraction(7, 10) * 480_000
    assert money(stats["expected"]) == "4146000.00"
    assert stats["p10"] == 480_000 and stats["median"] == 480_000
    assert stats["p90"] == 12_700_000
    assert stats["p_nothing"] == 0


def test_the_chance_of_nothing_counts_the_zero_awards():
    tree = exact_tree([yes_no("a")], {"a": 1_000})
    stats = summary(tree.points(odds({"a": Fraction(1, 4)}))[0])
    assert stats["p_nothing"] == Fraction(3, 4)
    assert stats["median"] == 0 and stats["p90"] == 1_000 and stats["expected"] == 250


def test_two_independent_questions_weigh_each_combination_by_the_product():
    a, b = yes_no("a"), yes_no("b")
    tree = exact_tree([a, b], {"a": 1, "b": 10})
    pts, _ = tree.points(odds({"a": Fraction(3, 10), "b": Fraction(4, 5)}))
    by_amount = {amount: c for c, amount in pts}
    assert by_amount == {11: Fraction(3, 10) * Fraction(4, 5), 1: Fraction(3, 10) * Fraction(1, 5),
                         10: Fraction(7, 10) * Fraction(4, 5), 0: Fraction(7, 10) * Fraction(1, 5)}


def test_a_carve_out_is_weighed_within_each_combination_and_can_be_forced():
    a = yes_no("a")
    tree = exact_tree([a], {"a": 100}, carve_amount=1_000, carve_outs=[carve()])
    estimates = odds({"a": Fraction(1, 2), "rulings.gross_negligence": Fraction(1, 10)})
    assert expected(tree.points(estimates)[0]) == 50 + 100
    found = tree.points(estimates, forced={"rulings.gross_negligence": "yes"})
    assert expected(found[0]) == 50 + 1_000


def test_certainty_gives_one_point():
    a, b = yes_no("a"), yes_no("b")
    tree = exact_tree([a, b], {"a": 7, "b": 5})
    pts, _ = tree.points(odds({"a": 1, "b": 0}))
    assert [(c, x) for c, x in pts if c] == [(1, 7)]


def test_a_percentile_is_the_smallest_amount_reaching_its_chance():
    pts = [(Fraction(1, 10), 5), (Fraction(4, 10), 1), (Fraction(5, 10), 9)]
    assert percentile(pts, Fraction(1, 10)) == 1
    assert percentile(pts, Fraction(1, 2)) == 5
    assert percentile(pts, Fraction(51, 100)) == 9


@SETTINGS
@given(st.lists(st.tuples(chances, amounts), min_size=1, max_size=5))
def test_chances_sum_to_one_and_the_expectation_lies_within_the_awards(spec):
    facts = [yes_no(f"q{i}") for i in range(len(spec))]
    tree = exact_tree(facts, {f"q{i}": amt for i, (_, amt) in enumerate(spec)})
    pts, _ = tree.points(odds({f"q{i}": p for i, (p, _) in enumerate(spec)}))
    assert sum(c for c, _ in pts) == 1
    stats = summary(pts)
    assert stats["min"] <= stats["expected"] <= stats["max"]
    assert stats["min"] <= stats["p10"] <= stats["median"] <= stats["p90"] <= stats["max"]
    assert 0 <= stats["p_nothing"] <= 1


@SETTINGS
@given(st.lists(st.tuples(chances, amounts), min_size=1, max_size=4), st.integers(0, 2 ** 32))
def test_sampling_agrees_with_the_exact_tree_within_the_bound(spec, seed):
    facts = [yes_no(f"q{i}") for i in range(len(spec))]
    money_of = {f"q{i}": amt for i, (_, amt) in enumerate(spec)}
    estimates = odds({f"q{i}": p for i, (p, _) in enumerate(spec)})
    exact = expected(exact_tree(facts, money_of).points(estimates)[0])
    samples = 800
    drawn = sampled_tree(facts, money_of, estimates, samples, seed)
    estimate = expected(drawn.points(estimates)[0])
    reach = sum(money_of.values())
    assert abs(float(estimate - exact)) <= hoeffding_eps(samples) * reach + 1e-6


@SETTINGS
@given(st.lists(chances, min_size=1, max_size=6), st.integers(0, 2 ** 32))
def test_the_same_seed_draws_the_same_combinations(ps, seed):
    facts = [yes_no(f"q{i}") for i in range(len(ps))]
    estimates = odds({f"q{i}": p for i, p in enumerate(ps)})
    first = drawn_combinations(facts, estimates, 200, seed)
    assert first == drawn_combinations(facts, estimates, 200, seed)
    for i, p in enumerate(ps):   # an answer with no chance is never drawn
        if p == 0:
            assert all(c[i] == "no" for c in first)
        if p == 1:
            assert all(c[i] == "yes" for c in first)


def test_a_sampled_tree_forced_to_an_undrawn_answer_cannot_say():
    a, b = yes_no("a"), yes_no("b")
    estimates = odds({"a": 0, "b": Fraction(1, 2)})
    drawn = sampled_tree([a, b], {"a": 1, "b": 2}, estimates, 100, 7)
    assert drawn.points(estimates, forced={"a": "yes"}) is None
    got = drawn.points(estimates, forced={"b": "yes"})
    assert expected(got[0]) == 2 and got[1] == sum(
        n for leaf, n in zip(drawn.leaves, drawn.counts) if leaf.answers[1] == "yes")
