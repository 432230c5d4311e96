"""The indemnity route: the provider's indemnity shifts what its words say, and nothing more.

An indemnity is a promise, so it is read as the parties wrote it, and strictly: a party under no
legal duty to indemnify is not held to more than it clearly promised (Hooper v. AGS Computers).
Per head of loss, then:

- the clause covers a head it names; in general words ("all losses") it reaches the liabilities
  the client incurred to others (third-party claims), and the client's own losses only where that
  is unmistakably clear, so those are a range, never assumed;
- what sets it off (`trigger`): loss arising from the provider's breach or negligence covers the
  part of each head the provider's failures caused (the contract route's measure, head by head);
  any cause covers the whole head; unknown is arguable, figured as the provider's breach;
- the client's own fault: an indemnity is not read as covering loss the indemnitee's own
  negligence caused unless its words say so clearly (Levine v. Shell Oil), so each head is
  reduced by the client's responsibility for it unless the clause says it covers that;
- the cap limits the indemnity unless the clause puts it outside (`outside_cap`);
- fines the clause covers are assessed on the late-notice route (EXPO-003), never here, and the
  route is an alternative to the damages routes for the same loss, recovered once (EXPO-004).
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal

from facts.unknown import UNKNOWN
from rules.authorities import cite, modelling_choice
from rules.base import Salience, fact, rule
from rules.claims.contract_damages import contract_breaches, measure
from rules.claims.limits import apply_limits, money

CENT = Decimal("0.01")
THIRD_PARTY_KINDS = ("third_party_claims", "regulatory_fine")
NAMED_KINDS = {"third_party_claims": "third_party_claims", "response_costs": "response_costs",
               "regulatory_fines": "regulatory_fine"}
TRIGGER_WORDS = {"provider_breach": "loss arising from the provider's breach of the contract",
                 "provider_negligence": "loss arising from the provider's negligence",
                 "any_cause": "any loss of the kinds it names, whatever caused it"}
FIELD = "contract.clauses.indemnity"


@dataclass(frozen=True)
class Trigger:
    status: str     # yes / no / arguable
    why: str
    rests_on: str
    caused_only: bool   # covers only the part of a head the provider's failures caused


def trigger(c) -> Trigger:
    """Whether what sets the provider's indemnity off is established on the record."""
    said = c.known(f"{FIELD}.trigger")
    rests = f"{FIELD}.trigger"
    if said == "any_cause":
        return Trigger("yes", "the clause covers any loss of the kinds it names, whatever caused "
                       "it", rests, False)
    breaches = contract_breaches(c)
    negligent = bool(c.findings("causation.in_fact", party="provider"))
    if said == "provider_breach":
        return (Trigger("yes", f"the clause covers loss arising from the provider's breach, and "
                        f"breaches are established ({', '.join(breaches)})", rests, True)
                if breaches else
                Trigger("no", "the clause covers loss arising from the provider's breach, and no "
                        "breach of the contract by the provider is established", rests, True))
    if said == "provider_negligence":
        return (Trigger("yes", "the clause covers loss arising from the provider's negligence, "
                        "and causally relevant fault of the provider is established", rests, True)
                if negligent else
                Trigger("no", "the clause covers loss arising from the provider's negligence, "
                        "and no causally relevant fault of the provider is established", rests,
                        True))
    if breaches or negligent:
        return Trigger("arguable", "what sets the indemnity off is not recorded; read as loss "
                       "arising from the provider's breach or negligence, which the record "
                       "establishes, it covers the part of each head the provider caused", rests,
                       True)
    return Trigger("arguable", "what sets the indemnity off is not recorded, and no breach or "
                   "causally relevant fault of the provider is established: it holds only if "
                   "the clause covers any loss whatever caused it", rests, False)


def coverage(covers, kind: str) -> str:
    """'named', 'general' (only in the clause's general words) or '' for a head of this kind."""
    covers = covers if isinstance(covers, list) else []
    if any(NAMED_KINDS.get(head) == kind for head in covers):
        return "named"
    return "general" if "all_losses" in covers else ""


@dataclass
class Covered:
    id: str
    kind: str
    basis: Decimal        # the part of the head the trigger reaches
    low: Decimal          # what the clause covers for certain
    high: Decimal         # ... and on its widest reading
    why: str


def _client_part(allocation, head_id: str) -> Decimal:
    """The client's responsibility for a head: that of its own tranche where it is dated, else
    its harm-weighted share over all the harm."""
    for t in (allocation or {}).get("tranches") or []:
        if t["id"] == f"head:{head_id}":
            return Decimal(t["responsibility"].get("client", "0"))
    return Decimal((allocation or {}).get("shares", {}).get("client", "0"))


def covered_heads(c, found: Trigger, allocation) -> list[Covered]:
    covers = c.known(f"{FIELD}.covers")
    client_fault = c.known(f"{FIELD}.covers_client_fault")
    caused = {h.id: h.recoverable for h in measure(c).heads} if found.caused_only else None
    out = []
    for head in c.items("incident.harm.heads"):
        kind = head.known("kind")
        kind = kind if isinstance(kind, str) else ""
        reach = coverage(covers, kind)
        if kind == "regulatory_fine" or not reach:
            continue
        amount = Decimal(str(head.known("amount") if head.known("amount") is not UNKNOWN else 0))
        basis = caused.get(head["id"], Decimal(0)) if caused is not None else amount
        if not basis:
            continue
        reaches = "names" if reach == "named" else "reaches in general words"
        why = [f"the clause {reaches} {kind.replace('_', ' ') or 'this loss'}"]
        low = high = basis
        if reach == "general" and kind not in THIRD_PARTY_KINDS:
            low = Decimal(0)
            why.append("an indemnity in general words reaches the client's own losses in a claim "
                       "against the provider only where that is unmistakably clear, so this "
                       "head is a range from nothing")
        share = _client_part(allocation, head["id"])
        if share and client_fault is not True:
            keep = Decimal(1) - share
            low *= keep
            why.append(f"without clear words the indemnity does not cover the client's own "
                       f"fault, {share:.2%} of this head"
                       + (" (unknown whether the clause has them: a range)"
                          if client_fault is UNKNOWN else ""))
            if client_fault is False:
                high *= keep
        out.append(Covered(head["id"], kind, basis, low, high, "; ".join(why)))
    return out


def _cents(amount: Decimal) -> str:
    return str(amount.quantize(CENT, ROUND_HALF_EVEN))


@rule("EXPO-006", title="The indemnity route: what the provider's indemnity covers",
      area="allocation", concludes="exposure.indemnity", party="provider",
      salience=Salience.EXPOSURE, phase="allocate",
      authority=[cite("us-ny-hooper-v-ags", "491-492"), cite("us-ny-hooper-v-ags", "492"),
                 cite("us-ny-levine-v-shell", "211-212"),
                 modelling_choice("an indemnity whose trigger is the provider's breach or "
                                  "negligence covers the part of each head its failures caused "
                                  "(the contract measure); the strict reading New York gives an "
                                  "indemnity is applied whatever the governing law, as the usual "
                                  "starting point, and where it leaves a head open the figure is "
                                  "a range")],
      principle="An indemnity shifts the losses its words cover, read strictly: the heads it "
                "names, third-party liabilities under general words, the client's own losses "
                "only where that is unmistakably clear, and not the loss the client's own fault "
                "caused unless the clause says so clearly. It is set off only by what it names "
                "(the provider's breach, its negligence, or any cause), is limited by the cap "
                "unless it sits outside it, and is an alternative to the damages routes for the "
                "same loss, recovered once.",
      narrative="Under the provider's indemnity the client may recover {range}: {why}.",
      narrative_not="No indemnity route: {why}.",
      needs={"by": fact(f"{FIELD}.by"), "allocation": fact("derived.allocation")})
def indemnity(c, by, allocation):
    currency = c.get("case.currency") or "USD"
    steps, flags, rests, heads = [], [], [FIELD], []
    low = high = Decimal(0)
    limited = None
    found = trigger(c)
    if by != "provider":
        status, why = "no", "the indemnity is the client's, not the provider's"
        decided = f"{FIELD}.by"
    elif found.status == "no":
        status, why, decided = "no", found.why, found.rests_on
        steps.append(f"Not set off: {found.why}.")
    else:
        decided = found.rests_on
        steps.append(f"What sets it off: {found.why}.")
        heads = covered_heads(c, found, allocation)
        if coverage(c.known(f"{FIELD}.covers"), "regulatory_fine") and \
                c.get("incident.harm.regulatory_fines"):
            steps.append("The fines the clause covers are assessed on the late-notice route and "
                         "not counted here.")
        if not c.items("incident.harm.heads"):
            steps.append("The harm is not recorded as heads of loss, so the part of it the "
                         "clause covers is not shown.")
        for h in heads:
            steps.append(f"Head {h.id}: {h.why}: {money(h.low, currency)}"
                         + (f" to {money(h.high, currency)}." if h.low != h.high else "."))
        low = sum((h.low for h in heads), Decimal(0))
        high = sum((h.high for h in heads), Decimal(0))
        low, high, limited = _capped(c, low, high, currency, steps)
        rests += [f"{FIELD}.covers", f"{FIELD}.covers_client_fault"] + \
            (limited.rests_on if limited else [])
        flags += limited.flags if limited else []
        if found.status == "arguable":
            low = Decimal(0)
        status = ("no" if high <= 0 else "arguable" if found.status == "arguable" or low <= 0
                  else "yes")
        why = (found.why if status != "no" else
               "the clause covers no head of loss the record shows beside the fines")
    low, high = low.quantize(CENT, ROUND_HALF_EVEN), high.quantize(CENT, ROUND_HALF_EVEN)
    c.derive("derived.exposure.indemnity", {
        "route": "indemnity", "available": status, "decided_by": decided,
        "provider_pays": {"min": _cents(low), "max": _cents(high)},
        "cap": limited.cap if limited else None,
        "cap_status": limited.cap_status if limited else "none",
        "heads": [{"id": h.id, "kind": h.kind, "reached": _cents(h.basis),
                   "covered": {"min": _cents(h.low), "max": _cents(h.high)}, "why": h.why}
                  for h in heads],
        "rests_on": rests, "steps": steps, "flags": flags},
        f"indemnity ({status}): {money(low, currency)} to {money(high, currency)}")
    text = money(low, currency) if low == high else \
        f"{money(low, currency)} to {money(high, currency)}"
    c.conclude(c.check("the provider's indemnity is set off", found.status != "no"
                       and by == "provider", found.status),
               c.check("the indemnity covers a head of loss", high > 0, _cents(high)),
               values={"range": text, "why": why})


def _capped(c, low: Decimal, high: Decimal, currency: str, steps: list):
    """The cap on the indemnity: none where the clause sits outside it; a range where that is
    unknown. The consequential-loss exclusion is not applied (whether it reaches an indemnity is
    a matter of construction, flagged)."""
    outside = c.known(f"{FIELD}.outside_cap")
    if outside is True or high <= 0:
        if high > 0:
            steps.append("The clause sits outside the liability cap, so the cap does not limit "
                         "it.")
        return low, high, None
    limited = apply_limits(c, high, Decimal(0), currency, route="contract")
    capped_low = apply_limits(c, low, Decimal(0), currency, route="contract").low
    steps += limited.steps
    if c.get("contract.liability.consequential_damages_excluded"):
        limited.flags.append("Whether the consequential-loss exclusion reaches the indemnity is a "
                             "matter of construction; it is not applied to this route's figure.")
    if outside is UNKNOWN and limited.low < high:
        steps.append(f"Whether the clause sits outside the cap is unknown: if it does, the cap "
                     f"does not limit it, so the figure runs to {money(high, currency)}.")
        limited.rests_on.append(f"{FIELD}.outside_cap")
        limited.cap_status = "arguable"
        return capped_low, high, limited
    return capped_low, limited.high, limited
