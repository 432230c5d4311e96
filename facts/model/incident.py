"""The incident: vector, timeline, alerts, outages, harm, notices, statements and concealment.
Harm lives in facts/model/harm.py, statements and concealment in facts/model/statements.py."""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import StrictBool, model_validator

from facts.model.base import UNKNOWN, Severity, Strict, Unknowable, VectorType, described
from facts.model.harm import Harm, HarmAccrual, HarmHead  # noqa: F401  (re-exported)
from facts.model.statements import Concealment, Statement  # noqa: F401  (re-exported)
from facts.types import Day, Event, Party, Timestamp


# --- the incident --------------------------------------------------------------------------

class Vector(Strict):
    @model_validator(mode="after")
    def _desk_check_unknown(self) -> "Vector":
        # Whether the desk checked the caller is fault-bearing: left out, it is unknown.
        if self.target == "service_desk" and "identity_verified" not in self.model_fields_set:
            self.__dict__["identity_verified"] = UNKNOWN
        return self

    type: Unknowable[VectorType] = described(
        "how the attacker got in", "the kind of initial access")
    also: list[VectorType] = described(
        "what else the way in was", "further kinds the same entry was, e.g. a supply_chain "
        "compromise that was also a zero_day: both at once", [])
    cve: Optional[str] = described("which CVE the entry exploited", "the CVE id, where a known "
                                   "vulnerability was exploited", None,
                                   pattern=r"^CVE-\d{4}-\d{4,}$")
    patch_available: Unknowable[Optional[Day]] = described(
        "when a patch for the exploited vulnerability became available", "date of the patch",
        None)
    entry_point: Unknowable[Optional[str]] = described("where the attacker entered",
                                           "the account, system or product of entry", None)
    entry_asset: Unknowable[Optional[str]] = described(
        "the asset of first access", "the asset the attacker entered through (an id as in "
        "incident.affected_assets)", None, max_length=200)
    via_remote_access: Unknowable[StrictBool] = described(
        "whether the attacker entered through remote access", "VPN, remote desktop or similar",
        UNKNOWN)
    target: Unknowable[Optional[Literal["service_desk", "user"]]] = described(
        "who was deceived", "for social_engineering: the service desk (a reset for an "
        "impostor) or a user", None)
    identity_verified: Unknowable[Optional[StrictBool]] = described(
        "whether the service desk verified the caller's identity before the reset",
        "for social engineering of the service desk; left out there, unknown", None)
    vendor: Optional[str] = described("the vendor whose product was the way in",
                                      "non-party id when the vector is a product", None)
    disclosed_publicly: Unknowable[Optional[Day]] = described(
        "when the vulnerability or compromise became publicly known",
        "date of public disclosure", None)


def _moment(label: str, description: str, default=UNKNOWN) -> object:
    return described(label, description, default)


class VendorAdvisory(Strict):
    published: Unknowable[Day] = described(
        "when the vendor published its advisory", "the date the vendor of the exploited product "
        "published a fix or an advisory for the vulnerability or compromise used")
    by: Optional[str] = described("the vendor that published the advisory", "a non-party id "
                                  "(vendor:acme); left out, incident.vector.vendor", None,
                                  pattern=r"^[a-z_]+:[a-z0-9_.-]+$")
    received: Unknowable[Event] = described(
        "when the owner of the product received the vendor's advisory", "the moment it reached "
        "whoever patches the product, or never", UNKNOWN)
    acted_on: Unknowable[Event] = described(
        "when the vendor's advisory was acted on", "the moment the fix or mitigation was "
        "applied, or never", UNKNOWN)


class Timeline(Strict):
    intrusion_start: Unknowable[Timestamp] = _moment(
        "when the intrusion began", "the attacker's first access", ...)
    first_indicator: Unknowable[Event] = _moment(
        "when the first indicator of compromise appeared", "first trace a monitor could see")
    provider_detection: Unknowable[Event] = _moment(
        "when the provider detected the intrusion", "the provider's own detection, or never")
    discovered_by: Unknowable[Literal["provider", "client", "law_enforcement", "researcher",
                                      "payment_network", "attacker", "vendor",
                                      "other_third_party"]] = described(
        "who discovered the breach", "whoever found it first (vendor: the vendor of the "
        "product the attacker came through, announcing its compromise)")
    discovery: Unknowable[Timestamp] = _moment("when the breach was discovered",
                                               "when it was first found", ...)
    client_notified: Unknowable[Event] = _moment(
        "when the client was told of the breach", "the provider's notice to the client, or "
        "never")
    containment: Unknowable[Event] = _moment("when the intrusion was contained",
                                             "containment (as declared), or never")
    active_after_containment: Unknowable[Event] = _moment(
        "when the attacker was found still active after the declared containment",
        "the latest attacker activity after `containment`, which shows the declared containment "
        "was not achieved; left out or never: none recorded", None)
    vendor_advisory: Optional[VendorAdvisory] = described(
        "the vendor's advisory", "the fix or advisory the vendor of the exploited product "
        "published, and its handling; left out: none recorded", None)
    materiality_determined: Unknowable[Event] = _moment(
        "when the client determined the incident material", "for SEC Form 8-K Item 1.05")
    notifiable_assessed: Unknowable[Event] = _moment(
        "when the client assessed the breach notifiable", "the assessment that starts some "
        "notice clocks")


class Alert(Strict):
    id: str = described("the alert's id", "unique within incident.alerts",
                        pattern=r"^[A-Za-z0-9_.:-]+$")
    at: Unknowable[Timestamp] = described("when alert {id} fired", "the alert's timestamp")
    severity: Unknowable[Severity] = described("the severity of alert {id}",
                                               "as the monitoring tool graded it")
    rule: Unknowable[Optional[str]] = described("the detection rule of alert {id}", "what fired", None)
    asset: Unknowable[Optional[str]] = described("the asset of alert {id}", "where it fired", None)
    related_to_intrusion: Unknowable[StrictBool] = described(
        "whether alert {id} related to the intrusion", "part of this intrusion, not noise",
        UNKNOWN)
    acknowledged_at: Unknowable[Event] = described(
        "when alert {id} was acknowledged", "an analyst's first action, or never", UNKNOWN)
    escalated_at: Unknowable[Event] = described(
        "when alert {id} was escalated to the client", "escalation to the client, or never",
        UNKNOWN)


class Outage(Strict):
    id: str = described("the outage's id", "unique within incident.outages",
                        pattern=r"^[A-Za-z0-9_.:-]+$")
    source: str = described("what outage {id} blinded", "the sensor or log source")
    start: Unknowable[Timestamp] = described("when outage {id} began", "start of the gap")
    end: Unknowable[Event] = described("when outage {id} ended", "end of the gap, or never "
                                       "(still down)", UNKNOWN)
    cause: Unknowable[Optional[str]] = described("the cause of outage {id}", "why it happened", None)
    known_to_provider: Unknowable[Event] = described(
        "when the provider knew of outage {id}", "the provider's knowledge, or never",
        UNKNOWN)
    disclosed_to_client: Unknowable[Event] = described(
        "when outage {id} was disclosed to the client", "disclosure, or never", UNKNOWN)


class Notice(Strict):
    id: str = described("the notice's id", "unique within incident.notices",
                        pattern=r"^[A-Za-z0-9_.:-]+$")
    by: Unknowable[Party] = described("who gave notice {id}", "provider or client")
    to: Unknowable[Literal["client", "regulator", "individuals", "attorney_general",
                           "law_enforcement", "sec", "media", "covered_entity",
                           "controller", "consumer_reporting_agency"]] = described(
        "whom notice {id} went to", "recipient (consumer_reporting_agency: the nationwide "
        "consumer reporting agencies a state statute names above its head-count threshold)")
    regime: Optional[str] = described("the regime of notice {id}", "the notification regime it "
                                      "was given under", None, pattern=r"^[a-z]{2}(-[a-z0-9.]+)+$")
    recipient: Optional[str] = described(
        "who received notice {id}", "the recipient's id where the regime names several (e.g. "
        "us-ny-ag, us-ny-dfs; see `jurisdictions show REGIME`); by default the recipient the "
        "regime names for `to`", None, pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    at: Unknowable[Timestamp] = described("when notice {id} was given", "the moment of notice")


class Incident(Strict):
    vector: Vector = described("the attack vector", "how the attacker got in")
    post_exploit_activity: Unknowable[list[Literal[
        "credential_theft", "lateral_movement", "privilege_escalation", "exfiltration",
        "encryption", "persistence", "command_and_control"]]] = described(
        "what the attacker did once inside", "post-exploit behaviour", [])
    affected_assets: Unknowable[list[str]] = described("which assets were compromised",
                                                       "compromised assets", [])
    timeline: Timeline = described("the incident timeline", "when things happened")
    alerts: list[Alert] = described("the alerts", "alerts the monitoring raised", [],
                                    item_label="alert {id}")
    outages: list[Outage] = described("the monitoring outages", "gaps in monitoring", [],
                                      item_label="outage {id}")
    harm: Harm = described("the harm", "the losses")
    notices: list[Notice] = described("the notices", "who told whom, when", [],
                                      item_label="notice {id}")
    statements: list[Statement] = described("the statements", "what was said during the "
                                            "incident, by anyone", [], item_label="statement {id}")
    concealment: list[Concealment] = described(
        "the acts of concealment", "the breach known and kept back, payments and agreements "
        "with the attacker", [], item_label="concealment {id}")
    data_categories: Unknowable[list[str]] = described(
        "which categories of data were affected", "what kinds of data the intrusion reached "
        "(e.g. names, email, health records, payment cards), as the record establishes them",
        UNKNOWN)
    ransom_paid: Unknowable[StrictBool] = described("whether a ransom was paid",
                                                    "a ransom payment; with a ransom head of "
                                                    "loss, true", False)

    @model_validator(mode="after")
    def _ransom_from_heads(self) -> "Incident":
        # A ransom recorded as a head of loss was paid; the flag need not say it again.
        if "ransom_paid" not in self.model_fields_set and any(
                h.kind == "ransom" and h.amount is not UNKNOWN and h.amount > 0
                for h in self.harm.heads):
            self.__dict__["ransom_paid"] = True
        return self
