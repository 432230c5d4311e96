"""Shared control domains: a domain the responsibility matrix gives as `shared` is examined for
both parties, each on its own part.

The record says what each side does there in words (`contract.shared_parts.X.provider` and
`.client`) and, where it divides the domain by asset, whose part each asset is (`.assets`). The
words are for the reader; the division by asset is what a rule applies: a failure on an asset the
division gives to one side is that side's part only (an audit finding on it, the entry through it).
Where the record gives no division, or the failing asset is not in it, the failure is examined
against both parties, as the matrix's `shared` says.
"""
from __future__ import annotations

from facts.unknown import UNKNOWN
from rules.authorities import cite, modelling_choice
from rules.base import rule
from rules.common import part_owner


def domain_owner(c, domains: tuple[str, ...], default: str, asset=None) -> str:
    """Who operated the first of `domains` the matrix names (else `default`). For a shared domain
    and a known asset the division by asset decides whose part it was; without one it is
    `shared`."""
    matrix = c.group("contract.responsibilities")
    for domain in domains:
        if domain in matrix:
            owner = matrix[domain]
            if owner == "shared" and asset not in (None, UNKNOWN):
                return part_owner(c.group("contract.shared_parts"), domain, asset)
            return owner
    return default


ACRONYMS = {"mfa": "MFA", "rmm": "RMM"}


def domain_words(domain: str) -> str:
    """'incident_response' -> 'incident response'; 'mfa' -> 'MFA'."""
    return " ".join(ACRONYMS.get(w, w) for w in domain.split("_"))


def _division(entry: dict) -> str:
    assets = entry.get("assets") or {}
    shown = "; ".join(f"{a}: {p}" for a, p in sorted(assets.items()))
    return f" (divided by asset: {shown})" if shown else ""


@rule("DUTY-009", title="Each side's part of a shared control domain", area="duty",
      concludes="duty.shared_part", party="provider",
      authority=[cite("pci-dss-4-0-1", "12.8.5", "the record of which requirements each side "
                      "manages and which are shared, and how"),
                 modelling_choice("a control both parties operate is examined for each on its own "
                                  "part: a failure on an asset the record gives to one side is "
                                  "that side's; where the record does not divide the domain, a "
                                  "failure in it is examined against both")],
      principle="Where both parties run a control, each answers for its own part of it; where "
                "the record does not say who does what, a failure in it is examined against both.",
      narrative="The {party} shares {domains} with the other party; each is examined against "
                "the {party} for its own part.",
      narrative_not="No control domain is shared: each is one party's under the responsibility "
                    "matrix.")
def shared_parts(c):
    matrix = c.group("contract.responsibilities")
    shared = sorted(d for d in matrix if matrix.known(d) == "shared")
    parts = c.group("contract.shared_parts") if shared else {}
    vector = c.known("incident.vector")
    entry = vector.known("entry_asset") if isinstance(vector, dict) and shared else None
    for party in ("provider", "client"):
        for domain in shared:
            _conclude_part(c, party, domain, parts.get(domain) or {}, entry)
        c.conclude(c.check("a control domain is shared", bool(shared),
                           ", ".join(shared) or "none"),
                   party=party,
                   values={"party": party, "count": len(shared),
                           "domains": ", ".join(domain_words(d) for d in shared)})


PART = "{domain} was shared; the {party}'s part: {part}{division}{entry}."
NO_PART = ("{domain} was shared, but the record does not say what the {party} did there; a "
           "failure in it is examined against both parties.")


def _conclude_part(c, party: str, domain: str, entry_record: dict, entry) -> None:
    division = entry_record.get("assets") or {}
    words = entry_record.get(party)
    at_entry = entry not in (None, UNKNOWN) and entry in division
    c.conclude(c.check(f"the record states the {party}'s part", bool(words),
                       words or "no parts recorded"),
               party=party, subject=domain, template=PART if words else NO_PART,
               values={"domain": (lambda w: w[0].upper() + w[1:])(domain_words(domain)),
                       "party": party,
                       "part": (words or "").rstrip("."), "division": _division(entry_record),
                       "entry": (f"; the attacker's entry asset {entry} was the "
                                 f"{division[entry]}'s part") if at_entry else "",
                       "entry_part": division[entry] if at_entry else ""})
