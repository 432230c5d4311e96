"""What the evidence exports show about the service as a whole, beyond this one intrusion.

A provider's handling of the intrusion's own alerts is judged in rules/breach.py. These rules read
the aggregates derived from the SIEM export (facts `evidence.alerts.*`): how often alerts of each
severity were triaged within the contract's window, how many were never acknowledged, how long
escalation took. A pattern of missed windows is evidence that a failure was systemic rather than
an isolated lapse; it is not itself a cause of this intrusion's harm, so it carries no allocation
weight of its own (DEGREE-001 counts it among the categories of failure).
"""
from __future__ import annotations

from facts.durations import Duration
from rules.base import fact, rule
from rules.common import duration_of

SEVERITIES = ("critical", "high", "medium", "low")


@rule("EVID-001", title="Triage performance across all alerts in the export", area="breach",
      concludes="breach.triage_pattern", party="provider",
      authority="SOC 2 CC7.3 (evaluate security events) and the contract's triage windows, "
                "applied to every alert in the export; DOMAIN.md §3 (repeated failures show "
                "systemic negligence)",
      principle="Missing the triage window again and again, across the whole estate, shows a "
                "service that was not working, not a single bad night.",
      narrative="Across the {total} alerts in the SIEM export, triage missed the contract window "
                "for {worst}; {never} alerts were never acknowledged ({never_high} of them high or "
                "critical).",
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
    checks.append(c.check("no high or critical alert left unacknowledged", never_high == 0,
                          f"{never_high} high or critical, {never.get('total', 0)} in all"))
    worst = sorted((s for s in shares if s[0] < threshold), key=lambda s: (s[0], s[1]))
    c.conclude(*checks, holds=bool(worst) or never_high > 0,
               values={"total": counts.get("total", 0), "never": never.get("total", 0),
                       "never_high": never_high, "threshold_pct": f"{threshold:.0%}",
                       "worst": "; ".join(f"{m['missed']} of {m['total']} {sev} alerts "
                                          f"({1 - share:.1%})" for share, sev, m in worst)
                       or "no severity below the threshold",
                       "detail": ", ".join(f"{sev} {share:.1%}" for share, sev, _ in shares)})


@rule("EVID-002", title="Escalation delays across the export", area="breach",
      concludes="breach.escalation_pattern", party="provider",
      authority="The contract's escalation window; NIST CSF 2.0 RS.CO (incident reporting and "
                "communication)",
      principle="If escalations typically arrive later than promised, the client was routinely "
                "deprived of the time the contract gave it to act.",
      narrative="Escalations in the SIEM export took a median of {median} against a {window} "
                "window (longest {longest}, over {count} escalations).",
      narrative_not="Escalations in the SIEM export took a median of {median}, within the "
                    "{window} window ({count} escalations).",
      needs={"delay": fact("evidence.alerts.escalation_delay")})
def escalation_pattern(c, delay):
    configured = c.get("contract.sla.escalation")
    window = duration_of(configured or c.param("default.escalation_window"))
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
