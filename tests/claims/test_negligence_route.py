"""The negligence route stands on a duty independent of the contract, per governing law, and the
limitation clause reaches it only where its words reach tort claims (issue 16)."""
from __future__ import annotations

import pytest

from tests.claims.helpers import client_share, harborview, minimal, pays, route, run
from tests.helpers import finding

OPEN = {"duty_outside_contract": ["harm_to_persons"], "limitation_reaches_tort": False}


@pytest.mark.parametrize("law", ["US-NY", "US-TX", "US-CO", "US-WA", "US-VA", "US-CA", "US-IL",
                                 "US-NJ", "US-MA", "US-GA", "US-OH", "US-DE"])
def test_between_contracting_parties_under_a_bar_the_route_is_not_available(law):
    result = run(minimal(case__governing_law=law,
                         contract__clauses={"duty_outside_contract": []}))
    negligence = route(result, "negligence")
    assert negligence["available"] == "no"
    assert negligence["decided_by"] == "claims.independent_duty.provider"
    assert pays(result, "negligence") == ("0.00", "0.00")
    duty = finding(result, "claims.independent_duty.provider")
    assert duty["rule"] == "CLAIM-001" and not duty["holds"]
    assert "not available" in duty["summary"]


def test_florida_confines_the_rule_to_products_so_the_route_is_arguable_not_barred():
    result = run(minimal(case__governing_law="US-FL",
                         contract__clauses={"duty_outside_contract": [],
                                            "limitation_reaches_tort": False}), client_share(2.0))
    negligence = route(result, "negligence")
    assert negligence["available"] == "arguable"
    assert "product liability" in " ".join(negligence["steps"])
    # Florida's 51% bar does not reach a client 40% at fault: 1,000,000 x 60% if the route opens
    assert pays(result, "negligence") == ("0.00", "600000.00")


def test_an_unknown_ground_is_not_shown_and_names_the_fact():
    result = run(minimal())
    negligence = route(result, "negligence")
    assert negligence["available"] == "no"
    assert any("unknown" in s for s in negligence["steps"])


@pytest.mark.parametrize("law", ["US-NY", "US-WA", "US-VA"])
def test_a_recorded_ground_opens_the_route(law):
    result = run(minimal(case__governing_law=law, contract__clauses=OPEN))
    assert route(result, "negligence")["available"] == "yes"
    duty = finding(result, "claims.independent_duty.provider")
    assert duty["holds"]


# client share 40% → what the client recovers of 1,000,000 once the route is open
@pytest.mark.parametrize("law,expected", [("US-NY", "600000.00"),   # pure comparative
                                          ("US-WA", "600000.00"),   # pure comparative
                                          ("US-VA", "0.00")])       # contributory negligence
def test_once_open_the_fault_regime_applies(law, expected):
    result = run(minimal(case__governing_law=law, contract__clauses=OPEN), client_share(2.0))
    assert result["allocation"]["client"] == "0.4000"
    assert pays(result, "negligence") == (expected, expected)


def test_a_ground_the_law_leaves_to_the_facts_makes_the_route_arguable():
    result = run(minimal(contract__clauses={"duty_outside_contract": ["public_interest_service"],
                                            "limitation_reaches_tort": False}), client_share(2.0))
    negligence = route(result, "negligence")
    assert negligence["available"] == "arguable"
    assert pays(result, "negligence") == ("0.00", "600000.00")


def test_english_law_makes_the_route_arguable_and_flags_ucta():
    result = run(minimal(case__governing_law="UK",
                         contract__clauses={"duty_outside_contract": [],
                                            "limitation_reaches_tort": True}), client_share(2.0))
    negligence = route(result, "negligence")
    assert negligence["available"] == "arguable"
    assert any("assumed responsibility" in s for s in negligence["steps"])
    # The clause reaches tort claims: the cap of 100,000 limits the route.
    assert pays(result, "negligence") == ("0.00", "100000.00")
    assert any("Unfair Contract Terms Act 1977 s. 2(2)" in f for f in negligence["flags"])


def test_an_unrecorded_jurisdiction_is_arguable_never_assumed():
    result = run(minimal(case__governing_law="US-MT",
                         contract__clauses={"duty_outside_contract": []}))
    negligence = route(result, "negligence")
    assert negligence["available"] == "arguable"
    assert any("not recorded" in s for s in negligence["steps"])


def test_a_clause_limited_to_contract_claims_leaves_the_tort_route_uncapped():
    confined = run(minimal(contract__clauses=OPEN), client_share(2.0))
    assert pays(confined, "negligence") == ("600000.00", "600000.00")
    assert route(confined, "negligence")["cap_status"] == "not_reached_by_clause"
    reaching = run(minimal(contract__clauses={**OPEN, "limitation_reaches_tort": True}),
                   client_share(2.0))
    assert pays(reaching, "negligence") == ("100000.00", "100000.00")
    unknown = run(minimal(contract__clauses={"duty_outside_contract": ["harm_to_persons"]}),
                  client_share(2.0))
    assert pays(unknown, "negligence") == ("100000.00", "600000.00")
    assert route(unknown, "negligence")["cap_status"] == "arguable"


def test_harborview_new_york_negligence_is_not_available():
    result = run(harborview())
    assert route(result, "negligence")["available"] == "no"
    assert pays(result, "negligence") == ("0.00", "0.00")
    # The contract route stays, with the arguable gross-negligence range; the example does not
    # say which heads are consequential, so the exclusion may remove them all (from 0).
    low, high = pays(result, "contract")
    assert low == "0.00" and high == "12700000.00"


def test_accrual_entries_classified_direct_keep_the_exclusion_off_the_negligence_route():
    # The clause reaches tort claims; the only accrual entry is recorded as direct, so the
    # consequential-loss exclusion removes nothing (before, harm without heads was unclassified).
    raw = minimal(contract__clauses={**OPEN, "limitation_reaches_tort": True},
                  contract__liability={"consequential_damages_excluded": True})
    raw["incident"]["harm"]["accrual"][0]["loss_type"] = "direct"
    result = run(raw, client_share(2.0))
    assert pays(result, "negligence") == ("600000.00", "600000.00")
    raw["incident"]["harm"]["accrual"][0].pop("loss_type")
    assert pays(run(raw, client_share(2.0)), "negligence") == ("0.00", "600000.00")
