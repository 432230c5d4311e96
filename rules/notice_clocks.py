"""Statutory notices, part 2: when the client's notice clocks start.

Each duty names its trigger. The client's awareness is when it was told (or found the breach
itself). Where the law imputes an agent's knowledge to its principal (HIPAA: 45 CFR
164.404(a)(2)), the covered entity's clock starts when its agent, the provider, knew of the breach,
i.e. the provider's detection. A monitoring outage or an unexamined alert is not knowledge of the
breach: it may support the argument that the provider should have known (the reasonable-diligence
limb), which is a question of fact this rule base does not decide.
"""
from __future__ import annotations

from rules.authorities import cite, modelling_choice
from rules.base import Salience, fact, rule
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
    told = c.get("incident.timeline.client_notified")
    candidates = [t for t in (told, discovery if who == "client" else None) if t is not None]
    if not candidates and who not in ("provider",):
        candidates = [discovery]   # the third party that found the breach told the client then
    if not candidates:
        return
    aware = min(candidates)
    c.derive("derived.client_awareness", aware,
             f"{when(aware)} ({'told by the provider or the discoverer' if told == aware else 'found it itself'})")
    detected = c.get("incident.timeline.provider_detection")
    # Whether the provider is the client's agent at all is for another rule; a status the record
    # leaves unknown imputes nothing here.
    agent = c.known("parties.provider.status.hipaa_business_associate")
    if agent is True and detected is not None:
        imputed = min(aware, detected)
        c.derive("derived.imputed_knowledge", imputed,
                 f"the provider, the client's HIPAA business associate and presumptive agent, "
                 f"detected the breach at {when(detected)}; its knowledge is imputed from "
                 f"{when(imputed)}")


def client_triggers(c):
    """For a duty of the client: (the moment its clock starts, the words naming that moment)."""
    aware = c.get("derived.client_awareness")
    imputed = c.get("derived.imputed_knowledge")
    materiality = c.get("incident.timeline.materiality_determined")
    assessed = c.get("incident.timeline.notifiable_assessed")

    def trigger(duty, profile):
        if duty.trigger == "discovery" and duty.imputed_knowledge and imputed is not None:
            return imputed, (f"the provider's detection at {when(imputed)}, imputed to the client "
                             f"as its agent's knowledge")
        if duty.trigger in ("awareness", "discovery"):
            return aware, f"the client's awareness at {when(aware)}"
        if duty.trigger == "determination":
            if duty.who == "registrant":
                return (materiality, f"the materiality determination at {when(materiality)}") \
                    if materiality else (None, "no materiality determination is recorded")
            if assessed is not None:
                return assessed, f"the client's determination at {when(assessed)}"
            return aware, (f"the client's awareness at {when(aware)} (no separate determination "
                           f"is recorded; the earliest it could have determined the breach)")
        if duty.trigger == "classification":
            classified = c.known("applicability.incident.dora_classified_at")
            if classified is None or c.is_unknown(classified):
                return None, "the time of classification as major is not recorded"
            return classified, f"the classification as major at {when(classified)}"
        if duty.trigger == "assessment":
            return (assessed, f"the assessment at {when(assessed)}") if assessed else \
                (None, "no assessment of notifiability is recorded")
        return None, f"trigger {duty.trigger} not assessed"
    return trigger
