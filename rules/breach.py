"""Breach of the standard of care: SLA windows, alerts left unhandled, outages, audit findings.

The measure is what the contract promised and, where it is silent, what a reasonable provider does
(NIST CSF 2.0 DE.CM / DE.AE, ISO/IEC 27001:2022 A.8.15–8.16, SOC 2 CC7.2–CC7.4, CIS v8).
"""
from __future__ import annotations

from datetime import datetime, time

from facts.durations import Duration
from facts.formatting import yes_no
from rules.authorities import cite, contract_term, modelling_choice
from rules.base import Salience, each, fact, rule
from rules.common import (add, audit_owner, duration_of, lateness, open_at,
                          related_alerts, sla_window, when)


@rule("BREACH-001", title="First alert related to the intrusion", area="breach",
      concludes="derived.first_related_alert", salience=Salience.MEASURE,
      authority=[contract_term("what the SLA says starts its clocks"),
                  modelling_choice("where the SLA runs from the alert, the first alert related to the "
                                   "intrusion starts the provider's clocks, not the attacker's first trace")],
      narrative="The first alert related to the intrusion fired at {at} ({severity}).",
      needs={"start": fact("incident.timeline.intrusion_start")})
def first_related_alert(c, start):
    alerts = related_alerts(c.items("incident.alerts"))
    if alerts:
        first = alerts[0]
        c.derive("derived.first_related_alert", first,
                 f"alert {first['id']} ({first['severity']}) at {when(first['at'])}")


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
    checks, late, triaged = [], [], []
    for alert in related_alerts(c.items("incident.alerts")):
        window = _triage_window(c, alert["severity"])
        deadline = add(alert["at"], window)
        ack = alert.get("acknowledged_at")
        # An alert never acknowledged before discovery is late once its window has run.
        is_late = (ack > deadline) if ack else (discovery > deadline)
        checks.append(c.check(f"alert {alert['id']} triaged within {window}", not is_late,
                              f"raised {when(alert['at'])}; deadline {when(deadline)}; "
                              f"acknowledged {when(ack)}"))
        if is_late:
            late.append((alert, window, ack, deadline))
        triaged.append(alert)
    # What decides: the late alerts when there are any, else every related alert (all in time).
    c.cite(*([a for a, *_ in late] or triaged))
    values = {"late": len(late), "total": len(checks)}
    if late:
        alert, window, ack, deadline = late[0]
        values.update(first_id=alert["id"], first_severity=alert["severity"],
                      first_at=when(alert["at"]), first_window=window.words(),
                      first_outcome=("acknowledged " + lateness(deadline, ack)) if ack
                      else "never acknowledged before discovery")
    c.conclude(*checks, holds=bool(late), values=values)


@rule("BREACH-005", title="Triaged alerts escalated within the SLA window", area="breach",
      concludes="breach.escalation", party="provider",
      authority=[contract_term("the SLA's escalation window"),
                  cite("nist-csf-2", "RS.MA"), cite("nist-csf-2", "RS.CO")],
      principle="Triage that ends in silence helps no one: an intrusion-related alert must reach "
                "the client within the escalation window so the client can act.",
      narrative="{late} of {total} intrusion alerts were escalated to the client late or not "
                "at all (escalation window {window}, from acknowledgement or, for an alert never "
                "acknowledged, from the end of its triage window); the first was {first_id}, "
                "{first_outcome}.",
      narrative_not="Every intrusion alert ({total}) was escalated within the {window} "
                    "escalation window.",
      needs={"first": fact("derived.first_related_alert")})
def escalation_window(c, first):
    window = sla_window(c, "contract.sla.escalation", "default.escalation_window")
    discovery = c.get("incident.timeline.discovery")
    checks, late, escalations = [], [], []
    for alert in related_alerts(c.items("incident.alerts")):
        ack = alert.get("acknowledged_at")
        if ack is not None:
            start, basis = ack, f"acknowledged {when(ack)}"
        else:
            # An alert nobody looked at was not escalated either. Its escalation clock runs from
            # the end of its triage window, so ignoring an alert never scores better than
            # triaging it late.
            start = add(alert["at"], _triage_window(c, alert["severity"]))
            basis = f"never acknowledged; triage window ended {when(start)}"
        deadline = add(start, window)
        escalated = alert.get("escalated_at")
        is_late = (escalated > deadline) if escalated else (discovery > deadline)
        checks.append(c.check(f"alert {alert['id']} escalated within {window}", not is_late,
                              f"{basis}; deadline {when(deadline)}; "
                              f"escalated {when(escalated)}"))
        if is_late:
            late.append((alert, deadline, escalated))
        escalations.append(alert)
    c.cite(*([a for a, *_ in late] or escalations))
    values = {"late": len(late), "total": len(checks), "window": window.words()}
    if late:
        alert, deadline, escalated = late[0]
        values.update(first_id=alert["id"], first_outcome=lateness(deadline, escalated)
                      if escalated else "never escalated before discovery")
    if checks:
        c.conclude(*checks, holds=bool(late), values=values)


@rule("BREACH-006", title="Monitoring outage during the intrusion", area="breach",
      concludes="breach.monitoring_outage", party="provider",
      authority=[cite("aicpa-tsc-2017", "CC7.2"), cite("iso-27001-2022", "A.8.16"),
                  cite("nist-csf-2", "DE.CM")],
      principle="A monitor must monitor itself: a blind sensor that nobody noticed, or that the "
                "provider noticed and kept to itself, is a failure of the monitoring service.",
      narrative="The standard is monitoring that watches itself (SOC 2 CC7.2). Monitoring of "
                "{source} was down from {start} to {end}, overlapping the "
                "intrusion; the provider {knowledge}, and {disclosure}.",
      narrative_not="The outage of {source} ({start} to {end}) {why_not}.",
      needs={"outage": each("incident.outages"),
             "start": fact("incident.timeline.intrusion_start")})
def monitoring_outage(c, outage, start):
    end_of_intrusion = c.get("incident.timeline.containment") or \
        c.get("incident.timeline.discovery")
    outage_end = outage.get("end") or end_of_intrusion
    overlaps = outage["start"] < end_of_intrusion and outage_end > start
    known = outage.get("known_to_provider")
    disclosed = outage.get("disclosed_to_client")
    window = sla_window(c, "contract.sla.client_notification",
                        "default.client_notification_window")
    candid = bool(known and disclosed and disclosed <= add(known, window))
    c.conclude(
        c.check("the outage overlapped the intrusion", overlaps,
                f"outage {when(outage['start'])} to {when(outage.get('end'))}; intrusion from "
                f"{when(start)}"),
        c.check("the provider disclosed the outage to the client promptly", candid,
                f"known to provider {when(known)}; disclosed {when(disclosed)}"),
        holds=overlaps and not candid, subject=outage["id"],
        values={"source": outage["source"], "start": when(outage["start"]),
                "end": when(outage.get("end")),
                "knowledge": f"knew of it from {when(known)}" if known else
                "did not notice it",
                "disclosure": f"told the client at {when(disclosed)}" if disclosed else
                "never told the client",
                "why_not": "did not overlap the intrusion" if not overlaps else
                "was disclosed to the client promptly", "overlaps": overlaps, "candid": candid,
                "known_to_provider": bool(known), "disclosed": bool(disclosed)})


# Categories with a legal test of their own (BREACH-011..014); BREACH-007 takes the rest.
SPECIAL_CATEGORIES = ("known_vulnerability", "disabled_detections", "planning",
                      "missing_validation")


def _audit_values(item: dict, start) -> dict:
    return {"id": item["id"], "category": item["category"].replace("_", " "),
            "severity": item["severity"], "description": item["description"].rstrip(".") + ".",
            "known": " and the provider knew of it beforehand"
            if item["known_before_incident"] else "",
            "repeated": item["occurrences"] > 1, "known_before": item["known_before_incident"],
            "reported_before": item.get("reported_to_client") is not None
            and item["reported_to_client"] <= start.date()}


def _provider_audit(c, item, start, category: str | None = None):
    """(owner, existed, open) for a provider-side audit finding of this category, else None."""
    if category is not None and item["category"] != category:
        return None
    if category is None and item["category"] in SPECIAL_CATEGORIES:
        return None
    owner = audit_owner(item, c.group("contract.responsibilities"))
    if owner == "client":
        return None   # the client's own control: GOV-008
    existed, still_open = open_at(item, start)
    return owner, existed, still_open


@rule("BREACH-007", title="Audit finding against the provider", area="breach",
      concludes="breach.audit", party="provider",
      authority=[cite("iso-27001-2022", "A.8.15"), cite("iso-27001-2022", "A.8.16"),
                  cite("cis-controls-v8", "control 8"), cite("cis-controls-v8", "control 13"),
                  cite("cis-controls-v8", "control 17"),
                  cite("us-2d-tj-hooper", note="practice is evidence of due care, not its measure"),
                  modelling_choice("an audit finding open on the provider's side is evidence of a "
                                   "departure from the standard of care, which the standards inform")],
      principle="An audit finding open on the provider's side when the intrusion began is "
                "evidence that its service fell below the standard of care.",
      narrative="The standard is monitoring kept in working order (ISO/IEC 27001:2022 A.8.16). "
                "Audit finding {id} ({category}, {severity}): {description} It was open on the "
                "provider's side when the intrusion began{known}, so the service fell below that "
                "standard.",
      narrative_not="Audit finding {id} ({category}) {why_not}.",
      needs={"item": each("audit.findings"), "start": fact("incident.timeline.intrusion_start")})
def audit_finding(c, item, start):
    state = _provider_audit(c, item, start)
    if state is None:
        return
    owner, existed, open_then = state
    c.conclude(
        c.check("the condition existed before the intrusion", existed,
                f"first observed {item.get('first_observed') or 'not stated'}; known before the "
                f"incident: {yes_no(item['known_before_incident'])}"),
        c.check("it was still open when the intrusion began", open_then,
                f"remediated {item.get('remediated') or 'never'}"),
        c.check("the control is the provider's (or shared) under the matrix",
                owner in ("provider", "shared"), f"owner: {owner}"),
        subject=item["id"],
        values={**_audit_values(item, start),
                "why_not": "was not open on the provider's side when the intrusion began"})


@rule("BREACH-008", title="Contractual detection testing not performed", area="breach",
      concludes="breach.testing", party="provider",
      authority=[contract_term("the testing obligations"),
                  cite("cis-controls-v8", "control 17"), cite("cis-controls-v8", "control 18")],
      principle="A provider that promised periodic testing of its detections and skipped it "
                "cannot say its monitoring worked as designed.",
      narrative="The contract required detection testing every {interval}; the last test before "
                "the intrusion was {last}, outside that interval.",
      narrative_not="The contract required detection testing every {interval}; the last test "
                    "before the intrusion was {last}, within that interval.",
      needs={"interval": fact("contract.testing.detection_testing"),
             "start": fact("incident.timeline.intrusion_start")})
def detection_testing(c, interval, start):
    interval = duration_of(interval)
    tests = [t for t in c.items("audit.tests")
             if t["kind"] in ("detection_testing", "red_team") and t["date"] <= start.date()]
    last = max((t["date"] for t in tests), default=None)
    grace = c.param("threshold.testing_grace_days")
    ok = False
    if last is not None:
        last_at = datetime.combine(last, time(0), tzinfo=start.tzinfo)
        ok = add(add(last_at, interval), Duration(grace, "days")) >= start
    c.conclude(c.check("a detection test fell within the interval before the intrusion", ok,
                       f"last test {last or 'none'}; interval {interval}; grace {grace} days"),
               holds=not ok, values={"interval": interval.words(), "last": str(last or "never")})


@rule("BREACH-009", title="No 24x7 coverage under a managed service", area="breach",
      concludes="breach.staffing", party="provider",
      authority=[contract_term("the service description of a continuously staffed managed service"),
                  cite("nist-csf-2", "DE.CM")],
      principle="A service sold as continuous managed detection must be staffed continuously.",
      narrative="The standard for a service sold as continuous monitoring is continuous staffing; "
                "the provider ran a {level} service without 24x7 analyst coverage.",
      narrative_not="The provider's staffing ({detail}) is not shown to fall short for a {level} "
                    "service.",
      needs={"coverage": fact("provider_conduct.staffing.coverage_24x7"),
             "level": fact("contract.control_level")})
def staffing(c, coverage, level):
    managed = level in ("fully_managed", "co_managed")
    c.conclude(c.check("the service is a managed detection service", managed, level),
               c.check("analysts cover the clock 24x7", coverage, f"24x7: {yes_no(coverage)}"),
               holds=managed and not coverage,
               values={"level": level.replace("_", " "),
                       "detail": "24x7" if coverage else "no 24x7 coverage"})


@rule("BREACH-010", title="Misstatement of containment after the incident", area="breach",
      concludes="breach.misrepresentation", party="provider",
      standard="clear and convincing evidence",
      authority=modelling_choice("a statement that the incident is contained when it is not deprives the "
                                 "client of the chance to act and aggravates the breach; a fraud-like "
                                 "finding is held to clear and convincing proof"),
      principle="Telling the client a breach is contained before it is deprives the client of "
                "the chance to act and aggravates everything else.",
      narrative="The standard is truthful status reporting during an incident. Statement {id} of "
                "{at} told the client the incident was contained, but "
                "containment came only at {containment}.",
      narrative_not="Statement {id} of {at} {why_not}.",
      needs={"statement": each("incident.statements")})
def misrepresentation(c, statement):
    if statement["by"] != "provider":
        return
    containment = c.get("incident.timeline.containment")
    premature = statement["claims_contained"] and (containment is None or
                                                    statement["at"] < containment)
    c.conclude(c.check("the statement claimed containment before containment", premature,
                       f"claimed contained: {yes_no(statement['claims_contained'])}; containment "
                       f"{when(containment)}"),
               subject=statement["id"],
               values={"id": statement["id"], "at": when(statement["at"]),
                       "containment": when(containment),
                       "why_not": "made no claim of containment that was untrue when made"})
