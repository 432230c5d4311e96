"""The harm in tranches: by time, and by head of loss where the case records heads.

Damages that can be divided by causation are divided first (Restatement (Third) of Torts:
Apportionment of Liability §26). The record divides them where it dates them: each accrual entry
(or each dated head of loss) is a tranche of its own. Harm the record does not date is assumed to
have accrued evenly over the impact window (the intrusion's start to its containment, or to
discovery where containment is not recorded), a stated assumption; that window is cut at every
moment a failure's causal window opens or closes, so each piece has one set of causes.

Only proportions matter downstream: a tranche's weight is its amount over the total, so scaling
every amount leaves every share unchanged.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from facts.unknown import UNKNOWN
from rules.common import elapsed, when


@dataclass
class Tranche:
    id: str
    amount: Decimal             # money where the record gives it; else seconds of the window
    start: datetime | None      # an interval (start, end] for spread harm ...
    end: datetime | None
    at: datetime | None = None  # ... or the moment a dated item accrued
    what: str = ""
    head: str = ""
    basis: str = ""             # "accrual", "head", "even spread"
    loss_type: str = ""         # an accrual entry's recorded direct / consequential, else ""

    def caused_by(self, window) -> bool:
        """Whether the harm of this tranche accrued inside a causal window."""
        if window.start is None:
            return False
        if self.at is not None:
            return self.at > window.start and (window.end is None or self.at <= window.end)
        return self.start >= window.start and (window.end is None or self.end <= window.end)

    def label(self) -> str:
        if self.at is not None:
            return f"{self.what or self.head or 'harm'} accrued {when(self.at)}"
        return f"harm spread evenly over {when(self.start)} to {when(self.end)}"


def tranches(c, cuts: list[datetime]) -> tuple[list[Tranche], str]:
    """The tranches and a sentence saying how the harm was divided."""
    start = c.get("incident.timeline.intrusion_start")
    end = c.known("incident.timeline.containment")
    if end in (None, UNKNOWN):
        end = c.get("incident.timeline.discovery")
    total = Decimal(str(c.get("incident.harm.total") or 0))
    dated, undated_amount, basis = _dated(c)
    out = list(dated)
    recorded = sum((t.amount for t in dated), Decimal(0))
    remainder = max(total - recorded, Decimal(0)) + undated_amount
    if not dated or remainder > 0:
        # Undated harm: an even spread over the impact window.
        out += _spread(start, end, cuts, remainder if remainder > 0 else None)
    if sum((t.amount for t in out), Decimal(0)) == 0:
        # No amount recorded anywhere: the window's time alone weighs the tranches.
        out = _spread(start, end, cuts, None)
    how = basis
    if any(t.basis == "even spread" for t in out):
        how += ("; " if how else "") + (
            f"harm not dated in the record is assumed to accrue evenly from {when(start)} to "
            f"{when(end)}")
    return out, how


def _dated(c) -> tuple[list[Tranche], Decimal, str]:
    heads = c.items("incident.harm.heads")
    if heads:
        dated, undated = [], Decimal(0)
        for h in heads:
            at = h.known("accrued_at")
            amount = Decimal(str(h["amount"] or 0))
            if at in (None, UNKNOWN):
                undated += amount
            else:
                dated.append(Tranche(f"head:{h['id']}", amount, None, None, at,
                                     h.get("what") or "", h.get("kind") or "", "head"))
        return dated, undated, f"{len(dated)} dated head(s) of loss are tranches of their own"
    accrual = c.get("incident.harm.accrual") or []
    dated = [Tranche(f"T{i + 1}", Decimal(str(a["amount"])), None, None, a["at"],
                     a.get("what") or "", a.get("head") or "", "accrual",
                     a.get("loss_type") if a.get("loss_type") in ("direct", "consequential")
                     else "")
             for i, a in enumerate(sorted(accrual, key=lambda a: a["at"]))]
    return dated, Decimal(0), (f"{len(dated)} accrual entries are tranches of their own"
                               if dated else "")


def _spread(start: datetime, end: datetime, cuts: list[datetime],
            amount: Decimal | None) -> list[Tranche]:
    """The window cut at each causal boundary; each piece's amount is its share of `amount`
    by duration (or its duration in seconds where no amount is given)."""
    if end is None or end <= start:
        return [Tranche("S1", amount if amount is not None else Decimal(1), start, start,
                        None, basis="even spread")]
    points = sorted({start, end} | {t for t in cuts if start < t < end})
    span = Decimal(str(elapsed(end, start).total_seconds()))
    out = []
    for i, (a, b) in enumerate(zip(points, points[1:])):
        seconds = Decimal(str(elapsed(b, a).total_seconds()))
        share = seconds if amount is None else amount * seconds / span
        out.append(Tranche(f"S{i + 1}", share, a, b, None, basis="even spread"))
    return out
