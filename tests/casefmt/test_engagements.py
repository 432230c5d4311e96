"""Engagements: a duty found only for what was engaged, each finding naming its engagement; the
neutral default (monitoring, for a file with none); bad values as one-line errors."""
from __future__ import annotations

from tests.casefmt.support import base_raw, finding, one_line_error, run, statement

MD = "meridian-zero-day"          # S-2 at 06:00 understated the scope; ot-historian-01 too
HV = "harborview-missed-alerts"

IR = {"type": "incident_response", "basis": "retainer", "started": "2025-07-22T02:40:00-06:00"}


def _engaged(raw: dict, *engagements: dict) -> dict:
    raw["contract"]["engagement"] = [dict(e) for e in engagements]
    return raw


def test_a_file_without_engagements_is_read_as_monitoring_and_names_it():
    result = run(base_raw(HV))
    monitoring = result["facts"]["contract.engagement[monitoring]"]
    assert monitoring["assumed"] and monitoring["value"]["type"] == "monitoring"
    duty = finding(result, "duty.monitoring.provider")
    assert duty["holds"] and "engagement monitoring" in duty["summary"]


def test_no_monitoring_engagement_no_monitoring_duty():
    raw = _engaged(base_raw(HV), {"type": "service_desk", "started": None})
    duty = finding(run(raw), "duty.monitoring.provider")
    assert not duty["holds"] and "not engaged to monitor" in duty["summary"]


def test_an_incident_response_engagement_brings_its_duty_and_names_it():
    raw = _engaged(base_raw(MD), {"type": "monitoring", "started": None}, IR)
    result = run(raw)
    duty = finding(result, "duty.engagement.provider.incident_response")
    assert duty["holds"] and "accurate statements of containment and scope" in duty["summary"]
    assert finding(result, "duty.engagement.provider.monitoring") is None   # DUTY-001's
    assert finding(run(base_raw(MD)), "duty.engagement.provider.incident_response") is None


def test_an_engaged_responder_that_misstated_the_scope_fell_short():
    raw = _engaged(base_raw(MD), {"type": "monitoring", "started": None}, IR)
    result = run(raw)
    f = finding(result, "breach.responder_statement.provider.S-2")
    assert f["holds"] and "incident response engagement (incident_response)" in f["summary"]
    assert "ot-historian-01" in f["summary"]
    # the same statement, without the engagement: no responder's duty to breach
    f = finding(run(base_raw(MD)), "breach.responder_statement.provider.S-2")
    assert not f["holds"] and "not engaged to respond" in f["summary"]


def test_a_statement_made_before_the_engagement_began_is_not_under_it():
    late = dict(IR, started="2025-07-22T07:00:00-06:00")
    f = finding(run(_engaged(base_raw(MD), late)), "breach.responder_statement.provider.S-2")
    assert not f["holds"] and "before the engagement began" in f["summary"]
    unknown = dict(IR)
    del unknown["started"]
    f = finding(run(_engaged(base_raw(MD), unknown)), "breach.responder_statement.provider.S-2")
    assert not f["holds"] and f["unknowns"] == ["contract.engagement[incident_response].started"]


def test_a_forensic_investigator_owes_an_accurate_account_too():
    raw = _engaged(base_raw(MD), dict(IR, type="forensic_investigation"))
    assert finding(run(raw), "breach.responder_statement.provider.S-2")["holds"]


def _desk(verified) -> dict:
    raw = _engaged(base_raw(HV), {"type": "monitoring", "started": None},
                   {"type": "service_desk", "started": None})
    raw["incident"]["vector"] = {"type": "social_engineering", "target": "service_desk",
                                 "entry_point": "password reset for a contractor account",
                                 "via_remote_access": True}
    if verified is not None:
        raw["incident"]["vector"]["identity_verified"] = verified
    return raw


def test_a_service_desk_reset_without_verification():
    result = run(_desk(False))
    f = finding(result, "breach.identity_verification.provider")
    assert f["holds"] and "service-desk engagement (service_desk)" in f["summary"]
    assert finding(result, "duty.engagement.provider.service_desk")["holds"]
    assert not finding(run(_desk(True)), "breach.identity_verification.provider")["holds"]
    unknown = finding(run(_desk(None)), "breach.identity_verification.provider")
    assert unknown["unknowns"] == ["incident.vector.identity_verified"]


def test_a_user_deceived_is_not_the_service_desk_failing():
    raw = _desk(None)
    raw["incident"]["vector"]["target"] = "user"
    assert not finding(run(raw), "breach.identity_verification.provider")["holds"]


def test_a_reset_without_a_service_desk_engagement_is_no_such_breach():
    raw = _desk(False)
    raw["contract"]["engagement"] = [{"type": "monitoring", "started": None}]
    f = finding(run(raw), "breach.identity_verification.provider")
    assert not f["holds"] and f["rule"] == "ENG-003" and "not engaged" in f["summary"]


def test_hosted_platform_and_rmm_duties():
    raw = _engaged(base_raw(HV), {"type": "monitoring", "started": None},
                   {"type": "hosted_platform", "started": None, "assets": ["ehr-db-01"]},
                   {"type": "rmm", "started": None, "ended": "2025-01-01T00:00:00-05:00"})
    result = run(raw)
    hosted = finding(result, "duty.engagement.provider.hosted_platform")
    assert hosted["holds"] and "notice to the client" in hosted["summary"]
    rmm = finding(result, "duty.engagement.provider.rmm")
    assert not rmm["holds"] and "before the intrusion" in rmm["summary"]


def test_bad_engagement_values_are_one_line_errors(tmp_path):
    one_line_error(_engaged(base_raw(HV), {"type": "espionage"}), tmp_path,
                   "contract.engagement[0].type", "expected one of")
    one_line_error(_engaged(base_raw(HV)), tmp_path, "contract.engagement",
                   "at least one")
    one_line_error(_engaged(base_raw(HV), {"type": "service_desk"}, {"type": "service_desk"}),
                   tmp_path, "contract.engagement[service_desk]", "duplicate")
    one_line_error(_engaged(base_raw(HV), dict(IR, ended="2025-07-01T00:00:00-06:00")), tmp_path,
                   "contract.engagement[incident_response].ended", "before")
    raw = base_raw(HV)
    raw["incident"]["vector"]["identity_verified"] = False
    one_line_error(raw, tmp_path, "incident.vector.identity_verified", "service_desk")
    raw = base_raw(HV)
    raw["incident"]["vector"]["target"] = "service_desk"
    one_line_error(raw, tmp_path, "incident.vector.target", "social_engineering")
