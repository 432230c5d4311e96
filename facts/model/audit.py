"""The audit: inspection findings and test records."""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import StrictBool

from facts.model.base import UNKNOWN, Severity, Strict, Unknowable, described
from facts.model.contract import ControlDomain
from facts.types import Count, Day, EventDay, Responsible


# --- the audit -----------------------------------------------------------------------------

AuditCategory = Literal[
    "misconfiguration", "outdated_tooling", "stale_detections", "disabled_detections",
    "monitoring_outage", "staffing", "planning", "known_vulnerability", "missing_testing",
    "missing_validation", "segmentation", "credentials", "access_control", "encryption",
    "logging", "backup", "procedure_not_followed"]


class AuditFinding(Strict):
    id: str = described("the audit finding's id", "unique within audit.findings",
                        pattern=r"^[A-Za-z0-9_.-]+$")
    category: Unknowable[AuditCategory] = described("the category of audit finding {id}",
                                                    "what kind of failure the auditor found")
    responsible: Unknowable[Responsible] = described(
        "whom audit finding {id} is attributed to", "the party the auditor attributes it to")
    severity: Unknowable[Severity] = described("the severity of audit finding {id}",
                                               "the auditor's severity")
    description: str = described("what audit finding {id} describes", "the finding in words")
    control_domain: Unknowable[Optional[ControlDomain]] = described(
        "the control domain of audit finding {id}", "the control domain it concerns (the "
        "responsibility matrix then decides whose failure it is)", None)
    asset: Optional[str] = described(
        "the asset of audit finding {id}", "the asset the condition sat on (an id as in "
        "incident.affected_assets); in a shared domain divided by asset it decides whose part "
        "failed", None, max_length=200, pattern=r"^[A-Za-z0-9_.:/-]+$")
    existed_since: Unknowable[Optional[Day]] = described(
        "since when the condition in audit finding {id} existed", "the date the condition "
        "began, known or not (existence decides causation); left out, first_observed and "
        "known_before_incident show whether it existed", None)
    known_since: Unknowable[Optional[Day]] = described(
        "since when the responsible party knew of the condition in audit finding {id}",
        "the date it became known to the party it is attributed to (knowledge decides "
        "culpability: known and left open weighs more); left out, known_before_incident says",
        None)
    first_observed: Unknowable[Optional[Day]] = described(
        "when the condition in audit finding {id} was first observed", "date first observed",
        UNKNOWN)
    known_before_incident: Unknowable[StrictBool] = described(
        "whether the condition in audit finding {id} was known before the incident",
        "known to the responsible party before the intrusion", UNKNOWN)
    reported_to_client: Unknowable[EventDay] = described(
        "when audit finding {id} was reported to the client", "date reported, or never",
        UNKNOWN)
    remediated: Unknowable[EventDay] = described(
        "when audit finding {id} was remediated", "date fixed, or never", UNKNOWN)
    occurrences: Unknowable[Count] = described("how often audit finding {id} occurred",
                                               "number of occurrences", 1)
    assessor: Unknowable[Literal["internal", "independent", "regulator"]] = described(
        "who assessed audit finding {id}", "internal, independent or regulator", "independent")


class TestRecord(Strict):
    id: str = described("the test's id", "unique within audit.tests",
                        pattern=r"^[A-Za-z0-9_.-]+$")
    kind: Unknowable[Literal["detection_testing", "penetration_test", "independent_validation",
                             "ir_exercise", "red_team"]] = described(
        "the kind of test {id}", "what was tested")
    date: Unknowable[Day] = described("when test {id} took place", "date of the test")
    by: Unknowable[Literal["provider", "client", "independent"]] = described(
        "who carried out test {id}", "provider, client or an independent tester")
    result: Unknowable[Optional[str]] = described("the result of test {id}", "what the test found", None)


class Audit(Strict):
    date: Optional[Day] = described("the audit date", "when the audit was completed", None)
    auditor: Optional[str] = described("the auditor", "who audited", None)
    findings: list[AuditFinding] = described("the audit findings", "inspection findings", [],
                                             item_label="audit finding {id}")
    tests: list[TestRecord] = described("the test records", "tests and exercises on record",
                                        [], item_label="test {id}")
