"""The case file's validated model: what was promised, what was found, what happened.

It holds raw facts only. Nothing here says `late`, `breached` or `at_fault`: the rules derive those.
Field names are the case-file paths that fact ids and `--set` use, so rename nothing lightly.
"""
from __future__ import annotations

from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, StrictBool, model_validator

from facts.vocabulary import SEVERITIES
from facts.types import (Count, Day, DurationField, Money, Party, Responsible, Timestamp)

Severity = Literal[SEVERITIES]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- the case and its parties -------------------------------------------------------------

class CaseInfo(Strict):
    id: str = Field(min_length=1, max_length=200)
    title: str = Field(min_length=1, max_length=500)
    governing_law: str = Field(description="ISO 3166 id of the law governing the contract, "
                                           "e.g. US-NY, UK, DE")
    forum: Optional[str] = None
    currency: str = "USD"
    summary: Optional[str] = None


class ClientStatus(Strict):
    sec_registrant: StrictBool = False
    hipaa: Literal["covered_entity", "business_associate", "none"] = "none"
    nis2: Literal["essential", "important", "none"] = "none"
    dora_financial_entity: StrictBool = False
    circia_covered: StrictBool = False


class ProviderStatus(Strict):
    nis2: Literal["essential", "important", "none"] = "none"
    hipaa_business_associate: StrictBool = False
    data_processor: StrictBool = Field(True, description="processes the client's personal data "
                                                   "(GDPR processor, PDPA data intermediary)")


class Client(Strict):
    name: str
    sector: Optional[str] = None
    status: ClientStatus = ClientStatus()
    employees: Optional[Count] = None


class Provider(Strict):
    name: str
    status: ProviderStatus = ProviderStatus()


class NonParty(Strict):
    id: str = Field(pattern=r"^[a-z_]+:[a-z0-9_.-]+$", description="e.g. vendor:acme")
    name: str
    role: Literal["software_vendor", "attacker", "subcontractor", "other"]
    product: Optional[str] = None


class Parties(Strict):
    provider: Provider
    client: Client
    non_parties: list[NonParty] = []


class Affected(Strict):
    jurisdiction: str
    residents: Count


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


# --- the incident --------------------------------------------------------------------------

class Vector(Strict):
    type: Literal["known_cve", "stolen_credentials", "phishing", "misconfiguration", "zero_day",
                  "supply_chain", "insider", "unknown"]
    cve: Optional[str] = Field(None, pattern=r"^CVE-\d{4}-\d{4,}$")
    patch_available: Optional[Day] = None
    entry_point: Optional[str] = None
    via_remote_access: StrictBool = False
    vendor: Optional[str] = Field(None, description="non-party id when the vector is a product")
    disclosed_publicly: Optional[Day] = Field(None, description="when the vulnerability or "
                                              "compromise became publicly known")


class Timeline(Strict):
    intrusion_start: Timestamp
    first_indicator: Optional[Timestamp] = None
    provider_detection: Optional[Timestamp] = None
    discovered_by: Literal["provider", "client", "law_enforcement", "researcher",
                           "payment_network", "attacker", "other_third_party"]
    discovery: Timestamp
    client_notified: Optional[Timestamp] = None
    containment: Optional[Timestamp] = None
    materiality_determined: Optional[Timestamp] = None
    notifiable_assessed: Optional[Timestamp] = None


class Alert(Strict):
    id: str = Field(pattern=r"^[A-Za-z0-9_.:-]+$")
    at: Timestamp
    severity: Severity
    rule: Optional[str] = None
    asset: Optional[str] = None
    related_to_intrusion: StrictBool = True
    acknowledged_at: Optional[Timestamp] = None
    escalated_at: Optional[Timestamp] = None


class Outage(Strict):
    id: str = Field(pattern=r"^[A-Za-z0-9_.:-]+$")
    source: str
    start: Timestamp
    end: Optional[Timestamp] = None
    cause: Optional[str] = None
    known_to_provider: Optional[Timestamp] = None
    disclosed_to_client: Optional[Timestamp] = None


class HarmAccrual(Strict):
    at: Timestamp
    amount: Money
    what: Optional[str] = None


class Harm(Strict):
    total: Money
    records_affected: Count = 0
    accrual: list[HarmAccrual] = Field([], description="when each part of the harm occurred")
    regulatory_fines: Money = 0
    response_costs: Money = 0


class Notice(Strict):
    id: str = Field(pattern=r"^[A-Za-z0-9_.:-]+$")
    by: Party
    to: Literal["client", "regulator", "individuals", "attorney_general", "law_enforcement",
                "sec", "media", "covered_entity", "controller"]
    regime: Optional[str] = Field(None, pattern=r"^[a-z]{2}(-[a-z0-9.]+)+$")
    at: Timestamp


class Statement(Strict):
    id: str = Field(pattern=r"^[A-Za-z0-9_.:-]+$")
    by: Party
    at: Timestamp
    to: str
    claims_contained: StrictBool = False
    claims_scope_limited_to: Optional[str] = None
    disclosed_monitoring_gaps: StrictBool = False


class Incident(Strict):
    vector: Vector
    post_exploit_activity: list[Literal["credential_theft", "lateral_movement",
                                        "privilege_escalation", "exfiltration", "encryption",
                                        "persistence", "command_and_control"]] = []
    affected_assets: list[str] = []
    timeline: Timeline
    alerts: list[Alert] = []
    outages: list[Outage] = []
    harm: Harm
    notices: list[Notice] = []
    statements: list[Statement] = []
    ransom_paid: StrictBool = False


# --- conduct -------------------------------------------------------------------------------

class MFA(Strict):
    remote_access: StrictBool
    privileged: StrictBool


class Credentials(Strict):
    shared_accounts: StrictBool = False
    stale_accounts: Count = 0
    vendor_accounts_reviewed: StrictBool = True


class RiskOversight(Strict):
    risk_assessment: Optional[Day] = None
    board_reporting: StrictBool = False
    internal_audit: StrictBool = False


class ClientGovernance(Strict):
    mfa: MFA
    credentials: Credentials = Credentials()
    least_privilege: StrictBool = True
    segmentation: StrictBool = True
    risk_oversight: RiskOversight = RiskOversight()
    acquired_systems_assessed: Optional[StrictBool] = None


class Recommendation(Strict):
    """Recorded once; rules read it as the provider's warning and as the client's response."""
    id: str = Field(pattern=r"^[A-Za-z0-9_.:-]+$")
    by: Party = "provider"
    at: Day
    in_writing: StrictBool = True
    topic: Literal["mfa_remote_access", "mfa_privileged", "patching", "segmentation",
                   "credential_hygiene", "edr_upgrade", "log_source_onboarding", "staffing",
                   "backup", "other"]
    what: str
    response: Literal["accepted", "declined", "ignored", "pending"]
    response_at: Optional[Day] = None


class Staffing(Strict):
    coverage_24x7: StrictBool = True
    analysts_per_shift: Optional[Count] = None


class PostIncident(Strict):
    remediation_plan: StrictBool = False
    cooperated_with_investigators: StrictBool = True
    logs_preserved: StrictBool = True
    chain_of_custody: StrictBool = True


class ProviderConduct(Strict):
    staffing: Staffing = Staffing()
    threat_intel_feeds: StrictBool = True
    detection_content_updated: Optional[Day] = None
    post_incident: PostIncident = PostIncident()


class Insurance(Strict):
    insurer: Optional[str] = None
    required_controls: list[Literal["mfa_remote_access", "mfa_privileged", "edr",
                                    "monitoring_24x7", "offline_backup", "patching"]] = []
    limit: Optional[Money] = None


class EvidenceRef(Strict):
    """An evidence export the loader reads; facts derived from it land where the case keeps
    them (alerts, outages) or under `evidence.*` fact ids, each with its provenance."""
    id: str = Field(pattern=r"^[A-Za-z0-9_.-]+$")
    kind: Literal["alerts", "tickets", "telemetry"]
    path: str = Field(min_length=1, max_length=1000, description="relative to the case file")
    mapping: Optional[str] = Field(None, description="column-mapping file, relative to the case")
    timezone: Optional[str] = Field(None, description="zone for timestamps the export writes "
                                                      "without one")
    prefer: Literal["evidence", "case"] = Field(
        "evidence", description="which value drives the rules where the case and the evidence "
                                "disagree about the same alert or outage")
    silence_threshold: Optional[DurationField] = None
    derived: dict[str, Any] = Field({}, description="filled by the loader from the file; never "
                                                    "written by hand")


class Case(Strict):
    timezone: Optional[str] = None
    case: CaseInfo
    parties: Parties
    affected: list[Affected] = []
    contract: Contract
    audit: Audit = Audit()
    incident: Incident
    client_governance: ClientGovernance
    recommendations: list[Recommendation] = []
    provider_conduct: ProviderConduct = ProviderConduct()
    insurance: Insurance = Insurance()
    evidence: list[EvidenceRef] = Field([], description="evidence files; see docs/evidence.md")

    @model_validator(mode="after")
    def _ids_unique(self) -> "Case":
        for path, items in (("audit.findings", self.audit.findings), ("audit.tests", self.audit.tests),
                            ("incident.alerts", self.incident.alerts),
                            ("incident.outages", self.incident.outages),
                            ("incident.notices", self.incident.notices),
                            ("incident.statements", self.incident.statements),
                            ("recommendations", self.recommendations),
                            ("evidence", self.evidence),
                            ("parties.non_parties", self.parties.non_parties)):
            seen: set[str] = set()
            for item in items:
                if item.id in seen:
                    raise ValueError(f"{path}[{item.id}]: duplicate id {item.id!r}; ids must be "
                                     f"unique within a list")
                seen.add(item.id)
        return self
