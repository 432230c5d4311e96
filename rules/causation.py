"""Causation: the point after which harm is attributable, foreseeability, superseding cause,
third-party discovery.

But-for causation is measured in time: harm that accrued after a provider meeting its standard
would have had the intrusion contained is attributable to its failure; harm complete before that
point is not.
"""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from rules.apportionment.roots import build_roots
from rules.apportionment.tranches import tranches as harm_tranches
from rules.apportionment.windows import windows
from rules.authorities import cite, modelling_choice
from facts.unknown import UNKNOWN, NotShown
from rules.base import Salience, fact, finding, rule
from rules.common import (add, alerts_by_relation, duration_of, elapsed, kinds_words,
                          sla_window, vector_kinds, when)

MONITORING_FAILURES = ("breach.detection", "breach.triage", "breach.escalation",
                       "breach.monitoring_outage", "breach.audit", "breach.staffing",
                       "breach.testing", "breach.detection_standard", "breach.containment",
                       "breach.detection_content", "breach.patching", "breach.identity_control")


@rule("CAUS-001", title="Point after which harm is attributable", area="causation",
      concludes="derived.attributable_from", salience=Salience.MEASURE,
      authority=modelling_choice("but-for causation measured in time: avoiding harm takes triage, "
                               "escalation and containment on top of detection, so harm is attributable "
                               "only after the point a provider meeting its standard would have "
                               "contained the intrusion"),
      narrative="A provider meeting its standard would have had the intrusion contained by {at}.",
      needs={"start": fact("incident.timeline.intrusion_start")})
def attributable_from(c, start):
    first = c.get("derived.first_related_alert")
    indicator = c.known("incident.timeline.first_indicator")
    by_indicator = not first or c.get("contract.sla.clock_starts") == "first_indicator"
    if indicator is UNKNOWN:
        if by_indicator:
            raise NotShown("incident.timeline.first_indicator")
        indicator = None   # the alert's clock governs; the indicator is not needed
    escalation = sla_window(c, "contract.sla.escalation", "default.escalation_window")
    containment = sla_window(c, "contract.sla.containment", "default.containment_window")
    paths = []
    if first:
        triage = sla_window(c, f"contract.sla.triage.{first['severity']}",
                            "default.triage_window")
        paths.append((add(first["at"], triage), f"alert {first['id']} at {when(first['at'])} + "
                                                f"triage {triage}"))
    if indicator and by_indicator:
        # No alert fired, or the contract runs its clock from the first indicator: a monitor
        # meeting its standard would have recognised the first indicator (a post-exploit
        # indicator, where the exploit itself left none) within its detection window.
        window = c.get("contract.sla.detection")
        window = duration_of(window if window is not None else (
            c.get("derived.standard_review_window") or c.param("default.triage_window")))
        paths.append((add(indicator, window), f"first indicator at {when(indicator)} + "
                                              f"detection {window}"))
    if not paths:
        return
    known, how = min(paths, key=lambda p: p[0])
    point = add(add(known, escalation), containment)
    c.derive("derived.standard_escalation_by", add(known, escalation),
             f"{how} + escalation {escalation} = {when(add(known, escalation))}")
    c.derive("derived.attributable_from", point,
             f"{how} + escalation {escalation} + containment {containment} = {when(point)}")


@rule("CAUS-002", title="Share of harm after the attributable point", area="causation",
      concludes="derived.attributable_share", salience=Salience.MEASURE,
      authority=modelling_choice("harm that accrued after the point the standard would have contained "
                               "the intrusion is attributable to the failure; harm complete before it "
                               "is not"),
      narrative="{share} of the harm accrued after the attributable point.",
      needs={"point": fact("derived.attributable_from"), "total": fact("incident.harm.total"),
             "start": fact("incident.timeline.intrusion_start")})
def attributable_share(c, point, total, start):
    accrual = c.get("incident.harm.accrual") or []
    total = Decimal(total)
    if total == 0:
        share, how = Decimal(0), "no harm was recorded"
    elif accrual:
        after = sum((Decimal(a["amount"]) for a in accrual if a["at"] > point), Decimal(0))
        share = after / total
        how = f"{after} of {total} in recorded harm accrued after {when(point)}"
    else:
        end = c.get("incident.timeline.containment") or c.get("incident.timeline.discovery")
        share = _linear_share(start, end, point)
        how = (f"no accrual dates recorded: harm assumed to accrue evenly from {when(start)} to "
               f"{when(end)}, {share:.1%} of that span lies after {when(point)}")
    share = max(Decimal(0), min(Decimal(1), share)).quantize(Decimal("0.0001"))
    c.derive("derived.attributable_share", share, how)


def _linear_share(start: datetime, end: datetime, point: datetime) -> Decimal:
    span = elapsed(end, start).total_seconds()
    if span <= 0:
        return Decimal(0)
    after = elapsed(end, max(point, start)).total_seconds()
    return Decimal(str(max(0.0, after) / span))


@rule("CAUS-003", title="Provider's failure caused harm (cause in fact)", area="causation",
      concludes="causation.in_fact", party="provider", salience=Salience.COMPOSITE,
      phase="aggregate",
      authority=[cite("restatement-3d-physical-harm", "§26", "the general test of factual cause"),
                 modelling_choice("each failure is tested against its own counterfactual: it "
                                  "caused the harm that accrued after the time meeting the "
                                  "standard on that point would have ended the intrusion")],
      principle="A breach that changed nothing caused nothing: each failure of the provider "
                "answers only for the harm that would not have happened had it met its standard "
                "on that point, so handling one alert in time does not excuse another left "
                "unhandled. Background failures (an audit finding, missed testing) matter "
                "causally only through a delay in handling the intrusion they explain.",
      narrative="The test is but-for, failure by failure: {causes}. Together the provider's "
                "failures caused {share_pct} of the harm.",
      narrative_not="The provider's failures are not shown to have caused harm: {why_not}.",
      needs={"share": fact("derived.attributable_share"),
             "point": fact("derived.attributable_from")})
def cause_in_fact(c, share, point):
    failures = [f for f in c.findings(party="provider") if f["element"] in MONITORING_FAILURES
                or f["element"] == "disclosure.client"]
    roots = [r for r in build_roots(c) if r.party == "provider"]
    wins = windows(c, roots)
    cuts = sorted({t for w in wins.values() for t in (w.start, w.end) if t is not None})
    parts, _ = harm_tranches(c, cuts)
    harm = Decimal(str(c.get("incident.harm.total") or 0))
    everything = sum((t.amount for t in parts), Decimal(0))
    caused = {r.id: [t for t in parts if t.caused_by(wins[r.id]) and t.amount > 0]
              for r in roots if r.weight > 0}
    causing = [r for r in roots if caused.get(r.id)]
    covered = {t.id for r in causing for t in caused[r.id]}
    fraction = sum((t.amount for t in parts if t.id in covered), Decimal(0)) / everything \
        if everything else Decimal(0)
    holds = bool(causing) and harm > 0
    c.conclude(
        c.check("the provider failed a duty it owed", bool(failures),
                ", ".join(sorted({f["element"].split(".")[1] for f in failures}))
                or "no failure established"),
        c.check("a failure of the provider was a but-for cause of part of the harm",
                bool(causing), "; ".join(f"{r.id}: {', '.join(t.id for t in caused[r.id])}"
                                         for r in causing) or "none"),
        c.check("harm was recorded", harm > 0, str(harm)),
        holds=holds,
        values={"share_pct": f"{float(fraction):.1%}", "point": when(point),
                "failures": ", ".join(r.id for r in roots),
                "causes": "; ".join(f"{r.title} caused the harm after "
                                    f"{when(wins[r.id].start)} ({wins[r.id].how})"
                                    for r in causing),
                "why_not": "no failure of the provider is established" if not roots else
                "no harm was recorded" if harm <= 0 else
                "; ".join(f"{r.title}: {wins[r.id].how or 'no causal link'}" for r in roots)})


@rule("CAUS-004", title="Initial exploit foreseeable", area="causation",
      concludes="causation.exploit_foreseeable", party="provider",
      authority=modelling_choice("no provider is at fault for missing an indicator that did not yet exist: "
                               "a zero-day or supply-chain compromise limits the foreseeability of the "
                               "initial exploit"),
      principle="Foreseeability of the way in is judged separately from what the attacker did "
                "once inside.",
      narrative="The initial exploit ({vector}) was of a kind a reasonable provider could "
                "foresee and watch for{public}.",
      narrative_not="The initial exploit was a {vector} unknown when it was used; missing it is "
                    "no fault of the provider. What followed it is judged separately.",
      needs={"vector": fact("incident.vector"), "start": fact("incident.timeline.intrusion_start")})
def exploit_foreseeable(c, vector, start):
    # Public from the earlier of the recorded disclosure and the vendor's advisory; a way in that
    # was several kinds at once (a supply-chain compromise that was also a zero-day) is novel if
    # any of them is.
    public = vector.get("disclosed_publicly")
    novel_kind = bool(vector_kinds(vector) & {"zero_day", "supply_chain"})
    advisory = c.get("incident.timeline.vendor_advisory.published") if novel_kind else None
    public = min((d for d in (public, advisory) if d is not None), default=None)
    novel = novel_kind and (public is None or public > start.date())
    c.conclude(c.check("the exploit was known or knowable when used", not novel,
                       f"vector {vector['type']}"
                       f"{' (also ' + ', '.join(vector['also']) + ')' if vector.get('also') else ''}"
                       f"; publicly known "
                       f"{public or 'not before the intrusion'}"),
               values={"vector": kinds_words(vector),
                       "public": f" (public since {public})" if public else ""})


@rule("CAUS-005", title="Post-exploit activity within the monitoring duty", area="causation",
      concludes="causation.post_exploit_detectable", party="provider",
      authority=modelling_choice("credential theft, lateral movement, exfiltration and encryption after an "
                               "unforeseeable exploit are still the behaviour a monitoring duty exists "
                               "to catch"),
      principle="An unforeseeable entry does not excuse missing the foreseeable behaviour that "
                "follows it.",
      narrative="After the initial exploit the attacker engaged in {activity}, behaviour a "
                "monitoring duty covers; {indicators}.",
      narrative_not="No post-exploit behaviour with indicators a monitor could have seen is "
                    "recorded ({detail}).",
      needs={"activity": fact("incident.post_exploit_activity")})
def post_exploit(c, activity):
    alerts, unsure = alerts_by_relation(c.items("incident.alerts"))
    indicator = c.known("incident.timeline.first_indicator")
    seen = bool(alerts) or indicator not in (None, UNKNOWN)
    if not seen and activity and (unsure or indicator is UNKNOWN):
        raise NotShown(*([a.path("related_to_intrusion") for a in unsure] +
                         (["incident.timeline.first_indicator"] if indicator is UNKNOWN else [])))
    c.conclude(c.check("post-exploit activity occurred", bool(activity),
                       ", ".join(activity) or "none recorded"),
               c.check("it left indicators (alerts or a first indicator)", seen,
                       f"{len(alerts)} related alerts; first indicator {when(indicator)}"),
               values={"activity": ", ".join(a.replace("_", " ") for a in activity),
                       "indicators": f"{len(alerts)} related alert(s) fired" if alerts else
                       f"the first indicator appeared at {when(indicator)}",
                       "detail": f"activity: {', '.join(activity) or 'none'}; alerts: "
                                 f"{len(alerts)}"})


@rule("CAUS-006", title="Attacker not a superseding cause", area="causation",
      concludes="causation.proximate", party="provider", salience=Salience.COMPOSITE,
      authority=cite("restatement-2d-torts", "§449"),
      principle="Where the likelihood of a third person's criminal act is one of the hazards that "
                "made the actor negligent, that act does not relieve the actor of liability.",
      narrative="The criminal attack is the very risk the provider was hired to guard against, "
                "so the attacker is not a superseding cause (Restatement (Second) of Torts §449).",
      narrative_not="The provider owed no monitoring duty against this risk, so §449 does not "
                    "carry its failure through to the harm.",
      needs={"duty": finding("duty.monitoring.provider"), "vector": fact("incident.vector")})
def proximate(c, duty, vector):
    c.conclude(c.check("the provider was hired to guard against intrusions", True,
                       f"duty established by {duty['rule']}"),
               values={"vector": vector["type"]})


@rule("CAUS-007", title="Breach discovered by a third party", area="causation",
      concludes="causation.third_party_discovery", party="provider",
      authority=modelling_choice("detection by law enforcement, a researcher, a payment network or the "
                               "attacker rather than by the monitor is strong evidence that monitoring "
                               "failed"),
      principle="When someone else finds the breach the monitor was paid to find, the "
                "monitoring did not work.",
      narrative="The breach was discovered by {who} at {at}, not by the provider: strong "
                "evidence that monitoring failed.",
      narrative_not="The breach was discovered by the {not_third}.",
      needs={"who": fact("incident.timeline.discovered_by"),
             "at": fact("incident.timeline.discovery")})
def third_party_discovery(c, who, at):
    # A vendor announcing a compromise of its own product (a zero-day, a supply-chain attack) has
    # found what no customer's monitor could yet see: not evidence that the monitor failed.
    own_product = who == "vendor" and bool(
        vector_kinds(c.get("incident.vector") or {}) & {"zero_day", "supply_chain"})
    c.conclude(c.check("a third party discovered the breach", who not in ("provider", "client"),
                       f"discovered by {who}"),
               c.check("it was not the vendor announcing its own product's compromise",
                       not own_product, "the vendor announced its own product's compromise"
                       if own_product else f"discovered by {who}"),
               values={"who": who.replace("_", " "), "at": when(at),
                       "not_third": "vendor announcing a compromise of its own product, which "
                                    "no customer's monitor could yet see: not evidence that the "
                                    "monitor failed" if own_product else
                                    f"{who.replace('_', ' ')}, not by a third party"})


@rule("CAUS-008", title="The client's own failures as concurrent causes", area="causation",
      concludes="causation.concurrent", party="client", salience=Salience.COMPOSITE,
      phase="aggregate", burden="provider",
      authority=modelling_choice("the client's own failures that let the attacker in or let the intrusion "
                               "grow are concurrent causes that reduce, not erase, the provider's share; "
                               "comparative fault is a defence the provider must prove"),
      principle="Where the client's own failure let the attacker in or let the intrusion grow, "
                "it is a concurrent cause of the harm alongside any failure of the provider; a "
                "client failure with no causal link to this incident is not.",
      narrative="The client's own failures are concurrent causes of this harm: {causes}. They "
                "reduce any share the provider bears but cannot erase a failure of the "
                "provider{both}.",
      narrative_not="None of the client's established failures is causally linked to this "
                    "incident ({detail}); they move no share.")
def concurrent(c):
    failures = c.findings("governance", party="client")
    linked = [f for f in failures if f["values"].get("causal_link") in ("entry", "spread")]
    provider_caused = bool(c.findings("causation.in_fact", party="provider"))
    c.conclude(c.check("a client failure is causally linked (entry or spread)", bool(linked),
                       ", ".join(f"{f['id']} ({f['values'].get('causal_link')})" for f in linked)
                       or "none"),
               values={"causes": "; ".join(f"{f['id']} ({f['values'].get('causal_link')})"
                                           for f in linked),
                       "both": " (the provider's failures also caused harm)" if provider_caused
                       else "",
                       "detail": ", ".join(f["id"] for f in failures) or "no client failure"})
