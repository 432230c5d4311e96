"""A straightforward reference for the engine's fast paths, kept for the tests only.

It answers every rule-context query by scanning all values and findings (no index), computes
every view() again on each call, finds one item by id by scanning its list, records every item
a rule's list read touched as a premise (the uncompacted trace), and matches with experta's own matcher (no alpha-network index, no
polling of only the changed conflict sets). tests/engine/test_fast_paths.py requires the real
engine to give the same findings, shares, exposure and wording on every example and scenario.
"""
from __future__ import annotations

from experta.matchers import ReteMatcher

from engine.context import RuleContext, unfreeze
from engine.runner import _build_engine_class


class ScanningContext(RuleContext):
    def items(self, kind: str) -> list[dict]:
        found = self._engine.ids_of_kind(kind)
        self._firing.kinds.append(kind)
        self._firing.premises.update(found)
        return [unfreeze(self._engine.values[fid], fid) for fid in found]

    def view(self, kind: str, function, *args):
        return function(self.items(kind), *args)

    def item(self, kind: str, item_id: str):
        return next((a for a in self.items(kind) if a["id"] == item_id), None)


class ScanningMemory:
    """Overrides WorkingMemory's indexed queries with scans (first in the method order)."""

    def ids_of_kind(self, kind: str) -> list[str]:
        return sorted(fid for fid, k in self.kinds.items() if k == kind)

    def has_kind(self, kind: str) -> bool:
        return bool(self.ids_of_kind(kind))

    def ids_with_prefix(self, prefix: str) -> list[str]:
        return sorted(fid for fid in self.values if fid.startswith(prefix))

    def findings_matching(self, element, party, holds) -> list[dict]:
        found = [f for f in self.findings
                 if (element is None or f["element"] == element
                     or f["element"].startswith(element + "."))
                 and (party is None or f["party"] == party)
                 and (holds is None or f["holds"] == holds)]
        return sorted(found, key=lambda f: (f["id"], f["rule"]))

    def has_finding(self, fid: str, holds: bool) -> bool:
        return any(f["id"] == fid and f["holds"] == holds for f in self.findings)

    def finding_record(self, fid: str, rule: str, holds: bool) -> dict:
        return next(f for f in self.findings
                    if f["id"] == fid and f["rule"] == rule and f["holds"] == holds)

    def view(self, key, compute):
        return compute()

    def trace_premises(self, firing) -> list[str]:
        return sorted(firing.premises)


_REFERENCE = None


def reference_engine():
    """An engine of the same rules built the plain way (built once per test process)."""
    global _REFERENCE
    if _REFERENCE is None:
        assembled = _build_engine_class()
        cls = type("ReferenceEngine", (ScanningMemory, assembled),
                   {"__matcher__": ReteMatcher, "context_class": ScanningContext})
        _REFERENCE = cls()
    return _REFERENCE
