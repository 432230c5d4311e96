"""The arithmetic of a comparative-fault regime: what a client with a given share of fault
recovers in negligence, in Decimal, with the sentence that shows it (the regimes themselves are
data, read by fault_regimes.py).
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal

from rules.legal_time.fault_regimes import FALLBACK_ID, KIND_LABELS, FaultRegime

CENT = Decimal("0.01")
HALF = Decimal("0.5")
_BAR_WORDS = {"modified_50": "barred at 50% or more", "modified_51": "barred above 50%",
              "pure_contributory": "barred by any fault"}


@dataclass(frozen=True)
class Recovery:
    amount: Decimal
    barred: bool
    sentence: str
    fraction: Decimal


def _decimal(value: object, what: str) -> Decimal:
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
    except ArithmeticError:
        raise ValueError(f"{what} must be a number, got {value!r}") from None
    if not number.is_finite():
        raise ValueError(f"{what} must be finite, got {value!r}")
    return number


def _pct(share: Decimal) -> str:
    return f"{(share * 100).normalize():f}%"


def _money(amount: Decimal) -> str:
    return f"{amount.quantize(CENT, ROUND_HALF_EVEN):,.2f}"


def _is_barred(kind: str, share: Decimal, slight_max: Decimal | None) -> bool:
    return {"pure_comparative": False, "modified_50": share >= HALF, "modified_51": share > HALF,
            "pure_contributory": share > 0,
            "slight_gross": slight_max is not None and share > slight_max}[kind]


def recoverable(damages: Decimal, client_share: Decimal, regime: FaultRegime, *,
                slight_max_share: Decimal | None = None,
                non_economic: Decimal | None = None) -> Recovery:
    """What the client recovers in negligence after its own share of fault, under `regime`.
    `slight_max_share` overrides the slight/gross approximation for this call. `non_economic` is
    the part of `damages` that is non-economic (default none: a business's breach losses are
    economic); it matters where the bar reaches only non-economic damages (Michigan)."""
    damages = _decimal(damages, "damages")
    share = _decimal(client_share, "client_share")
    soft = _decimal(non_economic or 0, "non_economic")
    if damages < 0 or not 0 <= share <= 1 or not 0 <= soft <= damages:
        raise ValueError(f"need damages >= 0, 0 <= client_share <= 1 and 0 <= non_economic <= "
                         f"damages, got {damages}, {share}, {soft}")
    slight_max = (_decimal(slight_max_share, "slight_max_share") if slight_max_share is not None
                  else regime.slight_max_share)
    bar_hit = _is_barred(regime.kind, share, slight_max)
    partial = regime.bar_applies_to == "non_economic"
    barred = bar_hit and not partial
    kept = Decimal(1) if regime.kind == "pure_contributory" else Decimal(1) - share
    if partial and bar_hit:
        amount = ((damages - soft) * kept).quantize(CENT, ROUND_HALF_EVEN)
        fraction = amount / damages if damages else kept
    else:
        fraction = Decimal(0) if barred else kept
        amount = (damages * fraction).quantize(CENT, ROUND_HALF_EVEN)
    lead = (f"No fault regime is recorded for {regime.requested}; falling back to pure "
            f"apportionment. " if regime.fallback_used else "")
    label = KIND_LABELS[regime.kind] + (" on non-economic damages only" if partial else "")
    under = ("Under pure apportionment" if regime.id == FALLBACK_ID
             else f"Under {regime.name} ({label}; {regime.authority})")
    if barred:
        bar = _BAR_WORDS.get(regime.kind) or (f"barred unless slight, modelled as above "
                                              f"{_pct(slight_max)}")
        outcome = f"is barred ({bar}) and recovers {_money(amount)} of {_money(damages)}"
    elif partial and bar_hit:
        outcome = (f"loses its non-economic damages ({_money(soft)}) but its economic damages "
                   f"are reduced, not barred: {_money(damages - soft)} × {_pct(kept)} = "
                   f"{_money(amount)}")
    elif share == 0:
        outcome = f"recovers the full {_money(amount)}"
    else:
        outcome = f"recovers {_money(damages)} × {_pct(fraction)} = {_money(amount)}"
    sentence = f"{lead}{under}, a client {_pct(share)} at fault {outcome}."
    if regime.version_reason:
        sentence += f" The version applied: {regime.version_reason}."
    return Recovery(amount=amount, barred=barred, sentence=sentence, fraction=fraction)
