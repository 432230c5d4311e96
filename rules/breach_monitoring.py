"""Breach in keeping the monitoring service itself up: an outage of monitoring during the
intrusion, detection testing the contract required and skipped, and round-the-clock staffing of a
managed service.
"""
from __future__ import annotations

from datetime import datetime, time

from facts.durations import Duration
from facts.formatting import yes_no
from facts.unknown import UNKNOWN, NotShown
from rules.authorities import cite, contract_term
from rules.base import each, fact, rule
from rules.common import add, duration_of, sla_window, when


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
