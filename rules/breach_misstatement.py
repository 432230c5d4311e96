"""Breach by misstatement during the incident: telling the client the intrusion was contained
before it was (BREACH-010), or that it touched less of the estate than it did (BREACH-016).

Whether any statement was false, known to be false and relied on is decided for every speaker in
rules/statements.py; these rules are the provider's breach of its duty of truthful status reporting.
"""
from __future__ import annotations

from facts.formatting import yes_no
from facts.unknown import UNKNOWN
from rules.authorities import modelling_choice
from rules.base import each, fact, rule
from rules.common import when
from rules.containment_activity import ACTIVE, still_active_after


@rule("BREACH-010", title="Misstatement of containment after the incident", area="breach",
      concludes="breach.misrepresentation", party="provider",
      standard="clear and convincing evidence",
      authority=modelling_choice("a statement that the incident is contained when it is not deprives the "
                                 "client of the chance to act and aggravates the breach; a fraud-like "
                                 "finding is held to clear and convincing proof"),
      principle="Telling the client a breach is contained before it is deprives the client of "
                "the chance to act and aggravates everything else.",
      narrative="The standard is truthful status reporting during an incident. Statement {id} of "
                "{at} told the client the incident was contained, but {truth}.",
      narrative_not="Statement {id} of {at} {why_not}.",
      needs={"statement": each("incident.statements")})
def misrepresentation(c, statement):
    if statement["by"] != "provider":
        return
    claimed = statement["claims_contained"]
    containment = c.get("incident.timeline.containment") if claimed else None
    # A declared containment the attacker's later activity disproves (BREACH-024) was no
    # containment: a claim made before that activity was untrue when made, whatever the declaration.
    later = still_active_after(c, containment) if claimed else None
    before_declared = claimed and (containment is None or statement["at"] < containment)
    before_later = bool(claimed and later not in (None, UNKNOWN) and statement["at"] < later)
    premature = bool(before_declared or before_later)
    unknown = [ACTIVE] if claimed and not premature and later is UNKNOWN else []
    truth = (f"containment came only at {when(containment)}" if before_declared else
             f"the attacker was still active at {when(later)}, so the containment declared at "
             f"{when(containment)} was not achieved" if before_later else "")
    c.conclude(c.check("the statement claimed containment before containment", premature,
                       f"claimed contained: {yes_no(claimed)}" +
                       (f"; containment {when(containment)}" if claimed else "") +
                       (f"; attacker still active {when(later)}" if before_later else "")),
               subject=statement["id"], unknown=unknown,
               values={"id": statement["id"], "at": when(statement["at"]), "truth": truth,
                       "why_not": "made no claim of containment that was untrue when made"})


@rule("BREACH-016", title="Misstatement of the incident's scope", area="breach",
      concludes="breach.misrepresentation", party="provider",
      standard="clear and convincing evidence",
      authority=modelling_choice("a statement that understates the intrusion's scope misleads the client "
                                 "about what to contain and whom to notify; a fraud-like finding is held "
                                 "to clear and convincing proof"),
      principle="Telling the client the intrusion touched only part of its estate, when more was "
                "compromised, misleads it about what to contain and whom to notify.",
      narrative="Statement {id} of {at} told {to} the incident was limited to {claimed}, but the "
                "compromised assets included {others}.",
      narrative_not="Statement {id} of {at} {why_not}.",
      needs={"statement": each("incident.statements"), "assets": fact("incident.affected_assets")})
def scope_misstatement(c, statement, assets):
    if statement["by"] != "provider":
        return
    claimed = statement.get("claims_scope_limited_to")
    named = [a.strip() for a in (claimed or "").split(",")]
    others = [a for a in assets if claimed and a not in named]
    listed = c.get("contract.coverage.assets") or []
    excluded = c.get("contract.coverage.excluded") or []
    visible = [a for a in others if a not in excluded and (not listed or a in listed or any(
        x.lower().startswith("all") for x in listed))]
    c.conclude(c.check("the statement limited the scope", claimed is not None,
                       f"claimed scope: {claimed or 'none'}"),
               c.check("other assets were in fact compromised", bool(others),
                       ", ".join(others) or "none beyond the claim"),
               c.check("those assets were within what the provider monitored, so it could have "
                       "known", bool(visible), ", ".join(visible) or
                       f"{', '.join(others) or 'none'} outside its coverage"),
               subject=statement["id"],
               values={"id": statement["id"], "at": when(statement["at"]), "to": statement["to"],
                       "claimed": claimed or "", "others": ", ".join(visible),
                       "why_not": "made no claim about the scope" if not claimed else
                       "described the scope accurately" if not others else
                       f"understated the scope only by {', '.join(others)}, outside the "
                       f"provider's coverage, which it could not see; an honest statement of what "
                       f"it monitored is no misrepresentation"})
