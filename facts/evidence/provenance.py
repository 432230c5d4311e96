"""What an evidence summary hands back: derived facts, each with the rows that decide it.

Kept free of pandas and pyarrow so that importing the result types (for the case loader, the
report or a type hint) costs nothing; only `summarize` pays for the readers.

Row numbers are 1-based data rows: the first row after a CSV header is row 1; in JSON Lines the
first record (blank lines are not records) is row 1; in Parquet the first row is row 1. They are
rows, not physical lines: a CSV field quoted across two lines is still one row.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Callable, Iterable

NS_PER_S = 1_000_000_000
PROVENANCE_ROWS = 10   # default: rows listed for an aggregate (its count is always given in full)
UNUSABLE_SAMPLE = 20   # default: unusable rows listed with their reasons (all are counted)


@dataclass(frozen=True)
class DerivedEvidence:
    """One fact derived from an evidence file, in the units the rules use.

    `provenance` is `{file, selection, rows, row_count}`: `selection` says in words which rows
    the fact rests on; `rows` lists them exactly for a fact that rests on a few, or the first of
    them for an aggregate, whose full size is `row_count`.
    """
    id: str
    value: Any
    text: str
    provenance: dict

    def as_dict(self) -> dict:
        return {"id": self.id, "value": self.value, "text": self.text,
                "provenance": dict(sorted(self.provenance.items()))}


@dataclass
class EvidenceSummary:
    """The derived facts of one evidence file, and the rows that could not be used."""
    file: str
    kind: str
    rows: int
    unusable_rows: dict
    derived: list[DerivedEvidence]
    notes: list[str] = field(default_factory=list)
    case_items: dict = field(default_factory=dict, repr=False)

    def as_dict(self) -> dict:
        """JSON-ready and deterministic: sorted keys, facts sorted by id, nothing from the clock."""
        return _sorted({"file": self.file, "kind": self.kind, "rows": self.rows,
                        "unusable_rows": self.unusable_rows,
                        "derived": [d.as_dict() for d in sorted(self.derived, key=lambda d: d.id)],
                        "notes": list(self.notes), "case_items": self.to_case_items()})

    def to_case_items(self) -> dict:
        """Alert- and Outage-shaped dicts for `incident.alerts` / `incident.outages`."""
        return {"incident.alerts": [dict(a) for a in self.case_items.get("incident.alerts", [])],
                "incident.outages": [dict(o) for o in self.case_items.get("incident.outages", [])]}

    def fact(self, fact_id: str) -> DerivedEvidence:
        """The derived fact with this id (KeyError names the ids there are)."""
        for item in self.derived:
            if item.id == fact_id:
                return item
        raise KeyError(f"{fact_id!r} not derived; have {sorted(d.id for d in self.derived)}")


def _sorted(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _sorted(value[k]) for k in sorted(value)}
    if isinstance(value, list):
        return [_sorted(v) for v in value]
    return value


def provenance(file: str, selection: str, rows: Iterable[int], row_count: int) -> dict:
    return {"file": file, "selection": selection, "rows": [int(r) for r in rows],
            "row_count": int(row_count)}


class Unusable:
    """Counts rows that cannot be used and keeps the first few with their reasons.

    Rows are never dropped silently: every row left out of a derived fact is counted here.
    Batches must arrive in row order, so the kept sample is the same however the file is read.
    """

    def __init__(self, sample: int = UNUSABLE_SAMPLE):
        self.sample, self.count, self.first = sample, 0, []

    def add(self, bad, row0: int, checks: list[tuple[Any, Callable[[int], str]]]) -> None:
        """`bad` is the batch's unusable mask; each check is (mask, index -> reason)."""
        import numpy as np
        hits = np.flatnonzero(bad)
        self.count += int(hits.size)
        for i in hits[:max(0, self.sample - len(self.first))]:
            reasons = [why(int(i)) for mask, why in checks if mask[i]]
            self.first.append({"row": row0 + int(i) + 1, "reason": "; ".join(reasons)})

    def as_dict(self) -> dict:
        return {"count": self.count, "first": list(self.first)}


def iso(ns: int, zone) -> str:
    """An instant (ns since the epoch, UTC) as ISO 8601 with the offset of `zone`."""
    seconds, rest = divmod(int(ns), NS_PER_S)
    moment = datetime.fromtimestamp(seconds, timezone.utc).replace(microsecond=rest // 1000)
    return moment.astimezone(zone).isoformat()


def duration_text(ns: float) -> str:
    """A length as a Duration the case file reads back ('90s', '45m', '4h'), to the second."""
    seconds = int(round(ns / NS_PER_S))
    for size, unit in ((3600, "h"), (60, "m")):
        if seconds and seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"
