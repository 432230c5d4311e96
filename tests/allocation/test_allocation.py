"""Allocation and exposure behave as the law says (issue 5)."""
from __future__ import annotations

import copy
from decimal import Decimal
from pathlib import Path

import pytest

from facts.loader import read_raw
from rules.parameters import Parameters
from tests.helpers import base_raw, holds, run, set_path
from tests.claims.helpers import harborview_heads

MINIMAL = read_raw(Path(__file__).with_name("minimal-case.yaml"))


def minimal(**changes) -> dict:
    raw = copy.deepcopy(MINIMAL)
    for path, value in changes.items():
        set_path(raw, path.replace("__", "."), value)
    return raw


def share(result: dict, party: str = "provider") -> Decimal:
    return Decimal(result["allocation"].get(party, "0"))


def client_weight(weight: float) -> Parameters:
    return Parameters.load(overrides={"weights.governance.mfa": weight})


def test_minimal_case_splits_by_disclosed_weights():
    result = run(minimal(), client_weight(2.0))
    assert result["allocation"] == {"client": "0.4000", "provider": "0.6000"}
    roots = {r["id"]: r for r in result["allocation_detail"]["roots"]}
    # The unacknowledged alert is late triage and late escalation at once: one lapse in handling
    # it, one row, weighted as its heavier element (triage, 3 points).
    assert sorted(roots) == ["client:mfa", "provider:alert:AL-1"]
    alert = roots["provider:alert:AL-1"]
    assert sorted(alert["findings"]) == ["breach.escalation.provider", "breach.triage.provider"]
    assert (alert["weight_key"], alert["points"]) == ("weights.breach.triage", "3.0000")
    assert roots["client:mfa"]["points"] == "2.0000"


def test_failure_that_caused_nothing_leaves_allocation_unchanged():
    before = run(minimal())
    # Weak oversight is background, not a cause of this intrusion.
    assert not holds(before, "governance.oversight.client")
    after = run(minimal(client_governance__risk_oversight={"board_reporting": False,
                                                           "risk_assessment": "never"}))
    assert holds(after, "governance.oversight.client")
    assert after["allocation"] == before["allocation"]
    # An outage long over before the intrusion began caused nothing either.
    raw = minimal()
    raw["incident"]["outages"] = [{"id": "O-1", "source": "EDR", "start": "2025-01-01T00:00:00",
                                   "end": "2025-01-02T00:00:00"}]
    after = run(raw)
    assert not holds(after, "breach.monitoring_outage.provider.O-1")
    assert after["allocation"] == before["allocation"]


@pytest.mark.parametrize("low,high", [("advisory", "alert_forwarding"),
                                      ("alert_forwarding", "co_managed"),
                                      ("co_managed", "fully_managed")])
def test_control_level_changes_provider_weight(low, high):
    lower = run(minimal(contract__control_level=low))
    higher = run(minimal(contract__control_level=high))
    assert share(higher) > share(lower)


@pytest.mark.parametrize("change", [
    {"contract__sla__detection": "30m"},                      # a missed detection window
    {"provider_conduct__staffing": {"coverage_24x7": False}},  # no 24x7 under a managed service
])
def test_adding_a_provider_failure_never_lowers_its_share(change):
    assert share(run(minimal(**change))) >= share(run(minimal()))


@pytest.mark.parametrize("change", [
    {"client_governance__segmentation": False,
     "incident__post_exploit_activity": ["exfiltration", "lateral_movement"]},
    {"client_governance__credentials": {"shared_accounts": True}},
])
def test_adding_a_client_failure_never_raises_provider_share(change):
    base = minimal(incident__post_exploit_activity=["exfiltration", "lateral_movement"])
    changed = copy.deepcopy(base)
    for path, value in change.items():
        set_path(changed, path.replace("__", "."), value)
    assert share(run(changed)) <= share(run(base))


# client share 40%, 50%, 60% → what the client recovers of 1,000,000 in negligence
KNOWN = {
    "US-NY": ("pure_comparative", ["600000.00", "500000.00", "400000.00"]),
    "US-CO": ("modified_50", ["600000.00", "0.00", "0.00"]),
    "US-IL": ("modified_51", ["600000.00", "500000.00", "0.00"]),
    "US-VA": ("pure_contributory", ["0.00", "0.00", "0.00"]),
}


@pytest.mark.parametrize("law", sorted(KNOWN))
def test_each_fault_regime_gives_the_known_answer(law):
    kind, expected = KNOWN[law]
    got = []
    for weight, client in ((2.0, "0.4000"), (3.0, "0.5000"), (4.5, "0.6000")):
        # The route is opened (a recorded ground of a duty outside the contract) and the clause
        # confined to contract claims, so only the fault regime moves the figure.
        result = run(minimal(case__governing_law=law,
                             contract__clauses={"duty_outside_contract": ["harm_to_persons"],
                                                "limitation_reaches_tort": False}),
                     client_weight(weight))
        assert result["allocation"]["client"] == client
        assert result["derived"]["derived.fault_regime"]["value"]["kind"] == kind
        got.append(result["exposure"]["negligence"]["provider_pays"]["max"])
    assert got == expected


def test_contract_damages_are_not_reduced_by_comparative_fault():
    low = run(minimal(), client_weight(2.0))["exposure"]["contract"]
    high = run(minimal(), client_weight(4.5))["exposure"]["contract"]
    assert low["provider_pays"] == high["provider_pays"] == {"min": "100000.00", "max": "100000.00"}


def test_carve_out_lifts_cap_only_when_established_and_gives_range_when_arguable():
    capped = run(minimal())["exposure"]["contract"]
    assert capped["cap_status"] == "applies" and capped["provider_pays"]["max"] == "100000.00"
    # A gross-negligence carve-out with no gross-negligence argument on the facts: cap stays.
    carve = run(minimal(contract__liability={"cap": 100000, "carve_outs": ["gross_negligence"]}))
    assert carve["exposure"]["contract"]["cap_status"] == "applies"
    # A data-breach carve-out is established by the claim itself: cap lifted.
    lifted = run(minimal(contract__liability={"cap": 100000, "carve_outs": ["data_breach"]}))
    assert lifted["exposure"]["contract"]["provider_pays"] == {"min": "1000000.00",
                                                               "max": "1000000.00"}
    # The missed-alerts example has a gross-negligence argument: a range, capped to uncapped
    # (its heads classified: the response costs consequential, the rest direct).
    raw = base_raw()
    raw["incident"]["harm"] = harborview_heads()
    example = run(raw)["exposure"]["contract"]
    assert example["cap_status"] == "arguable"
    assert Decimal(example["provider_pays"]["min"]) == Decimal("480000")
    assert Decimal(example["provider_pays"]["max"]) > Decimal("480000")


def test_zero_day_without_post_exploit_indicators_clears_the_provider():
    raw = minimal(incident__vector={"type": "zero_day"},
                  client_governance__mfa={"remote_access": True, "privileged": True})
    raw["incident"]["alerts"] = []
    result = run(raw)
    assert not holds(result, "breach.triage.provider")
    assert not holds(result, "causation.exploit_foreseeable.provider")
    assert not holds(result, "causation.in_fact.provider")
    assert result["allocation"] == {}
    assert not holds(result, "allocation.fault_established.provider")


def test_zero_harm_gives_zero_exposure():
    raw = minimal(incident__harm={"total": 0})
    result = run(raw)
    for route in result["exposure"].values():
        assert route["provider_pays"] == {"min": "0.00", "max": "0.00"}


def test_provider_owned_patching_that_let_the_attacker_in_counts_in_full():
    raw = minimal(incident__vector={"type": "known_cve", "cve": "CVE-2024-3400",
                                    "patch_available": "2025-01-10"},
                  client_governance__mfa={"remote_access": True, "privileged": True})
    raw["contract"]["responsibilities"]["patching"] = "provider"
    result = run(raw)
    assert holds(result, "breach.patching.provider")
    roots = {r["id"]: r for r in result["allocation_detail"]["roots"]}
    patching = roots["provider:patching"]
    assert patching["kind"] == "entry" and patching["causal_strength"] == "1"
    # An entry failure caused every tranche, including harm before any alert could be handled.
    assert patching["tranches"] == [t["id"] for t in result["allocation_detail"]["tranches"]]
    raw["contract"]["responsibilities"]["patching"] = "client"
    client_owned = run(raw)
    assert not holds(client_owned, "breach.patching.provider")
    assert holds(client_owned, "governance.patching.client")
    assert share(client_owned) < share(result)
