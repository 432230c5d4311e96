"""The base run of a sweep, instrumented to learn which input facts — and which fields of list
items — the rules actually read.

The run's record names every input fact a fired rule read. An item such as an alert is read
as a whole record, though, so the premises cannot say whether a rule looked at its `rule` text or
its `acknowledged_at`. During this one run the records handed to rule bodies are dicts that note
which keys were looked up (iterating or copying one counts as reading every key). They behave
exactly as the plain dicts they replace, so the run is the ordinary base run.
"""
from __future__ import annotations

from contextlib import contextmanager

from engine.context import Record

ALL = "*"


class _Tracked(Record):
    __slots__ = ("_log",)

    def __init__(self, data, log, fact_id: str = ""):
        super().__init__(data, fact_id)
        self._log = log

    def known(self, key, default=None):
        self._log.add(key)
        return super().known(key, default)

    def __getitem__(self, key):
        self._log.add(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        self._log.add(key)
        return super().get(key, default)

    def __contains__(self, key):
        self._log.add(key)
        return super().__contains__(key)

    def _all(self):
        self._log.add(ALL)

    def __iter__(self):
        self._all()
        return super().__iter__()

    def keys(self):
        self._all()
        return super().keys()

    def items(self):
        self._all()
        return super().items()

    def values(self):
        self._all()
        return super().values()

    def copy(self):
        self._all()
        return dict(super().items())

    def __eq__(self, other):
        self._all()
        return super().__eq__(other)

    __hash__ = None

    def __reduce__(self):
        self._all()
        return (dict, (dict(super().items()),))


@contextmanager
def tracking(inputs):
    """Within the block, rule bodies get tracked records; yields {item fact id: keys read}."""
    import engine.context as context_module
    import engine.runner as runner_module
    original = runner_module.unfreeze
    by_item: dict[str, tuple[str, frozenset]] = {}
    for fact in inputs:
        value = fact.value
        if fact.kind and isinstance(value, dict) and isinstance(value.get("id"), str):
            by_item.setdefault(value["id"], []).append((fact.id, frozenset(value)))
    reads: dict[str, set] = {}

    def unfreeze(value, fact_id=""):
        plain = original(value, fact_id)
        if isinstance(plain, dict) and isinstance(plain.get("id"), str) and plain["id"] in by_item:
            keys = frozenset(plain)
            owners = [fid for fid, k in by_item[plain["id"]] if k == keys]
            if owners:
                log = reads.setdefault(owners[0], set())
                for other in owners[1:]:
                    reads[other] = log
                return _Tracked(plain, log, getattr(plain, "fact_id", fact_id))
        return plain

    runner_module.unfreeze = context_module.unfreeze = unfreeze
    try:
        yield reads
    finally:
        runner_module.unfreeze = context_module.unfreeze = original


def read_sets(run, reads: dict[str, set]) -> tuple[set[str], dict[str, set]]:
    """(input facts some fired rule read, {item fact: its fields read or {'*'}})."""
    inputs = {f.id for f in run.inputs}
    read = run.read_ids() & inputs
    fields = {fid: set(keys) for fid, keys in reads.items() if fid in read}
    return read, fields
