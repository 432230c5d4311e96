"""The audit: inspection findings and test records."""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import Field, StrictBool

from facts.model.base import Severity, Strict
from facts.model.contract import ControlDomain
from facts.types import Count, Day, Responsible


# --- the audit -----------------------------------------------------------------------------

AuditCategory = Literal[
    "misconfiguration", "outdated_tooling", "stale_detections", "disabled_detections",
    "monitoring_outage", "staffing", "planning", "known_vulnerability", "missing_testing",
    "missing_validation"]


class AuditFinding(Strict):
    id: str = Field(pattern=r"^[A-Za-z0-9_.-]+$")
    category: AuditCategory
    responsible: Responsible
    severity: Severity
    description: str
    control_domain: Optional[ControlDomain] = None
    first_observed: Optional[Day] = None
    known_before_incident: StrictBool = False
    reported_to_client: Optional[Day] = None
    remediated: Optional[Day] = None
    occurrences: Count = 1
    assessor: Literal["internal", "independent", "regulator"] = "independent"


class TestRecord(Strict):
    id: str = Field(pattern=r"^[A-Za-z0-9_.-]+$")
    kind: Literal["detection_testing", "penetration_test", "independent_validation",
                  "ir_exercise", "red_team"]
    date: Day
    by: Literal["provider", "client", "independent"]
    result: Optional[str] = None


class Audit(Strict):
    date: Optional[Day] = None
    auditor: Optional[str] = None
    findings: list[AuditFinding] = []
    tests: list[TestRecord] = []
