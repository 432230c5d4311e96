"""Runs the rule base over a case and records the justification trace.

The engine class is assembled once per process from the rule registry and reset for each run
(construction costs more than a run). Phases: rules without a phase fire as soon as their premises
exist; then the 'aggregate' phase lets rules read everything concluded so far; then 'close'.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from engine.context import Firing, fire, unfreeze
from engine.rete_index import ConjunctiveReteMatcher, index_network, track_dirty_conflict_sets
from engine.strategy import DeterministicStrategy
from facts.experta_compat import AS, KnowledgeEngine, Rule
from facts.fact_types import Datum, Finding, Phase
from facts.flatten import InputFact
from rules.base import REGISTRY, Need, RuleSpec
from rules.catalogue import all_rules
from rules.parameters import Parameters

PHASES = ("aggregate", "allocate", "close")


@dataclass
class TraceStep:
    step: int
    rule: str
    salience: str
    premises: list[str]
    conclusions: list[str]
    parameters: list[str]


@dataclass
class Run:
    inputs: list[InputFact]
    derived: dict[str, dict] = field(default_factory=dict)     # id -> {value, text, rule, step}
    findings: list[dict] = field(default_factory=list)          # in firing order
    undetermined: dict[str, dict] = field(default_factory=dict)  # derived id -> unknowns, rule
    trace: list[TraceStep] = field(default_factory=list)
    # Per step, what the firing read and concluded, and which facts its patterns bound (by name):
    # what engine/replay.py needs to re-run only the firings a changed fact reaches.
    firings: list[tuple[Firing, dict]] = field(default_factory=list, repr=False)
    params: Parameters | None = field(default=None, repr=False)   # what the rules were given


class WorkingMemory:
    """The values and findings of one run, as rule bodies read them through RuleContext, and the
    bookkeeping of a firing's conclusions into the run's record. Shared by the engine and by the
    replay of a run (engine/replay.py), so both record a firing the same way."""

    case: Any = None
    record: Run | None = None

    def start(self, case, inputs: list[InputFact]) -> None:
        self.case, self.record = case, Run(inputs)
        self.values: dict[str, Any] = {item.id: item.value for item in inputs}
        self.kinds: dict[str, str] = {item.id: item.kind for item in inputs if item.kind}
        self.findings: list[dict] = []
        self.by_element: dict[str, list[dict]] = {}   # findings under each element and its parents
        # derived facts a measurement could not determine, and the unknown facts that stopped it
        self.undetermined: dict[str, list[str]] = {}

    def add_finding(self, record: dict) -> None:
        self.findings.append(record)
        for element in element_and_parents(record["element"]):
            self.by_element.setdefault(element, []).append(record)

    def findings_under(self, element: str | None) -> list[dict]:
        """Findings on `element` or an element below it (all findings for None)."""
        return self.findings if element is None else self.by_element.get(element, [])

    def ids_of_kind(self, kind: str) -> list[str]:
        return sorted(fid for fid, k in self.kinds.items() if k == kind)

    def ids_with_prefix(self, prefix: str) -> list[str]:
        return sorted(fid for fid in self.values if fid.startswith(prefix))

    def finding_record(self, fid: str, rule: str, holds: bool) -> dict:
        return next(f for f in self.findings
                    if f["id"] == fid and f["rule"] == rule and f["holds"] == holds)

    def keep(self, firing: Firing, bound: dict) -> None:
        """Write a firing's conclusions into the values, the findings and the record."""
        run, step = self.record, len(self.record.trace) + 1
        premises = sorted(firing.premises)
        for conclusion in firing.conclusions:
            if conclusion.kind == "derived":
                self.values[conclusion.id] = conclusion.value
                run.derived[conclusion.id] = {"value": conclusion.value, "text": conclusion.text,
                                              "rule": firing.spec.id, "step": step}
            elif conclusion.kind == "undetermined":
                self.undetermined[conclusion.id] = conclusion.value
                run.undetermined[conclusion.id] = {"unknowns": conclusion.value,
                                                   "rule": firing.spec.id, "step": step}
            else:
                self.add_finding(conclusion.value)
                run.findings.append({**conclusion.value, "step": step, "premises": premises})
        run.trace.append(TraceStep(step, firing.spec.id, firing.spec.salience.name, premises,
                                   [c.id for c in firing.conclusions],
                                   sorted(firing.parameters)))
        run.firings.append((firing, bound))


class FaultlineEngine(WorkingMemory, KnowledgeEngine):
    """experta engine with a deterministic agenda and a recording run loop.

    Values live in plain Python beside the network (`values`, `findings`); only facts some rule's
    pattern names are declared into experta's RETE network, because every declared fact costs a
    pass through the network and most facts are read by rule bodies rather than matched.
    """

    __matcher__ = ConjunctiveReteMatcher

    def __init__(self):
        super().__init__()
        self.strategy = DeterministicStrategy()
        self.params: Parameters | None = None
        self.start(None, [])
        self._targets = pattern_targets()

    def run_case(self, case, inputs: list[InputFact], params: Parameters) -> Run:
        self.reset()
        self.start(case, inputs)
        self.params = self.record.params = params
        ids, kinds, _ = self._targets
        self.running = True  # declare in bulk; the agenda is computed once when the run starts
        for item in inputs:
            if item.id in ids or item.kind in kinds:
                self.declare(Datum(id=item.id, value=0, kind=item.kind))
        self.running = False
        self._run_agenda()
        for phase in PHASES:
            self.declare(Phase(name=phase))
            self._run_agenda()
        return self.record

    def _run_agenda(self) -> None:
        # experta's own run() with one addition: record what each firing read and concluded.
        self.running = True
        while self.running:
            added, removed = self.get_activations()
            self.strategy.update_agenda(self.agenda, added, removed)
            activation = self.agenda.get_next()
            if activation is None:
                break
            self._fire(activation)
        self.running = False

    def _fire(self, activation) -> None:
        spec: RuleSpec = REGISTRY[activation.rule._wrapped.__name__]
        firing = Firing(spec)
        bindings, bound = {}, {}
        for need in spec.needs:
            fact = activation.context[need.name]
            firing.premises.add(fact["id"])
            if isinstance(fact, Finding):
                bindings[need.name] = unfreeze(self.finding_record(fact["id"], fact["rule"],
                                                                   fact["holds"]))
                bound[need.name] = ("finding", fact["id"], fact["rule"], fact["holds"])
            else:
                bindings[need.name] = unfreeze(self.values[fact["id"]], fact["id"])
                bound[need.name] = ("fact", fact["id"])
        fire(self, spec, firing, self.params, bindings, bound)
        self.keep(firing, bound)
        self._declare_conclusions(firing)

    def _declare_conclusions(self, firing: Firing) -> None:
        for kind, fields in network_view(firing.conclusions, self._targets):
            self.declare(Datum(**fields) if kind == "datum" else Finding(**fields))


@lru_cache(maxsize=None)
def element_and_parents(element: str) -> tuple[str, ...]:
    """'breach.triage' -> ('breach', 'breach.triage'): what a findings() query may name."""
    parts = element.split(".")
    return tuple(".".join(parts[:end]) for end in range(1, len(parts) + 1))


def network_view(conclusions: list, targets: tuple) -> list[tuple[str, dict]]:
    """The facts a firing's conclusions put into the RETE network, in order: derived facts and
    findings some rule's pattern names (the network sees ids and verdicts, never values)."""
    ids, _, finding_ids = targets
    view = []
    for c in conclusions:
        if c.kind == "derived" and c.id in ids:
            view.append(("datum", {"id": c.id, "value": 0, "kind": ""}))
        elif c.kind == "finding" and c.id in finding_ids:
            r = c.value
            view.append(("finding", {"id": r["id"], "element": r["element"], "party": r["party"],
                                     "holds": r["holds"], "rule": r["rule"],
                                     "subject": r["subject"]}))
    return view


def _patterns(spec: RuleSpec) -> list:
    patterns = []
    for need in spec.needs:
        patterns.append(getattr(AS, need.name) << _pattern(need))
    if spec.phase:
        patterns.append(Phase(name=spec.phase))
    return patterns


def pattern_targets() -> tuple[frozenset, frozenset, frozenset]:
    """The fact ids, item kinds and finding ids some rule's pattern names."""
    specs = REGISTRY.values()
    return (frozenset(n.fact_id for s in specs for n in s.needs if n.fact_id),
            frozenset(n.kind for s in specs for n in s.needs if n.kind),
            frozenset(n.finding for s in specs for n in s.needs if n.finding))


def _pattern(need: Need):
    if need.finding:
        return Finding(id=need.finding, holds=need.finding_holds)
    if need.kind:
        return Datum(kind=need.kind)
    return Datum(id=need.fact_id)


def _build_engine_class() -> type:
    methods = {}
    for spec in all_rules():
        def body(self, _spec=spec, **_bindings):  # the recording loop calls the spec directly
            raise RuntimeError("rules fire through FaultlineEngine._fire")
        body.__name__ = spec.id
        experta_rule = Rule(*_patterns(spec), salience=int(spec.salience))(body)
        methods[spec.method_name] = experta_rule
    return type("AssembledEngine", (FaultlineEngine,), methods)


_ENGINE: FaultlineEngine | None = None


def engine() -> FaultlineEngine:
    """The process's engine, built on first use and reset for every run."""
    global _ENGINE
    if _ENGINE is None:
        _ENGINE = _build_engine_class()()
        index_network(_ENGINE.matcher.root_node)
        track_dirty_conflict_sets(_ENGINE.matcher)
    return _ENGINE
