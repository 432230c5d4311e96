"""The vendor's advisory: the date the vendor of the exploited product published a fix or an advisory
(`incident.timeline.vendor_advisory`).

Before the advisory the way in was not foreseeable to those who ran the product (CAUS-004 reads the
advisory's date as the moment the threat became public); after it, the patch window of whoever the
responsibility matrix gives patching to runs from the publication. An owner that had not applied
the fix or mitigation (`acted_on`) when the intrusion began, after that window had run, failed at
the entry; within the window, or before the advisory, it did not. A shared patching domain divided
by asset is decided by the attacker's entry asset (rules/shared_controls.py).
"""
from __future__ import annotations

from datetime import timedelta

from facts.unknown import UNKNOWN
from rules.authorities import cite, contract_term, modelling_choice
from rules.base import fact, rule
from rules.common import shown, when
from rules.shared_controls import domain_owner

ADVISORY = "incident.timeline.vendor_advisory"
PATCHING = ("patching", "vulnerability_scanning")


def advisory_published(c):
    """The advisory's publication date, None where none is recorded; an unknown date stops the
    rule that needs it."""
    return c.get(f"{ADVISORY}.published")


def _assess(c, vector, start, party: str, default: str) -> None:
    published = advisory_published(c)
    owner = domain_owner(c, PATCHING, default, asset=vector.known("entry_asset"))
    mine = owner in (party, "shared")
    if published is None:
        c.conclude(c.check("a vendor advisory is recorded", False, "none recorded"),
                   subject="advisory", holds=False,
                   values=_values(owner, why="no vendor advisory is recorded"))
        return
    grace = c.param("threshold.patch_grace_days")
    day = start.date()
    deadline = published + timedelta(days=grace)
    after_window = day > deadline
    acted = c.known(f"{ADVISORY}.acted_on") if mine and after_window else None
    # An unknown action decides the element: it is not shown (concluded here, under its subject).
    unknown = [f"{ADVISORY}.acted_on"] if acted is UNKNOWN else []
    unacted = mine and after_window and not unknown and (acted is None or acted.date() > day)
    received = c.known(f"{ADVISORY}.received")
    c.conclude(
        c.check("the vendor's advisory preceded the intrusion", published <= day,
                f"advisory {published}; intrusion {day}"),
        c.check(f"the {grace}-day patch window had run when the intrusion began", after_window,
                f"window ran to {deadline}"),
        c.check(f"patching was the {party}'s (or shared)", mine, f"owner: {owner}"),
        c.check("the fix or mitigation was not applied before the intrusion", unacted,
                f"acted on {shown(acted)}" if mine and after_window else "not read"),
        subject="advisory", unknown=unknown,
        values=_values(owner, causal_link="entry" if unacted else "none",
                       link="entry" if unacted else "none", published=str(published), deadline=str(deadline), grace=grace,
                       acted=shown(acted), received="" if received in (None, UNKNOWN) else
                       f", received {when(received)}",
                       why="the intrusion began before the vendor's advisory, so the way in was "
                           "not yet foreseeable" if published > day else
                       f"the intrusion began within the {grace}-day window after the advisory"
                       if not after_window else f"patching was the {owner}'s" if not mine else
                       "the fix or mitigation was applied before the intrusion"))


def _values(owner: str, **more) -> dict:
    return {"owner": owner, "causal_link": "none", "link": "none", "published": "", "deadline": "", "grace": "", "acted": "",
            "received": "", **more}


AUTHORITY = [cite("cis-controls-v8", "control 7"),
             cite("cisa-bod-22-01", note="remediation timelines as a benchmark; binding only on "
                                         "federal civilian agencies"),
             contract_term("the responsibility matrix (patching)"),
             modelling_choice("a vulnerability is foreseeable to those who run the product from the "
                              "vendor's advisory; the patch window of whoever patches runs from it")]
NARRATIVE = ("The vendor published its advisory on {published}{received}; patching was the "
             "{owner}'s, and the {grace}-day patch window ran to {deadline}, but the fix or "
             "mitigation had not been applied (acted on: {acted}) when the intrusion began.")
NARRATIVE_NOT = "The vendor's advisory does not show a failure to patch in time: {why}."


@rule("BREACH-023", title="Vendor advisory not acted on by the provider within the patch window",
      area="breach", concludes="breach.patching", party="provider", authority=AUTHORITY,
      principle="Once the vendor has published a fix or advisory, whoever patches the product "
                "must apply it within a reasonable time; before the advisory, the way in was not "
                "foreseeable.",
      narrative=NARRATIVE, narrative_not=NARRATIVE_NOT,
      needs={"vector": fact("incident.vector"), "start": fact("incident.timeline.intrusion_start")})
def provider_advisory(c, vector, start):
    _assess(c, vector, start, "provider", "unassigned")


@rule("GOV-012", title="Vendor advisory not acted on by the client within the patch window",
      area="governance", concludes="governance.patching", party="client", authority=AUTHORITY,
      principle="An organisation that kept patching for itself answers for a vendor's published "
                "fix left unapplied beyond a reasonable time.",
      narrative=NARRATIVE, narrative_not=NARRATIVE_NOT,
      needs={"vector": fact("incident.vector"), "start": fact("incident.timeline.intrusion_start")})
def client_advisory(c, vector, start):
    _assess(c, vector, start, "client", "client")
