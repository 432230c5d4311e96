"""Concealment of the breach by either party: knowing of it and keeping it from someone owed the
knowledge, and buying the attacker's silence (a payment, a non-disclosure agreement).

Each recorded act is one finding on its party. The finding establishes the conduct and how long
the breach stayed hidden; what it weighs (in fault, in a fraud carve-out, in a regulator's eyes)
is for the rules that read it. A monitoring outage kept from the client is `disclosure.concealment`
(rules/disclosure.py), not this.
"""
from __future__ import annotations

from facts.durations import format_timedelta
from facts.formatting import money
from facts.unknown import UNKNOWN
from rules.authorities import modelling_choice
from rules.base import each, rule
from rules.common import elapsed, when

FROM_WORDS = {"client": "the client", "provider": "the provider", "regulator": "the regulator",
              "individuals": "the affected individuals", "public": "the public",
              "insurer": "the insurer", "law_enforcement": "law enforcement"}


def _hidden(item, since) -> tuple[object, str, list[str]]:
    """(hidden, how long in words, unknown facts): whether the breach was still kept from
    `concealed_from` after `since`, and for how long."""
    disclosed = item.known("disclosed_at")
    if disclosed is UNKNOWN:
        return UNKNOWN, "", [item.path("disclosed_at")]
    if disclosed is None:
        return True, "and never disclosed it", []
    if disclosed <= since:
        return False, f"but disclosed it at {when(disclosed)}", []
    return True, f"until {when(disclosed)} ({format_timedelta(elapsed(disclosed, since))})", []


def _party(item) -> tuple[str, list[str]]:
    by = item.known("by")
    return ("unattributed", [item.path("by")]) if by is UNKNOWN else (by, [])


@rule("CONC-001", title="The breach was known and kept back", area="disclosure",
      concludes="concealment.withheld", party="provider",
      authority=modelling_choice("a party that knew of the breach and did not tell someone it was "
                                 "recorded as keeping it from conceals it for as long as the "
                                 "silence lasted; a statutory notice duty is measured separately "
                                 "(rules/notice_*.py)"),
      principle="Knowing of a breach and saying nothing to someone owed the knowledge takes away "
                "their chance to protect themselves for as long as the silence lasts.",
      narrative="The {party} knew of the breach from {known} and kept it from {whom} {hidden}.",
      narrative_not="Concealment {id} is not shown: {why_not}.",
      needs={"item": each("incident.concealment")})
def withheld(c, item):
    if item.known("kind") != "withheld":
        return
    party, unknown = _party(item)
    known = item.known("known_at")
    whom = item.known("concealed_from")
    if known is UNKNOWN:
        hidden, how, more = UNKNOWN, "", [item.path("known_at")]
    else:
        hidden, how, more = _hidden(item, known)
    unknown += more + ([item.path("concealed_from")] if whom is UNKNOWN else [])
    c.conclude(c.check("the party knew of the breach", known is not UNKNOWN,
                       when(known) if known is not UNKNOWN else "not recorded"),
               c.check("it kept the breach from those it was owed to after knowing",
                       hidden is True, how or "not shown"),
               c.check("whom it was kept from is recorded", whom is not UNKNOWN,
                       FROM_WORDS.get(whom, "not recorded")),
               party=party, subject=item["id"], unknown=unknown,
               values={"id": item["id"], "party": party, "known": when(known) if known is not
                       UNKNOWN else "", "whom": FROM_WORDS.get(whom, "someone"), "hidden": how,
                       "why_not": how or "the record does not establish it"})


@rule("CONC-002", title="A payment or agreement with the attacker kept the breach quiet",
      area="disclosure", concludes="concealment.attacker_deal", party="provider",
      authority=modelling_choice("paying the attacker, or taking its agreement to stay silent, "
                                 "while the breach is kept from someone owed the knowledge is "
                                 "concealment by its nature, whatever the payment was called"),
      principle="Buying an attacker's silence while those who should know are kept in the dark "
                "hides the breach; calling the payment something else does not change what it "
                "did.",
      narrative="The {party} made {deal} with the attacker at {at}{called} while the breach was "
                "kept from {whom} {hidden}.",
      narrative_not="Concealment {id} is not shown to have hidden the breach: {why_not}.",
      needs={"item": each("incident.concealment")})
def attacker_deal(c, item):
    kind = item.known("kind")
    if kind not in ("attacker_payment", "attacker_nda"):
        return
    party, unknown = _party(item)
    at = item.known("at")
    whom = item.known("concealed_from")
    amount = item.known("amount")
    called = item.known("described_as")
    if at is UNKNOWN:
        hidden, how, more = UNKNOWN, "", [item.path("at")]
    else:
        hidden, how, more = _hidden(item, at)
    unknown += more + ([item.path("concealed_from")] if whom is UNKNOWN else [])
    currency = c.known("case.currency", "USD")
    deal = "a non-disclosure agreement" if kind == "attacker_nda" else \
        "a payment" + (f" of {money(amount, currency)}" if amount not in (None, UNKNOWN) else "")
    c.conclude(c.check("a payment or agreement with the attacker was made", at is not UNKNOWN,
                       f"{deal} at {when(at)}" if at is not UNKNOWN else "when is not recorded"),
               c.check("the breach was still kept from those owed the knowledge",
                       hidden is True, how or "not shown"),
               party=party, subject=item["id"], unknown=unknown,
               values={"id": item["id"], "party": party, "deal": deal,
                       "at": when(at) if at is not UNKNOWN else "",
                       "called": f", presented as {called}" if called not in (None, UNKNOWN)
                       else "", "whom": FROM_WORDS.get(whom, "someone"), "hidden": how,
                       "why_not": how or "the record does not establish it"})
