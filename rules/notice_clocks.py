"""Statutory notices, part 2: when the client's notice clocks start.

Each duty names its trigger. The client's awareness is when it was told (or found the breach
itself). Where the law imputes an agent's knowledge to its principal (HIPAA: 45 CFR
164.404(a)(2)) and the record shows the provider was the client's agent
(`parties.provider.agent_of_client`), the covered entity's clock starts when the provider knew of
the breach, i.e. the provider's detection. A business associate is not presumed to be an agent. A monitoring outage or an unexamined alert is not knowledge of the
breach: it may support the argument that the provider should have known (the reasonable-diligence
limb), which is a question of fact this rule base does not decide.
"""
from __future__ import annotations

from rules.authorities import cite, modelling_choice
from rules.base import Salience, fact, rule
from facts.labels import label
from rules.common import when


@rule("NOTICE-002", title="When the client's notice clocks start", area="disclosure",
      concludes="derived.client_awareness", salience=Salience.MEASURE,
      authority=[cite("us-hipaa-breach-rule", "164.404(a)(2)"),
                  cite("eu-gdpr", "Art. 33(1)", "'after having become aware'"),
                  modelling_choice("elsewhere the clock runs from the client's own awareness")],
      principle="A client's clock runs from when it knew; where the law imputes its agent's "
                "knowledge, from when the provider knew of the breach. An outage the provider "
                "knew of is not knowledge of the breach.",
      narrative="The client became aware at {at}.",
      needs={"discovery": fact("incident.timeline.discovery"),
             "who": fact("incident.timeline.discovered_by")})
def client_awareness(c, discovery, who):
    if who == "provider":
        # only the provider's notice told the client; an unknown moment stops the rule
        aware = c.get("incident.timeline.client_notified")
        if aware is None:
            return
        how = "told by the provider"
    else:
        # the client found it, or the third party that found it told the client then (the client
        # cannot have been told before the breach was found)
        aware = discovery
        how = "found it itself" if who == "client" else "told by the discoverer"
    c.derive("derived.client_awareness", aware, f"{when(aware)} ({how})")
    detected = c.known("incident.timeline.provider_detection")
    if c.is_unknown(detected):
        return   # when the provider knew is unknown: no earlier knowledge is imputed
    # Agency is a recorded fact (the client's right to control the provider's conduct), never
    # presumed from a business-associate status: an agency left unknown or disputed imputes nothing.
    agent = c.known("parties.provider.agent_of_client")
    if agent is True and detected is not None:
        imputed = min(aware, detected)
        c.derive("derived.imputed_knowledge", imputed,
                 f"the provider, recorded as the client's agent, detected the breach at "
                 f"{when(detected)}; its knowledge is imputed from {when(imputed)}")


def client_triggers(c):
    """For a duty of the client: (the moment its clock starts, the words naming that moment, the
    fact left unknown where the record does not say when that moment was)."""
    aware = c.get("derived.client_awareness")
    imputed = c.get("derived.imputed_knowledge")
    materiality = c.known("incident.timeline.materiality_determined")
    assessed = c.known("incident.timeline.notifiable_assessed")
    classified = c.known("applicability.incident.dora_classified_at")

    def unknown(fact_id: str):
        return None, f"not shown: {label(fact_id)} is unknown", fact_id

    def trigger(duty, profile):
        if duty.trigger == "discovery" and duty.imputed_knowledge and imputed is not None:
            return imputed, (f"the provider's detection at {when(imputed)}, imputed to the client "
                             f"as its agent's knowledge"), ""
        if duty.trigger in ("awareness", "discovery"):
            return aware, f"the client's awareness at {when(aware)}", ""
        if duty.trigger == "determination":
            if duty.who == "registrant":
                if c.is_unknown(materiality):
                    return unknown("incident.timeline.materiality_determined")
                return (materiality, f"the materiality determination at {when(materiality)}",
                        "") if materiality else (None, "no materiality determination is "
                                                       "recorded", "")
            if c.is_unknown(assessed):
                return unknown("incident.timeline.notifiable_assessed")
            if assessed is not None:
                return assessed, f"the client's determination at {when(assessed)}", ""
            return aware, (f"the client's awareness at {when(aware)} (no separate determination "
                           f"is recorded; the earliest it could have determined the breach)"), ""
        if duty.trigger == "classification":
            if c.is_unknown(classified):
                return unknown("applicability.incident.dora_classified_at")
            if classified is None:
                return None, "the incident was never classified as major", ""
            return classified, f"the classification as major at {when(classified)}", ""
        if duty.trigger == "assessment":
            if c.is_unknown(assessed):
                return unknown("incident.timeline.notifiable_assessed")
            return (assessed, f"the assessment at {when(assessed)}", "") if assessed else \
                (None, "no assessment of notifiability is recorded", "")
        return None, f"trigger {duty.trigger} not assessed", ""
    return trigger
