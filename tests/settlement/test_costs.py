"""Costs and fee rules: each side's walk-away value as computed by hand under the rule of each
forum, and the settlement range, empty exactly when the walk-away values cross."""
from __future__ import annotations

from fractions import Fraction

import pytest

from engine.settlement_costs import Costs, Offer
from engine.settlement_views import _walk_away
from rules.fee_rules import contract_clause, fee_rule
from tests.settlement.helpers import exact_tree, odds, yes_no

P = Fraction(3, 10)
WIN = 10_000_000


def walk_aways(costs: Costs, client_p=P, provider_p=P):
    q = yes_no("liable")
    tree = exact_tree([q], {"liable": WIN})
    sides = {"client": odds({"liable": client_p}, "client"),
             "provider": odds({"liable": provider_p}, "provider")}
    out = _walk_away(sides, {"client": tree, "provider": tree}, costs, [q], str)
    return Fraction(out["walk_away"]["client"]), Fraction(out["walk_away"]["provider"]), out


def test_own_costs_each_side_bears_its_own():
    costs = Costs(Fraction(1_000_000), Fraction(800_000), rule=fee_rule("US-NY"))
    client, provider, _ = walk_aways(costs)
    assert client == P * WIN - 1_000_000          # 2,000,000
    assert provider == P * WIN + 800_000          # 3,800,000


def test_loser_pays_shifts_the_recoverable_share_of_the_winners_costs():
    costs = Costs(Fraction(1_000_000), Fraction(800_000), Fraction(7, 10), rule=fee_rule("UK"))
    client, provider, _ = walk_aways(costs)
    # client wins (0.3): 10m - 1m + 0.7 x 1m; loses (0.7): -1m - 0.7 x 0.8m
    assert client == P * (WIN - 1_000_000 + 700_000) + (1 - P) * (-1_000_000 - 560_000)
    # provider: wins-for-client (0.3): 10m + 0.8m + 0.7m; else 0.8m - 0.56m
    assert provider == P * (WIN + 800_000 + 700_000) + (1 - P) * (800_000 - 560_000)
    own = Costs(Fraction(1_000_000), Fraction(800_000), rule=fee_rule("US"))
    # against own costs, loser-pays lowers the walk-away of the side more likely to lose
    assert client < walk_aways(own)[0]


def test_a_claimant_fee_statute_runs_one_way_for_contract_recoveries():
    costs = Costs(Fraction(1_000_000), Fraction(800_000), rule=fee_rule("US-TX"))
    client, provider, _ = walk_aways(costs)
    assert client == P * WIN - 1_000_000 + P * 1_000_000
    assert provider == P * (WIN + 1_000_000) + 800_000


def test_a_prevailing_party_clause_shifts_both_ways():
    costs = Costs(Fraction(1_000_000), Fraction(800_000), rule=contract_clause(fee_rule("US-NY")))
    assert costs.rule.kind == "loser_pays"
    client, _, _ = walk_aways(costs)
    assert client == P * WIN - 1_000_000 + P * 1_000_000 - (1 - P) * 800_000


def test_a_provider_part36_offer_not_beaten_puts_the_providers_costs_on_the_client():
    rule = fee_rule("UK")
    costs = Costs(Fraction(1_000_000), Fraction(800_000), rule=rule,
                  offers=[Offer("provider", Fraction(12_000_000))])
    client, provider, _ = walk_aways(costs)
    # the award (10m or 0) never beats 12m: the client bears both sides' costs either way
    assert client == P * WIN - 1_000_000 - 800_000
    assert provider == P * WIN
    us = Costs(Fraction(1_000_000), Fraction(800_000), rule=fee_rule("US-NY"),
               offers=[Offer("provider", Fraction(12_000_000))])
    assert walk_aways(us)[0] == P * WIN - 1_000_000   # stated, not computed, in the US


def test_the_range_is_empty_exactly_when_the_walk_away_values_cross():
    none = Costs(rule=fee_rule("US-NY"))
    _, _, same = walk_aways(none)
    assert same["range"]["exists"] and same["range"]["low"] == same["range"]["high"]
    _, _, apart = walk_aways(none, client_p=Fraction(1, 2), provider_p=Fraction(1, 5))
    assert not apart["range"]["exists"]
    assert Fraction(apart["range"]["gap"]) == Fraction(3, 10) * WIN
    assert apart["range"]["closing"][0]["question"] == "liable"
    assert Fraction(apart["range"]["closing"][0]["closes"]) == 2 * Fraction(3, 10) * WIN
    costly = Costs(Fraction(2_000_000), Fraction(1_000_001), rule=fee_rule("US-NY"))
    c, p, crossing = walk_aways(costly, client_p=Fraction(1, 2), provider_p=Fraction(1, 5))
    assert crossing["range"]["exists"] == (c <= p) and c < p


def test_a_walk_away_below_zero_says_why_in_words():
    # 0.3 x 10m = 3m expected against 4m of the client's own costs: a hearing loses it 1m
    costs = Costs(Fraction(4_000_000), Fraction(800_000), rule=fee_rule("US-NY"))
    client, provider, out = walk_aways(costs)
    assert client == -1_000_000 and provider == 3_800_000
    below = out["walk_away"]["below_zero"]
    assert set(below) == {"client"}
    assert "expected recovery at a hearing (3000000) does not cover the costs it expects to " \
           "bear to get there (4000000" in below["client"]
    assert "leave it 1000000 worse off than stopping now" in below["client"]
    assert "accepting nothing" in below["client"]
    assert below["client"] in out["walk_away"]["words"]
    assert "any settlement from nothing up to 3800000 is inside the range" in \
        out["range"]["words"]
    # one unit less of costs and the walk-away is at zero: nothing to explain
    _, _, at_zero = walk_aways(Costs(Fraction(3_000_000), Fraction(800_000),
                                     rule=fee_rule("US-NY")))
    assert Fraction(at_zero["walk_away"]["client"]) == 0
    assert "below_zero" not in at_zero["walk_away"]
    assert "below zero" not in at_zero["range"]["words"]


@pytest.mark.parametrize("law,kind,recorded", [("US-NY", "own_costs", True),
                                               ("US-CO", "own_costs", True),
                                               ("US-TX", "claimant_statute", True),
                                               ("GB-ENG", "loser_pays", True),
                                               ("AU", "own_costs", False)])
def test_each_forum_law_finds_its_fee_rule(law, kind, recorded):
    rule = fee_rule(law)
    assert (rule.kind, rule.recorded) == (kind, recorded)
    if recorded:
        assert rule.sources()   # every recorded rule cites the table


def test_every_fee_rule_cites_entries_and_pinpoints_of_the_table():
    from rules.authorities import check_citation, parse_data_cite
    from rules.fee_rules import _table
    rules, arbitration = _table()
    cites = {c for r in rules.values() for c in (*r.cites, r.offer_rule, r.claimant_offer_rule)
             if c} | set(arbitration["cites"])
    assert len(cites) >= 8
    assert [p for c in sorted(cites) for p in check_citation(parse_data_cite(c))] == []
