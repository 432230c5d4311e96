"""Breach of the standard of care: SLA windows, alerts left unhandled, outages, audit findings.

The measure is what the contract promised and, where it is silent, what a reasonable provider does
(NIST CSF 2.0 DE.CM / DE.AE, ISO/IEC 27001:2022 A.8.15–8.16, SOC 2 CC7.2–CC7.4, CIS v8).
"""
from __future__ import annotations

from datetime import datetime, time

from facts.durations import Duration
from facts.formatting import yes_no
from facts.unknown import UNKNOWN, NotShown
from rules.authorities import cite, contract_term, modelling_choice
from rules.base import Salience, each, fact, rule
from rules.common import (add, alerts_by_relation, audit_owner, dated, duration_of, knew_before,
                          lateness, open_at, part_words, shown, sla_window, when)


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


@rule("BREACH-006", title="Monitoring outage during the intrusion", area="breach",
      concludes="breach.monitoring_outage", party="provider",
      authority=[cite("aicpa-tsc-2017", "CC7.2"), cite("iso-27001-2022", "A.8.16"),
                  cite("nist-csf-2", "DE.CM")],
      principle="A monitor must monitor itself: a blind sensor that nobody noticed, or that the "
                "provider noticed and kept to itself, is a failure of the monitoring service. "
                "Prompt disclosure to the client cures it; that cure is the provider's to show "
                "(what it knew and what it said are facts of its own conduct), so a disclosure "
                "the record does not establish does not cure (a modelling choice).",
      narrative="The standard is monitoring that watches itself (SOC 2 CC7.2). Monitoring of "
                "{source} was down from {start} to {end}, overlapping the "
                "intrusion; the provider {knowledge}, and {disclosure}.",
      narrative_not="The outage of {source} ({start} to {end}) {why_not}.",
      needs={"outage": each("incident.outages"),
             "start": fact("incident.timeline.intrusion_start")})
def monitoring_outage(c, outage, start):
    contained = c.known("incident.timeline.containment")
    # The intrusion lasted at least until discovery; an unknown containment leaves its end open.
    end_of_intrusion = contained if contained not in (None, UNKNOWN) else \
        c.get("incident.timeline.discovery")
    end = outage.known("end")
    if end is UNKNOWN and outage["start"] < start:
        # Began before the intrusion: whether it lasted into it turns on when it ended.
        raise NotShown(outage.path("end"))
    outage_end = end_of_intrusion if end in (None, UNKNOWN) else end
    overlaps = outage["start"] < end_of_intrusion and outage_end > start
    known = outage.known("known_to_provider")
    disclosed = outage.known("disclosed_to_client")
    window = sla_window(c, "contract.sla.client_notification",
                        "default.client_notification_window")
    # Candour is shown only by a known disclosure within the window of a known moment of
    # knowledge; anything the record leaves unknown does not show it (see the principle).
    candid = disclosed not in (None, UNKNOWN) and known not in (None, UNKNOWN) and \
        disclosed <= add(known, window)
    c.conclude(
        c.check("the outage overlapped the intrusion", overlaps,
                f"outage {when(outage['start'])} to {when(None if end is UNKNOWN else end)}; "
                f"intrusion from {when(start)}"),
        c.check("the provider disclosed the outage to the client promptly", candid,
                f"known to provider {when(known)}; disclosed {when(disclosed)}"),
        holds=overlaps and not candid, subject=outage["id"],
        values={"source": outage["source"], "start": when(outage["start"]),
                "end": "an unknown time" if end is UNKNOWN else when(end),
                "knowledge": "may or may not have known of it (when it knew is unknown)"
                if known is UNKNOWN else f"knew of it from {when(known)}" if known else
                "did not notice it",
                "disclosure": "has not shown that it told the client" if disclosed is UNKNOWN
                else f"told the client at {when(disclosed)}" if disclosed else
                "never told the client",
                "why_not": "did not overlap the intrusion" if not overlaps else
                "was disclosed to the client promptly", "overlaps": overlaps, "candid": candid,
                "known_to_provider": "unknown" if known is UNKNOWN else bool(known),
                "disclosed": "unknown" if disclosed is UNKNOWN else bool(disclosed)})


# Categories with a legal test of their own (BREACH-011..014); BREACH-007 takes the rest.
SPECIAL_CATEGORIES = ("known_vulnerability", "disabled_detections", "planning",
                      "missing_validation")


def _audit_values(item: dict, start) -> dict:
    """What aggravating rules read off a provider-side audit finding. `known_before`, `repeated`
    and `reported_before` are True, False or "unknown": an aggravation needs them shown."""
    known_before = knew_before(item, start)[0]
    occurrences = item.known("occurrences")
    reported = item.known("reported_to_client")
    return {"id": item["id"], "category": item["category"].replace("_", " "),
            "severity": item["severity"], "description": item["description"].rstrip(".") + ".",
            "known": " and the provider knew of it beforehand" if known_before is True else "",
            "repeated": "unknown" if occurrences is UNKNOWN else occurrences > 1,
            "known_before": "unknown" if known_before is UNKNOWN else known_before,
            "reported_before": "unknown" if reported is UNKNOWN else
            reported is not None and reported <= start.date()}


def _provider_audit(c, item, start, category: str | None = None):
    """(owner, existed, open) for a provider-side audit finding of this category, else None."""
    if category is not None and item["category"] != category:
        return None
    if category is None and item["category"] in SPECIAL_CATEGORIES:
        return None
    owner = audit_owner(item, c.group("contract.responsibilities"),
                        c.group("contract.shared_parts"))
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
                "provider's side{part} when the intrusion began{known}, so the service fell below that "
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
                f"{dated(item)}; known before the incident: "
                f"{yes_no(knew_before(item, start)[0])}"),
        c.check("it was still open when the intrusion began", open_then,
                f"remediated {shown(item.known('remediated'))}"),
        c.check("the control is the provider's (or shared) under the matrix",
                owner in ("provider", "shared"), f"owner: {owner}"),
        subject=item["id"],
        values={**_audit_values(item, start),
                "part": part_words(c.group("contract.shared_parts"), item.get("control_domain"),
                                   "provider"),
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
      needs={"level": fact("contract.control_level")})
def staffing(c, level):
    managed = level in ("fully_managed", "co_managed")
    # Round-the-clock staffing matters only for a managed service; only then is it read.
    coverage = c.get("provider_conduct.staffing.coverage_24x7") if managed else \
        c.known("provider_conduct.staffing.coverage_24x7")
    c.conclude(c.check("the service is a managed detection service", managed, level),
               c.check("analysts cover the clock 24x7", coverage is True,
                       f"24x7: {yes_no(coverage)}"),
               holds=managed and coverage is False,
               values={"level": level.replace("_", " "),
                       "detail": "24x7 coverage not recorded" if coverage is UNKNOWN else
                       "24x7" if coverage else "no 24x7 coverage"})


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
    claimed = statement["claims_contained"]
    containment = c.get("incident.timeline.containment") if claimed else None
    premature = claimed and (containment is None or statement["at"] < containment)
    c.conclude(c.check("the statement claimed containment before containment", premature,
                       f"claimed contained: {yes_no(claimed)}" +
                       (f"; containment {when(containment)}" if claimed else "")),
               subject=statement["id"],
               values={"id": statement["id"], "at": when(statement["at"]),
                       "containment": when(containment),
                       "why_not": "made no claim of containment that was untrue when made"})
