"""Whether the negligence route is open between the contracting parties: the economic loss rule
and its independent-duty exception under the governing law (rules/data/economic_loss.yaml).

A client and its provider are contracting parties, and the loss a breach causes is economic. In a
jurisdiction that confines such loss to the contract, the negligence route is closed unless the
record shows a ground the law accepts for a duty independent of the contract; where the law leaves
that to the facts, or the jurisdiction's rule is not recorded, the route is arguable, never assumed.
"""
from __future__ import annotations

from facts.unknown import UNKNOWN
from rules.authorities import cite, governing_law
from rules.base import Salience, fact, rule
from rules.claims.law import cite_keys, economic_loss_rule

GROUND_WORDS = {"harm_to_persons": "harm to persons",
                "harm_to_other_property": "harm to property other than what the service covered",
                "public_interest_service": "a service affected with a public interest",
                "statutory_duty_of_care": "a statute imposing a duty of care on the provider"}
TORT_ROUTE = "derived.claims.tort_route"


def route_status(entry, grounds) -> tuple[str, str]:
    """(yes / no / arguable, why) for the negligence route between contracting parties."""
    if entry is None:
        return "arguable", ("the economic loss rule of the governing law is not recorded in this "
                            "rule base, so whether a tort claim lies between contracting parties "
                            "is left open")
    shown = [] if grounds is UNKNOWN else list(grounds or [])
    opening = [g for g in shown if entry.grounds.get(g) == "yes"]
    if opening:
        return "yes", (f"{entry.name} recognises a duty outside the contract on the ground the "
                       f"record shows: {', '.join(GROUND_WORDS[g] for g in opening)}")
    open_question = [g for g in shown if entry.grounds.get(g) == "arguable"]
    if open_question:
        return "arguable", (f"whether {', '.join(GROUND_WORDS[g] for g in open_question)} grounds "
                            f"a duty independent of the contract is a question the case law of "
                            f"{entry.name} leaves to the facts")
    if entry.rule == "products_only":
        return "arguable", (f"{entry.name}: {entry.principle}; whether this claim has such a "
                            f"tort is for the court")
    if entry.rule == "assumption_of_responsibility":
        return "arguable", (f"under the law of {entry.name} a duty of care may run alongside the "
                            f"contract where the provider assumed responsibility for the service; "
                            f"whether it did is for the court")
    missing = ("the record does not say whether any such ground exists (unknown)"
               if grounds is UNKNOWN else "the record shows no such ground")
    return "no", (f"{entry.name}: {entry.principle}; {missing}, so the loss is recoverable, if "
                  f"at all, in contract")


@rule("CLAIM-001", title="A duty independent of the contract (the economic loss rule)",
      area="duty", concludes="claims.independent_duty", party="provider",
      salience=Salience.ELEMENT,
      authority=[governing_law("economic loss rule between contracting parties"),
                 cite("restatement-3d-economic-harm", "§3"),
                 cite("us-ny-clark-fitzpatrick", "389")],
      principle="Between contracting parties, negligence in performing the contract that causes "
                "only economic loss is, in many jurisdictions, a matter for the contract alone; a "
                "tort claim needs a duty the law imposes independently of the contract. The "
                "negligence route is open, closed or arguable according to the governing law and "
                "the grounds of such a duty the record shows.",
      narrative="The negligence route is open between the contracting parties: {why}.",
      narrative_not="The negligence route is {status} between the contracting parties: {why}.",
      needs={"law": fact("case.governing_law")})
def independent_duty(c, law):
    entry = economic_loss_rule(law)
    grounds = c.known("contract.clauses.duty_outside_contract")
    status, why = route_status(entry, grounds)
    cites = cite_keys(entry.citations) if entry else []
    c.derive(TORT_ROUTE, {"available": status, "decided_by": "claims.independent_duty.provider",
                          "rule": entry.rule if entry else "not_recorded", "why": why,
                          "cites": cites},
             f"negligence route {status}: {why}")
    words = {"yes": "open", "no": "not available", "arguable": "arguable"}[status]
    c.conclude(c.check("the governing law's economic loss rule is recorded", entry is not None,
                       entry.rule.replace("_", " ") if entry else f"{law}: not recorded"),
               c.check("the record shows a ground of a duty outside the contract that the law "
                       "accepts", status == "yes",
                       "unknown" if grounds is UNKNOWN else ", ".join(grounds or []) or "none"),
               holds=status == "yes", values={"status": words, "why": why, "cites": "; ".join(cites)})
