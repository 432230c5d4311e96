"""The case and its parties: who is who, their regulatory status, who was affected."""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import Field, StrictBool

from facts.model.base import Strict
from facts.types import Count


# --- the case and its parties -------------------------------------------------------------

class CaseInfo(Strict):
    id: str = Field(min_length=1, max_length=200)
    title: str = Field(min_length=1, max_length=500)
    governing_law: str = Field(description="ISO 3166 id of the law governing the contract, "
                                           "e.g. US-NY, UK, DE")
    forum: Optional[str] = None
    currency: str = "USD"
    summary: Optional[str] = None


class ClientStatus(Strict):
    sec_registrant: StrictBool = False
    hipaa: Literal["covered_entity", "business_associate", "none"] = "none"
    nis2: Literal["essential", "important", "none"] = "none"
    dora_financial_entity: StrictBool = False
    circia_covered: StrictBool = False


class ProviderStatus(Strict):
    nis2: Literal["essential", "important", "none"] = "none"
    hipaa_business_associate: StrictBool = False
    data_processor: StrictBool = Field(True, description="processes the client's personal data "
                                                   "(GDPR processor, PDPA data intermediary)")


class Client(Strict):
    name: str
    sector: Optional[str] = None
    status: ClientStatus = ClientStatus()
    employees: Optional[Count] = None


class Provider(Strict):
    name: str
    status: ProviderStatus = ProviderStatus()


class NonParty(Strict):
    id: str = Field(pattern=r"^[a-z_]+:[a-z0-9_.-]+$", description="e.g. vendor:acme")
    name: str
    role: Literal["software_vendor", "attacker", "subcontractor", "other"]
    product: Optional[str] = None


class Parties(Strict):
    provider: Provider
    client: Client
    non_parties: list[NonParty] = []


class Affected(Strict):
    jurisdiction: str
    residents: Count
