"""What a rule's body sees while it fires: its bindings, the parameters, and helpers that turn its
decision into conclusions. Everything it reads is recorded as a premise of the firing."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from facts.experta_compat import unfreeze
from facts.fact_types import Datum, Finding
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


@dataclass
class Firing:
    spec: RuleSpec
    premises: set[str] = field(default_factory=set)
    parameters: set[str] = field(default_factory=set)
    conclusions: list = field(default_factory=list)


class RuleContext:
    def __init__(self, engine, spec: RuleSpec, firing: Firing, params: Parameters):
        self._engine, self.spec, self._firing, self._params = engine, spec, firing, params
        self.case = engine.case

    # --- reading -------------------------------------------------------------------------
    def param(self, key: str) -> Any:
        self._firing.parameters.add(key)
        return self._params.value(key)

    def get(self, fact_id: str, default: Any = None) -> Any:
        """An optional input or derived fact; recorded as a premise when present."""
        datum = self._engine.datum(fact_id)
        if datum is None:
            return default
        self._firing.premises.add(fact_id)
        return unfreeze(datum["value"])

    def group(self, prefix: str) -> dict[str, Any]:
        """All facts under a mapping, e.g. group('contract.responsibilities')."""
        found = self._engine.data_with_prefix(prefix + ".")
        self._firing.premises.update(d["id"] for d in found)
        return {d["id"][len(prefix) + 1:]: unfreeze(d["value"]) for d in found}

    def items(self, kind: str) -> list[dict]:
        found = self._engine.data_of_kind(kind)
        self._firing.premises.update(d["id"] for d in found)
        return [unfreeze(d["value"]) for d in found]

    def findings(self, element: str | None = None, party: str | None = None,
                 holds: bool | None = True) -> list[dict]:
        found = [f for f in self._engine.finding_facts()
                 if (element is None or f["element"] == element or
                     f["element"].startswith(element + "."))
                 and (party is None or f["party"] == party)
                 and (holds is None or f["holds"] == holds)]
        found.sort(key=lambda f: (f["id"], f["rule"]))
        self._firing.premises.update(f["id"] for f in found)
        return [unfreeze(dict(f)) for f in found]

    def disputed(self) -> list[str]:
        """Ids of input facts the parties dispute (the run assumes one version of each)."""
        record = getattr(self._engine, "record", None)
        ids = sorted(f.id for f in (record.inputs if record else []) if f.disputed)
        self._firing.premises.update(ids)
        return ids

    def missing_premises(self, rule_ids: list[str]) -> list[tuple[str, str]]:
        """(rule id, premise) pairs for premises of these rules that are absent."""
        from rules.base import REGISTRY
        missing = []
        for rule_id in rule_ids:
            for need in REGISTRY[rule_id].needs:
                present = (self._engine.datum(need.fact_id) is not None if need.fact_id else
                           any(f["id"] == need.finding and f["holds"] == need.finding_holds
                               for f in self._engine.finding_facts()) if need.finding else
                           bool(self._engine.data_of_kind(need.kind)))
                if not present:
                    missing.append((rule_id, need.describe()))
        return missing

    def check(self, condition: str, holds: bool, detail: str = "") -> Check:
        return Check(condition, bool(holds), detail)

    # --- concluding ----------------------------------------------------------------------
    def conclude(self, *checks: Check, holds: bool | None = None, subject: str = "",
                 element: str | None = None, party: str | None = None,
                 values: dict | None = None, weight: float | None = None,
                 template: str | None = None) -> Finding:
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
        fact = Finding(id=finding_id, element=element, party=party, holds=verdict,
                       rule=self.spec.id, subject=subject, summary=summary,
                       checks=[c.as_dict() for c in checks], values=_plain(values),
                       weight=weight)
        self._firing.conclusions.append(fact)
        return fact

    def derive(self, fact_id: str, value: Any, text: str = "") -> Datum:
        """A measurement other rules read (e.g. derived.detection_deadline)."""
        datum = Datum(id=fact_id, value=value, text=text, derived=True)
        self._firing.conclusions.append(datum)
        return datum


class _Loose(dict):
    """Narrative values: a missing key shows as a visible gap instead of crashing the run."""
    def __missing__(self, key):
        return f"[{key}?]"


def _plain(values: dict) -> dict:
    return {k: (str(v) if not isinstance(v, (int, float, bool, str, type(None))) else v)
            for k, v in sorted(values.items())}
