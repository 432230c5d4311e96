"""From shares to money, per route: negligence, contract, disclosure. The routes stay apart.

- Negligence: the governing fault regime turns the client's share into a reduction or a bar; the
  provider never answers for more than the harm its failures caused in fact.
- Contract: damages for the promised performance not delivered, not reduced by comparative fault;
  the consequential-damages exclusion and the cap apply unless a carve-out is established; where a
  carve-out is only arguable (gross negligence is a question of fact) both figures are given.
- Disclosure: late-notice exposure, and who carries it.
"""
from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal

from rules.authorities import citations_text, cite, governing_law, modelling_choice
from rules.base import Salience, fact, rule
from rules.claims.contract_damages import ContractMeasure, harm_classes, measure
from rules.claims.contract_fault import (
    contract_fault_law,
    reduced_measure,
    reduction_sentence,
)
from rules.claims.economic_loss import TORT_ROUTE
from rules.claims.limits import apply_limits
from rules.fault_regime_in_force import governing_regime
from rules.legal_time import recoverable
from rules.legal_time.fault_terms import regime_terms

CENT = Decimal("0.01")

def _money(amount: Decimal, currency: str) -> str:
    return f"{currency} {amount.quantize(CENT, ROUND_HALF_EVEN):,.2f}"


def _cents(amount: Decimal) -> str:
    return str(amount.quantize(CENT, ROUND_HALF_EVEN))


@rule("ALLOC-002", title="Whether the governing law allocates fault to non-parties",
      area="allocation", concludes="derived.nonparty_allocation", salience=Salience.MEASURE,
      authority=governing_law("comparative-fault statute or case on the fault of non-parties"),
      narrative="{law} {allocates} fault to non-parties.",
      needs={"law": fact("case.governing_law")})
def nonparty_allocation(c, law):
    regime = governing_regime(c, law)
    allocates = bool(regime.allocates_to_nonparties)
    note = regime.nonparty_note or "not recorded for this jurisdiction; treated as not allocating"
    c.derive("derived.nonparty_allocation", allocates,
             f"{regime.name}: {'allocates' if allocates else 'does not allocate'} fault to "
             f"non-parties ({note})")
    c.derive("derived.fault_regime", {"id": regime.id, "name": regime.name, "kind": regime.kind,
                                      "authority": regime.authority,
                                      "fallback_used": regime.fallback_used,
                                      "version": regime.version_reason,
                                      "version_undecided": regime.version_undecided},
             f"{regime.name}: {regime.kind.replace('_', ' ')} ({regime.authority})")


@rule("EXPO-001", title="Negligence recovery under the governing fault regime", area="allocation",
      concludes="exposure.negligence", party="provider", salience=Salience.EXPOSURE,
      phase="allocate",
      authority=[governing_law("comparative-fault regime and economic loss rule"),
                cite("restatement-3d-economic-harm", "§3"),
                cite("us-ny-clark-fitzpatrick", "389")],
      principle="In negligence the client recovers the harm the provider caused, reduced or barred "
                "by the client's own share of fault as the governing law provides, but only where "
                "the route is open between contracting parties (a duty independent of the "
                "contract) and within the limitation clause where its words reach tort claims.",
      narrative="In negligence the client may recover {amount} from the provider.{terms}",
      narrative_not="In negligence the client recovers nothing from the provider: {why}.{terms}",
      needs={"allocation": fact("derived.allocation"), "total": fact("incident.harm.total"),
             "fines": fact("incident.harm.regulatory_fines"),
             "regime": fact("derived.fault_regime"), "law": fact("case.governing_law"),
             "route": fact(TORT_ROUTE)})
def negligence(c, allocation, total, fines, regime, law, route):
    currency = c.get("case.currency") or "USD"
    shares = {p: Decimal(v) for p, v in allocation["shares"].items()}
    client, provider = shares.get("client", Decimal(0)), shares.get("provider", Decimal(0))
    harm, steps = _route_harm(Decimal(total), Decimal(fines), currency)
    attributable = harm * Decimal(c.get("derived.attributable_share") or 0)
    caused = bool(c.findings("causation.in_fact", party="provider"))
    status = route["available"]
    amount, barred, limited = Decimal(0), False, None
    if status == "no":
        steps.append(f"Not available: {route['why']}.")
    elif provider and caused:
        if status == "arguable":
            steps.append(f"Arguable: {route['why']}. The figures below hold only if the route is "
                         f"open.")
        non_client = Decimal(1) - client
        base = harm * provider / non_client if non_client else Decimal(0)
        in_force = governing_regime(c, law)
        if in_force.liability == "joint_over_threshold" and \
                provider > in_force.joint_over_share and base != harm:
            # Texas (CPRC 33.013(b)(1)): a defendant more than 50% responsible, the percentages
            # counting any designated responsible third party, answers jointly and severally
            # for all the damages the claimant recovers (33.012), not only its own share.
            steps.append(f"The provider's responsibility, {provider:.2%}, is more than "
                         f"{in_force.joint_over_share:.0%}, so "
                         f"under {in_force.name} law it is jointly and severally liable for all "
                         f"the damages the client recovers, not only its own part "
                         f"({citations_text(in_force.field_citations.get('liability') or ())})"
                         f".")
            base = harm
        outcome = recoverable(base, client, in_force)
        barred = outcome.barred
        if base != harm:
            steps.append(f"The provider's part of the fault not borne by the client is "
                         f"{provider} of {non_client}, so the provider's base is "
                         f"{_money(base, currency)} (non-parties bear the rest).")
        steps.append(outcome.sentence)
        amount = outcome.amount
        if amount > attributable:
            steps.append(f"Capped at the harm the provider's failures caused in fact, "
                         f"{_money(attributable, currency)} (harm after the attributable point).")
            amount = attributable
        consequential, unclassified = harm_classes(c)
        limited = apply_limits(c, amount, amount * consequential, currency, route="negligence",
                               unclassified=amount * unclassified)
        steps += limited.steps
    else:
        steps.append("No causally relevant fault of the provider is established, so nothing is "
                     "recoverable in negligence.")
    in_force = governing_regime(c, law)
    aggravated = (bool(c.findings("breach.gross_negligence_available", party="provider"))
                  if in_force.kind == "pure_contributory" and in_force.aggravated_exception
                  else None)
    terms = regime_terms(in_force, aggravated)
    steps += terms        # after the arithmetic: what the regime says that moves no figure
    low, high = (limited.low, limited.high) if limited else (Decimal(0), Decimal(0))
    if status == "arguable":
        low = Decimal(0)
    low, high = low.quantize(CENT, ROUND_HALF_EVEN), high.quantize(CENT, ROUND_HALF_EVEN)
    rests = ["claims.independent_duty.provider", "allocation.fault_established.provider"] + \
        (limited.rests_on if limited else [])
    c.derive("derived.exposure.negligence", {
        "route": "negligence", "available": status, "decided_by": route["decided_by"],
        "regime": regime["id"], "barred": barred,
        "provider_pays": {"min": _cents(low), "max": _cents(high)},
        "cap": limited.cap if limited else None,
        "cap_status": limited.cap_status if limited else "none",
        "rests_on": rests, "steps": steps, "flags": limited.flags if limited else []},
        f"negligence ({status}): {_money(low, currency)} to {_money(high, currency)}")
    why = (route["why"] if status == "no" else
           "the claim is barred by the client's share of fault" if barred
           else "no causally relevant provider fault is established")
    c.conclude(c.check("the negligence route is open between the contracting parties",
                       status != "no", status),
               c.check("something is recoverable in negligence", high > 0, _cents(high)),
               values={"amount": _range_text(low, high, currency, status), "why": why,
                       "terms": (" " + " ".join(terms)) if terms else "",
                       "cites": "; ".join(governing_regime(c, law).cites()
                                          + route.get("cites", []))})


def _route_harm(total: Decimal, fines: Decimal, currency: str) -> tuple[Decimal, list[str]]:
    """The harm a damages route counts: the regulatory fines are assessed on the late-notice
    route alone (EXPO-003), so that no figure appears in two routes."""
    steps = [f"Harm: {_money(total, currency)}."]
    if fines:
        steps.append(f"The regulatory fines, {_money(fines, currency)}, are assessed on the "
                     f"late-notice route and not counted here, leaving "
                     f"{_money(total - fines, currency)}.")
    return max(total - fines, Decimal(0)), steps


def _range_text(low: Decimal, high: Decimal, currency: str, status: str = "yes") -> str:
    if status == "arguable":
        return f"up to {_money(high, currency)} if the route is open"
    if low == high:
        return _money(low, currency)
    return f"{_money(low, currency)} to {_money(high, currency)}"


@rule("EXPO-002", title="Contract damages breach by breach, exclusions and the liability cap",
      area="allocation", concludes="exposure.contract", party="provider",
      salience=Salience.EXPOSURE, phase="allocate",
      authority=[cite("us-2d-process-america-v-cynergy", "138"), cite("us-ny-kalisch-jarcho"),
                 cite("us-ny-sommer-v-federal-signal"),
                 governing_law("measure of contract damages and treatment of limitation clauses"),
                 modelling_choice("each breach answers for the harm its own counterfactual shows "
                                  "it caused; harm after the client could have contained the "
                                  "intrusion on a timely escalation is its own to avoid; whether "
                                  "a head is direct or consequential is an input, and where the "
                                  "record does not say, the exclusion is shown both ways")],
      principle="Contract damages put the client where performance would have put it: each "
                "breach of promised performance answers for the losses that would not have "
                "happened had that promise been kept, and one loss is recovered once however "
                "many breaches caused it. They are not reduced by the client's comparative "
                "fault, but losses the client could reasonably have avoided are not recoverable, "
                "and the agreed exclusion (for the heads that are consequential) and cap apply "
                "unless a carve-out the contract lists, or one the governing law supplies "
                "whatever the drafting, is established.",
      narrative="In contract the provider's exposure is {range}.",
      narrative_not="No contract claim arises: {why}.",
      needs={"total": fact("incident.harm.total"), "fines": fact("incident.harm.regulatory_fines"),
             "allocation": fact("derived.allocation")})
def contract(c, total, fines, allocation):
    currency = c.get("case.currency") or "USD"
    # the measure reads no ruling: a carve-out's branch carries it over (engine/replay.py)
    found = c.carried("contract measure", lambda: measure(c))
    breaches = [b.finding for b in found.breaches]
    steps = [f"Harm: {_money(Decimal(total), currency)}."]
    low, high, limited = Decimal(0), Decimal(0), None
    if breaches and found.caused > 0:
        steps += _measure_steps(found, currency,
                                apportions=contract_fault_law(c.get("case.governing_law"))
                                is not None)
        damages = found.recoverable
        limited = apply_limits(c, damages, found.by_class("consequential"), currency,
                               route="contract", unclassified=found.by_class("unclassified"))
        steps += limited.steps
        low, high = limited.low, limited.high
        fault = reduced_measure(c, found, allocation)
        if fault is not None:
            law, share, reduced = fault
            lower = apply_limits(c, reduced.recoverable, reduced.by_class("consequential"),
                                 currency, route="contract",
                                 unclassified=reduced.by_class("unclassified")).low
            steps.append(reduction_sentence(law, share, _money(lower, currency),
                                            _money(low, currency)))
            limited.rests_on.append("derived.allocation")
            low = min(low, lower)
    else:
        lead = (f"Breaches of promised performance are established ({', '.join(breaches)}), "
                f"but" if breaches else "No breach of promised performance is established, and")
        steps.append(f"{lead} no harm is shown to have been caused by them, so contract damages "
                     f"are at most nominal.")
    low, high = low.quantize(CENT, ROUND_HALF_EVEN), high.quantize(CENT, ROUND_HALF_EVEN)
    c.derive("derived.exposure.contract", {
        "route": "contract", "available": "yes" if breaches else "no",
        "decided_by": "causation.in_fact.provider",
        "provider_pays": {"min": _cents(low), "max": _cents(high)},
        "cap": limited.cap if limited else None,
        "cap_status": limited.cap_status if limited else "none",
        "exclusion_status": limited.exclusion_status if limited else "none",
        "breaches": [{"finding": b.finding, "roots": b.roots, "tranches": b.tranches,
                      "damages": _cents(b.amount)} for b in found.breaches],
        "failures": [{"root": f.root, "title": f.title, "breaches": f.breaches,
                      "tranches": f.tranches, "damages": _cents(f.amount)}
                     for f in found.failures],
        "heads": [{"id": h.id, "what": h.label, "kind": h.kind, "loss_type": h.loss_type,
                   "caused": _cents(h.caused), "avoidable": _cents(h.avoidable),
                   "recoverable": _cents(h.recoverable)} for h in found.heads],
        "rests_on": sorted(breaches) + (limited.rests_on if limited else []),
        "steps": steps, "flags": limited.flags if limited else []},
        f"contract: {_money(low, currency)} to {_money(high, currency)}")
    text = _money(low, currency) if low == high else \
        f"{_money(low, currency)} (limits applied) to {_money(high, currency)} (limits lifted)"
    c.conclude(c.check("a contract breach caused harm", bool(breaches) and found.caused > 0,
                       ", ".join(breaches) or "none"),
               values={"range": text, "why": "no breach of promised performance caused harm"})


def _measure_steps(found: ContractMeasure, currency: str, apportions: bool = False) -> list[str]:
    """The expectation measure in words: each breach's own damages, then the loss once."""
    steps = []
    for f in found.failures:
        title = f"{f.title[:1].upper()}{f.title[1:]}"
        steps.append(f"{title}: the harm that would not have happened had the provider performed "
                     f"on this point (its own counterfactual) is {_money(f.amount, currency)}"
                     + ("." if f.amount else ", so this breach gives no damages."))
    steps.append(f"Expectation measure: the losses performance would have spared the client, "
                 f"each counted once however many breaches caused it: "
                 f"{_money(found.caused, currency)}; "
                 + ("whether the client's own fault reduces them is taken below." if apportions
                    else "the client's comparative fault does not reduce them."))
    if found.fines_left_out:
        steps.append(f"The regulatory fines among them, {_money(found.fines_left_out, currency)}, "
                     f"are assessed on the late-notice route and not counted here.")
    if found.avoidable:
        steps.append(f"Avoidable consequences: the client sat on a timely escalation "
                     f"({found.avoidable_from}); the harm after it could have contained the "
                     f"intrusion, {_money(found.avoidable, currency)}, is not recoverable, "
                     f"leaving {_money(found.recoverable, currency)}.")
    if found.by_heads:
        for loss_type, words in (("direct", "direct"), ("consequential", "consequential"),
                                 ("unclassified", "not classified as direct or consequential")):
            names = [h.id for h in found.heads if h.loss_type == loss_type and h.recoverable]
            if names:
                steps.append(f"Heads {words}: {', '.join(names)}, "
                             f"{_money(found.by_class(loss_type), currency)}.")
    return steps
