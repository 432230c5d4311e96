"""Small helpers the rule modules share: reading times, windows and alerts the same way everywhere."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from facts.durations import Duration, format_timedelta
from facts.formatting import timestamp
from facts.vocabulary import SEVERITIES  # noqa: F401  (re-exported for rule modules)
from rules.legal_time import compute_deadline

MONITORING_DOMAINS = ("endpoint_detection", "log_monitoring", "network_monitoring",
                      "detection_content", "incident_response")


def when(ts: datetime | None) -> str:
    """A timestamp as every output prints it: 'Mon 2025-03-03 02:47 EST' (facts/formatting.py)."""
    return timestamp(ts)


def add(start: datetime, duration: Duration) -> datetime:
    """SLA windows: elapsed units run in absolute time (across daylight-saving changes);
    calendar units step the local wall clock; business days skip weekends (the legal-time layer
    does the counting, so SLA and statutory clocks agree)."""
    if duration.is_elapsed:
        return (start.astimezone(timezone.utc) + duration.as_timedelta()).astimezone(start.tzinfo)
    return compute_deadline(start, duration, None).deadline


def elapsed(later: datetime, earlier: datetime) -> timedelta:
    """Real time between two instants (Python subtracts same-zone datetimes by wall clock)."""
    return later.astimezone(timezone.utc) - earlier.astimezone(timezone.utc)


def lateness(deadline: datetime, actual: datetime | None) -> str:
    if actual is None:
        return "it never happened"
    delta = elapsed(actual, deadline)
    if delta > timedelta(0):
        return f"{format_timedelta(delta)} late"
    return f"{format_timedelta(-delta)} before the deadline"


def duration_of(value) -> Duration:
    return value if isinstance(value, Duration) else Duration.parse(str(value))


def sla_window(c, contract_key: str, default_key: str) -> Duration:
    """The contract's window at `contract_key`, or else the parameter `default_key`: the window a
    reasonable provider keeps where the contract names none."""
    return duration_of(c.get(contract_key) or c.param(default_key))


def related_alerts(alerts: list[dict]) -> list[dict]:
    return sorted((a for a in alerts if a.get("related_to_intrusion")),
                  key=lambda a: (a["at"], a["id"]))


# --- shared legal helpers -----------------------------------------------------------------------

# The control whose failure let the attacker in, per vector. Zero-day and supply-chain entries pass
# through a flaw in someone else's product that no party's control could have stopped; an unknown
# vector names no control at all.
ENTRY_CONTROL = {"known_cve": "patching", "stolen_credentials": "identity_access",
                 "phishing": "email_security", "misconfiguration": "identity_access",
                 "insider": "identity_access"}

# Recommendation topics and the vectors they would have stopped (entry).
TOPIC_ENTRY = {
    "mfa_remote_access": ("stolen_credentials", "phishing"),
    "mfa_privileged": ("stolen_credentials", "phishing", "insider"),
    "patching": ("known_cve",),
    "credential_hygiene": ("stolen_credentials", "insider"),
}
# Topics that would have limited the intrusion's growth or kept it from going unseen (spread).
TOPIC_SPREAD = ("segmentation", "edr_upgrade", "log_source_onboarding", "mfa_privileged",
                "credential_hygiene", "backup")
SPREAD_ACTIVITY = ("lateral_movement", "privilege_escalation", "credential_theft", "persistence",
                   "exfiltration", "encryption")


def topic_link(topic: str, vector: dict, activity: list) -> str:
    """How a recommended safeguard bears on this incident: entry, spread or none."""
    if vector.get("type") in TOPIC_ENTRY.get(topic, ()):
        return "entry"
    if topic == "patching" and exploited_cve(vector):
        return "entry"
    if topic in TOPIC_SPREAD and any(a in activity for a in SPREAD_ACTIVITY):
        if topic == "backup" and "encryption" not in activity:
            return "none"
        return "spread"
    return "none"


def audit_owner(item: dict, matrix: dict) -> str:
    """Whose failure an audit finding is: the responsibility matrix decides where it names the
    control domain; otherwise the auditor's attribution stands."""
    domain = item.get("control_domain")
    if domain and domain in matrix:
        return matrix[domain]
    return item["responsible"]


def open_at(item: dict, start: datetime) -> tuple[bool, bool]:
    """(existed before the intrusion, still open when it began) for an audit finding."""
    observed, remediated = item.get("first_observed"), item.get("remediated")
    existed = item["known_before_incident"] or (observed is not None and observed <= start.date())
    return existed, remediated is None or remediated > start.date()


def mentions(text: str | None, words: tuple[str, ...]) -> bool:
    low = (text or "").lower()
    return any(w in low for w in words)


def exploited_cve(vector: dict) -> bool:
    """The entry ran through a known vulnerability: the vector is one, or the credentials used were
    harvested through one the case names (with its patch date)."""
    return vector.get("type") == "known_cve" or bool(vector.get("cve") and
                                                      vector.get("patch_available"))
