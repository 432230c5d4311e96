"""Breach in the handling of the intrusion's own alerts: when the contractual clock starts, and
whether detection, triage and escalation came within the SLA's windows.

The measure is what the contract promised and, where it is silent, what a reasonable provider does
(NIST CSF 2.0 DE.CM / DE.AE, SOC 2 CC7.2–CC7.3). Audit findings: rules/breach_audit.py; the
monitoring service itself (outages, testing, staffing): rules/breach_monitoring.py.
"""
from __future__ import annotations

from facts.durations import Duration
from facts.unknown import UNKNOWN, NotShown
from rules.authorities import cite, contract_term, modelling_choice
from rules.base import Salience, fact, rule
from rules.common import add, alerts_by_relation, duration_of, lateness, sla_window, when


@rule("BREACH-001", title="First alert related to the intrusion", area="breach",
      concludes="derived.first_related_alert", salience=Salience.MEASURE,
      authority=[contract_term("what the SLA says starts its clocks"),
                  modelling_choice("where the SLA runs from the alert, the first alert related to the "
                                   "intrusion starts the provider's clocks, not the attacker's first trace")],
      narrative="The first alert related to the intrusion fired at {at} ({severity}).",
      needs={"start": fact("incident.timeline.intrusion_start")})
def first_related_alert(c, start):
    alerts, unsure = alerts_by_relation(c.items("incident.alerts"))
    if not alerts and unsure:
        raise NotShown(*[a.path("related_to_intrusion") for a in unsure])
    if alerts:
        first = alerts[0]
        # An earlier alert whose relation is unknown is not shown to start the clock; the clock
        # from the first alert shown to relate is the later, more lenient one.
        earlier = [a["id"] for a in unsure if (a["at"], a["id"]) < (first["at"], first["id"])]
        c.derive("derived.first_related_alert", first,
                 f"alert {first['id']} ({first['severity']}) at {when(first['at'])}" +
                 (f"; earlier alert(s) {', '.join(earlier)} not shown to relate to the intrusion"
                  if earlier else ""))


@rule("BREACH-002", title="When the contractual clock starts", area="breach",
      concludes="derived.sla_clock_start", salience=Salience.MEASURE,
      authority=contract_term("the SLA's own definition of what starts its clocks"),
      narrative="The SLA clock starts at {at}.",
      needs={"trigger": fact("contract.sla.clock_starts")})
def sla_clock_start(c, trigger):
    if trigger == "first_indicator":
        start = c.get("incident.timeline.first_indicator")
        label = "the first indicator of compromise"
    else:
        first = c.get("derived.first_related_alert")
        start = first["at"] if first else None
        label = f"alert {first['id']}" if first else ""
    if start is not None:
        c.derive("derived.sla_clock_start", start, f"{label} at {when(start)}")


@rule("BREACH-003", title="Detection within the contractual window", area="breach",
      concludes="breach.detection", party="provider",
      authority=[contract_term("the SLA's detection window"),
                  cite("nist-csf-2", "DE.CM"), cite("nist-csf-2", "DE.AE")],
      principle="A provider that promised to detect within a window breaches its contract when "
                "detection comes later, or never.",
      narrative="The contract required detection within {window} of {clock_start}, i.e. by "
                "{deadline}; the provider's detection came {outcome}.",
      narrative_not="The contract required detection within {window} of {clock_start}, i.e. by "
                    "{deadline}; the provider detected at {detected}, {outcome}, so the "
                    "detection window was met.",
      needs={"clock_start": fact("derived.sla_clock_start"),
             "window": fact("contract.sla.detection")})
def detection_window(c, clock_start, window):
    window = duration_of(window)
    deadline = add(clock_start, window)
    detected = c.get("incident.timeline.provider_detection")
    on_time = detected is not None and detected <= deadline
    c.conclude(c.check("the provider detected the intrusion by the deadline", on_time,
                       f"deadline {when(deadline)}; detected {when(detected)}"),
               holds=not on_time,
               values={"window": window.words(), "clock_start": when(clock_start),
                       "deadline": when(deadline), "detected": when(detected),
                       "outcome": lateness(deadline, detected) if detected else
                       "never: the provider did not detect the intrusion at all"})


def _triage_window(c, severity: str) -> Duration:
    return sla_window(c, f"contract.sla.triage.{severity}", "default.triage_window")


@rule("BREACH-004", title="Alerts triaged within the SLA window", area="breach",
      concludes="breach.triage", party="provider",
      authority=[contract_term("the SLA's triage windows by severity"),
                  cite("aicpa-tsc-2017", "CC7.3"), cite("nist-csf-2", "DE.AE-02")],
      principle="An alert the provider raised and left unexamined past its triage window is a "
                "failure to perform the core of a monitoring service.",
      narrative="The standard is the contract's triage window for each severity. {late} of {total} "
                "alerts related to the intrusion were not triaged within their "
                "SLA windows; the first, {first_id} ({first_severity}, {first_at}), had a "
                "{first_window} window and was {first_outcome}.",
      narrative_not="The standard is the contract's triage window for each severity; all {total} "
                    "alerts related to the intrusion were triaged within it.",
      needs={"first": fact("derived.first_related_alert")})
def triage_window(c, first):
    discovery = c.get("incident.timeline.discovery")
    checks, late, unknown, triaged, unsettled = [], [], [], [], []
    related, unsure = alerts_by_relation(c.items("incident.alerts"))
    unsure_ids = {a["id"] for a in unsure}
    for alert in related + unsure:
        window = _triage_window(c, alert["severity"])
        deadline = add(alert["at"], window)
        ack = alert.known("acknowledged_at")
        condition = f"alert {alert['id']} triaged within {window}"
        if ack is UNKNOWN:
            # Not acknowledged before discovery is late only once the window has run.
            if discovery > deadline:
                unknown.append(alert.path("acknowledged_at"))
                unsettled.append(alert)
                checks.append(c.unknown_check(condition, alert.path("acknowledged_at")))
            continue
        # An alert never acknowledged before discovery is late once its window has run.
        is_late = (ack > deadline) if ack else (discovery > deadline)
        if alert["id"] in unsure_ids:
            if is_late:   # late, but whether it bore on the intrusion is unknown
                unknown.append(alert.path("related_to_intrusion"))
                unsettled.append(alert)
                checks.append(c.unknown_check(condition, alert.path("related_to_intrusion")))
            continue
        checks.append(c.check(condition, not is_late,
                              f"raised {when(alert['at'])}; deadline {when(deadline)}; "
                              f"acknowledged {when(ack)}"))
        if is_late:
            late.append((alert, window, ack, deadline))
        triaged.append(alert)
    # What decides: the late alerts when there are any, else every related alert (all in time)
    # and those whose unknown facts leave it open.
    c.cite(*([a for a, *_ in late] or triaged + unsettled))
    # Each late alert is its own lapse (rules/apportionment/roots.py reads these ids).
    values = {"late": len(late), "total": len(related), "late_ids": ", ".join(a["id"] for a, *_ in late)}
    if late:
        alert, window, ack, deadline = late[0]
        values.update(first_id=alert["id"], first_severity=alert["severity"],
                      first_at=when(alert["at"]), first_window=window.words(),
                      first_outcome=("acknowledged " + lateness(deadline, ack)) if ack
                      else "never acknowledged before discovery")
    c.conclude(*checks, holds=bool(late), values=values, unknown=unknown)


@rule("BREACH-005", title="Triaged alerts escalated within the SLA window", area="breach",
      concludes="breach.escalation", party="provider",
      authority=[contract_term("the SLA's escalation window"),
                  cite("nist-csf-2", "RS.MA"), cite("nist-csf-2", "RS.CO")],
      principle="Triage that ends in silence helps no one: an intrusion-related alert must reach "
                "the client within the escalation window so the client can act.",
      narrative="{late} of {total} intrusion alerts were escalated to the client late or not "
                "at all (escalation window {window}, from acknowledgement or, for an alert "
                "never escalated and acknowledged late or never, from the end of its triage "
                "window); the first was {first_id}, {first_outcome}.",
      narrative_not="Every intrusion alert ({total}) was escalated within the {window} "
                    "escalation window.",
      needs={"first": fact("derived.first_related_alert")})
def escalation_window(c, first):
    window = sla_window(c, "contract.sla.escalation", "default.escalation_window")
    discovery = c.get("incident.timeline.discovery")
    checks, late, unknown, escalations, unsettled = [], [], [], [], []
    related, unsure = alerts_by_relation(c.items("incident.alerts"))
    unsure_ids = {a["id"] for a in unsure}
    for alert in related + unsure:
        ack, escalated = alert.known("acknowledged_at"), alert.known("escalated_at")
        condition = f"alert {alert['id']} escalated within {window}"
        undecided = [alert.path(k) for k, v in (("acknowledged_at", ack),
                                                 ("escalated_at", escalated)) if v is UNKNOWN]
        if undecided:
            # The clock (from acknowledgement) or the escalation itself is not known.
            if escalated is not UNKNOWN and escalated is not None and escalated <= add(
                    alert["at"], window):
                continue   # escalated within the window of the alert itself: in time anyway
            unknown += undecided
            unsettled.append(alert)
            checks.append(c.unknown_check(condition, undecided[0]))
            continue
        # The clock runs from the acknowledgement (the contract's escalation term). An alert never
        # escalated is judged at discovery: had the provider triaged it within its triage window,
        # escalation was due by that window's end plus the escalation window, so a late
        # acknowledgement (or none) cannot carry the deadline past discovery and clear the
        # escalation. An alert that was escalated is measured from its acknowledgement, as the
        # contract measures it; its late triage is a breach of its own (BREACH-004).
        triage_end = add(alert["at"], _triage_window(c, alert["severity"]))
        if ack is not None and (ack <= triage_end or escalated is not None):
            start, basis = ack, f"acknowledged {when(ack)}"
        elif ack is not None:
            start = triage_end
            basis = (f"acknowledged {when(ack)}, after its triage window ended {when(start)}, and "
                     f"never escalated")
        else:
            # An alert nobody looked at was not escalated either.
            start = triage_end
            basis = f"never acknowledged; triage window ended {when(start)}"
        deadline = add(start, window)
        is_late = (escalated > deadline) if escalated else (discovery > deadline)
        if alert["id"] in unsure_ids:
            if is_late:
                unknown.append(alert.path("related_to_intrusion"))
                unsettled.append(alert)
                checks.append(c.unknown_check(condition, alert.path("related_to_intrusion")))
            continue
        checks.append(c.check(condition, not is_late,
                              f"{basis}; deadline {when(deadline)}; "
                              f"escalated {when(escalated)}"))
        if is_late:
            late.append((alert, deadline, escalated))
        escalations.append(alert)
    c.cite(*([a for a, *_ in late] or escalations + unsettled))
    values = {"late": len(late), "total": len(related), "window": window.words(),
              "late_ids": ", ".join(a["id"] for a, *_ in late)}
    if late:
        alert, deadline, escalated = late[0]
        values.update(first_id=alert["id"], first_outcome=lateness(deadline, escalated)
                      if escalated else "never escalated before discovery")
    if checks:
        c.conclude(*checks, holds=bool(late), values=values, unknown=unknown)
