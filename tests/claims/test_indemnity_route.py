"""The indemnity route (EXPO-006): the provider's indemnity shifts what its words cover, read
strictly, set off only by what it names, and stands as an alternative to the damages routes for
the same loss (issue 16). Known answers on the minimal case: the client and the provider carry
0.5 each of every tranche (client_share(3.0)), the cap is USD 100,000, and the harm is three
dated heads: third-party claims 600,000, response costs 300,000, business interruption 100,000,
all after the point a timely triage would have contained the intrusion."""
from __future__ import annotations

from decimal import Decimal

from tests.claims.helpers import client_share, minimal, pays, route, run
from tests.helpers import finding

HEADS = {"heads": [
    {"id": "TP", "kind": "third_party_claims", "amount": 600000, "accrued_at": "2025-06-05T00:00:00"},
    {"id": "RC", "kind": "response_costs", "amount": 300000, "accrued_at": "2025-06-05T00:00:00"},
    {"id": "BI", "kind": "business_interruption", "amount": 100000,
     "accrued_at": "2025-06-05T00:00:00"}]}
NAMED = ["third_party_claims", "response_costs"]
# The provider triaged and escalated the alert on time: no breach, no causally relevant fault.
ON_TIME = {"incident__alerts": [{"id": "AL-1", "at": "2025-06-02T09:30:00", "severity": "high",
                                 "related_to_intrusion": True,
                                 "acknowledged_at": "2025-06-02T09:40:00",
                                 "escalated_at": "2025-06-02T09:50:00"}]}


def indemnified(harm=None, **clause) -> dict:
    clause = {"by": "provider", "covers": NAMED, "trigger": "provider_breach",
              "outside_cap": True, "covers_client_fault": False, **clause}
    return run(minimal(incident__harm=harm or HEADS, contract__clauses={"indemnity": clause}),
               client_share(3.0))


def test_named_heads_less_the_clients_own_fault_outside_the_cap():
    # (600,000 + 300,000) x (1 - 0.5); business interruption is not named
    result = indemnified()
    assert pays(result, "indemnity") == ("450000.00", "450000.00")
    assert route(result, "indemnity")["available"] == "yes"
    assert sorted(h["id"] for h in route(result, "indemnity")["heads"]) == ["RC", "TP"]


def test_clear_words_covering_the_clients_fault_take_the_whole_heads():
    assert pays(indemnified(covers_client_fault=True), "indemnity") == ("900000.00", "900000.00")


def test_unknown_whether_the_clause_covers_the_clients_fault_is_a_range():
    assert pays(indemnified(covers_client_fault="unknown"), "indemnity") == ("450000.00", "900000.00")


def test_general_words_reach_third_party_claims_and_own_losses_only_arguably():
    # all_losses: the third-party claims for certain; the own losses (300,000 + 100,000) a range
    result = indemnified(covers=["all_losses"], covers_client_fault=True)
    assert pays(result, "indemnity") == ("600000.00", "1000000.00")
    assert "unmistakably clear" in route(result, "indemnity")["steps"][2]


def test_the_cap_limits_an_indemnity_inside_it_and_gives_a_range_when_unknown():
    assert pays(indemnified(outside_cap=False), "indemnity") == ("100000.00", "100000.00")
    assert pays(indemnified(outside_cap="unknown"), "indemnity") == ("100000.00", "450000.00")


def test_not_set_off_without_the_breach_it_names():
    result = run(minimal(**ON_TIME, incident__harm=HEADS, contract__clauses={"indemnity": {
        "by": "provider", "covers": NAMED, "trigger": "provider_breach", "outside_cap": True}}),
        client_share(3.0))
    assert route(result, "indemnity")["available"] == "no"
    assert pays(result, "indemnity") == ("0.00", "0.00")
    assert not finding(result, "exposure.indemnity.provider")["holds"]


def test_any_cause_covers_the_named_heads_whoever_caused_them():
    result = run(minimal(**ON_TIME, incident__harm=HEADS, contract__clauses={"indemnity": {
        "by": "provider", "covers": NAMED, "trigger": "any_cause", "outside_cap": True,
        "covers_client_fault": True}}), client_share(3.0))
    assert pays(result, "indemnity") == ("900000.00", "900000.00")
    assert pays(result, "contract") == ("0.00", "0.00")


def test_an_unrecorded_trigger_is_arguable_from_nothing():
    result = indemnified(trigger="unknown")
    assert route(result, "indemnity")["available"] == "arguable"
    assert pays(result, "indemnity") == ("0.00", "450000.00")


def test_the_clients_own_indemnity_and_no_indemnity_give_the_client_nothing():
    assert route(indemnified(by="client"), "indemnity")["available"] == "no"
    plain = run(minimal(incident__harm=HEADS), client_share(3.0))
    assert "indemnity" not in plain["exposure"]
    assert not finding(plain, "exposure.indemnity.provider")["holds"]
    assert finding(plain, "exposure.strongest.provider")["values"]["route"] == "contract"


def test_one_loss_once_the_indemnity_is_an_alternative_never_added():
    result = indemnified()
    strongest = finding(result, "exposure.strongest.provider")
    assert strongest["values"]["route"] == "indemnity"
    assert result["derived"]["derived.claims.strongest"]["value"]["provider_pays"] == \
        {"min": "450000.00", "max": "450000.00"}
    assert "never added" in strongest["summary"]


def test_fines_it_covers_stay_on_the_late_notice_route():
    harm = {"heads": HEADS["heads"] + [{"id": "F", "kind": "regulatory_fine", "amount": 200000,
                                        "regime": "us-hipaa",
                                        "accrued_at": "2025-06-05T00:00:00"}]}
    result = indemnified(harm=harm, covers=NAMED + ["regulatory_fines"])
    assert pays(result, "indemnity") == ("450000.00", "450000.00")
    assert pays(result, "disclosure") == ("200000.00", "200000.00")
    assert Decimal(pays(result, "contract")[1]) <= Decimal(1000000)


def test_fines_indemnity_not_set_off_shifts_no_fine():
    harm = {"heads": HEADS["heads"] + [{"id": "F", "kind": "regulatory_fine", "amount": 200000,
                                        "regime": "us-hipaa",
                                        "accrued_at": "2025-06-05T00:00:00"}]}
    clause = {"by": "provider", "covers": ["regulatory_fines"], "trigger": "provider_breach",
              "outside_cap": True}
    result = run(minimal(**ON_TIME, incident__harm=harm, contract__clauses={"indemnity": clause}),
                 client_share(3.0))
    assert pays(result, "disclosure") == ("0.00", "0.00")
    assert "not set off" in " ".join(route(result, "disclosure")["steps"])
