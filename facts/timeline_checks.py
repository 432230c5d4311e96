"""Impossible timelines are input errors, not results: a deadline computed from a containment that
precedes the intrusion would be nonsense dressed as arithmetic."""
from __future__ import annotations

from facts.model import Case
from facts.unknown import UNKNOWN


def _known(*values) -> bool:
    """Only established moments can contradict each other: None (never) and unknown cannot."""
    return all(v is not None and v is not UNKNOWN for v in values)


def check_timeline(case: Case) -> tuple[str, str] | None:
    """Return (field path, message) for the first impossibility found, else None."""
    t = case.incident.timeline
    start = t.intrusion_start
    for name in ("first_indicator", "provider_detection", "discovery", "containment",
                 "client_notified", "materiality_determined", "notifiable_assessed",
                 "active_after_containment"):
        when = getattr(t, name)
        if _known(when, start) and when < start:
            return (f"incident.timeline.{name}",
                    f"{when.isoformat()} is before intrusion_start {start.isoformat()}; "
                    f"events cannot precede the intrusion")
    for name in ("client_notified", "materiality_determined", "notifiable_assessed"):
        when = getattr(t, name)
        if _known(when, t.discovery) and when < t.discovery:
            return (f"incident.timeline.{name}",
                    f"{when.isoformat()} is before discovery {t.discovery.isoformat()}; "
                    f"nothing can be notified or assessed before the breach was discovered")
    if _known(t.provider_detection, t.discovery) and t.discovered_by == "provider" and \
            t.provider_detection != t.discovery:
        return ("incident.timeline.discovery",
                "discovered_by is provider, so discovery must equal provider_detection; expected "
                "the same timestamp in both")
    problem = _after_containment(t) or _advisory(case)
    if problem:
        return problem
    for notice in case.incident.notices:
        if _known(notice.at, t.discovery) and notice.at < t.discovery:
            return (f"incident.notices[{notice.id}].at",
                    f"{notice.at.isoformat()} is before discovery {t.discovery.isoformat()}; "
                    f"a notice cannot precede the discovery it reports")
    for alert in case.incident.alerts:
        for name in ("acknowledged_at", "escalated_at"):
            when = getattr(alert, name)
            if _known(when, alert.at) and when < alert.at:
                return (f"incident.alerts[{alert.id}].{name}",
                        f"{when.isoformat()} is before the alert itself ({alert.at.isoformat()}); "
                        f"expected a time after the alert fired")
    for outage in case.incident.outages:
        if _known(outage.end, outage.start) and outage.end < outage.start:
            return (f"incident.outages[{outage.id}].end",
                    f"the outage ends ({outage.end.isoformat()}) before it starts "
                    f"({outage.start.isoformat()}); expected an end after the start")
    for part in case.incident.harm.accrual:
        if _known(part.at, start) and part.at < start:
            return ("incident.harm.accrual", f"harm at {part.at.isoformat()} precedes the "
                                             f"intrusion ({start.isoformat()}); expected harm "
                                             f"after intrusion_start")
    harm = case.incident.harm
    if not _known(harm.total):
        return None
    if sum((p.amount for p in harm.accrual if _known(p.amount)), 0) > harm.total:
        return ("incident.harm.accrual", f"the accrued amounts add up to more than harm.total "
                                         f"({harm.total}); expected parts of the total")
    parts = [v for v in (harm.regulatory_fines, harm.response_costs) if _known(v)]
    if sum(parts, 0) > harm.total:
        field = "regulatory_fines" if _known(harm.regulatory_fines) and \
            harm.regulatory_fines > harm.total else "response_costs"
        return (f"incident.harm.{field}", f"regulatory_fines ({harm.regulatory_fines}) and "
                                          f"response_costs ({harm.response_costs}) add up to more "
                                          f"than harm.total ({harm.total}); they are parts of the "
                                          f"total harm")
    return None


def _after_containment(t) -> tuple[str, str] | None:
    later = t.active_after_containment
    if not _known(later) or t.containment is UNKNOWN:
        return None
    if t.containment is None:
        return ("incident.timeline.active_after_containment",
                "containment is never, so no activity can follow it; expected a declared "
                "containment (incident.timeline.containment), or leave this out")
    if later <= t.containment:
        return ("incident.timeline.active_after_containment",
                f"{later.isoformat()} is not after the declared containment "
                f"({t.containment.isoformat()}); expected later activity")
    return None


def _advisory(case: Case) -> tuple[str, str] | None:
    advisory = case.incident.timeline.vendor_advisory
    if advisory is None:
        return None
    path = "incident.timeline.vendor_advisory"
    ids = {p.id for p in case.parties.non_parties}
    if advisory.by is not None and advisory.by not in ids:
        return (f"{path}.by", f"{advisory.by!r} is not a non-party of the case; expected one of "
                              f"{', '.join(sorted(ids)) or 'the ids in parties.non_parties'}")
    public = case.incident.vector.disclosed_publicly
    if _known(public, advisory.published) and public > advisory.published:
        return ("incident.vector.disclosed_publicly",
                f"{public.isoformat()} is after the vendor's advisory "
                f"({advisory.published.isoformat()}), which made the threat public; expected "
                f"that date or earlier")
    return None
