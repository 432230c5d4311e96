"""Aggregates shared by alerts and tickets: counts with their first rows, SLA shares, delays.

Each aggregate is fed batch by batch in row order and keeps only what its result needs (counts,
the first rows, the delays for a median), so a streamed file and a file read whole give the same
facts.
"""
from __future__ import annotations

import numpy as np

from facts.durations import Duration, DurationError, format_timedelta
from facts.errors import FaultlineInputError
from facts.evidence.mapping import SEVERITIES
from facts.evidence.provenance import (NS_PER_S, DerivedEvidence, duration_text, provenance)


class Sample:
    """How many rows a selection holds, and the first `size` of them (1-based row numbers)."""

    def __init__(self, size: int):
        self.size, self.count, self.rows = size, 0, []

    def add(self, rows: np.ndarray) -> None:
        self.count += int(rows.size)
        need = self.size - len(self.rows)
        if need > 0:
            self.rows.extend(int(r) for r in rows[:need])


class Delays:
    """Delays (ns) with their rows, for a median and a maximum that names its row."""

    def __init__(self):
        self.delays, self.rows = [], []

    def add(self, delays: np.ndarray, rows: np.ndarray) -> None:
        if delays.size:
            self.delays.append(delays.astype(np.int64))
            self.rows.append(rows.astype(np.int64))

    def result(self) -> dict | None:
        if not self.delays:
            return None
        delays, rows = np.concatenate(self.delays), np.concatenate(self.rows)
        top = int(np.argmax(delays))     # the first row with the largest delay
        return {"count": int(delays.size), "median": duration_text(float(np.median(delays))),
                "max": duration_text(float(delays[top])), "max_row": int(rows[top])}


def windows(file: str, sla: dict | None, notes: list[str]) -> dict[int, tuple[Duration, int]]:
    """Severity code -> (window, window in ns); calendar windows cannot time an alert, so noted."""
    result = {}
    for name, raw in sorted((sla or {}).items()):
        if name not in SEVERITIES:
            raise FaultlineInputError(file, f"sla.{name}", f"not a severity; expected one of "
                                                           f"{', '.join(SEVERITIES)}")
        if raw is None:
            continue
        try:
            window = Duration.parse(raw)
        except DurationError as exc:
            raise FaultlineInputError(file, f"sla.{name}", str(exc)) from None
        if not window.is_elapsed:
            notes.append(f"the {name} window {window} is a calendar duration; shares within it "
                         f"are not derived from evidence")
            continue
        result[SEVERITIES.index(name)] = (window, int(window.as_timedelta().total_seconds())
                                          * NS_PER_S)
    return result


class SlaShares:
    """Per severity: how many records there are and how many got a response within the window."""

    def __init__(self, windows_ns: dict[int, tuple[Duration, int]], sample: int):
        self.windows = windows_ns
        self.total = {k: Sample(sample) for k in windows_ns}
        self.missed = {k: Sample(sample) for k in windows_ns}
        self.within = {k: 0 for k in windows_ns}

    def add(self, sev, start, response, responded, rows) -> None:
        for k, (_, window) in self.windows.items():
            sel = sev == k
            ok = sel & responded & (response - start <= window)
            self.total[k].add(rows[sel])
            self.missed[k].add(rows[sel & ~ok])
            self.within[k] += int(ok.sum())

    def facts(self, file: str, prefix: str, noun: str, verb: str) -> list[DerivedEvidence]:
        out = []
        for k, (window, _) in sorted(self.windows.items()):
            name, total, within = SEVERITIES[k], self.total[k].count, self.within[k]
            share = round(within / total, 4) if total else None
            value = {"share": share, "within": within, "total": total, "window": str(window),
                     "missed": self.missed[k].count, "first_missed_rows": self.missed[k].rows}
            text = (f"{within} of {total} {name} {noun} ({share:.1%}) were {verb} within "
                    f"{window.words()} (the SLA window)." if total
                    else f"No {name} {noun} in the file.")
            out.append(DerivedEvidence(
                f"{prefix}.{name}", value, text,
                provenance(file, f"{name} {noun}; {verb} within {window} of the "
                                 f"{noun[:-1]} (never {verb} counts as missed)",
                           self.total[k].rows, total)))
        return out


def per_severity_fact(file: str, fact_id: str, noun: str, counts: np.ndarray,
                      sample: Sample) -> DerivedEvidence:
    value = {name: int(counts[i]) for i, name in enumerate(SEVERITIES)}
    value["total"] = int(counts.sum())
    text = f"{value['total']} {noun}: " + ", ".join(f"{value[s]} {s}" for s in SEVERITIES) + "."
    return DerivedEvidence(fact_id, value, text,
                           provenance(file, f"all usable {noun}", sample.rows, sample.count))


def delay_fact(file: str, fact_id: str, what: str, selection: str, delays: Delays,
               sample: Sample) -> DerivedEvidence:
    value = delays.result()
    if value is None:
        text = f"No {what} in the file."
    else:
        median, longest = (format_timedelta(Duration.parse(value[k]).as_timedelta())
                           for k in ("median", "max"))
        text = (f"{what.capitalize()}: median {median}, longest {longest} "
                f"(row {value['max_row']}), over {value['count']} records.")
    return DerivedEvidence(fact_id, value, text,
                           provenance(file, selection, sample.rows, sample.count))


def never_fact(file: str, fact_id: str, noun: str, verb: str, counts: np.ndarray,
               sample: Sample) -> DerivedEvidence:
    value = {name: int(counts[i]) for i, name in enumerate(SEVERITIES)}
    value["total"] = int(counts.sum())
    text = (f"{value['total']} {noun} were never {verb}"
            + (": " + ", ".join(f"{value[s]} {s}" for s in SEVERITIES if value[s]) if value["total"]
               else "") + ".")
    return DerivedEvidence(fact_id, value, text,
                           provenance(file, f"{noun} with no {verb} time", sample.rows,
                                      sample.count))
