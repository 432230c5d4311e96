"""The incident: vector, timeline, alerts, outages, harm, notices and statements."""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import Field, StrictBool

from facts.model.base import Severity, Strict
from facts.types import Count, Day, Money, Party, Timestamp


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
