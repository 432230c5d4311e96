"""The case and its parties: who is who, their regulatory status, who was affected."""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import StrictBool

from facts.model.base import UNKNOWN, Strict, Unknowable, described
from facts.types import Count


# --- the case and its parties -------------------------------------------------------------

class CaseInfo(Strict):
    id: str = described("the case id", "a short id for the case, used in file names and stamps",
                        min_length=1, max_length=200)
    title: str = described("the case title", "the caption or title of the dispute",
                           min_length=1, max_length=500)
    governing_law: str = described(
        "the law governing the contract", "ISO 3166 id of the law governing the contract, e.g. "
        "US-NY, UK, DE")
    forum: Optional[str] = described("the forum", "court, tribunal or arbitral body", None)
    currency: str = described("the case currency", "ISO 4217 code all amounts are in", "USD")
    summary: Optional[str] = described("the case summary", "a few sentences on what happened",
                                       None)


class ClientStatus(Strict):
    sec_registrant: Unknowable[StrictBool] = described(
        "whether the client was an SEC registrant", "files reports with the US SEC (Form 8-K "
        "Item 1.05 applies)", False)
    hipaa: Unknowable[Literal["covered_entity", "business_associate", "none"]] = described(
        "the client's HIPAA status", "covered entity, business associate, or none", "none")
    nis2: Unknowable[Literal["essential", "important", "none"]] = described(
        "the client's NIS2 status", "essential or important entity under NIS2, or none", "none")
    dora_financial_entity: Unknowable[StrictBool] = described(
        "whether the client was a DORA financial entity", "a financial entity under DORA", False)
    circia_covered: Unknowable[StrictBool] = described(
        "whether the client was a CIRCIA covered entity", "a covered entity under CIRCIA", False)
    nydfs_covered: Unknowable[StrictBool] = described(
        "whether the client was a covered entity of the New York Department of Financial Services",
        "operates under a licence, registration, charter or similar authorisation under New "
        "York's Banking, Insurance or Financial Services Law (23 NYCRR 500.1)", False)


class ProviderStatus(Strict):
    nis2: Unknowable[Literal["essential", "important", "none"]] = described(
        "the provider's NIS2 status", "the provider's own status under NIS2 (a managed security "
        "provider can itself be an essential or important entity)", "none")
    hipaa_business_associate: Unknowable[StrictBool] = described(
        "whether the provider was the client's HIPAA business associate",
        "the provider handled protected health information for the client", False)
    data_processor: Unknowable[StrictBool] = described(
        "whether the provider processed the client's personal data",
        "processes the client's personal data (GDPR processor, PDPA data intermediary)",
        UNKNOWN)


class Client(Strict):
    name: str = described("the client's name", "the client's legal name")
    sector: Unknowable[Optional[str]] = described("the client's sector", "the client's line of business",
                                      None)
    status: ClientStatus = described("the client's regulatory status",
                                     "which regulatory regimes the client falls under",
                                     ClientStatus())
    employees: Unknowable[Optional[Count]] = described(
        "how many employees the client had", "head count", None)


class Provider(Strict):
    name: str = described("the provider's name", "the provider's legal name")
    status: ProviderStatus = described("the provider's regulatory status",
                                       "which regulatory regimes the provider itself falls "
                                       "under", ProviderStatus())
    agent_of_client: Unknowable[StrictBool] = described(
        "whether the provider acted as the client's agent", "the client had the right to control "
        "how the provider performed (the federal common law of agency that 45 CFR 164.404(a)(2) "
        "applies); true, false, or disputed; left out, unknown, and nothing is imputed", UNKNOWN)


class NonParty(Strict):
    id: str = described("the non-party's id", "a role-prefixed id, e.g. vendor:acme",
                        pattern=r"^[a-z_]+:[a-z0-9_.-]+$")
    name: str = described("the non-party's name", "its legal name")
    role: Unknowable[Literal["software_vendor", "attacker", "subcontractor", "other"]] = \
        described("the role of non-party {id}", "what the non-party is to the case")
    product: Unknowable[Optional[str]] = described("the product of non-party {id}",
                                       "the product involved, for a vendor", None)


class Parties(Strict):
    provider: Provider = described("the provider", "the managed security provider")
    client: Client = described("the client", "the provider's customer, the breached organisation")
    non_parties: list[NonParty] = described(
        "the non-parties", "others whose conduct matters (a software vendor, the attacker)", [],
        item_label="non-party {id}")


class Affected(Strict):
    jurisdiction: str = described("the jurisdiction of affected people",
                                  "ISO 3166 id where affected people live, e.g. US-FL")
    residents: Unknowable[Count] = described(
        "how many residents of a jurisdiction were affected",
        "number of affected people resident there")
