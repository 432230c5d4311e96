"""Duties that come from what the provider was engaged to do, beyond monitoring.

Each engagement in `contract.engagement` brings its own duties, and a duty is found only for what
was engaged: an incident responder or forensic investigator owes accurate statements of
containment and scope and a competent investigation; a managed service desk owes verification of
a caller's identity before it resets credentials; a hosted platform owes the security of what it
hosts and notice to its customer; an RMM operator owes the security of the tooling through which it
reaches the client's systems. Monitoring duties are DUTY-001's (rules/duty.py). Each finding says
which engagement its duty comes from.
"""
from __future__ import annotations

from facts.unknown import UNKNOWN
from rules.authorities import cite, contract_term, modelling_choice
from rules.base import each, fact, rule
from rules.common import when
from rules.statements import falsity

DUTIES = {
    "incident_response": "accurate statements of containment and scope, and a competent "
                         "investigation",
    "forensic_investigation": "a competent investigation and an accurate account of what it "
                              "found",
    "service_desk": "verification of a caller's identity before it resets credentials or MFA",
    "hosted_platform": "the security of what it hosts for the client, and notice to the client "
                       "of a breach of it",
    "rmm": "the security of the remote-management tooling through which it reaches the "
           "client's systems",
}
KIND_WORDS = {"monitoring": "monitoring", "incident_response": "incident response",
              "forensic_investigation": "forensic investigation",
              "service_desk": "managed service desk", "hosted_platform": "hosted platform",
              "rmm": "remote management (RMM)"}
INVESTIGATING = ("incident_response", "forensic_investigation")


def engaged(c, *types: str) -> list:
    """The provider's engagements of these types, in id order."""
    return [e for e in c.items("contract.engagement") if e["type"] in types]


@rule("ENG-001", title="A duty from what the provider was engaged to do", area="duty",
      concludes="duty.engagement", party="provider",
      authority=[contract_term("the engagement the contract or a later engagement letter "
                               "describes"),
                 cite("restatement-3d-economic-harm", "§4", "whether a security provider is a "
                      "professional is for the governing law"),
                 cite("uk-henderson-v-merrett", note="England")],
      principle="Whoever undertakes a service owes reasonable care in performing it, and only "
                "in what it undertook: an incident responder owes accurate status statements and "
                "a competent investigation, a service desk owes identity checks, a host owes the "
                "security of what it hosts.",
      narrative="Under its {kind} engagement ({engagement}{since}) the provider owed the client "
                "{duty}.",
      narrative_not="The {kind} engagement ({engagement}) brings no duty for this incident: "
                    "{why_not}.",
      needs={"engagement": each("contract.engagement")})
def engagement_duty(c, engagement):
    kind = engagement["type"]
    if kind == "monitoring":
        return   # DUTY-001 decides the monitoring duty, with the control level
    started = engagement.known("started")
    ended = engagement.known("ended")
    start = c.known("incident.timeline.intrusion_start")
    over = ended not in (None, UNKNOWN) and start is not UNKNOWN and ended < start
    c.conclude(c.check("the provider was engaged for it", True, KIND_WORDS[kind]),
               c.check("the engagement had not ended before the intrusion", not over,
                       f"ended {when(ended)}" if ended not in (None, UNKNOWN) else "running"),
               subject=engagement["id"],
               values={"kind": KIND_WORDS[kind], "engagement": engagement["id"],
                       "since": "" if started is None else
                       ", from an unrecorded date" if started is UNKNOWN else
                       f", from {when(started)}", "duty": DUTIES[kind],
                       "why_not": f"it ended at {when(ended)}, before the intrusion"})


@rule("ENG-002", title="An engaged responder's statement of the incident was inaccurate",
      area="breach", concludes="breach.responder_statement", party="provider",
      authority=[contract_term("the incident-response or forensic engagement"),
                 modelling_choice("an incident responder or investigator engaged to establish "
                                  "containment and scope falls below the care it owes when it "
                                  "tells the client something about them that the record shows "
                                  "was untrue when said; whether it knew is a separate finding "
                                  "(statement.known_false)")],
      principle="A responder hired to find out whether and how far an intrusion was contained "
                "owes the client an accurate account; an account the record shows was untrue "
                "when given is the duty not met.",
      narrative="Under its {kind} engagement ({engagement}) the provider told {to} at {at} "
                "something the record shows was untrue: {wrong}.",
      narrative_not="Statement {id} is not shown to fall short of the {kind} engagement's duty: "
                    "{why_not}.",
      needs={"statement": each("incident.statements")})
def responder_statement(c, statement):
    if statement.known("by") != "provider":
        return
    engagements = engaged(c, *INVESTIGATING)
    if not engagements:
        # A duty only for what was engaged: without an investigating engagement there is none.
        c.conclude(c.check("the statement was made under an investigating engagement", False,
                           "no incident-response or forensic engagement"),
                   subject=statement["id"],
                   values={"id": statement["id"], "kind": "incident response or forensic",
                           "why_not": "the provider was not engaged to respond or investigate, "
                                      "so no responder's duty arises"})
        return
    at = statement.known("at")
    under = [e for e in engagements if e.known("started") is None or
             (e.known("started") is not UNKNOWN and at is not UNKNOWN and e["started"] <= at)]
    unknown = [e.path("started") for e in engagements if e.known("started") is UNKNOWN] \
        if not under else []
    wrong, undecided, claims = falsity(c, statement)
    engagement = (under or engagements)[0]
    c.conclude(c.check("the statement was made under an investigating engagement", bool(under),
                       ", ".join(e["id"] for e in under) or "made before the engagement began"),
               c.check("it told the client something untrue about the incident", bool(wrong),
                       "; ".join(wrong) or "nothing untrue shown"),
               subject=statement["id"], unknown=unknown + undecided,
               values={"id": statement["id"], "kind": KIND_WORDS[engagement["type"]],
                       "engagement": engagement["id"], "to": statement.known("to"),
                       "at": when(at), "wrong": "; ".join(wrong),
                       "why_not": "it was made before the engagement began" if not under else
                       f"what it claimed ({'; '.join(claims)}) the record bears out" if claims
                       else "it made no claim about containment, scope, data or cause"})


@rule("ENG-003", title="The service desk reset access without verifying the caller",
      area="breach", concludes="breach.identity_verification", party="provider",
      authority=[contract_term("the managed service-desk engagement"),
                 cite("nist-csf-2", "PR.AA-02"),
                 modelling_choice("a service desk engaged to reset credentials owes a check of "
                                  "the caller's identity before the reset; a reset for an "
                                  "impostor without one is that duty not met")],
      principle="A service desk that resets passwords or MFA for whoever calls hands the "
                "attacker the keys; verifying the caller's identity first is the job.",
      narrative="Under its service-desk engagement ({engagement}) the provider reset access for "
                "a caller posing as a user without verifying the caller's identity, and the "
                "attacker entered that way{entry}.",
      narrative_not="The service desk is not shown to have reset access without verifying the "
                    "caller: {why_not}.",
      needs={"vector": fact("incident.vector")})
def identity_verification(c, vector):
    desks = engaged(c, "service_desk")
    if not desks:
        c.conclude(c.check("the provider ran the client's service desk", False,
                           "no service-desk engagement"),
                   values={"why_not": "the provider was not engaged to run the service desk, so "
                                      "no duty to verify callers arises from an engagement"})
        return
    social = vector.known("type") == "social_engineering"
    target = vector.known("target") if social else None
    verified = vector.known("identity_verified") if target == "service_desk" else None
    unknown = [vector.path(n) for n, v in (("type", vector.known("type")),
                                           ("target", target), ("identity_verified", verified))
               if v is UNKNOWN]
    c.conclude(c.check("the attacker got in by deceiving the service desk",
                       social and target == "service_desk",
                       f"vector {vector.known('type')}; deceived: {target or 'not the desk'}"),
               c.check("the desk reset access without verifying the caller's identity",
                       verified is False, "not recorded" if verified is UNKNOWN else
                       "verified" if verified else "not verified" if verified is False else
                       "no reset by the desk"),
               unknown=unknown,
               values={"engagement": desks[0]["id"],
                       "entry": f" ({vector.get('entry_point')})" if vector.known(
                           "entry_point") not in (None, UNKNOWN) else "",
                       "why_not": "the entry did not run through the service desk"
                       if not (social and target == "service_desk") else
                       "it verified the caller's identity before the reset"})
