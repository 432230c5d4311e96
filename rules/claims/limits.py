"""What the contract's exclusion and cap do to a route's figure, under the governing law
(rules/data/limitation_clauses.yaml).

- A carve-out the contract lists reaches the conduct or loss it names; the data-breach carve-out is
  established by the claim itself.
- Where the governing law refuses to enforce a clause against some conduct whatever the drafting
  (New York: gross negligence, wilful misconduct), that conduct lifts the clause even though the
  contract lists no carve-out; the law's override reaches the exclusion as well as the cap.
- Conduct is *established* when a tribunal has found it (rulings:) and *arguable* when a finding of
  the rule base opens the question (gross negligence is usually a question of fact): an arguable
  carve-out gives a range, capped to uncapped.
- England: the clause is construed, and a reasonableness flag is raised under UCTA 1977.
- Texas: a flag says the clause must meet the fair notice requirements (Dresser) to release the
  provider's own negligence; California: Civ. Code § 1668 voids it against wilful injury.
- On the negligence route the clause applies only where its words reach tort claims.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal

from facts.unknown import UNKNOWN
from rules.authorities import citations_text
from rules.claims.law import limitation_law

CENT = Decimal("0.01")
CONDUCT_WORDS = {"gross_negligence": "gross negligence", "willful_misconduct": "wilful misconduct"}
# The finding of the rule base that opens each conduct question (a question of fact).
CONDUCT_QUESTION = {"gross_negligence": "breach.gross_negligence_available",
                    "willful_misconduct": "claims.willful_misconduct_question"}


def money(amount: Decimal, currency: str) -> str:
    return f"{currency} {amount.quantize(CENT, ROUND_HALF_EVEN):,.2f}"


@dataclass
class Limited:
    low: Decimal
    high: Decimal
    cap: str | None
    cap_status: str                 # none / applies / arguable / lifted / not_reached_by_clause
    exclusion_status: str = "none"  # none / applies / arguable (unclassified heads) / lifted
    steps: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    rests_on: list[str] = field(default_factory=list)


def conduct_status(c, conduct: str) -> tuple[str, str]:
    """(established / arguable / none, the finding or ruling it rests on)."""
    ruled = c.known(f"rulings.{conduct}")
    if ruled is True:
        return "established", f"rulings.{conduct}"
    if ruled is False:
        return "none", f"rulings.{conduct}"
    question = CONDUCT_QUESTION[conduct]
    if c.findings(question, party="provider"):
        return "arguable", f"{question}.provider"
    return "none", ""


def apply_limits(c, damages: Decimal, excludable: Decimal, currency: str, *,
                 route: str, unclassified: Decimal = Decimal(0)) -> Limited:
    """The route's figure after the exclusion of consequential loss and the cap, as a range
    where a carve-out is arguable. `excludable` is the harm recorded as consequential, which the
    exclusion removes; `unclassified` the harm the record does not classify, which it removes
    only if that harm is consequential (the figure is then a range, never an assumption)."""
    if damages <= 0:
        # Nothing reaches the clause: saying the cap "applies but is not reached" or that an
        # unknown reach of the clause "runs the figure to USD 0.00" would present a non-question.
        return Limited(Decimal(0), Decimal(0), None, "none")
    law = c.get("case.governing_law")
    if route == "negligence":
        reaches = c.known("contract.clauses.limitation_reaches_tort")
        if reaches is False:
            return Limited(damages, damages, None, "not_reached_by_clause",
                           ["The limitation clause is confined to claims under the contract, so "
                            "neither the exclusion nor the cap reaches the negligence route."],
                           rests_on=["contract.clauses.limitation_reaches_tort"])
        limited = _limits(c, law, damages, excludable, unclassified, currency, route)
        if reaches is UNKNOWN:
            limited.steps.append(
                f"Whether the clause's words reach tort claims is unknown: if they do not, the "
                f"route is not limited, so the figure runs to {money(damages, currency)}.")
            limited.high, limited.cap_status = damages, "arguable"
            limited.rests_on.append("contract.clauses.limitation_reaches_tort")
        return limited
    return _limits(c, law, damages, excludable, unclassified, currency, route)


def _exclusion(c, damages: Decimal, excludable: Decimal, unclassified: Decimal, currency: str,
               out: Limited) -> tuple[Decimal, Decimal]:
    """(removed for certain, removed only if the unclassified harm is consequential)."""
    if not c.get("contract.liability.consequential_damages_excluded"):
        return Decimal(0), Decimal(0)
    excluded = min(max(excludable, Decimal(0)), damages)
    maybe = min(max(unclassified, Decimal(0)), damages - excluded)
    if excluded:
        out.steps.append(f"The consequential-loss exclusion removes the heads recorded as "
                         f"consequential, {money(excluded, currency)}, leaving "
                         f"{money(damages - excluded, currency)}.")
        out.exclusion_status = "applies"
    if maybe:
        out.steps.append(f"Whether the rest of the harm, {money(maybe, currency)}, is direct or "
                         f"consequential is not recorded for each head of loss: if "
                         f"consequential, the exclusion removes it too, leaving "
                         f"{money(damages - excluded - maybe, currency)}; if direct, it stays. "
                         f"Both are given, as a range.")
        out.exclusion_status = "arguable"
    return excluded, maybe


def _limits(c, law: str, damages: Decimal, excludable: Decimal, unclassified: Decimal,
            currency: str, route: str) -> Limited:
    legal = limitation_law(law)
    carve_outs = set(c.get("contract.liability.carve_outs") or [])
    policy = set(legal.public_policy) if legal else set()
    out = Limited(damages, damages, None, "none")
    lifting = {}   # conduct -> (status, how it reaches the clause, rests on)
    for conduct in CONDUCT_WORDS:
        if conduct not in carve_outs and conduct not in policy:
            continue
        status, rests = conduct_status(c, conduct)
        if status != "none":
            how = "the contract lists it as a carve-out"
            if conduct in policy:
                how = (f"the law of {legal.name} does not enforce a limitation clause against "
                       f"it, whatever the drafting ({citations_text(legal.citations)})"
                       + ("; the contract also lists it" if conduct in carve_outs else ""))
            lifting[conduct] = (status, how, rests, conduct in policy)
    if "fraud" in carve_outs and c.findings("claims.fraud", party="provider"):
        lifting["fraud"] = ("arguable", "the contract lists it as a carve-out",
                            "claims.fraud.provider", False)
    for _, (_, _, rests, _) in sorted(lifting.items()):
        if rests:
            out.rests_on.append(rests)
    # The law's override voids the whole clause for that conduct; a listed carve-out lifts the cap.
    by_policy = {k: v for k, v in lifting.items() if v[3]}
    excluded, maybe = _exclusion(c, damages, excludable, unclassified, currency, out)
    after_low, after_high = damages - excluded - maybe, damages - excluded
    cap, supercap = c.get("contract.liability.cap"), c.get("contract.liability.data_breach_supercap")
    limit = Decimal(supercap if supercap is not None else cap) if (cap is not None or
                                                                  supercap is not None) else None
    which = "data-breach super-cap" if supercap is not None else "liability cap"
    low = after_low if limit is None else min(after_low, limit)
    high = after_high if limit is None else min(after_high, limit)
    uncapped_by_policy = damages           # neither the exclusion nor the cap binds
    out.cap = None if limit is None else str(limit)
    if limit is None:
        out.steps.append("The contract sets no cap.")
        out.cap_status = "none"
    elif "data_breach" in carve_outs:
        out.steps.append(f"The {which} of {money(limit, currency)} does not apply: the contract "
                         f"carves out data-breach claims, and this is one.")
        low, high, out.cap_status = after_low, after_high, "lifted"
    else:
        out.cap_status = "applies"
        figure = money(low, currency) if low == high else \
            f"{money(low, currency)} to {money(high, currency)}"
        out.steps.append(f"The {which} of {money(limit, currency)} applies"
                         f"{'' if after_high > limit else ' but is not reached'}: {figure}.")
    out.low, out.high = low, high
    established = sorted(k for k, v in lifting.items() if v[0] == "established")
    arguable = sorted(k for k, v in lifting.items() if v[0] == "arguable")
    if established:
        # a listed carve-out lifts the cap, not the exclusion of consequential loss
        by_listing = [k for k in established if k not in by_policy]
        if len(by_listing) < len(established):
            out.low = out.high = uncapped_by_policy
            out.exclusion_status = "lifted" if excluded or maybe else out.exclusion_status
        else:
            out.low, out.high = after_low, after_high
        out.cap_status = "lifted"
        out.steps.append(_lift_sentence(established, lifting, "established", out.high,
                                        currency))
    elif arguable:
        high = max(uncapped_by_policy if k in by_policy else after_high for k in arguable)
        if high > out.high:
            out.high, out.cap_status = high, "arguable"
            out.steps.append(_lift_sentence(arguable, lifting, "arguable", high,
                                            currency) + f" The figure ranges from "
                             f"{money(out.low, currency)} to {money(high, currency)}.")
    if legal and legal.reasonableness:
        out.flags += _reasonableness(c, legal, route)
    if legal and legal.fair_notice and (limit is not None or excluded or maybe):
        out.flags.append(f"{legal.fair_notice.text()}: under the law of {legal.name} a clause "
                         f"that relieves a party in advance of its own negligence binds only if "
                         f"it gives fair notice (the intent stated in specific terms, and "
                         f"conspicuous), a question of law for the court; whether this clause "
                         f"does, and whether a cap is such a release, is not decided here, so "
                         f"the figure applies the clause as written.")
    elif legal is None and (limit is not None or excluded or maybe):
        out.flags.append(f"The treatment of limitation clauses under {law} is not recorded in this "
                         f"rule base: only the carve-outs the contract lists were applied.")
    return out


def _lift_sentence(conducts, lifting, state, figure, currency) -> str:
    names = " or ".join(CONDUCT_WORDS.get(k, k) for k in conducts)
    reasons = []
    for k in conducts:
        if lifting[k][1] not in reasons:
            reasons.append(lifting[k][1])
    void = any(lifting[k][3] for k in conducts)
    reach = "neither the exclusion nor the cap binds" if void else "the cap does not bind"
    lead = (f"{names[0].upper()}{names[1:]} is found by a tribunal, so {reach}"
            if state == "established" else f"If {names} is found (a question of fact), {reach}")
    return f"{lead}: {money(figure, currency)}. Why: {'; '.join(reasons)}."


def _reasonableness(c, legal, route: str) -> list[str]:
    r = legal.reasonableness
    test = r["test"].text() if "test" in r else ""
    flags = [f"{r['negligence'].text()}: a term restricting liability for negligence binds only "
             f"so far as it is reasonable ({test}); the provider must show it is."]
    if route == "contract":
        standard = c.known("contract.clauses.written_standard_terms")
        if standard is True:
            flags.append(f"{r['standard_terms'].text()}: the client dealt on the provider's "
                         f"written standard terms, so the cap and exclusion must also be "
                         f"reasonable as restrictions of contract liability.")
        elif standard is UNKNOWN:
            flags.append(f"{r['standard_terms'].text()} applies if the client dealt on the "
                         f"provider's written standard terms (unknown).")
    if legal.construction:
        flags.append(f"Whether the clause covers this breach is a matter of construction "
                     f"({citations_text(legal.construction)}).")
    return flags
