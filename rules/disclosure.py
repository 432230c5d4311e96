"""Disclosure between the parties: the provider's notice to the client, and concealment.

Notices to regulators and individuals under the statutory regimes are in
`rules/notice_*.py`.
"""
from __future__ import annotations

from rules.authorities import cite, contract_term, modelling_choice
from rules.base import each, fact, rule
from rules.common import add, duration_of, lateness, sla_window, when


@rule("DISC-001", title="Provider notified the client in time", area="disclosure",
      concludes="disclosure.client", party="provider",
      authority=[contract_term("the client-notification window"),
                cite("eu-gdpr", "Art. 33(2)", "by analogy where the contract is silent"),
                cite("us-hipaa-breach-rule", "164.410(b)", "by analogy where the contract is silent")],
      principle="The client cannot contain, notify or mitigate what it has not been told; the "
                "provider's notice starts everything the client must do.",
      narrative="The standard is the notification window: the provider detected the breach at "
                "{detected} and had {window} to tell the "
                "client ({source}), i.e. until {deadline}; the client was told at {notified}, "
                "{outcome}.",
      narrative_not="The provider detected the breach at {detected} and told the client at "
                    "{notified}, within the {window} window ({source}).",
      needs={"detected": fact("incident.timeline.provider_detection")})
def client_notice(c, detected):
    configured = c.get("contract.sla.client_notification")
    window = duration_of(configured or c.param("default.client_notification_window"))
    deadline = add(detected, window)
    notified = c.get("incident.timeline.client_notified")
    on_time = notified is not None and notified <= deadline
    c.derive("derived.provider_notice_deadline", deadline,
             f"{when(detected)} + {window} = {when(deadline)}")
    c.conclude(c.check("the client was told by the deadline", on_time,
                       f"deadline {when(deadline)}; told {when(notified)}"),
               holds=not on_time,
               values={"detected": when(detected), "window": window.words(),
                       "source": "contract" if configured else "default: without undue delay",
                       "deadline": when(deadline), "notified": when(notified),
                       "outcome": lateness(deadline, notified)})


@rule("DISC-002", title="Monitoring outage concealed from the client", area="disclosure",
      concludes="disclosure.concealment", party="provider",
      authority=[modelling_choice("concealing a known monitoring gap from the client aggravates the "
                                 "breach"),
                cite("us-ny-abacus-v-adt", note="a monitor that knew of repeated failures and did not "
                                                "tell its customer")],
      principle="A provider that knows its monitoring is blind and says nothing takes away the "
                "client's chance to protect itself. Telling the client only after the breach is "
                "found does not cure the silence while it mattered.",
      narrative="The standard is candour: a known gap must reach the client within the "
                "notification window ({window}). The provider knew from {known} that {source} was "
                "not being monitored and {told}.",
      narrative_not="The {source} outage {why_not}.",
      needs={"outage": each("incident.outages"),
             "discovery": fact("incident.timeline.discovery")})
def concealment(c, outage, discovery):
    known = outage.get("known_to_provider")
    window = sla_window(c, "contract.sla.client_notification",
                        "default.client_notification_window")
    knew = known is not None and known < discovery
    # Silence is concealment only of what the provider knew; only then does disclosure matter.
    disclosed = outage.get("disclosed_to_client") if knew else \
        outage.known("disclosed_to_client")
    candid = knew and disclosed is not None and disclosed <= add(known, window)
    c.conclude(c.check("the provider knew of the outage before the breach was discovered", knew,
                       f"known {when(known)}; discovery {when(discovery)}"),
               c.check(f"it told the client within {window} of knowing", candid,
                       f"disclosed {when(disclosed) if knew else 'not needed'}"),
               holds=knew and not candid, subject=outage["id"],
               values={"known": when(known), "source": outage["source"], "window": window.words(),
                       "told": f"told the client only at {when(disclosed)}" if knew and disclosed
                       else
                       "never told the client",
                       "why_not": "was not known to the provider before the breach was "
                                  "discovered" if not knew else
                       f"was disclosed to the client at {when(disclosed)}, within the window"})
