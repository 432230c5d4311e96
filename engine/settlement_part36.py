"""What a claimant's Part 36 offer that the judgment matches or beats adds (England and Wales).

Where judgment against the defendant is at least as advantageous to the claimant as the
proposals in the claimant's own Part 36 offer, the court must, unless it considers it unjust,
order that the claimant is entitled to (CPR 36.17(4)):

(a) interest on the whole or part of the sum awarded (excluding interest) at a rate not
    exceeding 10% above base rate, for some or all of the period from the date the relevant
    period expired;
(b) its costs on the indemnity basis from that date;
(c) interest on those costs at a rate not exceeding 10% above base rate; and
(d) an additional amount, at most £75,000: 10% of the sum awarded up to £500,000, and above it
    10% of the first £500,000 and 5% of the rest.

Computed here on stated assumptions (each is said in the result): the enhanced rate is the base
rate the costs file gives (with its date and source) plus the points above it the file gives
(default: 10, the most the rule allows; the court may order less); (a) runs on the whole award
from the relevant period's expiry to the expected date of judgment; (b) is the whole of the
client's costs to a hearing, all taken as incurred after the expiry; (c) runs on those costs for
half of that period, as if they were spent evenly over it; (d) only for a case in the currency
of its amounts (pounds sterling). The percentages, bands and cap of (d) and the 10-point ceiling
are data (rules/data/fee_rules.yaml, `claimant_offer`), dated, with their source. The court's
power to find any of (a) to (d) unjust (CPR 36.17(5)) is stated, not modelled.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction

DAYS_A_YEAR = 365   # simple interest by days over a 365-day year (the Judgments Act convention)


@dataclass(frozen=True)
class Enhancement:
    """What (a) to (d) add for one award, and the sentence that says how."""
    interest: Fraction
    costs_interest: Fraction
    additional: Fraction

    @property
    def total(self) -> Fraction:
        return self.interest + self.costs_interest + self.additional


def years_between(start: date, end: date) -> Fraction:
    return Fraction(max((end - start).days, 0), DAYS_A_YEAR)


def additional_amount(award: Fraction, table: dict) -> Fraction:
    """CPR 36.17(4)(d): the prescribed percentage of the sum awarded, at most the cap."""
    band = Fraction(str(table["band"]))
    lower, upper = Fraction(str(table["rate_to_band"])), Fraction(str(table["rate_above_band"]))
    amount = lower * min(award, band) + upper * max(award - band, Fraction(0))
    return min(amount, Fraction(str(table["cap"])))


def enhancement(award: Fraction, client_costs: Fraction, rate: Fraction | None,
                expired: date | None, judgment: date | None, table: dict,
                in_currency: bool) -> Enhancement:
    """(a) to (d) for an award that matches or beats the client's offer; what cannot be computed
    (no base rate, no dates, another currency) adds nothing and is said by the caller."""
    interest = costs_interest = Fraction(0)
    if rate is not None and expired is not None and judgment is not None:
        years = years_between(expired, judgment)
        interest = award * rate * years
        costs_interest = client_costs * rate * years / 2
    additional = additional_amount(award, table) if in_currency else Fraction(0)
    return Enhancement(interest, costs_interest, additional)


def a_date(path: str, where: str, value) -> date:
    """A date from a costs file (YAML gives one for 2026-03-01; text is read the same way)."""
    from datetime import datetime

    from facts.errors import FaultlineInputError
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise FaultlineInputError(path, where, f"{value!r} is not a date; expected one like "
                                               f"2026-03-01") from None


def read_enhancement_inputs(costs, raw: dict, path: str, currency: str) -> None:
    """The costs file's judgment_date, base_rate ({rate, as_of, source}) and above_base."""
    from engine.settlement_questions import chance
    from facts.errors import FaultlineInputError
    table = costs.rule.claimant_offer if costs.rule else None
    if raw.get("judgment_date") is not None:
        costs.judgment_date = a_date(path, "judgment_date", raw["judgment_date"])
    given = raw.get("base_rate")
    if given is not None:
        if not isinstance(given, dict) or set(given) != {"rate", "as_of", "source"}:
            raise FaultlineInputError(path, "base_rate", "expected {rate: 4%, as_of: DATE, "
                                                         "source: where the rate was read}")
        costs.base_rate = chance(path, "base_rate.rate", given["rate"])
        as_of = a_date(path, "base_rate.as_of", given["as_of"])
        source = str(given["source"]).strip()
        if not source:
            raise FaultlineInputError(path, "base_rate.source", "expected where the rate was "
                                                                "read, e.g. the Bank of England")
        costs.base_rate_note = f"{_pct(costs.base_rate)} as of {as_of.isoformat()} ({source})"
    if raw.get("above_base") is not None:
        costs.above_base = chance(path, "above_base", raw["above_base"])
        ceiling = Fraction(str(table["max_above_base"])) if table else Fraction(0)
        if costs.above_base > ceiling:
            raise FaultlineInputError(path, "above_base", f"at most {_pct(ceiling)} above base "
                                                          f"rate under the forum's rule")
    costs.in_offer_currency = bool(table) and currency == table["currency"]


def part36_notes(costs, currency: str) -> list[str]:
    """What a claimant's beaten offer adds, on which assumptions, and what is left out."""
    table = costs.rule.claimant_offer
    if not table or not any(o.by == "client" for o in costs.offers):
        return [("A Part 36 offer's consequences apply unless the court considers them unjust "
                 "(not modelled).")]
    rate = costs.enhanced_rate()
    points = Fraction(str(table["max_above_base"])) if costs.above_base is None \
        else costs.above_base
    opening = (f"A client's Part 36 offer that the award matches or beats gives the client, "
               f"unless the court considers it unjust (not modelled), its costs on the indemnity "
               f"basis (taken as all of its costs to a hearing) and, as computed here "
               f"({table['source']}):")
    out = [opening]
    dated = all(o.expired for o in costs.offers if o.by == "client")
    if rate is not None and dated and costs.judgment_date:
        out.append(f"interest on the award at {_pct(rate)} a year (base rate "
                   f"{costs.base_rate_note}, plus {_pct(points)[:-1]} percentage points"
                   f"{', the most the rule allows; the court may order less' if costs.above_base is None else ''}) from "
                   f"the expiry of the offer's relevant period to judgment on "
                   f"{costs.judgment_date.isoformat()}, and on the client's costs at that rate "
                   f"for half that period (taken as spent evenly over it);")
    else:
        missing = [what for what, present in (
            ("base_rate", rate is not None), ("judgment_date", costs.judgment_date is not None),
            ("relevant_period_expired for each client offer", dated)) if not present]
        out.append(f"no enhanced interest on the award or on the costs: the costs file gives no "
                   f"{' and no '.join(missing)};")
    if costs.in_offer_currency:
        out.append(f"the additional amount: {_pct(Fraction(str(table['rate_to_band'])))} of the "
                   f"award up to {table['currency']} {int(table['band']):,} and "
                   f"{_pct(Fraction(str(table['rate_above_band'])))} of the rest, at most "
                   f"{table['currency']} {int(table['cap']):,}.")
    else:
        out.append(f"no additional amount: its amounts are in {table['currency']} and the case "
                   f"is in {currency}.")
    return [" ".join(out)]


def _pct(value: Fraction) -> str:
    """0.14 as '14%', 0.0425 as '4.25%'."""
    hundredths = value * 100
    if hundredths.denominator == 1:
        return f"{hundredths.numerator}%"
    return f"{float(hundredths):.2f}".rstrip("0").rstrip(".") + "%"
