"""The harm: heads of loss with their amounts and accrual dates, and the totals they make up.

Heads are the way to record harm: each loss once, of one kind, with when it accrued where the
record says. `total`, `regulatory_fines` and `response_costs` are then sums of the heads — derived
when left out, and checked against the heads when written (facts/case_checks.py), so no figure
holds only because it was counted twice or not at all. When every head is dated, `accrual` (the
harm over time, which the causation rules read) is the heads in time order; a file then does not
write `accrual` as well.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Literal, Optional

from pydantic import PrivateAttr, model_validator

from facts.model.base import UNKNOWN, Strict, Unknowable, described
from facts.types import Count, Money, Timestamp

HarmKind = Literal["response_costs", "regulatory_fine", "third_party_claims",
                   "business_interruption", "ransom", "other"]
# Whether a head is a direct (general) or a consequential (special) loss: a question the parties
# argue and the tribunal decides, so an input (and disputable), never derived from the kind.
LossType = Literal["direct", "consequential"]
REGIME = r"^[a-z]{2}(-[a-z0-9.]+)+$"


class HarmAccrual(Strict):
    at: Unknowable[Timestamp] = described("when this part of the harm occurred",
                                          "the moment the loss accrued")
    amount: Unknowable[Money] = described("the amount of this part of the harm",
                                          "in the case currency")
    what: Unknowable[Optional[str]] = described("what this part of the harm was", "in words", None)
    loss_type: Unknowable[LossType] = described(
        "whether this part of the harm is a direct or a consequential loss", "direct or "
        "consequential; left out, unknown (a consequential-loss exclusion is then shown both ways)",
        UNKNOWN)


class HarmHead(Strict):
    id: str = described("the harm head's id", "unique within incident.harm.heads",
                        pattern=r"^[A-Za-z0-9_.:-]+$")
    kind: Unknowable[HarmKind] = described(
        "what kind of loss harm head {id} is", "response_costs, regulatory_fine, "
        "third_party_claims, business_interruption, ransom, other")
    amount: Unknowable[Money] = described("the amount of harm head {id}", "in the case currency")
    regime: Optional[str] = described(
        "the regime that fined the client in harm head {id}", "for a regulatory_fine: the regime "
        "id (eu-gdpr, us-hipaa, ...)", None, pattern=REGIME)
    accrued_at: Unknowable[Timestamp] = described(
        "when harm head {id} accrued", "the moment the loss was incurred", UNKNOWN)
    what: Optional[str] = described("what harm head {id} was", "in words", None,
                                    max_length=2000)
    loss_type: Unknowable[LossType] = described(
        "whether harm head {id} is a direct or a consequential loss", "direct or consequential; "
        "left out, unknown (a consequential-loss exclusion is then shown both ways)", UNKNOWN)


def sum_of(heads: list[HarmHead], kinds: tuple[str, ...] | None = None):
    """The heads' total (of these kinds), or UNKNOWN when an amount or kind it needs is unknown."""
    total = Decimal(0)
    for head in heads:
        if head.kind is UNKNOWN and kinds is not None:
            return UNKNOWN
        if kinds is not None and head.kind not in kinds:
            continue
        if head.amount is UNKNOWN:
            return UNKNOWN
        total += head.amount
    return total


class Harm(Strict):
    total: Unknowable[Optional[Money]] = described(
        "the total harm", "all losses claimed; left out where heads are given, their sum", None)
    heads: list[HarmHead] = described("the heads of loss", "each loss once, with its kind, "
                                      "amount and accrual date", [], item_label="harm head {id}")
    records_affected: Unknowable[Count] = described("how many records were affected",
                                                    "personal records exposed", 0)
    accrual: list[HarmAccrual] = described("when each part of the harm occurred",
                                           "the harm over time", [])
    regulatory_fines: Unknowable[Money] = described(
        "the regulatory fines", "fines included in the total; with heads, the sum of the "
        "regulatory_fine heads", 0)
    response_costs: Unknowable[Money] = described(
        "the response costs", "response costs included in the total; with heads, the sum of "
        "the response_costs heads", 0)

    # whether `accrual` is the dated heads (not written in the file)
    _accrual_from_heads: bool = PrivateAttr(False)

    @property
    def accrual_from_heads(self) -> bool:
        return self._accrual_from_heads

    @model_validator(mode="after")
    def _sums_from_heads(self) -> "Harm":
        if not self.heads:
            return self
        written = self.model_fields_set
        if "total" not in written or self.total is None:
            self.__dict__["total"] = sum_of(self.heads)
        for name, kind in (("regulatory_fines", "regulatory_fine"),
                           ("response_costs", "response_costs")):
            if name not in written:
                self.__dict__[name] = sum_of(self.heads, (kind,))
        # When each loss accrued is recorded once, on its head; the harm over time is then the
        # heads in time. Only when every head is dated and known: a partial series would count
        # the undated losses as if they had accrued at no moment at all.
        if not self.accrual and all(h.accrued_at is not UNKNOWN and h.amount is not UNKNOWN
                                    for h in self.heads):
            self.__dict__["accrual"] = [
                HarmAccrual(at=h.accrued_at, amount=h.amount, what=h.what or h.kind)
                for h in sorted(self.heads, key=lambda h: (h.accrued_at, h.id))]
            self._accrual_from_heads = True
        return self
