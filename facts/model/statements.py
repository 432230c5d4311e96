"""What was said, and what was kept back: statements made during the incident, and concealment.

A statement is recorded once, with what it claimed and, separately, what the record shows about
it afterwards: when its speaker knew it was false, when it was corrected, whether the listener
relied on it and how. Whether it was false is never written: the rules compare each claim with the
timeline, the compromised assets, the data categories and the vector.
"""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import StrictBool, model_validator

from facts.model.base import UNKNOWN, Strict, Unknowable, VectorType, described
from facts.types import Event, Money, Party, Timestamp

StatementTopic = Literal["containment", "scope", "data_categories", "cause"]
# The speaker: either party, or a non-party by its id (vendor:acme); checked against the parties.
SPEAKER = r"^(provider|client|[a-z_]+:[a-z0-9_.-]+)$"
ID = r"^[A-Za-z0-9_.:-]+$"

# claim field -> the topic it is about
CLAIM_TOPICS = {"claims_contained": "containment", "claims_scope_limited_to": "scope",
                "claims_data_categories": "data_categories", "claims_cause": "cause"}


class Statement(Strict):
    id: str = described("the statement's id", "unique within incident.statements", pattern=ID)
    by: Unknowable[str] = described(
        "who made statement {id}", "the speaker: provider, client, or a non-party's id "
        "(vendor:acme)", pattern=SPEAKER)
    at: Unknowable[Timestamp] = described("when statement {id} was made", "the moment")
    to: Unknowable[str] = described(
        "whom statement {id} was made to", "the listener: client, provider, regulator, "
        "individuals, public, insurer, or a non-party's id", max_length=200)
    what: Optional[str] = described("what statement {id} said", "the statement in words, as "
                                    "the record gives it", None, max_length=4000)
    about: Optional[list[StatementTopic]] = described(
        "what statement {id} was about", "containment, scope, data_categories, cause; left out, "
        "the topics of the claims it records", None)
    claims_contained: Unknowable[StrictBool] = described(
        "whether statement {id} said the incident was contained", "a containment claim", False)
    claims_scope_limited_to: Unknowable[Optional[str]] = described(
        "the scope statement {id} claimed", "assets the statement limited the incident to "
        "(comma-separated)", None)
    claims_data_categories: Unknowable[Optional[list[str]]] = described(
        "the data categories statement {id} said were affected", "the only categories of data "
        "the statement said were affected (e.g. names, email); compared with "
        "incident.data_categories", None)
    claims_cause: Unknowable[Optional[VectorType]] = described(
        "the cause statement {id} gave", "the kind of initial access the statement named as the "
        "cause; compared with incident.vector.type", None)
    disclosed_monitoring_gaps: Unknowable[StrictBool] = described(
        "whether statement {id} disclosed monitoring gaps", "candour about gaps", False)
    known_false_at: Unknowable[Event] = described(
        "when the speaker knew statement {id} was false", "the moment the speaker knew it was "
        "untrue (at or before the statement: it knew when it spoke), or never", UNKNOWN)
    corrected_at: Unknowable[Event] = described(
        "when statement {id} was corrected", "the correction to the same listener, or never",
        UNKNOWN)
    relied_on: Unknowable[StrictBool] = described(
        "whether the listener relied on statement {id}", "the listener acted, or held back, "
        "because of it", UNKNOWN)
    reliance_action: Unknowable[Optional[str]] = described(
        "what the listener did in reliance on statement {id}", "in words (stood down the "
        "response, delayed notice, paid ...)", None, max_length=2000)
    relied_at: Unknowable[Timestamp] = described(
        "when the listener acted in reliance on statement {id}", "the moment of the action taken "
        "in reliance", UNKNOWN)

    @model_validator(mode="after")
    def _topics(self) -> "Statement":
        claimed = [topic for name, topic in CLAIM_TOPICS.items() if makes_claim(getattr(self, name))]
        if self.about is None:
            # A statement's topics are those of its claims unless the record says more.
            self.__dict__["about"] = claimed
            return self
        return self   # facts/case_checks.py checks that the topics cover the claims


def makes_claim(value) -> bool:
    return value is not UNKNOWN and value not in (None, False, [], "")


ConcealmentKind = Literal["withheld", "attacker_payment", "attacker_nda"]
ConcealedFrom = Literal["client", "provider", "regulator", "individuals", "public", "insurer",
                        "law_enforcement"]


class Concealment(Strict):
    """A recorded act of keeping the breach back: knowing of it and not telling someone who was
    owed the knowledge, or a payment or non-disclosure agreement with the attacker."""
    id: str = described("the concealment's id", "unique within incident.concealment", pattern=ID)
    by: Unknowable[Party] = described("who concealed in {id}", "provider or client")
    kind: Unknowable[ConcealmentKind] = described(
        "what kind of concealment {id} was", "withheld (knew of the breach and did not tell), "
        "attacker_payment, attacker_nda")
    concealed_from: Unknowable[ConcealedFrom] = described(
        "whom concealment {id} kept the breach from", "client, provider, regulator, individuals, "
        "public, insurer, law_enforcement")
    known_at: Unknowable[Timestamp] = described(
        "when the concealing party knew of the breach in {id}", "the moment it knew", UNKNOWN)
    at: Unknowable[Optional[Timestamp]] = described(
        "when the payment or agreement in {id} was made", "for attacker_payment and "
        "attacker_nda", None)
    amount: Unknowable[Optional[Money]] = described(
        "the amount paid to the attacker in {id}", "for attacker_payment", None)
    described_as: Unknowable[Optional[str]] = described(
        "how concealment {id} was presented", "what the payment or silence was called (e.g. a "
        "bug bounty)", None, max_length=500)
    disclosed_at: Unknowable[Event] = described(
        "when the breach was finally disclosed to those it was kept from in {id}",
        "the disclosure, or never", UNKNOWN)
    what: Optional[str] = described("what concealment {id} was, in words", "the record's words",
                                    None, max_length=4000)

    @model_validator(mode="after")
    def _deal_fields(self) -> "Concealment":
        # A deal with the attacker was made at some moment (and a payment of some amount): left
        # out, those are unknown, not absent. facts/case_checks.py checks fields against the kind.
        deal = self.kind in ("attacker_payment", "attacker_nda")
        if deal and self.at is None:
            self.__dict__["at"] = UNKNOWN   # a deal was made; when is not recorded
        if self.kind == "attacker_payment" and self.amount is None:
            self.__dict__["amount"] = UNKNOWN
        return self
