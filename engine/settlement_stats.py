"""The arithmetic of a settlement analysis: a distribution over awards, exactly.

Chances are Fractions (an odds file's 0.3 is 3/10), so an exact analysis has no rounding at all
until the figures are written out (money to the cent, chances to four places). A distribution is
a list of points (chance, amount); the chances add up to one.

- expected value: the sum of chance x amount;
- a percentile q: the smallest amount at which the cumulative chance reaches q (so the median of
  a 30/70 split between two amounts is the one with 70%);
- the chance of nothing: the total chance of the amount 0.

A sampled analysis (engine/settlement_tree.py) gives each drawn combination the weight of its
draws. Its error bound is Hoeffding's: with N draws, every chance it reports (a cumulative chance,
the chance of nothing) is within eps = sqrt(ln(2/delta) / 2N) of the exact one with probability
1 - delta, and the expected value within eps x R, R the largest award possible (the harm).
"""
from __future__ import annotations

import math
from decimal import ROUND_HALF_EVEN, Decimal, localcontext
from fractions import Fraction

CONFIDENCE = Fraction(99, 100)
PERCENTILES = {"p10": Fraction(1, 10), "median": Fraction(1, 2), "p90": Fraction(9, 10)}

Point = tuple[Fraction, Fraction]   # (chance, amount)


def merged(points: list[Point]) -> list[Point]:
    """Points with equal amounts joined, zero chances dropped, by amount."""
    by_amount: dict[Fraction, Fraction] = {}
    for chance, amount in points:
        if chance:
            by_amount[amount] = by_amount.get(amount, Fraction(0)) + chance
    return [(by_amount[a], a) for a in sorted(by_amount)]


def normalised(points: list[Point]) -> list[Point]:
    total = sum((c for c, _ in points), Fraction(0))
    if total <= 0:
        return []
    return [(c / total, a) for c, a in points] if total != 1 else list(points)


def expected(points: list[Point]) -> Fraction:
    return sum((c * a for c, a in points), Fraction(0))


def percentile(points: list[Point], q: Fraction) -> Fraction:
    """The smallest amount whose cumulative chance reaches q (points merged and normalised)."""
    running = Fraction(0)
    ordered = merged(points)
    for chance, amount in ordered:
        running += chance
        if running >= q:
            return amount
    return ordered[-1][1]


def summary(points: list[Point]) -> dict[str, Fraction]:
    points = merged(normalised(points))
    if not points:
        return {}
    out = {"expected": expected(points), "min": points[0][1], "max": points[-1][1],
           "p_nothing": sum((c for c, a in points if a == 0), Fraction(0))}
    out.update({name: percentile(points, q) for name, q in PERCENTILES.items()})
    return out


def hoeffding_eps(samples: int, confidence: Fraction = CONFIDENCE) -> float:
    """The bound on any chance estimated from `samples` independent draws, at `confidence`."""
    delta = float(1 - confidence)
    return math.sqrt(math.log(2 / delta) / (2 * samples))


# --- writing figures out --------------------------------------------------------------------

def money(x: Fraction) -> str:
    """To the cent, half to even: the JSON's amounts are strings of cents, as the result's are."""
    with localcontext() as ctx:
        ctx.prec = 60
        return str((Decimal(x.numerator) / Decimal(x.denominator))
                   .quantize(Decimal("0.01"), ROUND_HALF_EVEN))


def chance_text(x: Fraction) -> str:
    with localcontext() as ctx:
        ctx.prec = 60
        return str((Decimal(x.numerator) / Decimal(x.denominator))
                   .quantize(Decimal("0.0001"), ROUND_HALF_EVEN))


def written(stats: dict[str, Fraction]) -> dict[str, str]:
    return {k: (chance_text(v) if k == "p_nothing" else money(v)) for k, v in stats.items()}


def distribution_written(points: list[Point]) -> list[dict[str, str]]:
    return [{"amount": money(a), "chance": chance_text(c)}
            for c, a in merged(normalised(points))]
