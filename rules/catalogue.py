"""The rule base: every area module, imported once, in a fixed order."""
from __future__ import annotations

from rules import (acquisitions, allocation, breach_alerts, breach_audit,  # noqa: F401
                   breach_misstatement, breach_monitoring, breach_standard,
                   causation, concealment, containment_activity, disclosure, duty, engagements,
                   evidence_of_care, evidence_patterns, exposure, governance_audit,
                   governance_controls, governance_oversight, harm_heads, negligence_degree,
                   notice_clocks, notice_delay, notice_regimes,
                   notice_timeliness, proof, remedies, shared_controls, statements,
                   vendor_advisory)
from rules.claims import (economic_loss, fines, indemnity, insurance,  # noqa: F401
                          misstatement, routes)
from rules.base import REGISTRY, RuleSpec


def all_rules() -> list[RuleSpec]:
    return [REGISTRY[k] for k in sorted(REGISTRY)]


def get_rule(rule_id: str) -> RuleSpec | None:
    return REGISTRY.get(rule_id.upper())


def element_titles() -> dict[str, str]:
    """Each element's name in words: the title of the rule that decides it (the first by id,
    where several can); PROOF-001 only closes elements, so it names none."""
    names: dict[str, str] = {}
    for spec in all_rules():
        if not spec.concludes.startswith("derived.") and spec.id != "PROOF-001":
            names.setdefault(spec.concludes, spec.title)
    return names
