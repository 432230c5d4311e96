"""A run after a change of fact values, replayed from the base run's record: only the firings the
change reaches are fired again.

A sweep (sensitivity, the flip search) runs one case hundreds of times with one or a few values
changed, and most firings of each run read nothing that changed. A rule body is a deterministic
function of what it reads through the rule context — values, findings, parameters, enumerations
of ids — and the context records every such read (engine/context.py). So the replay walks the base
run's firings in order, keeping the values and findings concluded so far:

- a firing none of whose reads changed concludes what it concluded in the base run;
- a firing that read something changed has its body run again on the current state, and what it
  now concludes differently counts as changed for the firings after it.

That is the engine's own run as long as the RETE network sees the same facts in the same order,
because then the same rules activate and fire in the same order (engine/strategy.py). The network
sees only the facts and findings some rule's pattern names, and of those only ids and verdicts
(engine/runner.py: network_view). The replay therefore gives up — returns None, and the caller
runs the full engine — when the change adds or removes an input fact, or when a rule fired again
puts something different into the network (a pattern-named finding with another verdict, a
pattern-named derived fact appearing or vanishing). tests/test_replay.py checks, perturbation by
perturbation on every example, that the replay and the full engine give the same outcome.
"""
from __future__ import annotations

from engine.context import Firing, RuleContext, unfreeze
from engine.runner import Run, WorkingMemory, network_view, pattern_targets
from facts.flatten import InputFact
from rules.parameters import Parameters


class _Changes:
    """What differs from the base run so far, in the terms a firing's reads are recorded in."""

    def __init__(self, changed_inputs: set[str]):
        self.ids = set(changed_inputs)       # facts and findings whose value or record changed
        self.identities: list[tuple] = []    # (element, party, holds) of findings that moved
        self.presence: set[str] = set()      # derived ids that appeared or vanished

    def reach(self, firing: Firing) -> bool:
        """Could this firing read differently now than in the base run?"""
        if firing.opaque or not self.ids.isdisjoint(firing.premises):
            return True
        if self.presence and (not self.presence.isdisjoint(firing.absent) or any(
                fid.startswith(prefix) for prefix in firing.prefixes for fid in self.presence)):
            return True
        return any(_matches(query, identity) for query in firing.queries
                   for identity in self.identities)

    def note(self, before: list, after: list) -> None:
        old, new = _by_id(before), _by_id(after)
        for key in old.keys() | new.keys():
            kind, fid = key
            if old.get(key) == new.get(key):
                continue
            self.ids.add(fid)
            if kind == "derived" and (key in old) != (key in new):
                self.presence.add(fid)
            if kind == "finding":
                self.identities += [_identity(r) for r in (old.get(key), new.get(key)) if r]


class Replayer:
    """Replays runs against one base run (what the base's firings left behind is prepared once)."""

    def __init__(self, base: Run):
        self.base = base
        self.targets = pattern_targets()
        self.shape = _shape(base.inputs)
        # What each base firing put into the run's record, to copy when it is not fired again.
        self.kept: list[tuple[list, list, list]] = []
        findings = iter(base.findings)
        for (firing, _), step in zip(base.firings, base.trace):
            derived = [(c.id, c.value, base.derived[c.id]) for c in firing.conclusions
                       if c.kind == "derived"]
            records = [(c.value, next(findings)) for c in firing.conclusions
                       if c.kind == "finding"]
            self.kept.append((derived, records, step))

    def run(self, case, inputs: list[InputFact], params: Parameters) -> Run | None:
        """The run of `inputs` (the base run's inputs with some values changed), or None when
        only a full engine run can tell (see the module's docstring)."""
        base = self.base
        if _shape(inputs) != self.shape:
            return None
        changes = _Changes({new.id for new, old in zip(inputs, base.inputs)
                            if new.value != old.value})
        memory = WorkingMemory()
        memory.start(case, inputs)
        record, values, findings = memory.record, memory.values, memory.findings
        for (firing, bound), (derived, records, step) in zip(base.firings, self.kept):
            if not changes.reach(firing):
                for fid, value, entry in derived:
                    values[fid] = value
                    record.derived[fid] = entry
                for value, entry in records:
                    findings.append(value)
                    record.findings.append(entry)
                record.trace.append(step)
                record.firings.append((firing, bound))
                continue
            again = _fire_again(memory, firing.spec, bound, params)
            if network_view(again.conclusions, self.targets) != network_view(firing.conclusions,
                                                                             self.targets):
                return None
            changes.note(firing.conclusions, again.conclusions)
            memory.keep(again, bound)
        return record


def replay(base: Run, case, inputs: list[InputFact], params: Parameters) -> Run | None:
    """One replay against `base` (a sweep keeps a Replayer instead)."""
    return Replayer(base).run(case, inputs, params)


def _fire_again(memory: WorkingMemory, spec, bound: dict, params: Parameters) -> Firing:
    firing = Firing(spec)
    bindings = {}
    for name, ref in bound.items():
        firing.premises.add(ref[1])
        if ref[0] == "finding":
            bindings[name] = unfreeze(memory.finding_record(*ref[1:]))
        else:
            bindings[name] = unfreeze(memory.values[ref[1]])
    spec.function(RuleContext(memory, spec, firing, params), **bindings)
    return firing


def _shape(inputs: list[InputFact]) -> list[tuple]:
    return [(item.id, item.kind, item.disputed) for item in inputs]


def _by_id(conclusions: list) -> dict[tuple[str, str], object]:
    out: dict[tuple[str, str], list] = {}
    for c in conclusions:
        out.setdefault((c.kind, c.id), []).append(c.value if c.kind == "finding"
                                                  else (c.value, c.text))
    return {key: values[0] if len(values) == 1 else values for key, values in out.items()}


def _identity(record) -> tuple:
    records = record if isinstance(record, list) else [record]
    return tuple((r["element"], r["party"], r["holds"]) for r in records)


def _matches(query: tuple, identities: tuple) -> bool:
    element, party, holds = query
    return any((element is None or e == element or e.startswith(element + "."))
               and (party is None or p == party) and (holds is None or h == holds)
               for e, p, h in identities)
