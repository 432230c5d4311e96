"""The contract: control domains and owners, SLA windows, coverage, baselines, liability."""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import StrictBool, field_validator, model_validator

from facts.model.base import UNKNOWN, Strict, Unknowable, described
from facts.model.clauses import Clauses
from facts.model.engagement import Engagement, default_engagement
from facts.model.shared import SharedPart
from facts.types import Day, DurationField, Money, Responsible


# --- the contract --------------------------------------------------------------------------

ControlDomain = Literal[
    "endpoint_detection", "log_monitoring", "network_monitoring", "incident_response",
    "vulnerability_scanning", "patching", "identity_access", "mfa", "backup", "email_security",
    "threat_intelligence", "detection_content", "asset_inventory", "security_awareness",
    "network_segmentation", "vendor_access", "remote_access", "secrets_storage",
    "service_desk_verification", "rmm_platform", "hosting_security", "forensic_investigation",
    "database_operations", "regulatory_notification"]


def _window(what: str) -> object:
    return described(f"the contract's {what} window", f"how long the contract allows for {what}",
                     None)


class TriageWindows(Strict):
    critical: Unknowable[Optional[DurationField]] = _window("triage of critical alerts")
    high: Unknowable[Optional[DurationField]] = _window("triage of high alerts")
    medium: Unknowable[Optional[DurationField]] = _window("triage of medium alerts")
    low: Unknowable[Optional[DurationField]] = _window("triage of low alerts")


class SLA(Strict):
    clock_starts: Unknowable[Literal["alert", "first_indicator"]] = described(
        "what starts the contract's SLA clock", "the alert, or the first indicator of "
        "compromise", "alert")
    detection: Unknowable[Optional[DurationField]] = _window("detection")
    triage: TriageWindows = described("the contract's triage windows",
                                      "triage window per alert severity", TriageWindows())
    escalation: Unknowable[Optional[DurationField]] = _window("escalation to the client")
    client_notification: Unknowable[Optional[DurationField]] = _window(
        "notifying the client of a detected breach")
    containment: Unknowable[Optional[DurationField]] = _window("containment")


class Coverage(Strict):
    assets: Unknowable[list[str]] = described(
        "which assets the contract covered", "assets in scope ('all-endpoints' style groups "
        "allowed); an empty list means the contract lists none, so the whole estate the "
        "service watches is in scope; left out, the coverage is unknown", UNKNOWN)
    log_sources: Unknowable[list[str]] = described("which log sources the contract covered",
                                                   "log sources in scope", [])
    excluded: Unknowable[list[str]] = described("which assets the contract excluded",
                                                "assets expressly outside the service", [])


class TestingObligations(Strict):
    detection_testing: Unknowable[Optional[DurationField]] = described(
        "the contract's detection-testing interval", "how often detections must be tested", None)
    independent_validation: Unknowable[Optional[DurationField]] = described(
        "the contract's independent-validation interval",
        "how often the monitoring must be validated independently", None)
    ir_exercise: Unknowable[Optional[DurationField]] = described(
        "the contract's incident-response exercise interval",
        "how often incident response must be exercised", None)


class Liability(Strict):
    cap: Unknowable[Optional[Money]] = described("the contract's liability cap",
                                                 "the limit of the provider's liability", None)
    data_breach_supercap: Unknowable[Optional[Money]] = described(
        "the contract's data-breach super-cap", "a higher limit for data-breach losses", None)
    consequential_damages_excluded: Unknowable[StrictBool] = described(
        "whether the contract excluded consequential damages",
        "consequential (indirect) losses excluded", False)
    carve_outs: Unknowable[list[Literal["gross_negligence", "willful_misconduct", "data_breach",
                                        "confidentiality", "fraud"]]] = described(
        "which carve-outs the liability cap has", "conduct or losses the cap does not reach", [])
    subrogation_waiver: Unknowable[StrictBool] = described(
        "whether the contract waived subrogation", "the parties waived their insurers' "
        "subrogation rights", False)


class Contract(Strict):
    engagement: list[Engagement] = described(
        "what the provider was engaged to do", "one or more of monitoring, incident_response, "
        "forensic_investigation, service_desk, hosted_platform, rmm; left out: monitoring, the "
        "engagement the control level describes", [], item_label="engagement {id}")
    form: Unknowable[Literal["written", "oral", "vague"]] = described(
        "the form of the agreement", "written, oral, or vague", "written")
    signed: Unknowable[Optional[Day]] = described("when the contract was signed",
                                                  "date of signature", None)
    service_tier: Optional[str] = described("the service tier", "the product name or tier",
                                            None)
    control_level: Unknowable[Literal["fully_managed", "co_managed", "alert_forwarding",
                                      "advisory"]] = described(
        "the level of control the provider had", "how much of detection and response the "
        "provider operated")
    responsibilities: dict[ControlDomain, Unknowable[Responsible]] = described(
        "the responsibility matrix", "control domain → who operated it", {},
        key_label="who was responsible for {key}")
    shared_parts: dict[ControlDomain, SharedPart] = described(
        "each side's part of the shared control domains", "for a domain the matrix gives as "
        "shared: what the provider does, what the client does, and optionally whose part each "
        "asset is", {}, key_label="each side's part of the shared {key} domain")
    disputed_scope: list[ControlDomain] = described(
        "which control domains the parties contest", "control domains whose ownership the "
        "parties contest", [])
    sla: SLA = described("the service levels", "SLA windows", SLA())
    coverage: Coverage = described("the contract's coverage", "what the service covered",
                                   Coverage())
    baselines: Unknowable[list[Literal["nist-csf-2.0", "iso-27001-2022", "soc2", "cis-v8",
                                       "pci-dss-4.0.1"]]] = described(
        "which security baselines the contract adopts", "frameworks the contract names as the "
        "standard", [])
    testing: TestingObligations = described("the contract's testing obligations",
                                            "intervals for testing and exercises",
                                            TestingObligations())
    annual_fees: Unknowable[Optional[Money]] = described("the annual fees",
                                                         "what the client paid per year", None)
    liability: Liability = described("the liability terms", "cap, exclusions, carve-outs",
                                     Liability())
    clauses: Clauses = described("what the clauses reach", "clause scope, standard terms, "
                                 "indemnity, duties outside the contract", Clauses())

    @field_validator("engagement")
    @classmethod
    def _some_engagement(cls, value: list) -> list:
        if not value:
            raise ValueError("an empty list; expected at least one engagement, or leave "
                             "engagement out (monitoring)")
        return value

    @model_validator(mode="after")
    def _default_engagement(self) -> "Contract":
        # Named and neutral: monitoring is what a contract with a monitoring tier describes.
        if not self.engagement:
            self.__dict__["engagement"] = default_engagement()
        return self
