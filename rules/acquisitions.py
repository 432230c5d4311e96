"""Acquired systems: an acquisition's systems connected without a security assessment.

Whether the acquired systems were an entry cause is decided from dates and assets, never from words
in a description: the acquisition and the connection must precede the intrusion with no
assessment completed by then, and the attacker's entry asset (`incident.vector.entry_asset`) must
be one of the acquired systems. A file that records only `acquired_systems_assessed: false`, with
no acquisition and no dates, shows the governance failure but not that it preceded the intrusion
or let the attacker in: its causal link is unknown, which weighs as no link.
"""
from __future__ import annotations

from facts.unknown import UNKNOWN
from rules.authorities import cite, modelling_choice
from rules.base import fact, rule
from rules.common import yes_no


def _open_at(acq, start_day) -> tuple[object, list[str]]:
    """(True/False/UNKNOWN, unknown fact ids): whether the acquisition's systems were acquired
    and connected before the intrusion with no assessment completed by then."""
    acquired, connected, assessed = (acq.known(k) for k in ("acquired", "connected", "assessed"))
    if acquired is not UNKNOWN and acquired > start_day:
        return False, []
    if connected is None or (connected is not UNKNOWN and connected > start_day):
        return False, []       # not connected before the intrusion: nothing inherited was open
    if assessed is not None and assessed is not UNKNOWN and assessed <= start_day:
        return False, []       # assessed before the intrusion
    missing = [acq.path(k) for k, v in (("acquired", acquired), ("connected", connected),
                                        ("assessed", assessed)) if v is UNKNOWN]
    return (UNKNOWN, missing) if missing else (True, [])


@rule("GOV-010", title="Acquired systems connected without assessment", area="governance",
      concludes="governance.acquired_systems", party="client",
      authority=[cite("nist-csf-2", "GV.SC"), cite("nist-csf-2", "ID.RA"),
                 modelling_choice("due diligence on acquired systems is part of the acquirer's own "
                                  "governance; it is an entry cause only where the acquisition and "
                                  "the connection preceded the intrusion with no assessment by then, "
                                  "and the attacker entered through an acquired system — decided "
                                  "from dates and assets, not from words")],
      principle="Systems inherited through an acquisition carry their previous owner's weaknesses; "
                "connecting them without a security assessment is the acquirer's risk, and a cause "
                "of the breach where the attacker came in through them.",
      narrative="The client connected acquired systems without assessing them; {detail}; causal "
                "link: {link}.",
      narrative_not="Acquired systems are not shown to have gone unassessed in a way that bears "
                    "on this incident ({detail}).",
      needs={"vector": fact("incident.vector"),
             "start": fact("incident.timeline.intrusion_start")})
def acquired_systems(c, vector, start):
    acquisitions = c.items("client_governance.acquisitions")
    entry = vector.known("entry_asset")
    if not acquisitions:
        assessed = c.known("client_governance.acquired_systems_assessed")
        if assessed is UNKNOWN:
            still_unknown = ["client_governance.acquired_systems_assessed"]
        else:
            still_unknown = []
        link = "unknown" if assessed is False else "none"
        c.conclude(c.check("acquired systems were assessed", assessed is not False,
                           f"assessed: {yes_no(assessed)}"),
                   c.check("the acquisition and the connection are dated before the intrusion",
                           False, "no acquisition recorded in client_governance.acquisitions"),
                   holds=assessed is False, unknown=still_unknown,
                   values={"detail": "no acquisition is recorded with dates, so neither that the "
                                     "failure preceded the intrusion nor that the attacker entered "
                                     "through an acquired system is shown",
                           "link": "not shown", "causal_link": link})
        return
    start_day = start.date()
    states = [(a, *_open_at(a, start_day)) for a in acquisitions]
    failing = [a for a, state, _ in states if state is True]
    unknown = sorted({f for _, state, missing in states if state is UNKNOWN for f in missing})
    through = [a for a in failing if entry not in (None, UNKNOWN) and entry in a["systems"]]
    if through:
        link, detail = "entry", (f"acquisition {through[0]['id']}'s systems were connected before "
                                 f"the intrusion without assessment, and the attacker entered "
                                 f"through {entry}, one of them")
    elif failing and entry in (None, UNKNOWN):
        link, detail = "unknown", (f"acquisition {failing[0]['id']}'s systems were connected before "
                                   f"the intrusion without assessment; the entry asset is not "
                                   f"recorded, so whether the attacker came in through them is "
                                   f"not shown")
    elif failing:
        link, detail = "none", (f"acquisition {failing[0]['id']}'s systems were connected before "
                                f"the intrusion without assessment, but the attacker entered "
                                f"through {entry}, not one of them")
    else:
        link, detail = "none", "every acquisition was assessed before the intrusion, or its " \
                               "systems were not connected by then"
    c.cite(*[a for a in failing] or acquisitions)
    c.conclude(c.check("acquired systems were connected before the intrusion without assessment",
                       bool(failing), ", ".join(a["id"] for a in failing) or "none"),
               c.check("the attacker entered through an acquired system", bool(through),
                       f"entry asset: {entry if entry not in (None, UNKNOWN) else 'not recorded'}"),
               holds=bool(failing), unknown=unknown,
               values={"detail": detail, "link": link, "causal_link": link})
