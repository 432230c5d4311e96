"""A breach known and kept from the other party (CONC-001, concealment.withheld) as a row of the
allocation.

- The provider kept a known breach from the client: that is its late notice to the client told
  another way, so it joins the late-notice row where there is one (aggravated: concealed) and is a
  row of its own otherwise; one failure, one row.
- The client kept a known breach from the provider: the provider could not respond to what it was
  not told, so the client's silence is a row of the client's.

Each row caused the harm after the moment telling the other party, then containment, would have
ended the intrusion (rules/apportionment/windows.py). Concealment from anyone else (a regulator,
the individuals) bears on notices and fines, not on this allocation.
"""
from __future__ import annotations

from facts.unknown import UNKNOWN

OTHER = {"provider": "client", "client": "provider"}
# A payment or agreement buying the attacker's silence (CONC-002) kept from the other party hides
# the breach from it as withholding does: the same failure to tell, so the same kind of row.
CONCEALING = ("concealment.withheld", "concealment.attacker_deal")


def add_concealment_roots(c, roots: dict, make) -> None:
    """Add each established concealment from the other party to `roots`; `make(key, party,
    title)` gets or creates a row (roots._get)."""
    found = [(party, f) for party in ("provider", "client") for element in CONCEALING
             for f in c.findings(element, party=party)]
    for party, f in found:
        item = c.item("incident.concealment", f["subject"])
        if item is None or item.known("concealed_from") != OTHER[party]:
            continue
        where = f"incident.concealment[{f['subject']}]"
        notice = roots.get("provider:notice-to-client") if party == "provider" else None
        if notice is not None:
            notice.add(f, where)
            notice.aggravate("concealed", f"{where}: the breach was known and kept from "
                                          f"the client")
            continue
        root = make(f"{party}:concealment:{f['subject']}", party,
                    f"the breach kept from the {OTHER[party]} ({f['subject']})")
        root.add(f, where)
        root.aggravate("concealed", f"{where}: the breach was known and kept from the "
                                    f"{OTHER[party]}")


def concealment_known_at(c, subject: str):
    """When the concealing party knew of the breach, or None where it is not recorded: for a
    deal with the attacker, when it was made, where the record gives no earlier knowledge."""
    item = c.item("incident.concealment", subject)
    if item is None:
        return None
    known = item.known("known_at")
    if known in (None, UNKNOWN) and item.known("kind") in ("attacker_payment", "attacker_nda"):
        known = item.known("at")
    return None if known in (None, UNKNOWN) else known
