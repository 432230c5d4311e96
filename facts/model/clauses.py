"""What the contract's clauses say about claims, and what a tribunal has already found.

Raw facts only: what a clause's words reach (contract claims only, or tort claims too), whether
the provider contracted on its written standard terms, an indemnity and what it covers, the
sources of a duty outside the contract that the record shows, and rulings of a court or
arbitrator in this dispute. Whether a route to money is open is for the rules (rules/claims/).
"""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import StrictBool

from facts.model.base import UNKNOWN, Strict, Unknowable, described

# Facts outside the contract that the law of some jurisdictions treats as the source of a duty of
# care independent of it (rules/data/economic_loss.yaml says which ground counts where).
DutyGround = Literal["harm_to_persons", "harm_to_other_property", "public_interest_service",
                     "statutory_duty_of_care"]
IndemnityHead = Literal["third_party_claims", "regulatory_fines", "response_costs",
                        "all_losses"]
# What sets the indemnity off: loss arising from the provider's breach of the contract, from its
# negligence, or any loss of the kinds it names whatever caused it.
IndemnityTrigger = Literal["provider_breach", "provider_negligence", "any_cause"]


class Indemnity(Strict):
    by: Unknowable[Literal["provider", "client"]] = described(
        "who gives the indemnity", "the party that promised to hold the other harmless")
    covers: Unknowable[list[IndemnityHead]] = described(
        "what the indemnity covers", "heads of loss the indemnity names", [])
    outside_cap: Unknowable[StrictBool] = described(
        "whether the indemnity sits outside the liability cap",
        "the clause says the cap does not limit the indemnity", UNKNOWN)
    trigger: Unknowable[IndemnityTrigger] = described(
        "what sets the indemnity off",
        "provider_breach (loss arising from the provider's breach of the contract), "
        "provider_negligence (from its negligence), any_cause (any loss of the kinds it names, "
        "whatever caused it); left out, unknown", UNKNOWN)
    covers_client_fault: Unknowable[StrictBool] = described(
        "whether the indemnity says in clear words that it covers loss the client's own fault "
        "contributed to", "true where the clause says so in clear words; false where it excludes "
        "loss to the extent the client caused it; left out, unknown", UNKNOWN)


class Clauses(Strict):
    limitation_reaches_tort: Unknowable[StrictBool] = described(
        "whether the limitation clause's words reach tort claims",
        "true where the cap and exclusions apply to claims 'in contract, tort (including "
        "negligence) or otherwise'; false where they are limited to claims under the contract; "
        "left out, unknown", UNKNOWN)
    written_standard_terms: Unknowable[StrictBool] = described(
        "whether the client dealt on the provider's written standard terms",
        "the contract is the provider's standard terms of business (England: UCTA 1977 s. 3)",
        UNKNOWN)
    duty_outside_contract: Unknowable[list[DutyGround]] = described(
        "what the record shows of a duty outside the contract",
        "facts that can ground a duty of care independent of the contract: harm to persons, "
        "harm to property other than what the service covered, a service affected with a "
        "public interest, a statute imposing a duty of care on the provider; [] where the "
        "record shows none; left out, unknown", UNKNOWN)
    indemnity: Optional[Indemnity] = described(
        "the contract's indemnity", "a promise by one party to hold the other harmless", None)


class Rulings(Strict):
    """Findings already made by a court or arbitrator in this dispute: a ruling is a fact of the
    record (what the tribunal decided), not a conclusion the case file draws."""
    gross_negligence: Unknowable[Optional[StrictBool]] = described(
        "whether a tribunal has found the provider grossly negligent",
        "a court's or arbitrator's finding on gross negligence; null where none has ruled", None)
    willful_misconduct: Unknowable[Optional[StrictBool]] = described(
        "whether a tribunal has found wilful misconduct by the provider",
        "a finding on wilful misconduct or bad faith; null where none has ruled", None)
    attacker_designated: Unknowable[Optional[StrictBool]] = described(
        "whether the court granted leave to designate the attacker as a responsible third party",
        "where the governing law compares a criminal non-party's fault only once it is designated "
        "(Texas: an unknown criminal under Tex. Civ. Prac. & Rem. Code § 33.004(j)); null where "
        "no designation was sought or decided", None)
