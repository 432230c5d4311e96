"""Fines pass to the provider only for the delay it caused, per regime; knowledge is imputed only
on a recorded agency; no figure appears in two routes (issue 16)."""
from __future__ import annotations

from decimal import Decimal

from tests.claims.helpers import harborview, pays, route, run
from tests.helpers import finding

# The review's hv-imp variant: the provider detected the breach on 5 March and told the client on
# 12 March (legal review D6/D7).
SAT_ON_IT = {"incident__timeline__provider_detection": "2025-03-05T10:00:00",
             "incident__timeline__discovered_by": "provider",
             "incident__timeline__discovery": "2025-03-05T10:00:00",
             "incident__timeline__client_notified": "2025-03-12T08:40:00",
             "applicability__incident__unsecured_phi": True}


def test_a_business_associate_is_not_presumed_an_agent():
    result = run(harborview(**SAT_ON_IT))
    assert "derived.imputed_knowledge" not in result["derived"]
    assert pays(result, "disclosure") == ("0.00", "0.00")


def test_recorded_agency_imputes_knowledge():
    result = run(harborview(**SAT_ON_IT, parties__provider__agent_of_client=True))
    assert "derived.imputed_knowledge" in result["derived"]


def test_fines_without_a_regime_are_never_shifted():
    result = run(harborview(**SAT_ON_IT, parties__provider__agent_of_client=True))
    disclosure = route(result, "disclosure")
    assert pays(result, "disclosure") == ("0.00", "0.00")
    assert disclosure["fines"][0]["regime"] is None
    assert "not recorded per regime" in disclosure["steps"][0]


def test_no_figure_appears_in_two_routes():
    # all the harm is fines: the damages routes count none of it
    result = run(harborview(incident__harm={"total": 1500000, "regulatory_fines": 1500000,
                                            "response_costs": 0}))
    assert pays(result, "contract") == ("0.00", "0.00")
    assert route(result, "disclosure")["client_bears"]["max"] == "1500000.00"
    base = run(harborview())
    low, high = pays(base, "contract")
    assert Decimal(high) <= Decimal("14200000") - Decimal("1500000")


def test_the_strongest_route_is_named_and_routes_are_never_added():
    result = run(harborview())
    strongest = finding(result, "exposure.strongest.provider")
    assert strongest["holds"] and strongest["values"]["route"] == "contract"
    assert "never added" in strongest["summary"]


# The provider detected the breach on 5 March and sat on it until the FBI called on 12 March; the
# client, taking the time it took, would have met HIPAA's 60 days had it been told on time, but its
# Florida attorney-general notice was late on its own clock (the review's D7).
HEADS = [{"id": "F-HHS", "kind": "regulatory_fine", "regime": "us-hipaa", "amount": 1200000},
         {"id": "F-FL", "kind": "regulatory_fine", "regime": "us-fl", "amount": 300000},
         {"id": "H-RESP", "kind": "response_costs", "amount": 3100000},
         {"id": "H-BI", "kind": "business_interruption", "amount": 9600000}]


def _sat_on_detection(**more):
    raw = harborview(parties__provider__agent_of_client=True,
                     applicability__incident__unsecured_phi=True,
                     incident__timeline__provider_detection="2025-03-05T10:00:00", **more)
    for notice in raw["incident"]["notices"][:2]:
        notice["at"] = "2025-05-08T10:00:00"
    raw["incident"]["harm"]["heads"] = HEADS
    return raw


def test_fines_shift_only_for_the_delay_the_provider_caused():
    result = run(_sat_on_detection())
    disclosure = route(result, "disclosure")
    rows = {r["id"]: r for r in disclosure["fines"]}
    assert rows["F-HHS"]["shifted"] == "1200000.00"     # HIPAA lateness caused by the delay
    assert rows["F-FL"]["shifted"] == "0.00"            # Florida lateness was the client's own
    assert pays(result, "disclosure") == ("1200000.00", "1200000.00")
    assert disclosure["client_bears"]["max"] == "300000.00"


def test_without_agency_nothing_is_imputed_and_no_fine_shifts():
    raw = _sat_on_detection()
    raw["parties"]["provider"]["agent_of_client"] = False
    result = run(raw)
    assert pays(result, "disclosure") == ("0.00", "0.00")
