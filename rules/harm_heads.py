"""Heads of loss: each loss the client claims, established by amount and by when it accrued.

A head's accrual date is what lets the harm be split at the moments that matter (the point a
provider meeting its standard would have contained the intrusion, a notice deadline, a false
statement): a head whose date the record does not give cannot be placed on either side of such a
point, and is reported as not shown rather than assumed early or late.
"""
from __future__ import annotations

from facts.formatting import money
from facts.unknown import UNKNOWN
from rules.authorities import modelling_choice
from rules.base import each, rule
from rules.common import when

KIND_WORDS = {"response_costs": "response costs", "regulatory_fine": "a regulatory fine",
              "third_party_claims": "third-party claims",
              "business_interruption": "business interruption", "ransom": "a ransom",
              "other": "another loss"}


@rule("HARM-001", title="A head of loss is established and dated", area="causation",
      concludes="damages.head", party="client",
      authority=modelling_choice("a loss is placed in time by the record of when it accrued; one "
                                 "without an accrual date cannot be attributed to either side of "
                                 "a causal point, and is never assumed to fall on one"),
      principle="Each head of loss is counted once, in its amount, at the moment it accrued; only "
                "then can it be set against the moments at which a party's failure began to "
                "matter.",
      narrative="Head {id}: {kind}{regime}, {amount}, accrued at {at}{what}; {phase}.",
      narrative_not="Head {id} ({kind}) is not established: {why_not}.",
      needs={"head": each("incident.harm.heads")})
def harm_head(c, head):
    kind = head.known("kind")
    amount = head.known("amount")
    accrued = head.known("accrued_at")
    unknown = [head.path(name) for name, value in (("kind", kind), ("amount", amount),
                                                   ("accrued_at", accrued))
               if value is UNKNOWN]
    discovery = c.known("incident.timeline.discovery")
    phase = ""
    if accrued is not UNKNOWN and discovery not in (None, UNKNOWN):
        phase = ("before the breach was discovered" if accrued < discovery else
                 "after the breach was discovered")
    currency = c.known("case.currency", "USD")
    c.conclude(c.check("its amount is recorded", amount is not UNKNOWN,
                       money(amount, currency) if amount is not UNKNOWN else "unknown"),
               c.check("when it accrued is recorded", accrued is not UNKNOWN,
                       when(accrued) if accrued is not UNKNOWN else "unknown"),
               c.check("its kind is recorded", kind is not UNKNOWN,
                       KIND_WORDS.get(kind, "unknown")),
               subject=head["id"], unknown=unknown,
               values={"id": head["id"], "kind": KIND_WORDS.get(kind, "a loss of unknown kind"),
                       "regime": f" under {head['regime']}" if head.get("regime") else "",
                       "amount": money(amount, currency) if amount is not UNKNOWN else "",
                       "at": when(accrued) if accrued is not UNKNOWN else "",
                       "what": f" ({head['what']})" if head.get("what") else "",
                       "phase": phase or "its place against discovery is not shown",
                       "why_not": "its amount, kind or accrual date is unknown"})
