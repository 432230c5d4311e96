"""Audit findings record when a condition existed apart from when it was known: existence decides
causation (the condition was open when the intrusion began, known or not), knowledge decides
culpability (known and left open weighs more). A condition that existed long before but became
known only after the intrusion began is not counted as known earlier."""
from __future__ import annotations

from tests.casefmt.support import base_raw, finding, one_line_error, run

HV = "harborview-missed-alerts"   # intrusion 2025-03-03; A-2 stale detections, the provider's


def _a2(**fields) -> dict:
    raw = base_raw(HV)
    item = next(a for a in raw["audit"]["findings"] if a["id"] == "A-2")
    for name in ("first_observed", "known_before_incident"):
        item.pop(name, None)
    item.update(fields)
    return raw


def _share(result) -> float:
    return float(result["allocation"]["provider"])


def test_existed_before_known_after_is_open_but_not_known():
    result = run(_a2(existed_since="2024-08-01", known_since="2025-04-01"))
    f = finding(result, "breach.audit.provider.A-2")
    assert f["holds"]                                   # it existed: a cause
    assert f["values"]["known_before"] is False         # but not known then
    assert "knew of it beforehand" not in f["summary"]


def test_knowledge_before_the_intrusion_weighs_more():
    later = run(_a2(existed_since="2024-08-01", known_since="2025-04-01"))
    earlier = run(_a2(existed_since="2024-08-01", known_since="2024-09-01"))
    f = finding(earlier, "breach.audit.provider.A-2")
    assert f["holds"] and f["values"]["known_before"] is True
    assert _share(earlier) > _share(later)


def test_a_condition_that_began_after_the_intrusion_was_not_open_then():
    f = finding(run(_a2(existed_since="2025-03-10")), "breach.audit.provider.A-2")
    assert not f["holds"]


def test_an_unknown_existence_is_not_shown_and_named():
    f = finding(run(_a2(existed_since="unknown")), "breach.audit.provider.A-2")
    assert not f["holds"]
    assert "audit.findings[A-2].existed_since" in f["unknowns"]


def test_the_known_flag_follows_known_since_when_left_out():
    from facts.loader import build_case
    case = build_case(_a2(existed_since="2024-08-01", known_since="2025-04-01"), "case.yaml").case
    item = next(a for a in case.audit.findings if a.id == "A-2")
    assert item.known_before_incident is False


def test_remediation_period_runs_from_knowledge_not_from_existence():
    """BREACH-011: a hole in the provider's own tooling observed long ago but known only days
    before the intrusion is within the remediation period."""
    raw = base_raw(HV)
    raw["audit"]["findings"].append({
        "id": "A-7", "category": "known_vulnerability", "responsible": "provider",
        "severity": "high", "description": "The SIEM collector ran a version with a public CVE.",
        "control_domain": "log_monitoring", "existed_since": "2024-06-01",
        "first_observed": "2024-06-01", "known_since": "2025-02-25", "remediated": "never"})
    f = finding(run(raw), "breach.audit.provider.A-7")
    assert not f["holds"] and f["values"]["days"] == 6
    raw["audit"]["findings"][-1]["known_since"] = "2024-07-01"
    assert finding(run(raw), "breach.audit.provider.A-7")["holds"]


def test_a_new_category_links_through_its_control():
    """A client segmentation finding with no domain named links to the spread through the
    network-segmentation control (the attacker moved laterally)."""
    raw = base_raw(HV)
    raw["audit"]["findings"].append({
        "id": "A-8", "category": "segmentation", "responsible": "client", "severity": "high",
        "description": "Flat network: the file servers and the EHR shared one VLAN.",
        "existed_since": "2023-01-01", "known_since": "2024-11-01", "remediated": "never"})
    f = finding(run(raw), "governance.audit.client.A-8")
    assert f["holds"] and f["values"]["causal_link"] == "spread"
    raw["incident"]["post_exploit_activity"] = []
    assert finding(run(raw), "governance.audit.client.A-8")["values"]["causal_link"] == "none"


def test_contradictory_dates_are_one_line_errors(tmp_path):
    one_line_error(_a2(existed_since="2024-08-01", known_since="2024-07-01"), tmp_path,
                   "audit.findings[A-2].known_since", "before the condition existed")
    one_line_error(_a2(existed_since="2024-08-01", first_observed="2024-07-01"), tmp_path,
                   "audit.findings[A-2].first_observed", "before the condition existed")
    one_line_error(_a2(known_since="2025-04-01", known_before_incident=True), tmp_path,
                   "audit.findings[A-2].known_before_incident", "after the intrusion")
    one_line_error(_a2(category="procedure-not-followed"), tmp_path, "audit.findings[A-2].category")
