"""The contract: control domains and owners, SLA windows, coverage, baselines, liability."""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import Field, StrictBool

from facts.model.base import Strict
from facts.types import Day, DurationField, Money, Responsible


# --- the contract --------------------------------------------------------------------------

ControlDomain = Literal[
    "endpoint_detection", "log_monitoring", "network_monitoring", "incident_response",
    "vulnerability_scanning", "patching", "identity_access", "mfa", "backup", "email_security",
    "threat_intelligence", "detection_content", "asset_inventory", "security_awareness"]


class TriageWindows(Strict):
    critical: Optional[DurationField] = None
    high: Optional[DurationField] = None
    medium: Optional[DurationField] = None
    low: Optional[DurationField] = None


class SLA(Strict):
    clock_starts: Literal["alert", "first_indicator"] = "alert"
    detection: Optional[DurationField] = None
    triage: TriageWindows = TriageWindows()
    escalation: Optional[DurationField] = None
    client_notification: Optional[DurationField] = None
    containment: Optional[DurationField] = None


class Coverage(Strict):
    assets: list[str] = []
    log_sources: list[str] = []
    excluded: list[str] = []


class TestingObligations(Strict):
    detection_testing: Optional[DurationField] = Field(None, description="required interval")
    independent_validation: Optional[DurationField] = None
    ir_exercise: Optional[DurationField] = None


class Liability(Strict):
    cap: Optional[Money] = None
    data_breach_supercap: Optional[Money] = None
    consequential_damages_excluded: StrictBool = False
    carve_outs: list[Literal["gross_negligence", "willful_misconduct", "data_breach",
                             "confidentiality", "fraud"]] = []
    subrogation_waiver: StrictBool = False


class Contract(Strict):
    form: Literal["written", "oral", "vague"] = "written"
    signed: Optional[Day] = None
    service_tier: Optional[str] = None
    control_level: Literal["fully_managed", "co_managed", "alert_forwarding", "advisory"]
    responsibilities: dict[ControlDomain, Responsible] = {}
    disputed_scope: list[ControlDomain] = Field(
        [], description="control domains whose ownership the parties contest")
    sla: SLA = SLA()
    coverage: Coverage = Coverage()
    baselines: list[Literal["nist-csf-2.0", "iso-27001-2022", "soc2", "cis-v8",
                            "pci-dss-4.0.1"]] = []
    testing: TestingObligations = TestingObligations()
    annual_fees: Optional[Money] = None
    liability: Liability = Liability()
