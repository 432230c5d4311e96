"""Runs the rule base over a case and records the justification trace.

The engine class is assembled once per process from the rule registry and reset for each run
(construction costs more than a run). Phases: rules without a phase fire as soon as their premises
exist; then the 'aggregate' phase lets rules read everything concluded so far; then 'close'.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from engine.context import Firing, RuleContext
from engine.strategy import DeterministicStrategy
from facts.experta_compat import AS, KnowledgeEngine, Rule, unfreeze
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
    trace: list[TraceStep] = field(default_factory=list)


class FaultlineEngine(KnowledgeEngine):
    """experta engine with a deterministic agenda and a recording run loop."""

    def __init__(self):
        super().__init__()
        self.strategy = DeterministicStrategy()
        self.case = None
        self.params: Parameters | None = None
        self.record: Run | None = None
        self._by_id: dict[str, Any] = {}

    # lookups used by RuleContext
    def datum(self, fact_id: str):
        return self._by_id.get(fact_id)

    def data_of_kind(self, kind: str) -> list:
        return sorted((f for f in self._by_id.values() if f["kind"] == kind),
                      key=lambda f: f["id"])

    def data_with_prefix(self, prefix: str) -> list:
        return [self._by_id[k] for k in sorted(self._by_id) if k.startswith(prefix)]

    def finding_facts(self) -> list:
        return [f for f in self.facts.values() if isinstance(f, Finding)]

    def run_case(self, case, inputs: list[InputFact], params: Parameters) -> Run:
        self.reset()
        self.case, self.params, self.record = case, params, Run(inputs)
        self._by_id = {}
        # Only facts some rule's pattern names enter the RETE network; the rest are read through
        # RuleContext.get/items, which record them as premises all the same. Each fact in the
        # network costs a pass through every alpha node, so this keeps a run fast.
        matched_ids, matched_kinds = _pattern_targets()
        self.running = True  # declare in bulk; the agenda is computed once when the run starts
        for item in inputs:
            fact = Datum(id=item.id, value=item.value, kind=item.kind)
            if item.id in matched_ids or item.kind in matched_kinds:
                self.declare(fact)
            self._by_id[item.id] = fact
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
        bindings = {}
        for need in spec.needs:
            fact = activation.context[need.name]
            firing.premises.add(fact["id"])
            bindings[need.name] = (unfreeze(dict(fact)) if isinstance(fact, Finding)
                                   else unfreeze(fact["value"]))
        context = RuleContext(self, spec, firing, self.params)
        spec.function(context, **bindings)
        self._record(firing)

    def _record(self, firing: Firing) -> None:
        run, step = self.record, len(self.record.trace) + 1
        conclusions = []
        for fact in firing.conclusions:
            declared = self.declare(fact)
            if isinstance(fact, Datum):
                self._by_id[fact["id"]] = declared or fact
                run.derived[fact["id"]] = {"value": unfreeze(fact["value"]), "text": fact["text"],
                                           "rule": firing.spec.id, "step": step}
            else:
                run.findings.append({**unfreeze(dict(fact)), "step": step,
                                     "premises": sorted(firing.premises)})
            conclusions.append(fact["id"])
        run.trace.append(TraceStep(step, firing.spec.id, firing.spec.salience.name,
                                   sorted(firing.premises), conclusions,
                                   sorted(firing.parameters)))


def _patterns(spec: RuleSpec) -> list:
    patterns = []
    for need in spec.needs:
        patterns.append(getattr(AS, need.name) << _pattern(need))
    if spec.phase:
        patterns.append(Phase(name=spec.phase))
    return patterns


def _pattern_targets() -> tuple[frozenset, frozenset]:
    specs = REGISTRY.values()
    return (frozenset(n.fact_id for s in specs for n in s.needs if n.fact_id),
            frozenset(n.kind for s in specs for n in s.needs if n.kind))


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
    return _ENGINE
