"""Closing the record: every element the rule base evaluates yields a finding either way.

An element whose deciding rule never fired (a premise was absent) gets a finding that does not
hold, naming the rule and the absent premise, so a why-not always has something exact to say.
"""
from __future__ import annotations

from functools import cache

from rules.authorities import modelling_choice
from rules.base import REGISTRY, Salience, rule


@cache  # the registry is complete once the rule modules are imported, before any run
def closable_elements() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(element, party, rule ids) for every element a rule concludes without a subject."""
    found: dict[tuple[str, str], list[str]] = {}
    for spec in REGISTRY.values():
        if spec.concludes.startswith("derived.") or any(n.kind for n in spec.needs):
            continue
        found.setdefault((spec.concludes, spec.party), []).append(spec.id)
    return tuple((e, p, tuple(sorted(ids))) for (e, p), ids in sorted(found.items()))


@rule("PROOF-001", title="Element not established for want of a premise", area="proof",
      concludes="proof.not_established", party="provider", salience=Salience.CLOSE,
      phase="close",
      authority=modelling_choice("the party with the burden of proof loses on an element it cannot "
                                "support with evidence"),
      principle="Where a fact the element needs is not in evidence, the element is not "
                "established.",
      narrative="{element} is not established: {missing}.")
def not_established(c):
    concluded = {f["id"] for f in c.findings(holds=None)}
    for element, party, rule_ids in closable_elements():
        finding_id = f"{element}.{party}"
        if finding_id in concluded or element.startswith("proof."):
            continue
        missing = c.missing_premises(rule_ids)
        unknown = sorted({u for _, _, ids in missing for u in ids})
        c.conclude(*(c.check(f"{rid} needs {need}", False,
                             f"not determined: {', '.join(ids)} unknown" if ids else "absent")
                     for rid, need, ids in missing),
                   element=element, party=party, holds=False,
                   unknown=unknown if unknown and all(ids for *_, ids in missing) else (),
                   values={"element": finding_id,
                           "missing": "; ".join(f"rule {rid} needs {need}, which is absent or "
                                                f"was not concluded" for rid, need, _ in missing)
                           or "no rule could decide it"})
