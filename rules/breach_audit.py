"""Audit findings against the provider: the general rule (BREACH-007), the categories that carry
a legal test of their own, and the contract's testing obligations beyond detection testing.

The general audit rule treats an open finding as evidence of breach. Some categories
differ in law: a known vulnerability in the provider's own tooling is judged against a reasonable
remediation period; switched-off detections are a choice rather than a lapse; a missing plan is a
failure of preparation (ISO/IEC 27001:2022 A.5.24); missing independent validation is a breach only
where the contract required it.
"""
from __future__ import annotations

from datetime import datetime, time

from facts.durations import Duration
from facts.formatting import yes_no
from facts.unknown import UNKNOWN, NotShown
from rules.authorities import cite, contract_term, modelling_choice
from rules.base import each, fact, rule
from rules.common import (add, audit_owner, dated, duration_of, knew_before, known_from, open_at,
                          part_words, related_alerts, shown)

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


@rule("BREACH-011", title="Known vulnerability in the provider's own tooling left open",
      area="breach", concludes="breach.audit", party="provider",
      authority=[cite("cis-controls-v8", "control 7"),
                  cite("cisa-bod-22-01", note="remediation timelines as a benchmark; binding only on "
                                              "federal civilian agencies")],
      principle="A security provider must keep its own tools patched: a known hole in the "
                "monitoring stack, left open beyond a reasonable remediation period, is a breach "
                "of the care it sells.",
      narrative="The standard is remediation of known vulnerabilities within {grace} days. Audit "
                "finding {id}: {description} It was known from {observed}, {days} days before the "
                "intrusion, and still open when the attacker arrived.",
      narrative_not="Audit finding {id} (known vulnerability) is not a breach: {why_not}.",
      needs={"item": each("audit.findings"), "start": fact("incident.timeline.intrusion_start")})
def own_tooling_vulnerability(c, item, start):
    state = _provider_audit(c, item, start, "known_vulnerability")
    if state is None:
        return
    owner, existed, open_then = state
    grace = c.param("threshold.patch_grace_days")
    observed = known_from(item)   # known only later is not known earlier (known_since)
    days = (start.date() - observed).days if observed else None
    beyond = days is not None and days > grace
    c.conclude(c.check("the vulnerability was known before the intrusion", existed,
                       f"first observed {observed or 'not stated'}"),
               c.check(f"it stayed open more than {grace} days", beyond,
                       f"{days if days is not None else 'unknown'} days before the intrusion"),
               c.check("it was still open when the intrusion began", open_then,
                       f"remediated {shown(item.known('remediated'))}"),
               subject=item["id"],
               values={**_audit_values(item, start), "grace": grace, "observed": str(observed),
                       "days": days,
                       "why_not": "it was remediated before the intrusion" if not open_then else
                       f"it had been known only {days} days, within the {grace}-day remediation "
                       f"period" if days is not None else "when it became known is not recorded"})


@rule("BREACH-012", title="Detections disabled by the provider", area="breach",
      concludes="breach.audit", party="provider",
      authority=[cite("aicpa-tsc-2017", "CC7.2"), cite("nist-csf-2", "DE.CM"),
                  modelling_choice("a conscious decision to switch protection off is judged more "
                                   "severely than an oversight")],
      principle="Detection content that the provider switched off (to cut noise or cost) leaves "
                "the client blind by choice; while it stays off the service is not delivered.",
      narrative="The standard is detection content kept active on covered systems (SOC 2 CC7.2). "
                "Audit finding {id}: {description} The detections were off when the intrusion "
                "began{known}: a deliberate gap, not a lapse.",
      narrative_not="Audit finding {id} (disabled detections) is not a breach: {why_not}.",
      needs={"item": each("audit.findings"), "start": fact("incident.timeline.intrusion_start")})
def disabled_detections(c, item, start):
    state = _provider_audit(c, item, start, "disabled_detections")
    if state is None:
        return
    owner, existed, open_then = state
    c.conclude(c.check("the detections were disabled before the intrusion", existed,
                       f"first observed {shown(item.known('first_observed'), 'not stated')}"),
               c.check("they were still disabled when the intrusion began", open_then,
                       f"re-enabled {shown(item.known('remediated'))}"),
               subject=item["id"],
               values={**_audit_values(item, start), "deliberate": True,
                       "why_not": "the detections were active again before the intrusion"
                       if existed else "they were disabled only after the intrusion began"})


@rule("BREACH-013", title="Planning failure: no runbook or escalation path", area="breach",
      concludes="breach.audit", party="provider",
      authority=[cite("iso-27001-2022", "A.5.24"), cite("nist-csf-2", "RS.MA"),
                  cite("cis-controls-v8", "safeguard 17.4")],
      principle="A provider that sells incident handling must have decided in advance who does "
                "what and whom to call; without a runbook or escalation path, alerts stall.",
      narrative="The standard is a documented incident-response plan with an escalation path "
                "(ISO/IEC 27001:2022 A.5.24). Audit finding {id}: {description} It was open when "
                "the intrusion began, and this incident needed that plan ({need}).",
      narrative_not="Audit finding {id} (planning) is not a breach here: {why_not}.",
      needs={"item": each("audit.findings"), "start": fact("incident.timeline.intrusion_start")})
def planning_failure(c, item, start):
    state = _provider_audit(c, item, start, "planning")
    if state is None:
        return
    owner, existed, open_then = state
    alerts = c.view("incident.alerts", _flagged_related)
    detected = c.known("incident.timeline.provider_detection") if not alerts else None
    if detected is UNKNOWN:
        raise NotShown("incident.timeline.provider_detection")
    needed = bool(alerts) or detected is not None
    c.conclude(c.check("the plan was missing before the intrusion", existed,
                       f"first observed {shown(item.known('first_observed'), 'not stated')}"),
               c.check("it was still missing when the intrusion began", open_then,
                       f"remediated {shown(item.known('remediated'))}"),
               c.check("the incident called for triage and escalation", needed,
                       f"{len(alerts)} related alerts; provider detection "
                       f"{'recorded' if detected else 'none'}"),
               subject=item["id"],
               values={**_audit_values(item, start),
                       "need": f"{len(alerts)} related alert(s) had to be escalated" if alerts
                       else "the provider's own detection had to be escalated",
                       "why_not": "it was fixed before the intrusion" if not open_then else
                       "no alert or detection ever called for escalation" if not needed else
                       "it arose only after the intrusion began"})


def _flagged_related(alerts: list[dict]) -> list[dict]:
    # computed once per run (c.view): this rule fires once per audit finding. An alert whose
    # relation is unknown is not shown to relate.
    return related_alerts(alerts)


def _last_before(tests: list[dict], kinds: tuple, start) -> object:
    return max((t["date"] for t in tests if t["kind"] in kinds and t["by"] == "independent"
                and t["date"] <= start.date()), default=None)


def _within(c, last, interval: Duration, start) -> bool:
    if last is None:
        return False
    grace = c.param("threshold.testing_grace_days")
    last_at = datetime.combine(last, time(0), tzinfo=start.tzinfo)
    return add(add(last_at, interval), Duration(grace, "days")) >= start


@rule("BREACH-014", title="Independent validation missing where the contract requires it",
      area="breach", concludes="breach.audit", party="provider",
      authority=[contract_term("the independent-validation obligation"),
                  cite("aicpa-tsc-2017", "CC4.1", "the practice the clause adopts")],
      principle="Independent validation of the monitoring stack is good practice everywhere but a "
                "duty only where the contract makes it one; without that promise its absence "
                "counts only as missing evidence of care.",
      narrative="The contract required independent validation every {interval}. Audit finding "
                "{id}: {description} No independent validation fell within that interval before "
                "the intrusion (last: {last}).",
      narrative_not="Audit finding {id} (missing validation) is not a breach: {why_not}.",
      needs={"item": each("audit.findings"), "start": fact("incident.timeline.intrusion_start")})
def missing_validation(c, item, start):
    state = _provider_audit(c, item, start, "missing_validation")
    if state is None:
        return
    required = c.get("contract.testing.independent_validation")
    last = c.view("audit.tests", _last_before, ("independent_validation", "red_team",
                                                "penetration_test"), start)
    interval = duration_of(required) if required is not None else None
    ok = interval is not None and _within(c, last, interval, start)
    c.conclude(c.check("the contract required independent validation", required is not None,
                       f"interval {required or 'none'}"),
               c.check("no independent validation fell within the interval", not ok,
                       f"last independent validation {last or 'never'}"),
               subject=item["id"],
               values={**_audit_values(item, start),
                       "interval": interval.words() if interval else "", "last": str(last or "never"),
                       "why_not": "the contract did not require independent validation; its "
                                  "absence weighs only as missing evidence of care (CARE-001)"
                       if required is None else f"a validation on {last} fell within the "
                                                f"contractual interval"})


@rule("BREACH-015", title="Contractual validation and incident-response exercises performed",
      area="breach", concludes="breach.testing", party="provider",
      authority=[contract_term("the independent-validation and incident-response exercise obligations"),
                  cite("cis-controls-v8", "safeguard 17.7")],
      principle="A promise to have the monitoring independently validated, or to rehearse "
                "incident response, is broken when the interval passes without it.",
      narrative="The contract required {required}; before the intrusion {missed} had not taken "
                "place within the interval (last: {last}).",
      narrative_not="The contract required {required}; each took place within its interval "
                    "before the intrusion (last: {last}).",
      needs={"start": fact("incident.timeline.intrusion_start")})
def contractual_exercises(c, start):
    tests = c.items("audit.tests")
    duties = []
    for key, kinds, label in (("independent_validation", ("independent_validation", "red_team"),
                               "independent validation"),
                              ("ir_exercise", ("ir_exercise",), "an incident-response exercise")):
        required = c.get(f"contract.testing.{key}")
        if required is None:
            continue
        interval = duration_of(required)
        last = max((t["date"] for t in tests if t["kind"] in kinds and t["date"] <= start.date()
                    and (key == "ir_exercise" or t["by"] == "independent")), default=None)
        duties.append((label, interval, last, _within(c, last, interval, start)))
    if not duties:
        return
    checks = [c.check(f"{label} within {interval}", ok, f"last {last or 'never'}")
              for label, interval, last, ok in duties]
    c.conclude(*checks, holds=not all(ok for *_, ok in duties),
               values={"required": " and ".join(f"{label} every {interval.words()}"
                                                 for label, interval, _, _ in duties),
                       "missed": " and ".join(label for label, _, _, ok in duties if not ok),
                       "last": "; ".join(f"{label} {last or 'never'}"
                                         for label, _, last, _ in duties)})
