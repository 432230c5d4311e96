"""Small helpers the rule modules share: reading times, windows and alerts the same way everywhere."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from facts.durations import Duration, format_timedelta
from rules.legal_time import compute_deadline

SEVERITIES = ("critical", "high", "medium", "low")
MONITORING_DOMAINS = ("endpoint_detection", "log_monitoring", "network_monitoring",
                      "detection_content", "incident_response")


def when(ts: datetime | None) -> str:
    """A timestamp as a report prints it: 'Mon 2025-03-03 02:47 -05:00'."""
    return ts.strftime("%a %Y-%m-%d %H:%M %z")[:-2] + ":" + ts.strftime("%z")[-2:] if ts else "never"


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


def related_alerts(alerts: list[dict]) -> list[dict]:
    return sorted((a for a in alerts if a.get("related_to_intrusion")),
                  key=lambda a: (a["at"], a["id"]))


def responsible(responsibilities: dict, *domains: str) -> str | None:
    """Who the matrix makes responsible for the first listed domain it names."""
    for domain in domains:
        if domain in responsibilities:
            return responsibilities[domain]
    return None
