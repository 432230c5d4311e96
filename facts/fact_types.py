"""The fact types the rule base reasons over.

- `Datum`: one input fact (its id is its case-file path) or one derived measurement (`derived.*`).
- `Finding`: a conclusion about one legal element for one party, holding or not.
- `Phase`: control fact; rules that aggregate over everything concluded so far wait for a phase.
"""
from __future__ import annotations

from facts.experta_compat import Fact, Field


class Datum(Fact):
    id = Field(str, mandatory=True)
    value = Field(object, mandatory=True)
    kind = Field(str, default="")          # the list an item belongs to, e.g. "audit.findings"


class Finding(Fact):
    id = Field(str, mandatory=True)        # element.party[.subject]
    element = Field(str, mandatory=True)
    party = Field(str, mandatory=True)
    holds = Field(bool, mandatory=True)
    rule = Field(str, mandatory=True)
    subject = Field(str, default="")


class Phase(Fact):
    name = Field(str, mandatory=True)
