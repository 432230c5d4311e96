"""Vectors, advisories and the timeline of case format v2: a way in that was both a supply-chain
compromise and a zero-day; the vendor's advisory (before it, not foreseeable; after it, the patch
window of whoever patches runs: BREACH-023 / GOV-012); the vendor as discoverer of its own
product's compromise (CAUS-007); the attacker still active after a declared containment
(BREACH-024, read by BREACH-021 and STMT-001)."""
from __future__ import annotations

from tests.casefmt.support import base_raw, finding, one_line_error, run

CL = "crestline-client-governance"   # CVE-2024-3400 on pa-edge-01, patching the client's; 2024-10-14
MD = "meridian-zero-day"             # supply chain via vendor:ledgerline; 2025-07-21; IR the provider's
HV = "harborview-missed-alerts"      # stolen credentials; containment 2025-03-12T19:30


def _f(result, fid):
    f = finding(result, fid)
    assert f is not None, fid
    return f


# --- both at once -------------------------------------------------------------------------

def test_a_way_in_that_was_also_a_zero_day_is_not_foreseeable():
    raw = base_raw(HV)
    raw["incident"]["vector"]["type"] = "phishing"
    assert _f(run(raw), "causation.exploit_foreseeable.provider")["holds"]
    raw["incident"]["vector"]["also"] = ["zero_day"]
    f = _f(run(raw), "causation.exploit_foreseeable.provider")
    assert not f["holds"] and "phishing and zero day" in f["summary"]


def test_a_zero_day_that_was_also_a_supply_chain_compromise_brings_the_vendor_in():
    raw = base_raw(MD)
    raw["incident"]["vector"]["type"] = "zero_day"
    without = run(raw)
    raw["incident"]["vector"]["also"] = ["supply_chain"]
    both = run(raw)
    assert "vendor:ledgerline" not in str(without["allocation_detail"])
    assert "vendor:ledgerline" in str(both["allocation_detail"])


def test_a_statement_naming_either_kind_is_not_false_about_the_cause():
    raw = base_raw(MD)
    raw["incident"]["statements"] = [{"id": "S-5", "by": "provider", "at": "2025-07-23T09:00:00",
                                      "to": "client", "claims_cause": "zero_day"}]
    assert _f(run(raw), "statement.false.provider.S-5")["holds"]
    raw["incident"]["vector"]["also"] = ["zero_day"]
    assert not _f(run(raw), "statement.false.provider.S-5")["holds"]


# --- the vendor's advisory ----------------------------------------------------------------

def _advisory(**fields) -> dict:
    raw = base_raw(CL)
    raw["incident"]["timeline"]["vendor_advisory"] = {"published": "2024-04-12", **fields}
    return raw


def test_an_advisory_left_unapplied_past_the_window_is_the_patching_owners_failure():
    result = run(_advisory(acted_on="never", received="2024-04-13T09:00:00"))
    f = _f(result, "governance.patching.client.advisory")
    assert f["holds"] and f["values"]["causal_link"] == "entry"
    assert "2024-05-12" in f["summary"]                      # 30-day window from publication
    assert not _f(result, "breach.patching.provider.advisory")["holds"]


def test_an_advisory_acted_on_before_the_intrusion_clears_the_owner():
    assert not _f(run(_advisory(acted_on="2024-05-01T10:00:00")),
                  "governance.patching.client.advisory")["holds"]


def test_before_the_advisory_or_within_its_window_there_is_no_failure():
    raw = _advisory(published="2024-10-01", acted_on="never")
    raw["incident"]["vector"]["disclosed_publicly"] = "2024-10-01"
    f = _f(run(raw), "governance.patching.client.advisory")
    assert not f["holds"] and "within the 30-day window" in f["summary"]
    raw = _advisory(published="2024-11-01", acted_on="never")
    del raw["incident"]["vector"]["disclosed_publicly"]
    f = _f(run(raw), "governance.patching.client.advisory")
    assert not f["holds"] and "before the vendor's advisory" in f["summary"]


def test_an_unknown_action_is_not_shown_and_named():
    f = _f(run(_advisory()), "governance.patching.client.advisory")
    assert not f["holds"] and f["unknowns"] == ["incident.timeline.vendor_advisory.acted_on"]


def test_shared_patching_divided_by_asset_puts_the_advisory_on_the_entry_assets_side():
    raw = _advisory(acted_on="never")
    raw["contract"]["responsibilities"]["patching"] = "shared"
    raw["contract"]["shared_parts"] = {"patching": {"provider": "patches the firewalls",
                                                    "client": "patches servers",
                                                    "assets": {"pa-edge-01": "provider"}}}
    raw["incident"]["vector"]["entry_asset"] = "pa-edge-01"
    result = run(raw)
    assert _f(result, "breach.patching.provider.advisory")["holds"]
    assert not _f(result, "governance.patching.client.advisory")["holds"]


def test_the_advisory_makes_a_zero_day_public_for_foreseeability():
    raw = base_raw(MD)
    del raw["incident"]["vector"]["disclosed_publicly"]
    assert not _f(run(raw), "causation.exploit_foreseeable.provider")["holds"]
    raw["incident"]["timeline"]["vendor_advisory"] = {"published": "2025-06-30",
                                                      "by": "vendor:ledgerline"}
    assert _f(run(raw), "causation.exploit_foreseeable.provider")["holds"]


# --- the vendor as discoverer -------------------------------------------------------------

def test_a_vendor_announcing_its_own_products_compromise_is_no_evidence_the_monitor_failed():
    raw = base_raw(MD)
    raw["incident"]["timeline"].update(discovered_by="vendor", discovery="2025-07-22T02:00:00")
    f = _f(run(raw), "causation.third_party_discovery.provider")
    assert not f["holds"] and "its own product" in f["summary"]


def test_a_vendor_finding_a_breach_that_did_not_come_through_its_product_is_a_third_party():
    raw = base_raw(HV)
    raw["incident"]["timeline"]["discovered_by"] = "vendor"
    assert _f(run(raw), "causation.third_party_discovery.provider")["holds"]


# --- the attacker still active after a declared containment -------------------------------

def _active(at="2025-07-24T10:00:00") -> dict:
    raw = base_raw(MD)
    raw["incident"]["timeline"]["active_after_containment"] = at
    raw["incident"]["statements"] = [{"id": "S-6", "by": "provider", "at": "2025-07-22T06:00:00",
                                      "to": "client", "claims_contained": True}]
    return raw


def test_activity_after_the_declared_containment_shows_it_was_not_achieved():
    result = run(_active())
    f = _f(result, "breach.containment.provider.declared")
    assert f["holds"] and "still active" in f["summary"]
    assert result["derived"].get("derived.containment_not_achieved") is not None or \
        "derived.containment_not_achieved" in str(result["derived"])
    late = _f(result, "breach.containment.provider")
    assert late["holds"] and "still active" in late["summary"]      # past the 4h window
    assert _f(result, "statement.false.provider.S-6")["holds"]
    # the provider's "contained" report breached its duty of truthful reporting (BREACH-010)
    misstated = _f(result, "breach.misrepresentation.provider.S-6")
    assert misstated["holds"] and "was not achieved" in misstated["summary"]


def test_a_containment_report_made_after_the_later_activity_is_not_held_untrue_by_it():
    raw = _active()
    raw["incident"]["statements"][0]["at"] = "2025-07-24T12:00:00"
    assert not _f(run(raw), "breach.misrepresentation.provider.S-6")["holds"]


def test_without_later_activity_the_declared_containment_stands():
    raw = _active()
    del raw["incident"]["timeline"]["active_after_containment"]
    result = run(raw)
    assert not _f(result, "breach.containment.provider.declared")["holds"]
    assert not _f(result, "breach.containment.provider")["holds"]
    assert not _f(result, "statement.false.provider.S-6")["holds"]
    assert not _f(result, "breach.misrepresentation.provider.S-6")["holds"]


def test_unknown_later_activity_is_not_shown():
    result = run(_active("unknown"))
    for fid in ("breach.containment.provider.declared", "breach.containment.provider"):
        f = _f(result, fid)
        assert not f["holds"] and f["unknowns"] == ["incident.timeline.active_after_containment"]
    # an unknown later activity never makes the containment report untrue
    assert not _f(result, "breach.misrepresentation.provider.S-6")["holds"]


# --- bad values ----------------------------------------------------------------------------

def test_bad_values_in_the_new_fields_are_one_line_errors(tmp_path):
    one_line_error(_active("2025-07-22T04:00:00"), tmp_path,
                   "incident.timeline.active_after_containment", "not after the declared")
    raw = _active()
    raw["incident"]["timeline"]["containment"] = "never"
    one_line_error(raw, tmp_path, "incident.timeline.active_after_containment", "never")
    raw = base_raw(MD)
    raw["incident"]["vector"]["also"] = ["supply_chain"]
    one_line_error(raw, tmp_path, "incident.vector.also", "the type itself")
    one_line_error(_advisory(by="vendor:nobody"), tmp_path,
                   "incident.timeline.vendor_advisory.by", "not a non-party")
    raw = _advisory()
    raw["incident"]["vector"]["disclosed_publicly"] = "2024-05-01"
    one_line_error(raw, tmp_path, "incident.vector.disclosed_publicly", "advisory")
    one_line_error(_advisory(published="April"), tmp_path,
                   "incident.timeline.vendor_advisory.published")
    raw = base_raw(HV)
    raw["incident"]["timeline"]["discovered_by"] = "the vendor"
    one_line_error(raw, tmp_path, "incident.timeline.discovered_by")


def test_a_client_that_ran_the_response_answers_for_a_containment_that_did_not_hold():
    """GOV-011: the client kept incident response; it declared containment within a reasonable
    time of the escalation, but the attacker was active hours later."""
    raw = base_raw(CL)   # escalated 2024-10-14 01:44; a 4-hour response runs to 05:44
    raw["incident"]["timeline"]["containment"] = "2024-10-14T04:00:00"
    assert not _f(run(raw), "governance.response.client")["holds"]
    raw["incident"]["timeline"]["active_after_containment"] = "2024-10-14T09:00:00"
    assert _f(run(raw), "governance.response.client")["holds"]
    raw["incident"]["timeline"]["active_after_containment"] = "unknown"
    f = _f(run(raw), "governance.response.client")
    assert not f["holds"] and "incident.timeline.active_after_containment" in f["unknowns"]


def test_later_activity_where_nothing_was_escalated_is_read_without_a_response_deadline():
    """Harborview: the provider never detected, so no escalation starts the client's response
    time; the later activity still shows the declared containment failed (shared response)."""
    raw = base_raw(HV)
    raw["incident"]["timeline"]["active_after_containment"] = "2025-03-14T09:00:00"
    result = run(raw)
    assert not _f(result, "governance.response.client")["holds"]
    assert _f(result, "breach.containment.provider.declared")["holds"]
