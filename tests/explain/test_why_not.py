"""Why-not is exact: it quotes the checks of the rule that decided the element, with the values
that decided them, one constructed case per element family."""
from __future__ import annotations

from engine.explain import explain_tree, why_not
from tests.helpers import base_raw, finding, run, set_path


def _alert(raw: dict, alert_id: str) -> dict:
    return next(a for a in raw["incident"]["alerts"] if a["id"] == alert_id)


def test_breach_triage_in_time_names_each_alert_and_its_times():
    raw = base_raw()
    _alert(raw, "AL-1007")["acknowledged_at"] = "2025-03-03T03:27:00"   # 40 min into a 1 h window
    _alert(raw, "AL-1012")["acknowledged_at"] = "2025-03-04T23:25:00"   # 10 min into 15 min
    _alert(raw, "AL-1019")["acknowledged_at"] = "2025-03-08T03:30:00"   # 25 min into 1 h
    result = run(raw)
    assert not finding(result, "breach.triage.provider")["holds"]
    reasons = why_not(result, "breach.triage.provider")
    assert {r["kind"] for r in reasons} == {"against"}
    first = next(r for r in reasons if "AL-1007" in r["condition"])
    assert first["rule"] == "BREACH-004" and first["holds"] is True
    assert "triaged within 1h" in first["condition"]
    assert "raised Mon 2025-03-03 02:47" in first["detail"]
    assert "deadline Mon 2025-03-03 03:47" in first["detail"]
    assert "acknowledged Mon 2025-03-03 03:27" in first["detail"]
    assert list(first["facts"]) == ["incident.alerts[AL-1007]"]
    assert len(reasons) == 3
    # a check met that answers the element is given as the reason, not as a failure
    from reports.explain_text import why_not_text
    text = why_not_text(explain_tree(result, "breach.triage.provider"), reasons)
    assert "  ✓ because alert AL-1007 triaged within 1h — raised Mon 2025-03-03 02:47" in text
    assert "✗" not in text


def test_breach_one_alert_late_is_the_why():
    raw = base_raw()
    _alert(raw, "AL-1007")["acknowledged_at"] = "2025-03-03T03:27:00"
    result = run(raw)
    tree = explain_tree(result, "breach.triage.provider")
    late = [c for c in tree["checks"] if not c["holds"]]
    assert tree["holds"] and {c["condition"].split()[1] for c in late} == {"AL-1012", "AL-1019"}


def test_duty_monitoring_fails_when_the_matrix_gives_the_provider_no_monitoring():
    raw = base_raw()
    for domain in ("endpoint_detection", "log_monitoring", "network_monitoring",
                   "detection_content", "incident_response"):
        set_path(raw, f"contract.responsibilities.{domain}", "client")
    result = run(raw)
    reasons = why_not(result, "duty.monitoring.provider")
    assert [r["kind"] for r in reasons] == ["failed"]
    assert reasons[0]["rule"] == "DUTY-001"
    assert reasons[0]["condition"] == "the provider operates or shares a monitoring function"
    assert "none named" in reasons[0]["detail"]


def test_causation_discovery_by_the_client_is_not_third_party():
    raw = set_path(base_raw(), "incident.timeline.discovered_by", "client")
    result = run(raw)
    reasons = why_not(result, "causation.third_party_discovery.provider")
    assert reasons == [{"kind": "failed", "rule": "CAUS-007", "holds": False, "facts": {},
                        "condition": "a third party discovered the breach",
                        "detail": "discovered by client"}]


def test_disclosure_closed_by_proof_001_names_the_absent_premise():
    result = run(base_raw())     # the case records no provider detection at all
    f = finding(result, "disclosure.client.provider")
    assert f["rule"] == "PROOF-001" and not f["holds"]
    reasons = why_not(result, "disclosure.client.provider")
    assert [(r["kind"], r["rule"], r["missing"]) for r in reasons] == [
        ("absent", "DISC-001", "incident.timeline.provider_detection")]
    assert reasons[0]["cause"] == "not in the case file"
    tree = explain_tree(result, "disclosure.client.provider")
    assert [(c["type"], c["id"]) for c in tree["children"]] == [
        ("absent", "incident.timeline.provider_detection")]


def test_governance_mfa_enforced_everywhere():
    raw = set_path(base_raw(), "client_governance.mfa.remote_access", True)
    result = run(raw)
    reasons = why_not(result, "governance.mfa.client")
    assert [(r["kind"], r["rule"], r["condition"], r["detail"]) for r in reasons] == [
        ("failed", "GOV-001", "MFA was missing somewhere it matters", "enforced everywhere")]


def test_care_post_incident_names_the_missing_step():
    raw = set_path(base_raw(), "provider_conduct.post_incident.logs_preserved", False)
    result = run(raw)
    assert not finding(result, "care.post_incident.provider")["holds"]
    reasons = why_not(result, "care.post_incident.provider")
    assert [(r["kind"], r["condition"], r["detail"]) for r in reasons] == [
        ("failed", "preserved logs", "no")]


def test_holding_finding_has_no_why_not():
    result = run(base_raw())
    assert why_not(result, "breach.triage.provider") == []
