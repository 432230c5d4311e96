"""What the evidence exports show about the service as a whole, beyond this one intrusion.

A provider's handling of the intrusion's own alerts is judged in rules/breach_alerts.py. These rules read
the aggregates derived from the SIEM export (facts `evidence.alerts.*`): how often alerts of each
severity were triaged within the contract's window, how many were never acknowledged, how long
escalation took. A pattern of missed windows is evidence that a failure was systemic rather than
an isolated lapse; it is not itself a cause of this intrusion's harm, so it carries no allocation
weight of its own (DEGREE-001 counts it among the categories of failure).
"""
from __future__ import annotations

from facts.durations import Duration
from rules.authorities import cite, contract_term, modelling_choice
from rules.base import fact, rule
from rules.common import SEVERITIES, sla_window



@rule("EVID-001", title="Triage performance across all alerts in the export", area="breach",
      concludes="breach.triage_pattern", party="provider",
      authority=[contract_term("the triage windows, applied to every alert in the export"),
                cite("aicpa-tsc-2017", "CC7.3"),
                modelling_choice("failures repeated across the estate show systemic rather than "
                                 "isolated negligence")],
      principle="Missing the triage window again and again, across the whole estate, shows a "
                "service that was not working, not a single bad night.",
      narrative="Across the {total} alerts in the SIEM export, triage missed the contract window "
                "for {worst}; {never} alerts were never acknowledged ({never_high} of them high or "
                "critical), and {open} were still open when the export was taken.",
      narrative_not="Across the {total} alerts in the SIEM export, triage met the contract window "
                    "for at least {threshold_pct} of alerts of every severity ({detail}), and no "
                    "high or critical alert was left unacknowledged.",
      needs={"counts": fact("evidence.alerts.per_severity")})
def triage_pattern(c, counts):
    threshold = float(c.param("threshold.triage_compliance"))
    never = c.get("evidence.alerts.never_acknowledged") or {}
    checks, shares = [], []
    for severity in SEVERITIES:
        measured = c.get(f"evidence.alerts.triaged_within_sla.{severity}")
        if not measured or not measured.get("total"):
            continue
        share = float(measured["share"])
        shares.append((share, severity, measured))
        checks.append(c.check(f"{severity} alerts triaged within {measured['window']} at least "
                              f"{threshold:.0%} of the time", share >= threshold,
                              f"{measured['within']} of {measured['total']} ({share:.1%}); first "
                              f"missed rows {measured.get('first_missed_rows', [])[:5]}"))
    never_high = int(never.get("high", 0)) + int(never.get("critical", 0))
    statuses = c.get("evidence.alerts.per_status") or {}
    checks.append(c.check("no high or critical alert left unacknowledged", never_high == 0,
                          f"{never_high} high or critical, {never.get('total', 0)} in all"))
    worst = sorted((s for s in shares if s[0] < threshold), key=lambda s: (s[0], s[1]))
    c.conclude(*checks, holds=bool(worst) or never_high > 0,
               values={"total": counts.get("total", 0), "never": never.get("total", 0),
                       "open": statuses.get("open", 0),
                       "never_high": never_high, "threshold_pct": f"{threshold:.0%}",
                       "worst": "; ".join(f"{m['missed']} of {m['total']} {sev} alerts "
                                          f"({1 - share:.1%})" for share, sev, m in worst)
                       or "no severity below the threshold",
                       "detail": ", ".join(f"{sev} {share:.1%}" for share, sev, _ in shares)})


@rule("EVID-002", title="Escalation delays across the export", area="breach",
      concludes="breach.escalation_pattern", party="provider",
      authority=[contract_term("the escalation window"), cite("nist-csf-2", "RS.CO")],
      principle="If escalations typically arrive later than promised, the client was routinely "
                "deprived of the time the contract gave it to act.",
      narrative="Escalations in the SIEM export took a median of {median} against a {window} "
                "window (longest {longest}, over {count} escalations).",
      narrative_not="Escalations in the SIEM export took a median of {median}, within the "
                    "{window} window ({count} escalations).",
      needs={"delay": fact("evidence.alerts.escalation_delay")})
def escalation_pattern(c, delay):
    window = sla_window(c, "contract.sla.escalation", "default.escalation_window")
    median = Duration.parse(delay["median"]) if delay.get("median") else None
    longest = Duration.parse(delay["max"]) if delay.get("max") else None
    late = median is not None and median.as_timedelta() > window.as_timedelta()
    c.conclude(c.check(f"median escalation delay within {window}", not late,
                       f"median {delay.get('median')}; longest {delay.get('max')} "
                       f"(row {delay.get('max_row')})"),
               holds=late,
               values={"median": _minutes(median), "longest": _minutes(longest),
                       "window": window.words(), "count": delay.get("count", 0)})


def _minutes(duration: Duration | None) -> str:
    if duration is None:
        return "n/a"
    minutes = round(duration.as_timedelta().total_seconds() / 60)
    return f"{minutes // 60} h {minutes % 60:02d} min" if minutes >= 60 else f"{minutes} min"


@rule("EVID-003", title="Service-desk response across the ticket export", area="breach",
      concludes="breach.ticket_response_pattern", party="provider",
      authority=[contract_term("the response windows, applied to every ticket in the export"),
                cite("nist-csf-2", "RS.MA"),
                modelling_choice("failures repeated across the estate show systemic rather than "
                                 "isolated negligence")],
      principle="A provider that routinely answers its client's tickets late, or never, is not "
                "delivering the managed service, whatever happened in this one incident.",
      narrative="Across the {total} tickets in the export, response missed the window for "
                "{worst}; {never} tickets were never answered. Escalation took a median of "
                "{escalation}; resolution a median of {resolution}.",
      narrative_not="Across the {total} tickets in the export, response met the window for at "
                    "least {threshold_pct} of tickets of every priority and every ticket was "
                    "answered. Escalation took a median of {escalation}; resolution a median of "
                    "{resolution}.",
      needs={"counts": fact("evidence.tickets.per_priority")})
def ticket_response_pattern(c, counts):
    threshold = float(c.param("threshold.triage_compliance"))
    never = c.get("evidence.tickets.never_responded") or {}
    checks, worst = [], []
    for priority in SEVERITIES:
        measured = c.get(f"evidence.tickets.responded_within_sla.{priority}")
        if not measured or not measured.get("total"):
            continue
        share = float(measured["share"])
        checks.append(c.check(f"{priority} tickets answered within {measured['window']} at "
                              f"least {threshold:.0%} of the time", share >= threshold,
                              f"{measured['within']} of {measured['total']} ({share:.1%})"))
        if share < threshold:
            worst.append(f"{measured['missed']} of {measured['total']} {priority} tickets")
    unanswered = int(never.get("total", 0))
    checks.append(c.check("every ticket was answered", unanswered == 0, f"{unanswered} never"))
    escalation = c.get("evidence.tickets.escalation_delay") or {}
    resolution = c.get("evidence.tickets.resolution_time") or {}
    c.conclude(*checks, holds=bool(worst) or unanswered > 0,
               values={"total": counts.get("total", 0), "never": unanswered,
                       "worst": "; ".join(worst) or "no priority below the threshold",
                       "threshold_pct": f"{threshold:.0%}",
                       "escalation": _median_text(escalation),
                       "resolution": _median_text(resolution)})


@rule("EVID-004", title="Sensor coverage in the telemetry export", area="breach",
      concludes="breach.telemetry_gaps", party="provider",
      authority=[cite("aicpa-tsc-2017", "CC7.2"), cite("iso-27001-2022", "A.8.16")],
      principle="Telemetry shows whether the monitor could see: a sensor that fell silent for "
                "longer than the threshold left part of the estate unwatched.",
      narrative="{silent} of the {sources} monitored sources fell silent for longer than the "
                "threshold ({detail}).",
      narrative_not="None of the {sources} monitored sources in the telemetry fell silent for "
                    "longer than the threshold.",
      needs={"sources": fact("evidence.telemetry.per_source")})
def telemetry_gaps(c, sources):
    periods = c.get("evidence.telemetry.silent_periods") or []
    silent = sorted({p["source"] for p in periods})
    c.conclude(c.check("every source kept reporting", not silent,
                       f"{len(silent)} of {len(sources)} sources silent: "
                       f"{', '.join(silent) or 'none'}"),
               holds=bool(silent),
               values={"silent": len(silent), "sources": len(sources),
                       "detail": "; ".join(f"{p['source']} for {p['duration']} from {p['start']}"
                                           for p in periods)})


def _median_text(measure: dict) -> str:
    if not measure or not measure.get("median"):
        return "n/a"
    return _minutes(Duration.parse(measure["median"]))
