"""Conflict resolution that does not depend on the hash seed.

experta's DepthStrategy keys activations by (salience, fact ids); ties fall to insertion order,
which follows a set's iteration order and so changes with PYTHONHASHSEED. Appending the rule id
(and the matched facts' readable ids) makes the firing order, the trace and every report repeatable.
"""
from __future__ import annotations

from facts.experta_compat import DepthStrategy


class DeterministicStrategy(DepthStrategy):
    def get_key(self, activation):
        salience = activation.rule.salience
        fact_numbers = sorted((f["__factid__"] for f in activation.facts), reverse=True)
        # The agenda pops its largest key, so invert the rule id to fire ids in ascending order.
        rule_id = activation.rule._wrapped.__name__
        return (salience, fact_numbers, _Descending(rule_id))


class _Descending:
    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = text

    def __lt__(self, other: "_Descending") -> bool:
        return self.text > other.text

    def __eq__(self, other) -> bool:
        return self.text == other.text
