"""The working memory of one run: values and findings, indexed as they arrive so that every query
a rule body makes through its context (engine/context.py) costs what its answer costs.

A case with thousands of alerts and audit findings fires thousands of per-item rules; each reads
the responsibility matrix, lists of items, or findings so far. Scanning every value on each such
read made a run grow with the square of the case. Here each kind of list item, each mapping
prefix and each findings() query has its own bucket, filled when the fact or finding arrives and
sorted once, the first time it is asked for after a change.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Callable


@lru_cache(maxsize=None)
def element_and_parents(element: str) -> tuple[str, ...]:
    """'breach.triage' -> ('breach', 'breach.triage'): what a findings() query may name."""
    parts = element.split(".")
    return tuple(".".join(parts[:end]) for end in range(1, len(parts) + 1))


@lru_cache(maxsize=65536)
def id_prefixes(fact_id: str) -> tuple[str, ...]:
    """The group() prefixes an id lies under: 'a.b[X].c' -> ('a.', 'a.b[X].')."""
    return tuple(fact_id[:end + 1] for end, ch in enumerate(fact_id) if ch == ".")


@lru_cache(maxsize=4096)
def finding_keys(element: str, party: str, holds: bool) -> tuple[tuple, ...]:
    """Every findings() query (element, party, holds) whose answer includes such a finding: the
    element or any parent of it, or none; the party or none; the verdict or none."""
    return tuple((e, p, h) for e in (*element_and_parents(element), None) for p in (party, None)
                 for h in (holds, None))


class _Buckets:
    """Keyed lists kept in a fixed order, sorted lazily: appends are O(1); a query sorts its
    bucket only if something arrived since it was last sorted."""

    __slots__ = ("lists", "unsorted", "key")

    def __init__(self, key: Callable | None = None):
        self.lists: dict[Any, list] = {}
        self.unsorted: set = set()
        self.key = key

    def add(self, bucket, member) -> None:
        self.lists.setdefault(bucket, []).append(member)
        self.unsorted.add(bucket)

    def get(self, bucket) -> list:
        members = self.lists.get(bucket)
        if members is None:
            return []
        if bucket in self.unsorted:
            members.sort(key=self.key)
            self.unsorted.discard(bucket)
        return members

    def __contains__(self, bucket) -> bool:
        return bool(self.lists.get(bucket))


def _finding_order(record: dict) -> tuple:
    return record["id"], record["rule"]


class WorkingMemory:
    """The values and findings of one run, as rule bodies read them through RuleContext, and the
    bookkeeping of a firing's conclusions into the run's record (engine/runner.py). Shared by the
    engine and by the replay of a run (engine/replay.py), so both record a firing the same way."""

    case: Any = None
    record: Any = None
    context_class: type | None = None   # what rule bodies read through (None: RuleContext)

    def start(self, case, inputs: list) -> None:
        from engine.runner import Run
        self.case, self.record = case, Run(inputs)
        self.values: dict[str, Any] = {item.id: item.value for item in inputs}
        self.kinds: dict[str, str] = {}
        self._of_kind = _Buckets()
        for item in inputs:
            if item.kind:
                self.kinds[item.id] = item.kind
                self._of_kind.add(item.kind, item.id)
        self._under: _Buckets | None = None   # group() prefixes: built on the first group()
        self.findings: list[dict] = []
        # findings() answers by query, indexed from the first query on (a replay re-adds every
        # finding of the base run and often asks nothing)
        self._answers = _Buckets(_finding_order)
        self._indexing = False
        self._records: dict[tuple, dict] = {}      # (id, rule, holds) -> the first such record
        self._present: set[tuple] = set()          # (id, holds) of every finding so far
        self._views: dict[tuple, Any] = {}          # view() results of this run
        # derived facts a measurement could not determine, and the unknown facts that stopped it
        self.undetermined: dict[str, list[str]] = {}

    # --- arriving ------------------------------------------------------------------------
    def set_value(self, fact_id: str, value: Any) -> None:
        if fact_id not in self.values and self._under is not None:
            for prefix in id_prefixes(fact_id):
                self._under.add(prefix, fact_id)
        self.values[fact_id] = value

    def add_finding(self, record: dict) -> None:
        self.findings.append(record)
        if self._indexing:
            for key in finding_keys(record["element"], record["party"], record["holds"]):
                self._answers.add(key, record)
        self._records.setdefault((record["id"], record["rule"], record["holds"]), record)
        self._present.add((record["id"], record["holds"]))

    # --- queries -------------------------------------------------------------------------
    def findings_matching(self, element: str | None, party: str | None,
                          holds: bool | None) -> list[dict]:
        """Findings on `element` or below it, of `party`, with that verdict (None: any), in
        (id, rule) order."""
        if not self._indexing:   # the first query: index what is there, then keep it indexed
            self._indexing = True
            lists = self._answers.lists
            for record in self.findings:
                for key in finding_keys(record["element"], record["party"], record["holds"]):
                    bucket = lists.get(key)
                    if bucket is None:
                        lists[key] = [record]
                    else:
                        bucket.append(record)
            self._answers.unsorted.update(lists)
        return self._answers.get((element, party, holds))

    def has_finding(self, fid: str, holds: bool) -> bool:
        return (fid, holds) in self._present

    def ids_of_kind(self, kind: str) -> list[str]:
        return self._of_kind.get(kind)

    def has_kind(self, kind: str) -> bool:
        return kind in self._of_kind

    def ids_with_prefix(self, prefix: str) -> list[str]:
        """Ids under `prefix`, sorted. A prefix ending in '.' is answered from the index."""
        if not prefix.endswith("."):
            return sorted(fid for fid in self.values if fid.startswith(prefix))
        if self._under is None:
            self._under = _Buckets()
            for fid in self.values:
                for p in id_prefixes(fid):
                    self._under.add(p, fid)
        return self._under.get(prefix)

    def finding_record(self, fid: str, rule: str, holds: bool) -> dict:
        return self._records[(fid, rule, holds)]

    def view(self, key: tuple, compute: Callable[[], Any]) -> Any:
        """compute(), once per run for each key (see RuleContext.view): input lists do not change
        during a run."""
        if key not in self._views:
            self._views[key] = compute()
        return self._views[key]

    # --- recording -----------------------------------------------------------------------
    def trace_premises(self, firing) -> list[str]:
        return firing.trace_premises(self)

    def keep(self, firing, bound: dict) -> None:
        """Write a firing's conclusions into the values, the findings and the record."""
        from engine.runner import TraceStep
        run, step = self.record, len(self.record.trace) + 1
        premises = self.trace_premises(firing)
        for conclusion in firing.conclusions:
            if conclusion.kind == "derived":
                self.set_value(conclusion.id, conclusion.value)
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
