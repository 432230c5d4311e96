"""Small helpers the rule modules share: reading times, windows and alerts the same way everywhere."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from facts.durations import Duration, format_timedelta
from facts.formatting import timestamp, yes_no
from facts.unknown import UNKNOWN, NotShown
from facts.vocabulary import SEVERITIES  # noqa: F401  (re-exported for rule modules)
from rules.legal_time import compute_deadline

MONITORING_DOMAINS = ("endpoint_detection", "log_monitoring", "network_monitoring",
                      "detection_content", "incident_response")


def when(ts: datetime | None) -> str:
    """A timestamp as every output prints it: 'Mon 2025-03-03 02:47 EST' (facts/formatting.py)."""
    if ts is UNKNOWN:
        return "an unknown time"
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
    """Alerts shown to relate to the intrusion, in time order (an alert whose relation is unknown
    is not shown to relate; see alerts_by_relation)."""
    return alerts_by_relation(alerts)[0]


def alerts_by_relation(alerts: list[dict]) -> tuple[list[dict], list[dict]]:
    """(alerts related to the intrusion, alerts whose relation is unknown), each in time order."""
    related, unsure = [], []
    for a in alerts:
        relation = a.known("related_to_intrusion") if hasattr(a, "known") else \
            a.get("related_to_intrusion")
        if relation is UNKNOWN:
            unsure.append(a)
        elif relation:
            related.append(a)
    def order(a):
        return (a["at"], a["id"])
    return sorted(related, key=order), sorted(unsure, key=order)


def first_notice(c, by) -> tuple:
    """When the provider first put the client on notice of this intrusion (an escalated related
    alert, or its own detection told to the client), and whether that was by `by`.

    Returns (the earliest such moment or None, in time: True / False / UNKNOWN, the unknown facts
    that could make it in time). Only what could have come by `by` can decide it: an alert
    raised after `by` cannot have been escalated before it."""
    related, unsure = alerts_by_relation(c.items("incident.alerts"))
    unsure_ids = {a["id"] for a in unsure}
    times, undecided = [], []
    for alert in related + unsure:
        escalated = alert.known("escalated_at")
        if escalated is UNKNOWN:
            if by is not None and alert["at"] <= by:
                undecided.append(alert.path("escalated_at"))
        elif escalated is not None and alert["id"] in unsure_ids:
            if by is not None and escalated <= by:
                undecided.append(alert.path("related_to_intrusion"))
        elif escalated is not None:
            times.append(escalated)
    detected = c.known("incident.timeline.provider_detection")
    told = c.known("incident.timeline.client_notified")
    if detected is not None and told is not None:
        if told is UNKNOWN:
            if detected is not UNKNOWN and by is not None and detected <= by:
                undecided.append("incident.timeline.client_notified")
        elif detected is UNKNOWN:
            if by is not None and told <= by:
                undecided.append("incident.timeline.provider_detection")
        else:
            times.append(told)
    handled = min(times, default=None)
    in_time = handled is not None and by is not None and handled <= by
    if not in_time and undecided:
        return handled, UNKNOWN, undecided
    return handled, in_time, []


def tally(*parts: tuple[str, object, str]) -> tuple[list[str], list[str]]:
    """For (words, failed, fact id) parts where `failed` is True, False or UNKNOWN: (the words of
    the parts that failed, the fact ids of the parts that are unknown)."""
    failed = [words for words, bad, _ in parts if bad is not UNKNOWN and bad]
    unknown = [fid for _, bad, fid in parts if bad is UNKNOWN]
    return failed, unknown


def shown(value, none: str = "never") -> str:
    """A value for a check's detail: 'unknown', `none` for None, else the value as text."""
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, datetime):
        return timestamp(value)
    return "unknown" if value is UNKNOWN else none if value is None else str(value)


def negate(value):
    """not value, keeping UNKNOWN unknown."""
    return value if value is UNKNOWN else not value


# --- shared legal helpers -----------------------------------------------------------------------

# The control whose failure let the attacker in, per vector. Zero-day and supply-chain entries pass
# through a flaw in someone else's product that no party's control could have stopped; an unknown
# vector names no control at all.
ENTRY_CONTROL = {"known_cve": "patching", "stolen_credentials": "identity_access",
                 "phishing": "email_security", "misconfiguration": "identity_access",
                 "insider": "identity_access", "social_engineering": "identity_access"}

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


def safeguard_link(key: str, vector: dict, activity: list, entry: dict, spread,
                   patch_keys=("patching",)) -> str:
    """How a safeguard (a recommended topic, or an audited control) bears on this incident:
    'entry' if it guards against the vector that got in (a patch against an exploited CVE),
    'spread' if it would have limited or revealed the intrusion's growth, else 'none'. Backups
    bear on spread only where the attacker encrypted."""
    if vector.get("type") in entry.get(key, ()) or (key in patch_keys and exploited_cve(vector)):
        return "entry"
    if key in spread and any(a in activity for a in SPREAD_ACTIVITY):
        if key == "backup" and "encryption" not in activity:
            return "none"
        return "spread"
    return "none"


def topic_link(topic: str, vector: dict, activity: list) -> str:
    """How a recommended safeguard bears on this incident: entry, spread or none."""
    return safeguard_link(topic, vector, activity, TOPIC_ENTRY, TOPIC_SPREAD)


def audit_owner(item: dict, matrix: dict, parts: dict | None = None) -> str:
    """Whose failure an audit finding is: the responsibility matrix decides where it names the
    control domain; otherwise the auditor's attribution stands. In a shared domain the finding is
    one side's part: the side the record's division by asset gives the finding's asset to, else
    the side the auditor attributes it to; attributed to both (shared), it is examined for both."""
    domain = item.get("control_domain")
    if not (domain and domain in matrix):
        return item["responsible"]
    owner = matrix[domain]
    if owner != "shared":
        return owner
    return part_owner(parts or {}, domain, item.known("asset"),
                      fallback=item.known("responsible"))


def part_owner(parts: dict, domain: str, asset, fallback=None) -> str:
    """Whose part of a shared domain an asset is: the record's division by asset decides; where it
    gives none, `fallback` (provider or client) if given, else shared (both examine it)."""
    division = (parts.get(domain) or {}).get("assets") or {}
    if asset not in (None, UNKNOWN) and asset in division:
        return division[asset]
    return fallback if fallback in ("provider", "client") else "shared"


def part_words(parts: dict, domain: str | None, party: str) -> str:
    """', its part of the shared X domain: <the record's words>' for a shared domain whose parts
    the record gives, else '' (for a sentence about one side's failure)."""
    entry = (parts.get(domain) or {}) if domain else {}
    words = entry.get(party)
    if not words:
        return ""
    return f" (its part of the shared {domain.replace('_', ' ')} domain: {words.rstrip('.')})"


def knew_before(item: dict, start) -> tuple[object, list[str]]:
    """(True/False/UNKNOWN, unknown fact ids): whether the party an audit finding is attributed to
    knew of its condition before the intrusion. `known_since` decides where the record dates the
    knowledge: a condition that existed long before but became known only after the intrusion
    began was not known then. Otherwise `known_before_incident` says."""
    since = item.known("known_since")
    if since is not None and since is not UNKNOWN and start is not UNKNOWN:
        return since <= start.date(), []
    flag = item.known("known_before_incident")
    if flag is UNKNOWN:
        return UNKNOWN, [item.path(k) for k, v in (("known_since", since),
                                                    ("known_before_incident", flag))
                         if v is UNKNOWN]
    return flag, []


def dated(item: dict) -> str:
    """An audit finding's dates of existence, observation and knowledge, for a check's detail."""
    parts = [f"{words} {shown(item.known(name), 'not stated')}" for name, words in
             (("existed_since", "existed since"), ("first_observed", "first observed"),
              ("known_since", "known since")) if item.known(name) is not None or
             name == "first_observed"]
    return "; ".join(parts)


def known_from(item: dict):
    """The date an audit finding's condition is shown known from: `known_since` where the record
    gives it, else the date first observed (None where neither is recorded)."""
    since = item.known("known_since")
    if since is not None and since is not UNKNOWN:
        return since
    observed = item.get("first_observed")
    return observed


def open_at(item: dict, start: datetime) -> tuple[bool, bool]:
    """(existed before the intrusion, still open when it began) for an audit finding. Existence
    is shown by `existed_since` where the record gives it (known or not: existence decides
    causation), or by knowledge before the incident or a first observation before it; an unknown
    that decides either raises NotShown naming it (a remediation date matters only for a
    condition that existed)."""
    day = start.date()
    known_before, unsure = knew_before(item, start)
    since = item.known("existed_since")
    observed = item.known("first_observed")
    if since not in (None, UNKNOWN) and since > day:
        existed = False      # the condition began after the intrusion did
    elif known_before is True or any(v not in (None, UNKNOWN) and v <= day
                                     for v in (since, observed)):
        existed = True
    elif known_before is UNKNOWN or observed is UNKNOWN or since is UNKNOWN:
        raise NotShown(*unsure, *[item.path(k) for k, v in (("existed_since", since),
                                                            ("first_observed", observed))
                                  if v is UNKNOWN])
    else:
        existed = False
    remediated = item.known("remediated")
    if remediated is UNKNOWN:
        if existed:
            raise NotShown(item.path("remediated"))
        return existed, False
    return existed, remediated is None or remediated > day


def mentions(text: str | None, words: tuple[str, ...]) -> bool:
    low = (text or "").lower()
    return any(w in low for w in words)


def vector_kinds(vector: dict) -> set[str]:
    """Every kind the way in was: its type and the kinds it also was (a supply-chain compromise
    that was also a zero-day is both)."""
    kind = vector.known("type") if hasattr(vector, "known") else vector.get("type")
    return ({kind} if kind not in (None, UNKNOWN) else set()) | set(vector.get("also") or ())


def kinds_words(vector: dict) -> str:
    """'supply chain and zero day' for a vector that was both."""
    first = vector.get("type")
    rest = [k for k in (vector.get("also") or ()) if k != first]
    return " and ".join(k.replace("_", " ") for k in [first, *rest])


def exploited_cve(vector: dict) -> bool:
    """The entry ran through a known vulnerability: the vector is one, or the credentials used were
    harvested through one the case names (with its patch date)."""
    return vector.get("type") == "known_cve" or bool(vector.get("cve") and
                                                      vector.get("patch_available"))
