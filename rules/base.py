"""How a rule is written: its legal metadata, what it needs, and the conclusions it may draw.

A rule is a small function decorated with `@rule(...)`. The decorator records the metadata a report
and a student need (id, title, area, authority, narrative) and builds the experta left-hand side
from `needs`, so what a rule reads is declared once and can be checked by a why-not: a rule that
did not fire is explained by naming the needed fact that was absent, and a rule that fired but
concluded `holds: false` by the checks it recorded.
"""
from __future__ import annotations

import string
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Callable

from rules.authorities import Citation, Cites, as_citations, citations_text

AREAS = ("duty", "breach", "causation", "disclosure", "governance", "care", "proof",
         "remedies", "allocation")


class Salience(IntEnum):
    """Named precedence levels; higher fires first among rules ready at the same time."""
    MEASURE = 40      # derive measurements (deadlines, delays) from raw facts
    ELEMENT = 30      # decide a legal element from facts and measurements
    EXCEPTION = 25    # an exception that qualifies an element already decided
    COMPOSITE = 20    # conclusions drawn from other findings (systemic, gross negligence)
    AGGREGATE = 10    # rules that read everything concluded so far (phase 'aggregate')
    EXPOSURE = 5      # money per route, once the allocation exists (phase 'allocate')
    CLOSE = 0         # bookkeeping at the end (phase 'close')


@dataclass(frozen=True)
class Need:
    """A premise: a fact with this id (or each item of a list kind), or a holding finding."""
    name: str
    fact_id: str = ""
    kind: str = ""
    finding: str = ""
    finding_holds: bool = True

    def describe(self) -> str:
        if self.finding:
            return f"finding {self.finding} {'holds' if self.finding_holds else 'does not hold'}"
        return f"fact {self.fact_id}" if self.fact_id else f"an item of {self.kind}"


def fact(fact_id: str) -> Need:
    return Need(name="", fact_id=fact_id)


def each(kind: str) -> Need:
    return Need(name="", kind=kind)


def finding(finding_id: str, holds: bool = True) -> Need:
    return Need(name="", finding=finding_id, finding_holds=holds)


@dataclass(frozen=True)
class RuleSpec:
    id: str
    title: str
    area: str
    authorities: tuple[Citation, ...]
    narrative: str              # the sentence a report gives when the conclusion holds
    narrative_not: str          # ... and when it does not
    principle: str              # the legal principle in plain words, for students
    concludes: str              # element (e.g. breach.triage) or derived fact id prefix
    party: str
    needs: tuple[Need, ...]
    salience: Salience
    phase: str
    burden: str
    standard: str
    function: Callable = field(compare=False, repr=False)

    @property
    def authority(self) -> str:
        """The authorities as one line of text (resolved from the table of authorities)."""
        return citations_text(self.authorities)

    def resolved_authorities(self) -> list[dict]:
        return [c.resolved() for c in self.authorities]

    @property
    def method_name(self) -> str:
        return "r_" + self.id.replace("-", "_").lower()

    def narrative_fields(self) -> set[str]:
        names = set()
        for text in (self.narrative, self.narrative_not):
            names |= {f for _, f, _, _ in string.Formatter().parse(text) if f}
        return names


REGISTRY: dict[str, RuleSpec] = {}

# Who must prove an element, by area: the claimant proves duty, breach, causation and damages; the
# defendant proves its affirmative defences (comparative fault, contractual limits).
BURDEN = {
    "duty": "client", "breach": "client", "causation": "client", "disclosure": "client",
    "governance": "provider", "care": "provider", "proof": "client", "remedies": "client",
    "allocation": "provider",
}


def rule(id: str, *, title: str, area: str, authority: Cites, narrative: str,
         narrative_not: str = "", principle: str = "", concludes: str, party: str = "provider",
         needs: dict[str, Need] | None = None, salience: Salience = Salience.ELEMENT,
         phase: str = "", burden: str = "", standard: str = "preponderance of the evidence"):
    """Register a rule. `needs` maps the function's argument names to its premises; `authority`
    is cite(...), contract_term(...) or modelling_choice(...), or a list of them."""
    if area not in AREAS:
        raise ValueError(f"{id}: unknown area {area!r}")
    if id in REGISTRY:
        raise ValueError(f"duplicate rule id {id}")

    def register(function: Callable) -> Callable:
        named = tuple(Need(name, n.fact_id, n.kind, n.finding, n.finding_holds)
                      for name, n in (needs or {}).items())
        REGISTRY[id] = RuleSpec(
            id=id, title=title, area=area, authorities=as_citations(authority), narrative=narrative,
            narrative_not=narrative_not or narrative, principle=principle or title,
            concludes=concludes, party=party, needs=named, salience=salience, phase=phase,
            burden=burden or BURDEN[area], standard=standard, function=function)
        return function
    return register
