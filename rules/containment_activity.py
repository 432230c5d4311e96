"""Containment declared, and the attacker still active afterwards.

`incident.timeline.containment` is the moment containment was declared; a later finding that the
attacker was still active after it (`incident.timeline.active_after_containment`) shows that the
declared containment was not achieved: the intrusion was contained, if at all, only after that
moment. The rule derives `derived.containment_not_achieved` (the moment of the later activity) for
every rule that compares a claim or a window with containment (a containment statement made
before it was untrue, STMT-001; the contractual containment window is measured against it,
BREACH-021), and finds a failed containment against whoever ran incident response.
"""
from __future__ import annotations

from facts.unknown import UNKNOWN
from rules.authorities import cite, modelling_choice
from rules.base import Salience, fact, rule
from rules.common import when
from rules.shared_controls import domain_owner

ACTIVE = "incident.timeline.active_after_containment"


def still_active_after(c, declared):
    """The later moment of attacker activity that shows a declared containment was not achieved,
    else None (no later activity recorded, or none after the declaration); UNKNOWN where the
    record writes it unknown."""
    if declared is None or declared is UNKNOWN:
        return None
    later = c.known(ACTIVE)
    if later is None or later is UNKNOWN:
        return later
    return later if later > declared else None


@rule("BREACH-024", title="Containment declared while the attacker remained", area="breach",
      concludes="breach.containment", party="provider", salience=Salience.MEASURE,
      authority=[cite("nist-csf-2", "RS.MI"), cite("iso-27001-2022", "A.5.26"),
                 modelling_choice("a containment that the attacker's later activity shows was not "
                                  "achieved is a failed containment of whoever ran the response, "
                                  "whatever the window")],
      principle="Declaring an intrusion contained does not contain it: where the attacker was "
                "still active afterwards, the containment failed, and whoever ran incident "
                "response answers for it.",
      narrative="Containment was declared at {declared}, but the attacker was still active at "
                "{later}: the containment was not achieved, and incident response was {whose}.",
      narrative_not="No failed containment is shown against the provider ({why}).",
      needs={"declared": fact("incident.timeline.containment")})
def declared_containment(c, declared):
    later = c.known(ACTIVE)
    # An unknown later activity decides the element: not shown (concluded under its subject, so
    # it never stands in for BREACH-021's finding on the same element).
    unknown = [ACTIVE] if later is UNKNOWN and declared is not None else []
    later = None if later is UNKNOWN else later
    failed = declared is not None and later is not None and later > declared
    if failed:
        c.derive("derived.containment_not_achieved", later,
                 f"containment declared at {when(declared)} was not achieved: the attacker was "
                 f"still active at {when(later)}")
    owner = domain_owner(c, ("incident_response",), "unassigned")
    engaged = any(e["type"] == "incident_response" for e in c.items("contract.engagement"))
    mine = owner in ("provider", "shared") or engaged
    c.conclude(c.check("the attacker was active after the declared containment", failed,
                       f"declared {when(declared)}; later activity {when(later)}"),
               c.check("incident response was the provider's (or shared, or engaged)", mine,
                       f"owner: {owner}; incident-response engagement: "
                       f"{'yes' if engaged else 'no'}"),
               subject="declared", unknown=unknown,
               values={"declared": when(declared), "later": when(later),
                       "whose": "shared by both parties" if owner == "shared" else
                       f"the {owner}'s" if owner != "unassigned" else "the provider's engagement",
                       "why": "no attacker activity is recorded after the declared containment"
                       if not failed else f"incident response was the {owner}'s"})
