"""Causation per root failure: the span of time whose harm each failure caused.

Each failure has its own counterfactual (but-for causation, Restatement (Third) of Torts: Liability
for Physical and Emotional Harm §26), so handling one alert in time never erases another lapse:

- a failure that let the attacker in (or let it spread) caused the harm from the intrusion's start;
- a handling lapse on one alert caused the harm after the time a timely handling of *that* alert
  (its triage window, the escalation window, then containment) would have contained the intrusion;
- a monitoring outage caused the harm after the time the blind source would have shown the
  intrusion (from the later of the outage's and the intrusion's start, through detection,
  escalation and containment);
- a late notice to the client caused the harm after the time notice in time, then containment,
  would have ended the intrusion;
- a false status statement caused the harm that accrued while the client relied on it (from the
  statement until containment or correction);
- a declared containment that the attacker's later activity shows was not achieved ends nothing:
  the lapses and the statements keep their windows past it;
- the client's failure to act on a timely escalation caused the harm after a reasonable response;
- a background failure (thin staffing, testing not kept up, stale detection content) caused harm
  only through a delay it explains: the harm some handling lapse of the same party caused.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from facts.unknown import UNKNOWN
from rules.apportionment.concealment_roots import concealment_known_at
from rules.common import add, duration_of, first_notice, sla_window, when

# Failures that are themselves a delay in handling this intrusion (a background failure needs one).
DELAYING = ("handling", "detection", "outage", "notice", "containment")
# Provider roots that are monitoring duties, which the control level weights (the tiered model).
MONITORING = ("handling", "detection", "outage", "background", "notice", "containment")
ENTRY_ROOTS = ("provider:patching", "provider:identity-control")
BACKGROUND_ROOTS = ("staffing", "testing", "detection-content")


@dataclass
class Window:
    kind: str
    start: datetime | None      # harm accruing after this moment was caused (None: none was)
    end: datetime | None = None  # ... and up to this one (None: open)
    how: str = ""


def windows(c, roots: list) -> dict[str, Window]:
    """Each root's causal window, keyed by root id."""
    start = c.get("incident.timeline.intrusion_start")
    out: dict[str, Window] = {}
    for root in roots:
        out[root.id] = _direct(c, root, start)
    _contained_first(c, roots, out)
    _already_told(c, roots, out)
    for party in ("provider", "client"):
        delaying = [out[r.id] for r in roots if r.party == party
                    and out[r.id].kind in DELAYING and out[r.id].start is not None]
        begin = min((w.start for w in delaying), default=None)
        for root in roots:
            if root.party == party and out[root.id].kind == "background":
                out[root.id] = Window(
                    "background", begin, None,
                    f"explains the delay of this party's handling lapses, so caused the harm "
                    f"they caused (from {when(begin)})" if begin else
                    "no handling lapse of this party delayed anything, so a background failure "
                    "changed nothing")
    return out


def declared_containment_held(c):
    """The declared containment moment where it is also the real one; None where none is
    recorded, it is unknown, or the attacker's later activity shows it was not achieved
    (derived.containment_not_achieved, BREACH-024): the intrusion then ended, if at all, at a
    moment the record does not give, so the declaration ends no causal window."""
    contained = c.known("incident.timeline.containment")
    if contained in (None, UNKNOWN) or c.get("derived.containment_not_achieved") is not None:
        return None
    return contained


def _contained_first(c, roots: list, out: dict) -> None:
    """A delay that ended after the intrusion did changed nothing: where the intrusion was
    actually contained before the time a timely handling would have contained it, the lapse
    caused none of the harm."""
    contained = declared_containment_held(c)
    if contained is None:
        return
    for root in roots:
        win = out[root.id]
        if win.kind in DELAYING and win.start is not None and contained <= win.start:
            out[root.id] = Window(win.kind, None, None,
                                  f"the intrusion was contained at {when(contained)}, before a "
                                  f"timely handling would have contained it, so this lapse "
                                  f"changed nothing ({win.how})")


def _already_told(c, roots: list, out: dict) -> None:
    """Where containment was the client's alone and the provider had already put it on notice of
    this intrusion, a later notice the provider failed to give would have told the client
    nothing it did not know: that lapse changed nothing (the harm after it is the client's
    response). Where the provider shares or owns the response, each lapse keeps its own
    counterfactual."""
    owner = c.group("contract.responsibilities").known("incident_response", "unassigned")
    if owner != "client":
        return
    by = c.get("derived.standard_escalation_by")
    told, _, _ = first_notice(c, by)
    if told is None:
        return
    cutoff = add(told, _containment_window(c))
    for root in roots:
        win = out[root.id]
        if root.party == "provider" and win.kind in ("handling", "detection", "outage",
                                                     "notice") \
                and win.start is not None and win.start > cutoff:
            out[root.id] = Window(win.kind, None, None,
                                  f"the provider had already told the client of this intrusion "
                                  f"at {when(told)} and containment was the client's alone, so "
                                  f"this lapse changed nothing ({win.how})")


def _containment_window(c):
    return sla_window(c, "contract.sla.containment", "default.containment_window")


def _escalation_window(c):
    return sla_window(c, "contract.sla.escalation", "default.escalation_window")


def _detection_window(c):
    window = c.get("contract.sla.detection")
    return duration_of(window if window is not None else (
        c.get("derived.standard_review_window") or c.param("default.triage_window")))


def _direct(c, root, start) -> Window:
    name = root.id.split(":", 1)[1]
    if name.startswith("concealment:"):
        return _concealment(c, name.split(":", 1)[1])
    if root.party == "client":
        return _client(c, root, name, start)
    if root.id in ENTRY_ROOTS:
        return Window("entry", start, None, f"let the attacker in: caused the harm from the "
                                            f"intrusion's start ({when(start)})")
    if name.startswith("alert:"):
        return _alert(c, name.split(":", 1)[1])
    if name.startswith("outage:"):
        return _outage(c, name.split(":", 1)[1], start)
    if name.startswith("statement:"):
        return _statement(c, name.split(":", 1)[1])
    if name == "detection":
        indicator = c.known("incident.timeline.first_indicator")
        if indicator in (None, UNKNOWN):
            return Window("detection", None, None, "no first indicator is recorded")
        window, esc, cont = _detection_window(c), _escalation_window(c), _containment_window(c)
        at = add(add(add(indicator, window), esc), cont)
        return Window("detection", at, None,
                      f"first indicator {when(indicator)} + detection {window} + escalation "
                      f"{esc} + containment {cont} = {when(at)}")
    if name == "notice-to-client":
        due = c.get("derived.provider_notice_deadline")
        if due is None:
            return Window("notice", None, None, "no notice deadline was derived")
        cont = _containment_window(c)
        at = add(due, cont)
        return Window("notice", at, None, f"notice due {when(due)} + containment {cont} = "
                                          f"{when(at)}: the harm after it is what the delay let "
                                          f"happen")
    if name == "containment":
        detected = c.known("incident.timeline.provider_detection")
        if detected in (None, UNKNOWN):
            return Window("containment", None, None, "the provider's detection is not recorded")
        cont = _containment_window(c)
        at = add(detected, cont)
        return Window("containment", at, None, f"detected {when(detected)} + containment {cont} "
                                               f"= {when(at)}")
    if name in BACKGROUND_ROOTS or name.startswith("audit:"):
        return Window("background", None)
    return Window("background", None)


def _concealment(c, subject: str) -> Window:
    known = concealment_known_at(c, subject)
    if known is None:
        return Window("notice", None, None, f"when concealment {subject}'s party knew of the "
                                            f"breach is not recorded")
    cont = _containment_window(c)
    at = add(known, cont)
    return Window("notice", at, None, f"known {when(known)} + containment {cont} = {when(at)}: "
                                      f"the harm after it is what the silence let happen")


def _alert(c, alert_id: str) -> Window:
    alert = c.item("incident.alerts", alert_id)
    if alert is None:
        return Window("handling", None, None, f"alert {alert_id} is not recorded")
    triage = sla_window(c, f"contract.sla.triage.{alert['severity']}", "default.triage_window")
    esc, cont = _escalation_window(c), _containment_window(c)
    due = add(add(alert["at"], triage), esc)
    escalated = alert.known("escalated_at")
    if escalated not in (None, UNKNOWN) and escalated <= due:
        # A finding about the intrusion's detection may still name this alert (its clock ran
        # from it), but the alert itself reached the client in time: its handling changed nothing.
        return Window("handling", None, None, f"alert {alert_id} was escalated to the client at "
                                              f"{when(escalated)}, within its windows (by "
                                              f"{when(due)}), so its handling caused nothing")
    at = add(due, cont)
    return Window("handling", at, None,
                  f"alert {alert_id} at {when(alert['at'])} + triage {triage} + escalation {esc} "
                  f"+ containment {cont} = {when(at)}: a timely handling of this alert would "
                  f"have contained the intrusion then")


def _outage(c, outage_id: str, start) -> Window:
    outage = c.item("incident.outages", outage_id)
    if outage is None:
        return Window("outage", None, None, f"outage {outage_id} is not recorded")
    blind_from = max(outage["start"], start)
    window, esc, cont = _detection_window(c), _escalation_window(c), _containment_window(c)
    at = add(add(add(blind_from, window), esc), cont)
    return Window("outage", at, None,
                  f"the source was blind from {when(blind_from)}; it would have shown the "
                  f"intrusion within detection {window}, + escalation {esc} + containment "
                  f"{cont} = {when(at)}")


def _statement(c, statement_id: str) -> Window:
    statement = c.item("incident.statements", statement_id)
    if statement is None:
        return Window("statement", None, None, f"statement {statement_id} is not recorded")
    if statement.known("relied_on") is False:
        return Window("statement", None, None, f"the client did not rely on statement "
                                               f"{statement_id}")
    ended = declared_containment_held(c)
    corrected = statement.known("corrected_at")
    ends = [t for t in (ended, corrected) if t not in (None, UNKNOWN)]
    end = min(ends) if ends else None
    relied = statement.known("relied_at")
    begin = relied if relied not in (None, UNKNOWN) else statement["at"]
    return Window("statement", begin, end,
                  f"the client could rely on it from {when(begin)}"
                  + (f" until {when(end)}" if end else "") +
                  ": the harm accruing in between is what reliance on it allowed")


def _client(c, root, name: str, start) -> Window:
    if name == "response":
        by = c.get("derived.standard_escalation_by")
        escalated, timely, _ = first_notice(c, by)
        if escalated is None or timely is not True:
            return Window("response", None, None, "no timely escalation to act on")
        cont = _containment_window(c)
        at = add(escalated, cont)
        return Window("response", at, None, f"escalated {when(escalated)} + containment {cont} "
                                            f"= {when(at)}: the harm after a reasonable response")
    if root.link == "entry":
        return Window("entry", start, None, f"let the attacker in: caused the harm from the "
                                            f"intrusion's start ({when(start)})")
    if root.link == "spread":
        return Window("spread", start, None, "let the intrusion spread: a concurrent cause of "
                                             "the harm throughout")
    return Window("none", None, None, "no causal link to this incident")


def causal_strength(c, window: Window) -> Decimal:
    """How strongly a cause of a tranche is connected to it (§8: the strength of the causal
    connection): an entry or a delay counts fully; a spread or a background failure, which
    caused the harm only together with the delay or the entry, counts less."""
    if window.kind == "spread":
        return Decimal(str(c.param("causation.client_spread_factor")))
    if window.kind == "background":
        return Decimal(str(c.param("causation.background_factor")))
    return Decimal(1)
