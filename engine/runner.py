"""Runs the rule base over a case and records the justification trace.

The engine class is assembled once per process from the rule registry and reset for each run
(construction costs more than a run). Phases: rules without a phase fire as soon as their premises
exist; then the 'aggregate' phase lets rules read everything concluded so far; then 'close'.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from engine.context import Firing, fire, unfreeze
from engine.memory import WorkingMemory, element_and_parents  # noqa: F401 (re-exported)
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

    def read_by(self, firing: Firing) -> set[str]:
        """Every fact the firing read: its direct premises and each item of every list it read
        (the trace names a list once; this is the full record a sweep needs)."""
        if not firing.kinds:
            return firing.premises
        of_kind = self._items_of_kind()
        out = set(firing.premises)
        for kind in firing.kinds:
            out.update(of_kind.get(kind, ()))
        return out

    def read_ids(self) -> set[str]:
        """Every fact some firing of the run read."""
        out: set[str] = set()
        for kind in {k for firing, _ in self.firings for k in firing.kinds}:
            out.update(self._items_of_kind().get(kind, ()))
        for firing, _ in self.firings:
            out |= firing.premises
        return out

    def _items_of_kind(self) -> dict[str, list[str]]:
        if "_of_kind" not in self.__dict__:
            of_kind: dict[str, list[str]] = {}
            for item in self.inputs:
                if item.kind:
                    of_kind.setdefault(item.kind, []).append(item.id)
            self.__dict__["_of_kind"] = of_kind
        return self.__dict__["_of_kind"]


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
