"""Costs to a hearing, the forum's fee rule, and what each side should take or pay now.

Per leaf of the tree (an award A, on a route), with Cc and Cp each side's costs to a hearing and
r the share of a winner's costs the loser is ordered to pay where costs shift (`recoverable`,
default 1, the whole; assessment on the standard basis usually allows less, so give it):

- own costs (the American rule): the client nets A - Cc; the provider pays out A + Cp;
- loser pays (England, or a contract's prevailing-party clause): the client is the successful
  party when it recovers something (A > 0), and the provider pays r x Cc on top of A; otherwise
  the client pays r x Cp;
- a claimant's fee statute (Texas, contract claims): the client adds r x Cc when it recovers on a
  route the statute covers; otherwise each side bears its own;
- a provider's Part 36 offer O (England) that the award does not beat (A <= O): the client pays
  r x Cp and recovers none of its own (all costs to a hearing are taken to fall after the offer's
  relevant period); a client's Part 36 offer that the award matches or beats (A >= O > 0): the
  provider pays the client's costs on the indemnity basis (taken as all of them), enhanced
  interest on the award and on those costs, and the additional amount (CPR 36.17(4);
  engine/settlement_part36.py). The court's power to find the consequences unjust is not
  modelled: it is stated.

The client's walk-away value is its expected net outcome from a hearing, on its own estimates (the
least it should accept now); the provider's is its expected outlay, on its own (the most it should
pay now). Both are risk-neutral. The settlement range runs from the first to the second and is
empty exactly when the first exceeds the second.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction

from engine.settlement_part36 import Enhancement, enhancement
from engine.settlement_questions import chance
from facts.errors import FaultlineInputError, did_you_mean
from rules.fee_rules import FeeRule, arbitration_note, contract_clause, fee_rule

COSTS_KEYS = ("currency", "costs_to_hearing", "recoverable", "fee_rule", "forum_law", "offers",
              "judgment_date", "base_rate", "above_base", "note")
FEE_RULES = ("forum", "own_costs", "loser_pays", "prevailing_party")
MAX_AMOUNT = Fraction(10) ** 15


@dataclass(frozen=True)
class Offer:
    by: str            # client | provider
    amount: Fraction
    expired: date | None = None   # when the offer's relevant period expired


@dataclass
class Costs:
    client: Fraction = Fraction(0)
    provider: Fraction = Fraction(0)
    recoverable: Fraction = Fraction(1)
    rule: FeeRule | None = None
    offers: list[Offer] = field(default_factory=list)
    source: str = ""
    notes: list[str] = field(default_factory=list)
    # a claimant's Part 36 offer beaten (CPR 36.17(4)): the enhanced rate and the dates it runs
    judgment_date: date | None = None
    base_rate: Fraction | None = None
    above_base: Fraction | None = None      # None: the most the rule allows
    base_rate_note: str = ""                # the rate, its date and source, in words
    in_offer_currency: bool = False         # the case is in the currency of 36.17(4)(d)

    def enhanced_rate(self) -> Fraction | None:
        if self.base_rate is None or not self.rule or not self.rule.claimant_offer:
            return None
        ceiling = Fraction(str(self.rule.claimant_offer["max_above_base"]))
        return self.base_rate + (ceiling if self.above_base is None else self.above_base)

    def claimant_offer(self, award: Fraction, offer: Offer) -> Enhancement:
        """What CPR 36.17(4)(a), (c) and (d) add to an award that beats this client's offer."""
        return enhancement(award, self.client, self.enhanced_rate(), offer.expired,
                           self.judgment_date, self.rule.claimant_offer, self.in_offer_currency)

    def outcome(self, award: Fraction, route: str) -> tuple[Fraction, Fraction]:
        """(what the client nets, what the provider pays out) for an award after a hearing."""
        cc, cp, r = self.client, self.provider, self.recoverable
        kind = self.rule.kind if self.rule else "own_costs"
        part36 = bool(self.rule and self.rule.offers == "part36")
        by_provider = [o.amount for o in self.offers if o.by == "provider"] if part36 else []
        beaten = [o for o in self.offers if o.by == "client" and award >= o.amount] \
            if part36 and award > 0 else []
        if by_provider and award <= max(by_provider):
            return award - cc - r * cp, award + cp - r * cp
        if beaten:
            # the beaten offer whose relevant period expired first (then the lowest)
            offer = min(beaten, key=lambda o: (o.expired or date.max, o.amount))
            extra = self.claimant_offer(award, offer).total
            return award + extra, award + cp + cc + extra
        if kind == "loser_pays":
            if award > 0:
                return award - cc + r * cc, award + cp + r * cc
            return -cc - r * cp, cp - r * cp
        if kind == "claimant_statute" and award > 0 and route in self.rule.routes:
            return award - cc + r * cc, award + cp + r * cc
        return award - cc, award + cp


def load_costs(path: str | None, case) -> Costs:
    """The costs file, with the forum's fee rule; without a file, no costs and the forum's rule."""
    if not path:
        return costs_from_mapping(None, case, "")
    from facts.loader import read_raw
    return costs_from_mapping(read_raw(path, "costs file"), case, path)


def costs_from_mapping(raw: dict | None, case, path: str) -> Costs:
    """Costs given as a costs file's mapping (a file's, or a workbench's inputs), checked; `path`
    names them in an error. None: no costs given, and the forum's rule."""
    law = case.case.governing_law
    costs = Costs()
    given = raw is not None
    raw = raw if given else {}
    if given:
        if not isinstance(raw, dict):
            raise FaultlineInputError(path, "", "expected a mapping of costs keys")
        costs.source = path
        for key in raw:
            if key not in COSTS_KEYS:
                raise FaultlineInputError(path, str(key), f"not a key of a costs file"
                                          f"{did_you_mean(key, COSTS_KEYS)}; expected "
                                          f"{', '.join(COSTS_KEYS)}")
        currency = raw.get("currency")
        if currency is not None and currency != case.case.currency:
            raise FaultlineInputError(path, "currency", f"{currency!r} is not the case's currency "
                                                        f"({case.case.currency}); give the costs in "
                                                        f"{case.case.currency}")
        spent = raw.get("costs_to_hearing") or {}
        if not isinstance(spent, dict):
            raise FaultlineInputError(path, "costs_to_hearing", "expected each side's costs to a "
                                                                "hearing, e.g. {client: 1200000, "
                                                                "provider: 900000}")
        for side, value in spent.items():
            if side not in ("client", "provider"):
                raise FaultlineInputError(path, f"costs_to_hearing.{side}",
                                          "expected client or provider")
            setattr(costs, side, amount(path, f"costs_to_hearing.{side}", value))
        if "recoverable" in raw:
            costs.recoverable = chance(path, "recoverable", raw["recoverable"])
        law = raw.get("forum_law") or law
        if not isinstance(law, str):
            raise FaultlineInputError(path, "forum_law", "expected a jurisdiction id, e.g. UK")
        costs.offers = _offers(path, raw.get("offers") or [])
    costs.rule = _rule(path, raw.get("fee_rule", "forum"), law)
    if given:
        from engine.settlement_part36 import read_enhancement_inputs
        read_enhancement_inputs(costs, raw, path, case.case.currency)
    if not given:
        costs.notes.append("No costs file: each side's costs to a hearing are taken as nil, so "
                           "the walk-away values are the expected award.")
    if "recoverable" not in raw and costs.rule.kind != "own_costs":
        costs.notes.append("Where costs shift, the whole of the winner's costs is taken as "
                           "recovered (recoverable: 1); assessment usually allows less; the costs "
                           "file's recoverable gives the share.")
    note = arbitration_note(case.case.forum)
    if note:
        costs.notes.append(note)
    if costs.offers and costs.rule.offers != "part36":
        costs.notes.append(f"Offers are stated but shift no costs in this computation under "
                           f"{costs.rule.name}" + (f" ({costs.rule.offer_rule.split()[0]}: only "
                                                   f"taxable costs after the offer)"
                                                   if costs.rule.offer_rule else "") + ".")
    if costs.offers and costs.rule.offers == "part36":
        from engine.settlement_part36 import part36_notes
        costs.notes += part36_notes(costs, case.case.currency)
    return costs


def _rule(path: str | None, name, law: str) -> FeeRule:
    if name not in FEE_RULES:
        raise FaultlineInputError(path or "costs file", "fee_rule",
                                  f"{name!r} is not a fee rule{did_you_mean(name, FEE_RULES)}; "
                                  f"expected {', '.join(FEE_RULES)}")
    base = fee_rule(law)
    if name == "prevailing_party":
        return contract_clause(base)
    if name in ("own_costs", "loser_pays") and base.kind != name:
        return FeeRule(name, name.replace("_", " "), name, f"named in the costs file instead of "
                       f"{base.name}", (), offers=base.offers, offer_rule=base.offer_rule,
                       claimant_offer_rule=base.claimant_offer_rule,
                       claimant_offer=base.claimant_offer)
    return base


def _offers(path: str, items) -> list[Offer]:
    if not isinstance(items, list):
        raise FaultlineInputError(path, "offers", "expected a list, e.g. [{by: provider, amount: "
                                                  "2500000}]")
    out = []
    for i, item in enumerate(items):
        where = f"offers[{i}]"
        if not isinstance(item, dict) or set(item) - {"by", "amount", "relevant_period_expired",
                                                      "note"}:
            raise FaultlineInputError(path, where, "expected {by: client|provider, amount: N, "
                                                   "relevant_period_expired: DATE}")
        if item.get("by") not in ("client", "provider"):
            raise FaultlineInputError(path, f"{where}.by", "expected client or provider")
        from engine.settlement_part36 import a_date
        expired = item.get("relevant_period_expired")
        out.append(Offer(item["by"], amount(path, f"{where}.amount", item.get("amount")),
                         a_date(path, f"{where}.relevant_period_expired", expired)
                         if expired is not None else None))
    return out


def amount(path: str, where: str, value) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise FaultlineInputError(path, where, "expected an amount of money, e.g. 1200000")
    try:
        number = Fraction(repr(value) if isinstance(value, float) else str(value).strip()
                          .replace(",", "").replace("_", ""))
    except (ValueError, ZeroDivisionError):
        raise FaultlineInputError(path, where, f"{value!r} is not an amount; expected a number, "
                                               f"e.g. 1200000") from None
    if not 0 <= number < MAX_AMOUNT:
        raise FaultlineInputError(path, where, "expected an amount from 0 to 10^15")
    return number
