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
(engine/runner.py: network_view). Facts no pattern names may appear or vanish: the firings that
read them, listed their kind or prefix, or looked them up and found them missing are fired again.
The replay gives up — returns None, and the caller runs the full engine — when the change adds or
removes a fact a pattern names, changes which facts are disputed, or when a rule fired again puts
something different into the network (a pattern-named finding with another verdict, a
pattern-named derived fact appearing or vanishing). tests/whatif/test_replay.py runs the
examples' sensitivity candidates both ways and requires the same outcome.
"""
from __future__ import annotations

from engine.context import Firing, fire, unfreeze
from engine.memory import WorkingMemory, finding_keys
from engine.runner import Run, network_view, pattern_targets
from facts.flatten import InputFact
from rules.parameters import Parameters


class _Changes:
    """What differs from the base run so far, in the terms a firing's reads are recorded in."""

    def __init__(self, changed: set[str], appeared_or_vanished: set[str], kinds: set[str]):
        self.ids = changed | appeared_or_vanished  # facts and findings whose value changed
        self.queries: set[tuple] = set()     # findings() queries that a moved finding answers
        self.presence = set(appeared_or_vanished)  # fact ids that appeared or vanished
        self.kinds = kinds                   # kinds of list items that changed, appeared or vanished
        # all of the above as one set, in the terms of read_keys(), for one test per firing
        self.keys: set = set(self.ids) | {("kind", k) for k in kinds}

    def reach(self, firing: Firing, keys: frozenset | None) -> bool:
        """Could this firing read differently now than in the base run? (`keys`: its
        read_keys(), None for a firing that read presence in ways not recorded.)"""
        if keys is None or not self.keys.isdisjoint(keys):
            return True
        return bool(self.presence) and (not self.presence.isdisjoint(firing.absent) or any(
            fid.startswith(prefix) for prefix in firing.prefixes for fid in self.presence))

    def note(self, before: list, after: list) -> None:
        old, new = _by_id(before), _by_id(after)
        for key in old.keys() | new.keys():
            kind, fid = key
            if old.get(key) == new.get(key):
                continue
            self.ids.add(fid)
            self.keys.add(fid)
            if kind == "derived" and (key in old) != (key in new):
                self.presence.add(fid)
            if kind == "finding":
                for records in (old.get(key), new.get(key)):
                    for r in (records if isinstance(records, list) else [records] if records
                              else []):
                        answered = _answered_by(r["element"], r["party"], r["holds"])
                        self.queries |= answered
                        self.keys.update(("query", *q) for q in answered)


class Replayer:
    """Replays runs against one base run (what the base's firings left behind is prepared once)."""

    def __init__(self, base: Run):
        self.base = base
        self.targets = pattern_targets()
        self.declared = self._declared(base.inputs)
        self.inputs = {item.id: item for item in base.inputs}
        # What each base firing put into the run's record, to copy when it is not fired again.
        self.kept: list[tuple[list, list, object, list]] = []
        findings = iter(base.findings)
        for (firing, _), step in zip(base.firings, base.trace):
            derived = [(c.id, c.value, base.derived[c.id]) for c in firing.conclusions
                       if c.kind == "derived"]
            records = [(c.value, next(findings)) for c in firing.conclusions
                       if c.kind == "finding"]
            undetermined = [(c.id, c.value) for c in firing.conclusions
                            if c.kind == "undetermined"]
            self.kept.append((derived, records, step, undetermined))
        self.keys = [read_keys(firing) for firing, _ in base.firings]

    def _declared(self, inputs: list[InputFact]) -> list[tuple[str, str]]:
        """The input facts the engine declares into the network (the ones patterns name)."""
        ids, kinds, _ = self.targets
        return [(item.id, item.kind) for item in inputs if item.id in ids or item.kind in kinds]

    def run(self, case, inputs: list[InputFact], params: Parameters) -> Run | None:
        """The run of `inputs` (the base run's inputs with some values changed), or None when
        only a full engine run can tell (see the module's docstring)."""
        base = self.base
        if self._declared(inputs) != self.declared:
            return None
        if params is not base.params and (base.params is None or
                                          params.as_dict() != base.params.as_dict()):
            return None   # other weights or windows: every firing's reads are in question
        now = {item.id: item for item in inputs}
        both = now.keys() & self.inputs.keys()
        if any(now[i].disputed != self.inputs[i].disputed for i in both):
            return None   # disputed() reports the flags, which no premise names
        moved = now.keys() ^ self.inputs.keys()
        changed = {i for i in both if now[i].value != self.inputs[i].value}
        # A firing that read a list as a whole read each of its items: it is reached when any
        # of them changed, appeared or vanished (the trace names only the deciding items).
        changes = _Changes(changed, moved, {(now.get(i) or self.inputs[i]).kind
                                            for i in moved | changed} - {""})
        memory = WorkingMemory()
        memory.start(case, inputs)
        record = memory.record
        record.params = params
        memory.carry = carry = _Carry(getattr(base, "carried", {}), changes)
        for index, ((firing, bound), (derived, records, step, undetermined), keys) in enumerate(
                zip(base.firings, self.kept, self.keys)):
            if not changes.reach(firing, keys):
                for fid, value, entry in derived:
                    memory.set_value(fid, value)
                    record.derived[fid] = entry
                for fid, value in undetermined:
                    memory.undetermined[fid] = value
                    record.undetermined[fid] = base.undetermined[fid]
                for value, entry in records:
                    memory.add_finding(value)
                    record.findings.append(entry)
                record.trace.append(step)
                record.firings.append((firing, bound))
                continue
            carry.firing(index)
            again = _fire_again(memory, firing.spec, bound, params)
            if network_view(again.conclusions, self.targets) != network_view(firing.conclusions,
                                                                             self.targets):
                return None
            changes.note(firing.conclusions, again.conclusions)
            memory.keep(again, bound)
        record.carried = carry.entries
        return record


class _Carry:
    """What firings computed through RuleContext.carried, by firing (its index in the run) and
    key: a firing fired again takes the base run's value where none of its reads has changed,
    and the run replayed keeps them all for a replay of its own (a carve-out's branch)."""

    def __init__(self, base: dict[int, dict], changes: _Changes):
        self.base, self.changes = base, changes
        self.entries = dict(base)      # a firing not fired again keeps what it had
        self.index = -1

    def firing(self, index: int) -> None:
        self.index = index
        self.entries[index] = {}

    def lookup(self, key: str):
        entry = self.base.get(self.index, {}).get(key)
        if entry is None or self.changes.reach(entry[1], read_keys(entry[1])):
            return None
        self.entries[self.index][key] = entry
        return entry

    def save(self, key: str, value, reads: Firing) -> None:
        # only a value that is all the computation did, and whose reads the replay can test
        if reads.conclusions or reads.opaque or reads.cited is not None:
            return
        self.entries[self.index][key] = (value, reads)


def _fire_again(memory: WorkingMemory, spec, bound: dict, params: Parameters) -> Firing:
    firing = Firing(spec)
    bindings = {}
    for name, ref in bound.items():
        firing.premises.add(ref[1])
        if ref[0] == "finding":
            bindings[name] = unfreeze(memory.finding_record(*ref[1:]))
        else:
            bindings[name] = unfreeze(memory.values[ref[1]], ref[1])
    fire(memory, spec, firing, params, bindings, bound)
    return firing




def _by_id(conclusions: list) -> dict[tuple[str, str], object]:
    out: dict[tuple[str, str], list] = {}
    for c in conclusions:
        out.setdefault((c.kind, c.id), []).append(c.value if c.kind == "finding"
                                                  else (c.value, c.text))
    return {key: values[0] if len(values) == 1 else values for key, values in out.items()}


def read_keys(firing: Firing) -> frozenset | None:
    """What a firing read, as one set: the ids it read, ("kind", k) for each list it read whole,
    ("query", element, party, holds) for each findings() query; None when it read presence in
    ways not recorded (it is always fired again)."""
    if firing.opaque:
        return None
    return frozenset(firing.premises) | {("kind", k) for k in firing.kinds} | \
        {("query", *q) for q in firing.queries}


def _answered_by(element: str, party: str, holds: bool) -> set[tuple]:
    return set(finding_keys(element, party, holds))
