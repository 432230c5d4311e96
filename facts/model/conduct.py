"""Conduct of each party: the client's governance, recommendations, the provider's operations,
insurance, and the evidence files the case refers to."""
from __future__ import annotations

from typing import Any, Literal, Optional

from pydantic import Field, StrictBool

from facts.model.base import Strict
from facts.types import Count, Day, DurationField, Money, Party


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
