"""Conduct of each party: the client's governance, recommendations, the provider's operations,
insurance, and the evidence files the case refers to."""
from __future__ import annotations

from typing import Any, Literal, Optional

from pydantic import Field, StrictBool

from facts.model.base import UNKNOWN, Strict, Unknowable, described
from facts.types import Count, Day, DurationField, EventDay, Money, Party


# --- conduct -------------------------------------------------------------------------------

class MFA(Strict):
    remote_access: Unknowable[StrictBool] = described(
        "whether MFA protected remote access", "MFA enforced on remote access (VPN, remote "
        "desktop) for every user", UNKNOWN)
    privileged: Unknowable[StrictBool] = described(
        "whether MFA protected privileged accounts", "MFA enforced on administrative accounts",
        UNKNOWN)


class Credentials(Strict):
    shared_accounts: Unknowable[StrictBool] = described(
        "whether shared accounts were in use", "accounts used by more than one person", UNKNOWN)
    stale_accounts: Unknowable[Count] = described(
        "how many stale accounts were enabled", "accounts of departed users or unused ones "
        "still enabled", UNKNOWN)
    vendor_accounts_reviewed: Unknowable[StrictBool] = described(
        "whether vendor accounts were reviewed", "third-party accounts periodically reviewed",
        UNKNOWN)


class RiskOversight(Strict):
    risk_assessment: Unknowable[EventDay] = described(
        "when the client last assessed its security risk", "date of the last risk assessment, "
        "or never", UNKNOWN)
    board_reporting: Unknowable[StrictBool] = described(
        "whether security was reported to the board", "regular board reporting on security",
        UNKNOWN)
    internal_audit: Unknowable[StrictBool] = described(
        "whether internal audit covered security", "an internal audit function over security",
        UNKNOWN)


class Acquisition(Strict):
    """A business the client acquired, and what became of its systems before the intrusion."""
    id: str = described("the acquisition's id", "unique within client_governance.acquisitions",
                        pattern=r"^[A-Za-z0-9_.:-]+$")
    acquired: Unknowable[Day] = described("when acquisition {id} closed", "the closing date")
    systems: list[str] = described(
        "which systems came with acquisition {id}", "the acquired assets (ids as in "
        "incident.affected_assets); empty: not itemised", [])
    connected: Unknowable[EventDay] = described(
        "when the systems of acquisition {id} were connected to the client's network",
        "date connected, or never", UNKNOWN)
    assessed: Unknowable[EventDay] = described(
        "when the systems of acquisition {id} were security-assessed", "date the assessment was "
        "completed (before closing counts: due diligence), or never", UNKNOWN)
    what: Optional[str] = described("what acquisition {id} was", "in words", None,
                                    max_length=2000)


class ClientGovernance(Strict):
    mfa: MFA = described("the client's MFA", "multi-factor authentication", MFA())
    credentials: Credentials = described("the client's credential hygiene", "accounts",
                                         Credentials())
    least_privilege: Unknowable[StrictBool] = described(
        "whether accounts had least privilege", "access limited to what each role needs",
        UNKNOWN)
    segmentation: Unknowable[StrictBool] = described(
        "whether the network was segmented", "segments that limit lateral movement", UNKNOWN)
    risk_oversight: RiskOversight = described("the client's risk oversight",
                                              "risk assessment, board reporting, internal audit",
                                              RiskOversight())
    acquired_systems_assessed: Unknowable[Optional[StrictBool]] = described(
        "whether acquired systems were assessed before connection",
        "security assessment of systems inherited through an acquisition (null: none "
        "acquired); with no dated acquisition it shows no entry cause", UNKNOWN)
    acquisitions: list[Acquisition] = described(
        "the acquisitions", "each acquisition with its dates and systems; what decides whether "
        "acquired systems were an entry cause", [], item_label="acquisition {id}")


class Recommendation(Strict):
    """Recorded once; rules read it as the provider's warning and as the client's response."""
    id: str = described("the recommendation's id", "unique within recommendations",
                        pattern=r"^[A-Za-z0-9_.:-]+$")
    by: Unknowable[Party] = described("who made recommendation {id}", "provider or client",
                                      "provider")
    at: Unknowable[Day] = described("when recommendation {id} was made", "date")
    in_writing: Unknowable[StrictBool] = described("whether recommendation {id} was in writing",
                                                   "written, not only oral", UNKNOWN)
    topic: Unknowable[Literal["mfa_remote_access", "mfa_privileged", "patching", "segmentation",
                              "credential_hygiene", "edr_upgrade", "log_source_onboarding",
                              "staffing", "backup", "other"]] = described(
        "the topic of recommendation {id}", "what it was about")
    what: str = described("what recommendation {id} said", "the advice in words")
    response: Unknowable[Literal["accepted", "declined", "ignored", "pending"]] = described(
        "how the client answered recommendation {id}", "accepted, declined, ignored, pending")
    response_at: Unknowable[EventDay] = described("when recommendation {id} was answered",
                                                  "date of the response", None)


class Staffing(Strict):
    coverage_24x7: Unknowable[StrictBool] = described(
        "whether analysts covered the clock 24x7", "round-the-clock analyst coverage", UNKNOWN)
    analysts_per_shift: Unknowable[Optional[Count]] = described(
        "how many analysts worked each shift", "analysts per shift", None)


class PostIncident(Strict):
    remediation_plan: Unknowable[StrictBool] = described(
        "whether the provider produced a remediation plan", "a plan after the incident",
        UNKNOWN)
    cooperated_with_investigators: Unknowable[StrictBool] = described(
        "whether the provider cooperated with investigators", "cooperation", UNKNOWN)
    logs_preserved: Unknowable[StrictBool] = described("whether the provider preserved logs",
                                                       "logs kept for the investigation", UNKNOWN)
    chain_of_custody: Unknowable[StrictBool] = described(
        "whether the provider kept chain of custody", "evidence handling", UNKNOWN)


class ProviderConduct(Strict):
    staffing: Staffing = described("the provider's staffing", "analyst coverage", Staffing())
    threat_intel_feeds: Unknowable[StrictBool] = described(
        "whether the provider used threat-intelligence feeds", "feeds in the monitoring", UNKNOWN)
    detection_content_updated: Unknowable[EventDay] = described(
        "when the provider last updated its detection content", "date of the last update, or "
        "never", UNKNOWN)
    post_incident: PostIncident = described("the provider's post-incident conduct",
                                            "what it did after the breach was found",
                                            PostIncident())


class Insurance(Strict):
    insurer: Optional[str] = described("the insurer", "the client's cyber insurer", None)
    required_controls: Unknowable[list[Literal["mfa_remote_access", "mfa_privileged", "edr",
                                               "monitoring_24x7", "offline_backup",
                                               "patching"]]] = described(
        "which controls the cyber policy required", "conditions of cover", [])
    limit: Unknowable[Optional[Money]] = described("the policy limit", "the cover's limit", None)


class EvidenceRef(Strict):
    """An evidence export the loader reads; facts derived from it land where the case keeps
    them (alerts, outages) or under `evidence.*` fact ids, each with its provenance."""
    id: str = Field(pattern=r"^[A-Za-z0-9_.-]+$", description="unique within evidence",
                    json_schema_extra={"label": "the evidence file's id"})
    kind: Literal["alerts", "tickets", "telemetry"] = Field(
        description="what the export holds", json_schema_extra={"label": "the kind of evidence"})
    path: str = Field(min_length=1, max_length=1000, description="relative to the case file",
                      json_schema_extra={"label": "the evidence file"})
    mapping: Optional[str] = Field(None, description="column-mapping file, relative to the case",
                                   json_schema_extra={"label": "the column mapping"})
    timezone: Optional[str] = Field(None, description="zone for timestamps the export writes "
                                                      "without one",
                                    json_schema_extra={"label": "the evidence time zone"})
    prefer: Literal["evidence", "case"] = Field(
        "evidence", description="which value drives the rules where the case and the evidence "
                                "disagree about the same alert or outage",
        json_schema_extra={"label": "which source wins a disagreement"})
    silence_threshold: Optional[DurationField] = Field(
        None, description="shortest silent period reported as an outage",
        json_schema_extra={"label": "the silence threshold"})
    derived: dict[str, Any] = Field({}, description="filled by the loader from the file; never "
                                                    "written by hand",
                                    json_schema_extra={"label": "facts derived from the file"})
