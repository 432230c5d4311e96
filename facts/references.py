"""References inside a case resolve: an id that names another part of the case (the vendor whose
product was the way in names a non-party) must name one that the case declares. A dangling id is
refused with the nearest declared id, never given a share of the fault."""
from __future__ import annotations

from facts.errors import did_you_mean
from facts.model import Case


def check_references(case: Case) -> tuple[str, str] | None:
    """(field path, message) for the first id that names nothing in the case, else None."""
    vendor = case.incident.vector.vendor
    declared = sorted(p.id for p in case.parties.non_parties)
    if isinstance(vendor, str) and vendor not in declared:
        listed = f"declared: {', '.join(declared)}" if declared else \
            "parties.non_parties declares none"
        return ("incident.vector.vendor",
                f"{vendor!r} is not a declared non-party{did_you_mean(vendor, declared)}; "
                f"expected the id of an entry of parties.non_parties ({listed})")
    return None
