"""What a rule's body sees while it fires: its bindings, the parameters, and helpers that turn its
decision into conclusions. Everything it reads is recorded as a premise of the firing."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rules.base import RuleSpec
from rules.parameters import Parameters


@dataclass(frozen=True)
class Check:
    """One condition of an element, with the values that decided it (the why / why-not)."""
    condition: str
    holds: bool
    detail: str

    def as_dict(self) -> dict:
        return {"condition": self.condition, "holds": self.holds, "detail": self.detail}


@dataclass(frozen=True)
class Conclusion:
    kind: str        # "finding" or "derived"
    id: str
    value: Any       # the finding record, or the derived value
    text: str = ""


def unfreeze(value: Any) -> Any:
    """Values are stored as plain Python once per run; rule bodies read them as they are. (The
    name is kept so an instrumented run can wrap what rule bodies read; see engine/probe.py.)"""
    return value


@dataclass
class Firing:
    spec: RuleSpec
    premises: set[str] = field(default_factory=set)
    parameters: set[str] = field(default_factory=set)
    conclusions: list = field(default_factory=list)
    # Reads that are not a value lookup, kept so a later run can tell whether this firing could
    # come out differently (engine/replay.py): finding queries, prefix and absent lookups.
    queries: list = field(default_factory=list)      # (element, party, holds) of findings()
    prefixes: list = field(default_factory=list)     # group() prefixes
    absent: set = field(default_factory=set)         # ids get() found missing
    kinds: list = field(default_factory=list)        # kinds of list items items() listed
    opaque: bool = False                             # read presence in ways not recorded


class RuleContext:
    def __init__(self, engine, spec: RuleSpec, firing: Firing, params: Parameters):
        # No handle on the case itself: a rule reads facts only through the methods below, which
        # record each read (what the justification trace and engine/replay.py rely on).
        self._engine, self.spec, self._firing, self._params = engine, spec, firing, params

    # --- reading -------------------------------------------------------------------------
    def param(self, key: str) -> Any:
        self._firing.parameters.add(key)
        return self._params.value(key)

    def get(self, fact_id: str, default: Any = None) -> Any:
        """An optional input or derived fact; recorded as a premise when present."""
        values = self._engine.values
        if fact_id not in values:
            self._firing.absent.add(fact_id)
            return default
        self._firing.premises.add(fact_id)
        return unfreeze(values[fact_id])

    def group(self, prefix: str) -> dict[str, Any]:
        """All facts under a mapping, e.g. group('contract.responsibilities')."""
        found = self._engine.ids_with_prefix(prefix + ".")
        self._firing.prefixes.append(prefix + ".")
        self._firing.premises.update(found)
        values = self._engine.values
        return {fid[len(prefix) + 1:]: unfreeze(values[fid]) for fid in found}

    def items(self, kind: str) -> list[dict]:
        found = self._engine.ids_of_kind(kind)
        self._firing.kinds.append(kind)
        self._firing.premises.update(found)
        values = self._engine.values
        return [unfreeze(values[fid]) for fid in found]

    def findings(self, element: str | None = None, party: str | None = None,
                 holds: bool | None = True) -> list[dict]:
        found = [f for f in self._engine.findings_under(element)
                 if (party is None or f["party"] == party)
                 and (holds is None or f["holds"] == holds)]
        found.sort(key=lambda f: (f["id"], f["rule"]))
        self._firing.queries.append((element, party, holds))
        self._firing.premises.update(f["id"] for f in found)
        return [unfreeze(f) for f in found]

    def disputed(self) -> list[str]:
        """Ids of input facts the parties dispute (the run assumes one version of each)."""
        record = getattr(self._engine, "record", None)
        ids = sorted(f.id for f in (record.inputs if record else []) if f.disputed)
        self._firing.premises.update(ids)
        return ids

    def missing_premises(self, rule_ids: list[str]) -> list[tuple[str, str]]:
        """(rule id, premise) pairs for premises of these rules that are absent."""
        from rules.base import REGISTRY
        self._firing.opaque = True
        missing = []
        for rule_id in rule_ids:
            for need in REGISTRY[rule_id].needs:
                present = (need.fact_id in self._engine.values if need.fact_id else
                           any(f["id"] == need.finding and f["holds"] == need.finding_holds
                               for f in self._engine.findings) if need.finding else
                           bool(self._engine.ids_of_kind(need.kind)))
                if not present:
                    missing.append((rule_id, need.describe()))
        return missing

    def check(self, condition: str, holds: bool, detail: str = "") -> Check:
        return Check(condition, bool(holds), detail)

    # --- concluding ----------------------------------------------------------------------
    def conclude(self, *checks: Check, holds: bool | None = None, subject: str = "",
                 element: str | None = None, party: str | None = None,
                 values: dict | None = None, weight: float | None = None,
                 template: str | None = None) -> dict:
        """A finding on the rule's element, holding when every check holds (unless told).
        `template` replaces the rule's narrative for a rule that concludes several elements
        (e.g. one finding per regime and recipient)."""
        element = element or self.spec.concludes
        party = party or self.spec.party
        verdict = all(c.holds for c in checks) if holds is None else bool(holds)
        finding_id = ".".join(p for p in (element, party, subject) if p)
        values = dict(values or {})
        template = template or (self.spec.narrative if verdict else self.spec.narrative_not)
        summary = template.format_map(_Loose(values))
        record = {"id": finding_id, "element": element, "party": party, "holds": verdict,
                  "rule": self.spec.id, "subject": subject, "summary": summary,
                  "checks": [c.as_dict() for c in checks], "values": _plain(values),
                  "weight": weight}
        self._firing.conclusions.append(Conclusion("finding", finding_id, record))
        return record

    def derive(self, fact_id: str, value: Any, text: str = "") -> Any:
        """A measurement other rules read (e.g. derived.detection_deadline)."""
        self._firing.conclusions.append(Conclusion("derived", fact_id, value, text))
        return value


class _Loose(dict):
    """Narrative values: a missing key shows as a visible gap instead of crashing the run."""
    def __missing__(self, key):
        return f"[{key}?]"


def _plain(values: dict) -> dict:
    return {k: (str(v) if not isinstance(v, (int, float, bool, str, type(None))) else v)
            for k, v in sorted(values.items())}
