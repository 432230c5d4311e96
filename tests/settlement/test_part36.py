"""CPR 36.17(4) computed: a client's Part 36 offer that the award matches or beats adds enhanced
interest on the award and on the client's costs and the additional amount, as worked by hand;
nothing when the award falls short of the offer; what the costs file does not give is said."""
from __future__ import annotations

from fractions import Fraction
from types import SimpleNamespace

import pytest

from engine.settlement_costs import costs_from_mapping
from engine.settlement_part36 import additional_amount
from facts.errors import FaultlineInputError
from rules.fee_rules import fee_rule

TABLE = fee_rule("UK").claimant_offer
BASE = {"rate": "4%", "as_of": "2026-11-05", "source": "Bank of England Bank Rate"}


def case(currency: str = "GBP", law: str = "UK"):
    return SimpleNamespace(case=SimpleNamespace(governing_law=law, currency=currency,
                                                forum=None))


def costs(currency: str = "GBP", **extra):
    raw = {"currency": currency, "costs_to_hearing": {"client": 200_000, "provider": 150_000},
           "forum_law": "UK",
           "offers": [{"by": "client", "amount": 800_000,
                       "relevant_period_expired": "2026-01-01"}],
           "judgment_date": "2027-01-01", "base_rate": BASE, **extra}
    return costs_from_mapping({k: v for k, v in raw.items() if v is not None},
                              case(currency, "US-NY"), "costs.yaml")


@pytest.mark.parametrize("award,expected", [(400_000, 40_000), (500_000, 50_000),
                                            (600_000, 55_000), (1_000_000, 75_000),
                                            (2_000_000, 75_000)])
def test_the_additional_amount_is_ten_then_five_percent_capped(award, expected):
    # 10% up to 500,000; above it 10% of the first 500,000 and 5% of the rest; at most 75,000
    assert additional_amount(Fraction(award), TABLE) == expected


def test_an_award_that_beats_the_clients_offer_adds_interest_costs_and_the_additional_amount():
    out = costs()
    # a year at 4% + 10 points on 1,000,000 = 140,000; on the 200,000 of costs for half the
    # year = 14,000; the additional amount on 1,000,000 = 75,000 (the cap)
    client, provider = out.outcome(Fraction(1_000_000), "contract")
    assert client == 1_000_000 + 140_000 + 14_000 + 75_000
    assert provider == 1_000_000 + 150_000 + 200_000 + 140_000 + 14_000 + 75_000
    # matching the offer exactly is "at least as advantageous"
    matched = out.outcome(Fraction(800_000), "contract")[0]
    assert matched == 800_000 + 800_000 * Fraction(14, 100) + 14_000 + 65_000
    words = " ".join(out.notes)
    assert "14% a year" in words and "Bank of England Bank Rate" in words
    assert "the most the rule allows" in words and "CPR 36.17(4)" in words


def test_an_award_short_of_the_offer_adds_nothing_and_costs_follow_the_event():
    client, provider = costs().outcome(Fraction(700_000), "contract")
    assert (client, provider) == (700_000, 700_000 + 150_000 + 200_000)


def test_fewer_points_above_base_lower_the_interest_only():
    client, _ = costs(above_base="5%").outcome(Fraction(1_000_000), "contract")
    assert client == 1_000_000 + 90_000 + 9_000 + 75_000
    with pytest.raises(FaultlineInputError) as refused:
        costs(above_base="11%")
    assert refused.value.field == "above_base"


def test_what_the_costs_file_does_not_give_is_not_computed_and_said():
    no_rate = costs(base_rate=None)
    assert no_rate.outcome(Fraction(1_000_000), "contract")[0] == 1_000_000 + 75_000
    assert "the costs file gives no base_rate" in " ".join(no_rate.notes)
    dollars = costs("USD")
    assert dollars.outcome(Fraction(1_000_000), "contract")[0] == 1_000_000 + 140_000 + 14_000
    assert "its amounts are in GBP and the case is in USD" in " ".join(dollars.notes)


@pytest.mark.parametrize("extra,field", [
    ({"judgment_date": "next spring"}, "judgment_date"),
    ({"base_rate": {"rate": "4%"}}, "base_rate"),
    ({"base_rate": {**BASE, "source": " "}}, "base_rate.source"),
    ({"offers": [{"by": "client", "amount": 1, "relevant_period_expired": "soon"}]},
     "offers[0].relevant_period_expired")])
def test_bad_part36_inputs_are_refused_naming_the_field(extra, field):
    with pytest.raises(FaultlineInputError) as refused:
        costs(**extra)
    assert refused.value.field == field
