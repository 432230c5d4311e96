"""Whether the client's own fault reduces its contract damages, under the governing law
(rules/data/contract_fault.yaml).

In general contract damages are not reduced for the claimant's comparative fault; the client's
avoidable consequences are a separate matter (rules/claims/contract_damages.py). English law
apportions under the Law Reform (Contributory Negligence) Act 1945 where the contractual duty
broken is a duty of care the same as one the provider owed in tort (Vesta v Butcher), and not for
a strict obligation. Which the provider's broken promise was is for the court, so the reduction is
given as the low end of a range, with the question named.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache

from rules.authorities import Citation, citations_text
from rules.claims.law import _cites, _ids
from rules.legal_time.datafiles import DATA_DIR, DataFileError, load_yaml

CONTRACT_FAULT_FILE = DATA_DIR / "contract_fault.yaml"


@dataclass(frozen=True)
class ContractFault:
    id: str
    name: str
    status: str
    citations: tuple[Citation, ...]
    decides: str


@lru_cache(maxsize=1)
def contract_fault_laws() -> dict[str, ContractFault]:
    data = load_yaml(CONTRACT_FAULT_FILE)
    if not isinstance(data, dict) or set(data) != {"jurisdictions"}:
        raise DataFileError(f"{CONTRACT_FAULT_FILE}: expected jurisdictions")
    out: dict[str, ContractFault] = {}
    for raw in data["jurisdictions"]:
        if raw.get("status") != "arguable" or not raw.get("decides"):
            raise DataFileError(f"{CONTRACT_FAULT_FILE}: {raw.get('id')}: status must be "
                                f"arguable, with what decides it")
        entry = ContractFault(raw["id"], raw["name"], raw["status"],
                              _cites(CONTRACT_FAULT_FILE, raw["id"], raw.get("authority")),
                              " ".join(raw["decides"].split()))
        for key in _ids(raw):
            out[key] = entry
    return out


def contract_fault_law(law) -> ContractFault | None:
    return contract_fault_laws().get(str(law).strip().upper())


def reduced_measure(c, found, allocation):
    """(the law, the client's harm-weighted share of what is recoverable, a copy of the measure
    with each head reduced by the client's responsibility in its tranche) where the governing
    law may apportion contract damages and the client carries responsibility for some
    recoverable harm; None otherwise. Each head is reduced by the client's responsibility for
    that tranche, so harm already removed as avoidable is not counted against the client again."""
    law = contract_fault_law(c.get("case.governing_law"))
    if law is None or found.recoverable <= 0:
        return None
    by_tranche = {t["id"]: Decimal(t["responsibility"].get("client", "0"))
                  for t in (allocation or {}).get("tranches") or []}
    heads = []
    for h in found.heads:
        client = by_tranche.get(h.id, by_tranche.get(f"head:{h.id}", Decimal(0)))
        keep = Decimal(1) - client
        heads.append(replace(h, caused=h.caused * keep, avoidable=h.avoidable * keep))
    reduced = replace(found, heads=heads)
    share = (found.recoverable - reduced.recoverable) / found.recoverable
    if share <= 0:
        return None
    return law, share, reduced


def reduction_sentence(law: ContractFault, share: Decimal, reduced: str, full: str) -> str:
    return (f"Under the law of {law.name} the client's own fault reduces contract damages if "
            f"{law.decides} ({citations_text(law.citations)}); the client's responsibility for "
            f"the recoverable harm, tranche by tranche, is {share:.2%}: then {reduced}; "
            f"otherwise {full}. Both are given, as a range.")
