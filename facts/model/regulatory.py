"""The facts on which the law's reach turns: whether a party is established in or targets a
jurisdiction (GDPR Art. 3, NIS2 Art. 26), how serious the incident was by each regime's own
threshold (a risk to individuals, a significant or major incident, a real risk of significant
harm, unsecured health information), and when the client's action was filed (a fault regime's
transition rule may turn on it).

Each is a fact of the record, true, false, unknown or disputed; none is ever assumed from where
the affected people live. Left out, a fact is unknown, and a duty that depends on it is reported
as applying only if the fact is shown.
"""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import StrictBool, create_model

from facts.model.base import UNKNOWN, Strict, Unknowable, described
from facts.types import Day, EventDay, Timestamp


def _fact(label: str, description: str):
    return described(label, description, UNKNOWN)


_NEXUS = {   # field: (label, description); '{who}' is the client or the provider
    "eu_establishment": (
        "whether {who} had an establishment in the EU",
        "an establishment (an office, branch or subsidiary with real activity) in an EU member "
        "state, in the context of which the data was processed (GDPR Art. 3(1); NIS2 Art. 26)"),
    "eu_member_state": (
        "the EU member state of {who}'s main establishment",
        "ISO 3166 id of the member state of the main or single EU establishment (it decides the "
        "lead supervisory authority and the NIS2 jurisdiction), e.g. DE; never if none"),
    "offers_to_eu": (
        "whether {who} offered goods or services to people in the EU",
        "targeted people in the Union with goods or services, paid or free (GDPR Art. 3(2)(a))"),
    "monitors_in_eu": (
        "whether {who} monitored the behaviour of people in the EU",
        "tracked or profiled the behaviour of people in the Union (GDPR Art. 3(2)(b))"),
    "uk_establishment": (
        "whether {who} had an establishment in the UK",
        "an establishment in the United Kingdom (UK GDPR Art. 3(1))"),
    "offers_to_uk": (
        "whether {who} offered goods or services to people in the UK",
        "targeted people in the United Kingdom (UK GDPR Art. 3(2)(a))"),
    "monitors_in_uk": (
        "whether {who} monitored the behaviour of people in the UK",
        "tracked or profiled people in the United Kingdom (UK GDPR Art. 3(2)(b))"),
    "ga_information_broker": (
        "whether {who} was an information broker or data collector under Georgia's breach statute",
        "collects and furnishes personal information to third parties for fees, or is a state or "
        "local agency (Ga. Code § 10-1-911): only those owe Georgia's breach notice"),
}


def _nexus(who: str) -> type[Strict]:
    """Where a party is, and whom it serves or watches: the territorial-scope facts."""
    fields = {name: ((Unknowable[Optional[str]] if name == "eu_member_state"
                      else Unknowable[StrictBool]),
                     _fact(label.format(who=who), description))
              for name, (label, description) in _NEXUS.items()}
    return create_model(f"{who.split()[-1].capitalize()}Nexus", __base__=Strict, **fields)


ClientNexus = _nexus("the client")
ProviderNexus = _nexus("the provider")


class IncidentSeverity(Strict):
    """How serious the incident was, by each regime's own threshold."""
    risk_to_individuals: Unknowable[Literal["unlikely", "risk", "high_risk"]] = _fact(
        "how likely the breach was to harm the people whose data it touched",
        "unlikely to result in a risk to their rights and freedoms (no GDPR Art. 33 notice "
        "needed), a risk, or a high risk (Art. 34 notice to them too)")
    nis2_significant: Unknowable[StrictBool] = _fact(
        "whether the incident was significant under NIS2",
        "caused or could cause severe operational disruption or financial loss to the entity, or "
        "considerable damage to others (NIS2 Art. 23(3))")
    dora_major: Unknowable[StrictBool] = _fact(
        "whether the incident was a major ICT-related incident under DORA",
        "classified as major under the DORA classification criteria (Art. 18; Delegated "
        "Regulation (EU) 2024/1772)")
    dora_classified_at: Unknowable[Optional[Timestamp]] = _fact(
        "when the financial entity classified the incident as major",
        "the moment of classification, which starts DORA's 4-hour clock; never if it was never "
        "classified")
    real_risk_of_significant_harm: Unknowable[StrictBool] = _fact(
        "whether the breach created a real risk of significant harm to an individual",
        "PIPEDA s. 10.1(1): the threshold for the report to the Commissioner and the notices")
    eligible_data_breach: Unknowable[StrictBool] = _fact(
        "whether the breach was an eligible data breach under the Australian Privacy Act",
        "likely to result in serious harm to any of the individuals (Privacy Act 1988 s. 26WE)")
    notifiable_in_singapore: Unknowable[StrictBool] = _fact(
        "whether the breach was notifiable under Singapore's PDPA",
        "likely to result in significant harm to an individual, or of a significant scale "
        "(500 or more people) (PDPA s. 26B)")
    unsecured_phi: Unknowable[StrictBool] = _fact(
        "whether unsecured protected health information was breached",
        "protected health information not rendered unusable, unreadable or indecipherable "
        "(encrypted or destroyed to HHS guidance), with no documented low probability of "
        "compromise (45 CFR 164.402)")
    harm_likely_to_residents: Unknowable[StrictBool] = _fact(
        "whether the breach was reasonably likely to harm the affected residents",
        "the risk-of-harm test of state statutes that excuse notice where, after an "
        "investigation, misuse or harm is not reasonably likely")
    nydfs_reportable: Unknowable[StrictBool] = _fact(
        "whether the incident was reportable to the New York superintendent",
        "a cybersecurity incident under 23 NYCRR 500.1(g): notice of it was required to a "
        "government or supervisory body, it was reasonably likely to harm materially a material "
        "part of normal operations, or it deployed ransomware within a material part of the "
        "information systems (before 1 December 2023: a cybersecurity event of the first two "
        "kinds)")
    data_encrypted: Unknowable[StrictBool] = _fact(
        "whether the breached personal information was encrypted with the key kept safe",
        "encrypted, with the key neither acquired nor reasonably believed acquired (the "
        "encryption safe harbour of most state statutes)")


class Applicability(Strict):
    """The `applicability:` section of a case file."""
    action_filed: Unknowable[EventDay] = _fact(
        "when the client's action against the provider was filed",
        "the filing date of the action (Florida's 2023 fault reform applies to actions filed "
        "after 24 March 2023); never if none has been filed")
    claim_accrued: Unknowable[Optional[Day]] = _fact(
        "when the client's cause of action against the provider arose",
        "the day the claim arose (accrued); West Virginia's 2015 fault reform applies to causes "
        "of action arising on or after 25 May 2015. Left unknown, the claim is taken to arise "
        "with the incident")
    client: ClientNexus = described("where the client was established and whom it served",
                                    "territorial-scope facts about the client", ClientNexus())
    provider: ProviderNexus = described("where the provider was established and whom it served",
                                        "territorial-scope facts about the provider",
                                        ProviderNexus())
    incident: IncidentSeverity = described(
        "how serious the incident was by each regime's threshold",
        "the facts that decide whether a notice duty is triggered at all", IncidentSeverity())
