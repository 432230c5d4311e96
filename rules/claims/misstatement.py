"""Misstatements and concealment as findings with their own elements, each opening its route or
naming the element that is missing.

- An inaccurate status statement (the provider said the incident was contained before it was) is a
  breach of the provider's reporting duty where the contract or engagement gives it one.
- Negligent misrepresentation adds reliance and, where the governing law requires it, a special
  relationship (New York: Kimmell; Mandarin Trading).
- Fraud adds knowledge of falsity when the statement was made and intent to deceive, and is proved
  by clear and convincing evidence (New York: Centro Empresarial). An inaccurate statement whose
  speaker is not shown to have known it was false opens no fraud route.
- Concealment of a known breach (the provider knew and did not tell the client in time, a statement
  known false when made, a recorded concealment) opens the wilful-misconduct question, which the
  limits then weigh against the cap (rules/claims/limits.py).
"""
from __future__ import annotations

from decimal import Decimal

from facts.formatting import yes_no
from facts.unknown import UNKNOWN
from rules.authorities import cite, contract_term, governing_law
from rules.base import Salience, each, rule
from rules.claims.limits import money
from rules.common import when

REPORTING_DOMAINS = ("incident_response",)


def harm_after(c, moment) -> Decimal:
    """Harm that accrued after `moment`: what reliance on a statement made then could have cost."""
    accrual = c.get("incident.harm.accrual") or []
    return sum((Decimal(a["amount"]) for a in accrual if a["at"] > moment), Decimal(0))


def reporting_duty(c) -> str:
    """Where the provider's duty to report on the incident comes from, or '' if none is shown."""
    if c.known("contract.sla.client_notification") not in (None, UNKNOWN):
        return "the contract's client-notification window"
    owners = c.group("contract.responsibilities")
    for domain in REPORTING_DOMAINS:
        if owners.known(domain) in ("provider", "shared"):
            return f"the provider's {domain.replace('_', ' ')} function under the matrix"
    return ""


def _untrue(c, statement) -> bool:
    """Untrue when made, as a breach finds it: a misstatement of containment or scope
    (BREACH-010, BREACH-016), or a claim of containment made while the attacker was still active
    after the declared containment (derived.containment_not_achieved, BREACH-024). STMT-001's
    wider falsity is not enough: an understated scope the provider could not see is no breach."""
    if any(f["subject"] == statement["id"]
           for f in c.findings("breach.misrepresentation", party="provider")):
        return True
    later = c.get("derived.containment_not_achieved")
    return bool(later is not None and statement.known("claims_contained") is True
                and statement["at"] < later)


@rule("CLAIM-002", title="Inaccurate status statement in breach of a reporting duty",
      area="breach", concludes="claims.inaccurate_statement", party="provider",
      salience=Salience.COMPOSITE, phase="aggregate",
      authority=[contract_term("the provider's duty to report on an incident to the client"),
                 governing_law("contract law of the governing jurisdiction")],
      principle="A provider that owes the client reports on an incident breaches that duty when it "
                "reports something untrue, such as containment before containment.",
      narrative="Statement {id} of {at} was untrue when made and breached {duty}; harm of {after} "
                "accrued after it.",
      narrative_not="Statement {id} is not shown to breach a reporting duty: {why}.",
      needs={"statement": each("incident.statements")})
def inaccurate_statement(c, statement):
    if statement.known("by") != "provider":
        return
    untrue = _untrue(c, statement)
    duty = reporting_duty(c)
    after = harm_after(c, statement["at"])
    c.conclude(c.check("the statement was untrue when made (breach.misrepresentation)", untrue,
                       "yes" if untrue else "not shown"),
               c.check("the provider owed the client reports on the incident", bool(duty),
                       duty or "no reporting duty shown"),
               subject=statement["id"],
               values={"id": statement["id"], "at": when(statement["at"]), "duty": duty,
                       "after": money(after, c.get("case.currency") or "USD"), "harm_after": str(after),
                       "why": "it was not shown to be untrue when made" if not untrue else
                       "no reporting duty of the provider is shown"})


@rule("CLAIM-003", title="Negligent misrepresentation", area="breach",
      concludes="claims.negligent_misrepresentation", party="provider",
      salience=Salience.COMPOSITE, phase="aggregate",
      authority=[cite("us-ny-mandarin-trading", "180"), cite("us-ny-kimmell-v-schaefer", "263"),
                 governing_law("tort of negligent misrepresentation")],
      principle="A careless untrue statement is actionable where the speaker owed a duty to speak "
                "with care (in New York a special relationship, such as specialised expertise), "
                "the listener reasonably relied on it, and the reliance caused loss.",
      narrative="Negligent misrepresentation is open on statement {id}: it was untrue, the client "
                "relied on it, and harm of {after} accrued after it; {relationship}.",
      narrative_not="No negligent-misrepresentation route on statement {id}: {missing}.",
      needs={"statement": each("incident.statements")})
def negligent_misrepresentation(c, statement):
    if statement.known("by") != "provider":
        return
    untrue = _untrue(c, statement)
    relied = statement.known("relied_on", UNKNOWN)
    after = harm_after(c, statement["at"])
    law = c.get("case.governing_law")
    relationship = ("a special relationship is required (Kimmell): a security provider "
                    "reporting on its own monitoring has specialised expertise, which is a "
                    "question of fact" if law == "US-NY" else
                    "whether the governing law requires a special relationship is not recorded")
    missing = [words for words, ok in (("the statement was not shown to be untrue", untrue),
                                       ("reliance by the client is not shown"
                                        + (" (unknown)" if relied is UNKNOWN else ""),
                                        relied is True),
                                       ("no harm accrued after the statement", after > 0))
               if not ok]
    c.conclude(c.check("the statement was untrue", untrue),
               c.check("the client relied on it", relied is True,
                       "unknown" if relied is UNKNOWN else yes_no(relied)),
               c.check("harm accrued after it", after > 0, f"{after:,.2f}"),
               subject=statement["id"],
               values={"id": statement["id"], "after": money(after, c.get("case.currency") or "USD"),
                       "harm_after": str(after), "relationship": relationship,
                       "missing": "; ".join(missing)})


@rule("CLAIM-004", title="Fraud", area="breach", concludes="claims.fraud", party="provider",
      salience=Salience.COMPOSITE, phase="aggregate", standard="clear and convincing evidence",
      authority=[cite("us-ny-centro-empresarial", "276"), governing_law("tort of fraud")],
      principle="Fraud needs more than an untrue statement: the speaker knew it was false when it "
                "spoke and meant the listener to rely on it, the listener did, and lost by it; "
                "each element is proved by clear and convincing evidence.",
      narrative="A fraud route is open on statement {id}: the provider knew it was false at "
                "{known}, the client relied on it, and harm of {after} accrued after it; intent "
                "to deceive is inferred from knowledge only by the fact-finder.",
      narrative_not="No fraud route on statement {id}: {missing}.",
      needs={"statement": each("incident.statements")})
def fraud(c, statement):
    if statement.known("by") != "provider":
        return
    untrue = _untrue(c, statement)
    known_false = statement.known("known_false_at", UNKNOWN)
    knew = known_false not in (None, UNKNOWN) and known_false <= statement["at"]
    relied = statement.known("relied_on", UNKNOWN)
    after = harm_after(c, statement["at"])
    missing = [words for words, ok in (
        ("the statement was not shown to be untrue", untrue),
        ("knowledge of falsity when it was made is not shown" +
         (" (unknown)" if known_false is UNKNOWN else ""), knew),
        ("reliance by the client is not shown", relied is True),
        ("no harm accrued after it", after > 0)) if not ok]
    c.conclude(c.check("the statement was untrue", untrue),
               c.check("the provider knew it was false when it made it", knew,
                       "unknown" if known_false is UNKNOWN else when(known_false)
                       if known_false else "never"),
               c.check("the client relied on it", relied is True,
                       "unknown" if relied is UNKNOWN else yes_no(relied)),
               c.check("harm accrued after it", after > 0, f"{after:,.2f}"),
               subject=statement["id"],
               values={"id": statement["id"], "after": money(after, c.get("case.currency") or "USD"),
                       "harm_after": str(after), "missing": "; ".join(missing),
                       "known": when(known_false) if knew else ""})


@rule("CLAIM-005", title="Concealment of a known breach opens the wilful-misconduct question",
      area="breach", concludes="claims.willful_misconduct_question", party="provider",
      salience=Salience.AGGREGATE, phase="aggregate",
      authority=[cite("us-ny-kalisch-jarcho"), cite("us-ny-sommer-v-federal-signal"),
                 governing_law("treatment of wilful misconduct in limitation clauses")],
      principle="A provider that knew of the breach and kept it from the client, or told the "
                "client something it knew to be false, may have acted wilfully; whether it did is "
                "a question of fact, which reaches a cap that does not cover wilful misconduct.",
      narrative="The wilful-misconduct question is open: {what}. Whether the conduct was wilful "
                "is a question of fact.",
      narrative_not="The wilful-misconduct question is not opened: no concealment of a known "
                    "breach or monitoring gap, no deliberate disabling and no statement known "
                    "false when made is shown.")
def willful_misconduct_question(c):
    what = []
    detected = c.known("incident.timeline.provider_detection")
    if detected not in (None, UNKNOWN) and c.findings("disclosure.client", party="provider"):
        what.append(f"the provider knew of the breach from {when(detected)} and did not tell the "
                    f"client in time")
    for f in c.findings("disclosure.concealment", party="provider"):
        what.append(f"the provider knew of a monitoring gap ({f['subject']}) and kept it from "
                    f"the client")
    for f in c.findings("breach.audit", party="provider"):
        if f["rule"] == "BREACH-012":
            what.append(f"the provider deliberately disabled detections (audit finding "
                        f"{f['subject']})")
    for f in c.findings("claims.fraud", party="provider", holds=None):
        if f["values"].get("known"):
            what.append(f"statement {f['subject']} was known to be false when made")
    for item in c.items("incident.concealment"):
        if item.known("by") == "provider":
            what.append(f"concealment {item['id']} by the provider "
                        f"({item.known('kind')}) is recorded")
    c.conclude(c.check("concealment of a known breach or a knowing misstatement is shown",
                       bool(what), "; ".join(what) or "none"),
               values={"what": "; ".join(what)})
