"""Rule behaviour: each rule fires on the facts that trigger it, falls silent when one premise is
removed, and moves the outcome the way the law says."""
from __future__ import annotations

import copy
from decimal import Decimal

import pytest

from tests.helpers import base_raw, finding, holds, run, set_path


def share(result: dict, party: str) -> Decimal:
    return Decimal(result["allocation"].get(party, "0"))


@pytest.fixture(scope="module")
def crestline():
    return base_raw("crestline-client-governance")


@pytest.fixture(scope="module")
def harborview():
    return base_raw("harborview-missed-alerts")


@pytest.fixture(scope="module")
def meridian():
    return base_raw("meridian-zero-day")


def changed(raw: dict, **paths) -> dict:
    raw = copy.deepcopy(raw)
    for path, value in paths.items():
        set_path(raw, path.replace("__", "."), value)
    return raw


# --- governance: the client's own failures ------------------------------------------------------

def test_gov001_mfa_fires_and_falls_silent_when_mfa_enforced(crestline):
    before = run(crestline)
    assert holds(before, "governance.mfa.client")
    assert finding(before, "governance.mfa.client")["values"]["causal_link"] == "entry"
    after = run(changed(crestline, client_governance__mfa={"remote_access": True,
                                                           "privileged": True}))
    assert not holds(after, "governance.mfa.client")
    # Removing a client failure that caused the entry never raises the client's share.
    assert share(after, "client") <= share(before, "client")


def test_gov001_mfa_is_not_the_clients_when_the_matrix_gives_it_to_the_provider(crestline):
    raw = changed(crestline, contract__responsibilities__mfa="provider",
                  contract__responsibilities__identity_access="provider")
    result = run(raw)
    assert not holds(result, "governance.mfa.client")
    assert holds(result, "breach.identity_control.provider")          # BREACH-020 instead
    assert finding(result, "breach.identity_control.provider")["rule"] == "BREACH-020"


def test_gov002_patching_needs_an_old_patch(crestline):
    assert holds(run(crestline), "governance.patching.client")
    fresh = changed(crestline, incident__vector={**crestline["incident"]["vector"],
                                                 "patch_available": "2024-10-01"})
    result = run(fresh)
    assert not holds(result, "governance.patching.client")
    assert "within the 30-day grace" in finding(result, "governance.patching.client")["summary"]


def test_gov003_declined_advice_counts_at_once_ignored_advice_after_a_reasonable_time(crestline):
    raw = copy.deepcopy(crestline)
    for rec in raw["recommendations"]:
        if rec["id"] == "R-1":
            rec["at"] = "2024-10-10"          # declined four days before: still the client's choice
        if rec["id"] == "R-2":
            rec["at"] = "2024-10-10"          # ignored four days: not yet unreasonable
    result = run(raw)
    assert holds(result, "governance.recommendation.client.R-1")
    assert not holds(result, "governance.recommendation.client.R-2")


def test_gov011_client_sat_on_timely_escalation_only_where_response_was_its_job(crestline):
    assert holds(run(crestline), "governance.response.client")
    result = run(changed(crestline, contract__responsibilities__incident_response="provider"))
    assert not holds(result, "governance.response.client")


def test_gov004_stale_accounts_cause_nothing_without_a_path(meridian):
    result = run(meridian)
    assert finding(result, "governance.credentials.client")["values"]["causal_link"] == "spread"
    quiet = changed(meridian, incident__post_exploit_activity=["exfiltration"])
    assert finding(run(quiet), "governance.credentials.client")["values"]["causal_link"] == "none"


# --- breach and causation -------------------------------------------------------------------------

def test_caus003_background_failures_cause_nothing_when_the_client_was_told_in_time(crestline):
    result = run(crestline)
    assert holds(result, "breach.testing.provider") and holds(result, "breach.triage.provider")
    assert not holds(result, "causation.in_fact.provider")
    assert share(result, "provider") == 0
    late = run(changed(crestline, **{"incident.alerts[AL-2041]": {
        **crestline["incident"]["alerts"][0], "escalated_at": "2024-10-14T09:00:00"},
        "incident.timeline.client_notified": "2024-10-14T09:00:00"}))
    assert holds(late, "causation.in_fact.provider")
    assert share(late, "provider") > share(result, "provider")


def test_caus004_zero_day_excuses_the_exploit_not_what_follows(meridian):
    result = run(meridian)
    assert not holds(result, "causation.exploit_foreseeable.provider")
    assert holds(result, "causation.post_exploit_detectable.provider")
    public = changed(meridian, incident__vector={**meridian["incident"]["vector"],
                                                 "disclosed_publicly": "2025-07-01"})
    assert holds(run(public), "causation.exploit_foreseeable.provider")


def test_caus008_concurrent_client_cause(harborview):
    result = run(harborview)
    assert holds(result, "causation.concurrent.client")
    clean = changed(harborview, client_governance__segmentation=True,
                    client_governance__credentials={"shared_accounts": False,
                                                    "stale_accounts": 0,
                                                    "vendor_accounts_reviewed": True})
    assert not holds(run(clean), "causation.concurrent.client")


def test_degree001_one_missed_intrusion_is_not_systemic(crestline):
    result = run(crestline)
    summary = finding(result, "breach.systemic.provider")["summary"]
    assert not holds(result, "breach.systemic.provider")
    assert "handling of this incident" in summary


def test_degree002_known_minor_finding_is_not_gross_negligence(crestline):
    assert not holds(run(crestline), "breach.gross_negligence_available.provider")
    raw = copy.deepcopy(crestline)
    for item in raw["audit"]["findings"]:
        if item["id"] == "P-1":
            # serious, known before, and (shown) never reported to the client
            item.update(severity="critical", reported_to_client="never")
    assert holds(run(raw), "breach.gross_negligence_available.provider")


def knew_of_outage(harborview):
    """Harborview with the client's version of when the provider knew of the outage (a disputed
    fact is unknown unless a version is taken)."""
    raw = copy.deepcopy(harborview)
    raw["incident"]["outages"][0]["known_to_provider"] = "2025-02-21T09:00:00"
    return raw


def test_breach006_prompt_disclosure_cures_outage_and_concealment(harborview):
    harborview = knew_of_outage(harborview)
    before = run(harborview)
    assert holds(before, "breach.monitoring_outage.provider.O-1")
    assert holds(before, "disclosure.concealment.provider.O-1")
    raw = copy.deepcopy(harborview)
    raw["incident"]["outages"][0]["disclosed_to_client"] = "2025-02-21T09:30:00"
    after = run(raw)
    assert not holds(after, "breach.monitoring_outage.provider.O-1")
    assert not holds(after, "disclosure.concealment.provider.O-1")
    assert holds(after, "care.candour.provider")
    assert share(after, "provider") <= share(before, "provider")


def test_disc002_disclosure_only_after_discovery_does_not_cure_concealment(harborview):
    raw = knew_of_outage(harborview)
    raw["incident"]["outages"][0]["disclosed_to_client"] = "2025-03-13T09:00:00"
    assert holds(run(raw), "disclosure.concealment.provider.O-1")


def test_breach014_missing_validation_is_a_breach_only_if_promised(harborview):
    item = {"id": "A-9", "category": "missing_validation", "responsible": "provider",
            "severity": "medium", "description": "No independent validation.",
            "first_observed": "2024-06-01", "known_before_incident": True,
            "remediated": "never"}
    raw = copy.deepcopy(harborview)
    raw["audit"]["findings"].append(item)
    assert holds(run(raw), "breach.audit.provider.A-9")
    raw["contract"]["testing"].pop("independent_validation")
    assert not holds(run(raw), "breach.audit.provider.A-9")


def test_breach018_baseline_only_when_contract_silent(harborview):
    raw = copy.deepcopy(harborview)
    raw["incident"]["alerts"] = []
    assert holds(run(raw), "breach.detection_standard.provider")
    assert not holds(run(harborview), "breach.detection_standard.provider")


def test_duty004_zero_day_is_no_failed_control(meridian):
    result = run(meridian)
    f = finding(result, "duty.failed_control.provider")
    assert not f["holds"] and "no control of either party" in f["summary"]


# --- disclosure -----------------------------------------------------------------------------------

def test_notice003_deadline_arithmetic_in_the_narrative(crestline):
    f = finding(run(crestline), "disclosure.attorney_general.client.us-tx")
    assert f["holds"] and f["rule"] == "NOTICE-003"
    assert ("30 days after Fri 2024-10-18 16:00 CDT: day 30 counting from the day after Fri "
            "2024-10-18 is Mon 2024-11-18 (Sun 2024-11-17 is a weekend day") in f["summary"]
    assert "Tex. S.B. 768 (2023)" in f["summary"] and "the version in force from 1 Sep 2023" in f["summary"]


def test_notice005_delay_caused_needs_imputed_clock_and_counterfactual(harborview):
    raw = copy.deepcopy(harborview)
    raw["incident"]["timeline"]["provider_detection"] = "2025-03-05T10:00:00"
    raw["parties"]["provider"]["agent_of_client"] = True   # agency recorded, not presumed
    for n in raw["incident"]["notices"][:2]:
        n["at"] = "2025-05-08T10:00:00"
    # unknown whether the records were unsecured PHI: HIPAA applies only if shown, so nothing late
    assert not holds(run(raw), "disclosure.delay_caused.provider")
    raw["applicability"] = {"incident": {"unsecured_phi": True}}
    result = run(raw)
    assert holds(result, "disclosure.delay_caused.provider")
    # the fines carry no regime, so no part of them is shown to be for this lateness
    assert not holds(result, "exposure.disclosure.provider")
    # Without the imputation (the provider is not the covered entity's agent) the clock runs from
    # the client's own awareness and the client is on time.
    raw["parties"]["provider"]["agent_of_client"] = False
    result = run(raw)
    assert not holds(result, "disclosure.individuals.client.us-hipaa")
    assert not holds(result, "disclosure.delay_caused.provider")


def test_notice003_pending_regime_concludes_no_lateness(crestline):
    raw = changed(crestline, parties__client__status={"circia_covered": True})
    result = run(raw)
    f = finding(result, "disclosure.regulator.client.us-circia")
    assert f is not None and not f["holds"] and "pending" in f["summary"]


# --- remedies -------------------------------------------------------------------------------------

def test_remedies_follow_their_findings(crestline):
    result = run(crestline)
    assert holds(result, "remedy.enforce_mfa.client")
    assert "governance.mfa.client" in finding(result, "remedy.enforce_mfa.client")["summary"]
    after = run(changed(crestline, client_governance__mfa={"remote_access": True,
                                                           "privileged": True},
                        insurance__required_controls=["edr"]))
    assert not holds(after, "remedy.enforce_mfa.client")


def test_pathway_moves_from_negotiation_to_arbitration_with_a_gross_negligence_argument(crestline):
    assert finding(run(crestline), "remedy.pathway.provider")["values"]["path"] == "negotiation"
    raw = copy.deepcopy(crestline)
    for item in raw["audit"]["findings"]:
        if item["id"] == "P-1":
            # serious, known before, and (shown) never reported to the client
            item.update(severity="critical", reported_to_client="never")
    assert finding(run(raw), "remedy.pathway.provider")["values"]["path"] == "arbitration"


# --- burden and standard of proof ---------------------------------------------------------------

def test_burden_and_standard_per_element(harborview):
    result = run(harborview)
    by_id = {f["id"]: f for f in result["findings"]}
    assert by_id["breach.detection.provider"]["burden"] == "client"
    assert by_id["causation.in_fact.provider"]["burden"] == "client"
    assert by_id["governance.segmentation.client"]["burden"] == "provider"
    assert by_id["causation.concurrent.client"]["burden"] == "provider"
    assert by_id["duty.scope_defence.provider"]["burden"] == "provider"
    assert by_id["breach.misrepresentation.provider.S-1"]["standard_of_proof"] == \
        "clear and convincing evidence"
    assert by_id["breach.detection.provider"]["standard_of_proof"] == \
        "preponderance of the evidence"
