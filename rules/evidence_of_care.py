"""Evidence of care: the provider's testing, independent validation, warnings, candour and
post-incident conduct. Each established item lowers the culpability of the one failure it bears on
a little (`care.credit_each`, capped by `care.credit_max`); none erases a breach. (This is not
mitigation: mitigation is the claimant's duty to limit its own loss, rules/claims/.)"""
from __future__ import annotations

from datetime import timedelta

from facts.durations import format_timedelta
from facts.formatting import yes_no
from facts.unknown import UNKNOWN
from rules.authorities import cite, modelling_choice
from rules.base import fact, rule
from rules.common import add, elapsed, shown, sla_window, topic_link, when


@rule("CARE-001", title="Independent validation of the monitoring stack", area="care",
      concludes="care.validation", party="provider",
      authority=[cite("aicpa-tsc-2017", "CC4.1"),
               modelling_choice("periodic testing and independent validation of monitoring are "
                                "evidence of reasonable care")],
      principle="A provider that had its detections tested by someone independent took the "
                "care a reasonable provider takes.",
      narrative="The monitoring stack was independently validated or tested in the {lookback} "
                "days before the intrusion ({tests}).",
      narrative_not="No independent validation or test of the monitoring stack took place in "
                    "the {lookback} days before the intrusion.",
      needs={"start": fact("incident.timeline.intrusion_start")})
def validation(c, start):
    since, lookback = _lookback(c, start)
    tests = [t for t in c.items("audit.tests")
             if t["by"] == "independent" and since <= t["date"] <= start.date()]
    c.conclude(c.check(f"an independent test in the {lookback} days before", bool(tests),
                       ", ".join(f"{t['id']} {t['kind']} {t['date']}" for t in tests) or "none"),
               values={"lookback": lookback,
                       "tests": ", ".join(f"{t['kind'].replace('_', ' ')} {t['date']}"
                                          for t in tests)})


def _lookback(c, start) -> tuple:
    """(first day, length in days) of the period before the intrusion in which testing and
    exercises count as current care."""
    days = c.param("threshold.care_lookback_days")
    return (start - timedelta(days=days)).date(), days


@rule("CARE-002", title="Prior written warnings to the client", area="care",
      concludes="care.warnings", party="provider",
      authority=modelling_choice("a provider that warned in writing of the weakness the attacker used did "
                              "part of its duty"),
      principle="A provider that warned in writing of the weakness the attacker used did part of "
                "its duty even if the advice was refused.",
      narrative="The provider warned the client in writing before the intrusion ({recs}).",
      narrative_not="The provider gave no written warning before the intrusion, left unheeded, "
                    "about the weakness the attacker used or the path it spread by.",
      needs={"start": fact("incident.timeline.intrusion_start")})
def warnings(c, start):
    vector = c.get("incident.vector") or {}
    activity = c.get("incident.post_exploit_activity") or []
    before = [r for r in c.items("recommendations")
              if r["by"] == "provider" and r["at"] <= start.date()
              and r["response"] in ("declined", "ignored", "pending")]
    recs = [r for r in before if r.known("in_writing") is True]
    relevant = [r for r in recs if topic_link(r["topic"], vector, activity) != "none"]
    # A relevant warning whose form is unknown could still earn the credit.
    unwritten = [r.path("in_writing") for r in before if r.known("in_writing") is UNKNOWN
                 and topic_link(r["topic"], vector, activity) != "none"]
    c.conclude(c.check("a written recommendation preceded the intrusion", bool(recs),
                       ", ".join(r["id"] for r in recs) or "none"),
               c.check("it addressed the weakness the attacker used or the path it spread by",
                       bool(relevant), ", ".join(f"{r['id']} ({r['topic']})" for r in relevant)
                       or "none bears on this incident"),
               unknown=unwritten,
               values={"recs": ", ".join(f"{r['id']} on {r['at']} ({r['topic'].replace('_', ' ')})"
                                         for r in relevant)})


@rule("CARE-003", title="Candour about monitoring gaps", area="care",
      concludes="care.candour", party="provider",
      authority=modelling_choice("early candour about monitoring gaps and outages counts in the "
                              "provider's favour"),
      principle="Telling the client about a gap lets the client protect itself; it counts in the "
                "provider's favour.",
      narrative="The provider was candid about its monitoring gaps ({detail}).",
      narrative_not="The provider did not disclose its monitoring gaps or outages to the client "
                    "early enough to count as candour.",
      needs={"start": fact("incident.timeline.intrusion_start")})
def candour(c, start):
    discovery = c.get("incident.timeline.discovery")
    window = sla_window(c, "contract.sla.client_notification",
                        "default.client_notification_window")
    statements = [s for s in c.items("incident.statements")
                  if s["by"] == "provider" and s["disclosed_monitoring_gaps"]
                  and (discovery is None or s["at"] <= add(discovery, window))]
    outages, unknown = [], []
    for o in c.items("incident.outages"):
        disclosed, known = o.known("disclosed_to_client"), o.known("known_to_provider")
        if disclosed is UNKNOWN or (disclosed is not None and known is UNKNOWN):
            unknown.append(o.path("disclosed_to_client" if disclosed is UNKNOWN
                                  else "known_to_provider"))
        elif disclosed and (known is None or disclosed <= add(known, window)):
            outages.append(o)
    detail = [f"statement {s['id']}" for s in statements] + \
        [f"outage {o['id']} disclosed" for o in outages]
    c.conclude(c.check(f"gaps or outages were disclosed to the client early (within {window} of "
                       f"knowing, or of discovery)", bool(detail), ", ".join(detail) or "none"),
               unknown=unknown, values={"detail": ", ".join(detail)})


@rule("CARE-004", title="Post-incident conduct", area="care",
      concludes="care.post_incident", party="provider",
      authority=[cite("nist-csf-2", "RS.AN"), cite("nist-csf-2", "RC.RP"),
               modelling_choice("fast containment, a remediation plan, cooperation with investigators "
                                "and preserved evidence lower the provider's share")],
      principle="What a provider does after the breach is found shows whether it takes its duty "
                "seriously, and limits the harm.",
      narrative="After the incident the provider {did}.",
      narrative_not="After the incident the provider fell short: {missing}.",
      needs={"discovery": fact("incident.timeline.discovery")})
def post_incident(c, discovery):
    facts = {"produced a remediation plan": "remediation_plan",
             "cooperated with investigators": "cooperated_with_investigators",
             "preserved logs": "logs_preserved", "kept chain of custody": "chain_of_custody"}
    parts = {name: c.known(f"provider_conduct.post_incident.{key}")
             for name, key in facts.items()}
    unknown = [f"provider_conduct.post_incident.{facts[n]}" for n, v in parts.items()
               if v is UNKNOWN]
    checks = [c.unknown_check(name, f"provider_conduct.post_incident.{facts[name]}")
              if ok is UNKNOWN else c.check(name, ok, yes_no(ok)) for name, ok in parts.items()]
    # The credit needs every part shown; one part shown missing settles it without the rest.
    failed = any(ok is False for ok in parts.values())
    c.conclude(*checks, unknown=() if failed else unknown,
               values={"did": ", ".join(n for n, ok in parts.items() if ok is True),
                       "missing": ", ".join(n.replace("produced", "no").replace(
                           "cooperated", "did not cooperate") for n, ok in
                           parts.items() if ok is False)})


@rule("CARE-005", title="Threat intelligence and current detection content", area="care",
      concludes="care.threat_intel", party="provider",
      authority=[cite("nist-csf-2", "DE.AE-07"), cite("nist-csf-2", "ID.RA-02"),
               modelling_choice("threat-intelligence feeds and current detection content are evidence "
                                "of reasonable care")],
      principle="A provider that feeds threat intelligence into its monitoring and keeps its "
                "detection content current has kept pace with the threat.",
      narrative="The provider used threat-intelligence feeds and had updated its detection "
                "content on {updated}, {age} days before the intrusion (within {limit} days).",
      narrative_not="The provider's threat intelligence or detection content was not current: "
                    "{why_not}.",
      needs={"start": fact("incident.timeline.intrusion_start")})
def threat_intel(c, start):
    feeds = c.known("provider_conduct.threat_intel_feeds")
    updated = c.known("provider_conduct.detection_content_updated")
    limit = c.param("threshold.detection_content_age_days")
    age = (start.date() - updated).days if updated not in (None, UNKNOWN) else None
    current = UNKNOWN if updated is UNKNOWN else age is not None and 0 <= age <= limit
    unknown = [f for f, v in (("provider_conduct.threat_intel_feeds", feeds),
                              ("provider_conduct.detection_content_updated", current))
               if v is UNKNOWN]
    failed = feeds is False or current is False
    c.conclude(c.check("threat-intelligence feeds in use", feeds is True, f"feeds: {shown(feeds)}"),
               c.check(f"detection content updated within {limit} days before the intrusion",
                       current is True, f"last update {shown(updated, 'never')}"),
               unknown=() if failed else unknown,
               values={"updated": str(updated), "age": age, "limit": limit,
                       "why_not": "no threat-intelligence feeds" if feeds is False else
                       f"detection content last updated {shown(updated, 'never')}"
                       + (f", {age} days before the intrusion" if age is not None else "")})


@rule("CARE-006", title="Fast containment after detection", area="care",
      concludes="care.containment", party="provider",
      authority=[cite("nist-csf-2", "RS.MI"),
               modelling_choice("fast containment after detection limits harm and lowers the "
                                "provider's share")],
      principle="Once it has found the intrusion, a provider that contains it quickly limits the "
                "harm its earlier failures could cause.",
      narrative="The provider detected the intrusion at {detected} and it was contained at "
                "{contained}, {took} later, within the {window} a prompt response takes.",
      narrative_not="Containment after detection was not prompt: {why_not}.",
      needs={"detected": fact("incident.timeline.provider_detection")})
def containment_speed(c, detected):
    contained = c.get("incident.timeline.containment")
    window = sla_window(c, "contract.sla.containment", "default.containment_window")
    fast = contained is not None and contained <= add(detected, window)
    took = format_timedelta(elapsed(contained, detected)) if contained else None
    owner = c.group("contract.responsibilities").get("incident_response", "unassigned")
    c.conclude(c.check(f"contained within {window} of detection", fast,
                       f"detected {when(detected)}; contained {when(contained)}"),
               c.check("containment was the provider's (or shared) function",
                       owner in ("provider", "shared", "unassigned"), f"owner: {owner}"),
               values={"detected": when(detected), "contained": when(contained),
                       "window": window.words(), "took": str(took),
                       "why_not": f"containment was the {owner}'s function under the matrix, so "
                                  f"its speed is no credit to the provider"
                       if owner not in ("provider", "shared", "unassigned") else
                       "containment is not recorded" if contained is None else
                       f"it took {took} after detection, beyond {window.words()}"})


@rule("CARE-007", title="Incident-response exercises", area="care",
      concludes="care.ir_exercise", party="provider",
      authority=[cite("cis-controls-v8", "safeguard 17.7"), cite("nist-csf-2", "ID.IM-02"),
               modelling_choice("documented incident-response exercises are evidence of reasonable "
                                "care")],
      principle="A provider that rehearsed its incident response shows it prepared to handle "
                "what it was hired for.",
      narrative="The provider took part in an incident-response exercise in the {lookback} days "
                "before the intrusion ({tests}).",
      narrative_not="No incident-response exercise took place in the {lookback} days before the "
                    "intrusion.",
      needs={"start": fact("incident.timeline.intrusion_start")})
def ir_exercise(c, start):
    since, lookback = _lookback(c, start)
    tests = [t for t in c.items("audit.tests") if t["kind"] == "ir_exercise"
             and t["by"] in ("provider", "independent") and since <= t["date"] <= start.date()]
    c.conclude(c.check(f"an incident-response exercise in the {lookback} days before",
                       bool(tests), ", ".join(f"{t['id']} {t['date']}" for t in tests) or "none"),
               values={"lookback": lookback,
                       "tests": ", ".join(f"{t['id']} on {t['date']}" for t in tests)})
