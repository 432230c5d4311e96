"""Telemetry (per-source event counts or heartbeats) -> silent periods, i.e. monitoring outages.

A source is silent between two consecutive rows that report events (a row with `events` 0 is
silence; a file without an `events` column is heartbeats, each row one sign of life). A gap longer
than the threshold is a silent period from the last sign of life to the next one. A source that
stops before the end of the file (the latest timestamp of any source) by more than the threshold
is silent until at least that time, and its period has no end.
"""
from __future__ import annotations

from datetime import timedelta

import numpy as np

from facts.durations import format_timedelta
from facts.evidence.columns import TimeColumn, counts, strings
from facts.evidence.provenance import DerivedEvidence, Unusable, iso, provenance

SILENCE_THRESHOLD = timedelta(hours=4)
"""Default threshold: longer than the hourly buckets and heartbeat jitter that are normal in
telemetry exports, shorter than an overnight gap that nobody noticed."""


class TelemetryAggregator:
    def __init__(self, file: str, *, timezone: str | None, zone, threshold: timedelta,
                 intrusion_window_ns, unusable: Unusable, label: str):
        self.file, self.zone, self.unusable = file, zone, unusable
        self.threshold_ns = int(threshold / timedelta(microseconds=1)) * 1000
        self.threshold = threshold
        self.window = intrusion_window_ns
        self.time = TimeColumn(file, label, timezone)
        self.sources: dict[str, int] = {}
        self.parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []   # (source, ns, row)
        self.stats: dict[int, list] = {}     # code -> [rows, events, first row]
        self.span = [None, None]
        self.periods: list[dict] = []

    def update(self, batch) -> None:
        cols, row0, n = batch.cols, batch.row0, batch.n
        ts, ts_ok, ts_bad, ts_why = self.time.parse(cols["timestamp"], row0)
        codes, names = strings(cols["source"])
        no_source = codes < 0
        if "events" in cols:
            events, ev_ok, ev_bad, ev_why = counts(cols["events"], "events")
            events = np.where(ev_ok, events, 0.0)
        else:
            events, ev_bad, ev_why = np.ones(n), np.zeros(n, bool), None
        ts_empty = ~ts_ok & ~ts_bad
        bad = ts_empty | ts_bad | no_source | ev_bad
        self.unusable.add(bad, row0, [(ts_empty, lambda i: f"{self.time.label}: empty"),
                                      (ts_bad, ts_why),
                                      (no_source, lambda i: "source: empty"),
                                      (ev_bad, ev_why)])
        glob = np.array([self.sources.setdefault(name, len(self.sources)) for name in names]
                        + [-1], dtype=np.int64)
        idx = np.flatnonzero(~bad)
        if not idx.size:
            return
        src, t, ev, rows = glob[codes[idx]], ts[idx], events[idx], row0 + idx + 1
        lo, hi = int(t.min()), int(t.max())
        self.span = [lo if self.span[0] is None else min(self.span[0], lo),
                     hi if self.span[1] is None else max(self.span[1], hi)]
        for code in np.unique(src):
            sel = src == code
            entry = self.stats.setdefault(int(code), [0, 0.0, int(rows[sel][0])])
            entry[0] += int(sel.sum())
            entry[1] += float(ev[sel].sum())
        alive = ev > 0
        self.parts.append((src[alive], t[alive], rows[alive]))

    def finish(self) -> None:
        self.time.finish()
        names = {code: name for name, code in self.sources.items()}
        if self.parts:
            src, t, rows = (np.concatenate(p) for p in zip(*self.parts))
        else:
            src = t = rows = np.zeros(0, np.int64)
        order = np.lexsort((rows, t, src))
        src, t, rows = src[order], t[order], rows[order]
        found = []
        for code in sorted(self.stats, key=lambda c: names[c]):
            sel = src == code
            st, sr = t[sel], rows[sel]
            if not st.size:      # rows, but never an event: silent for the whole file
                found.append((self.span[0], None, names[code], [self.stats[code][2]]))
                continue
            gaps = np.flatnonzero(np.diff(st) > self.threshold_ns)
            found += [(int(st[g]), int(st[g + 1]), names[code], [int(sr[g]), int(sr[g + 1])])
                      for g in gaps]
            if self.span[1] - int(st[-1]) > self.threshold_ns:
                found.append((int(st[-1]), None, names[code], [int(sr[-1])]))
        found.sort(key=lambda p: (p[0], p[2]))
        for number, (start, end, source, bounds) in enumerate(found, 1):
            length = (end if end is not None else self.span[1]) - start
            self.periods.append({
                "id": f"SILENT-{number}", "source": source, "start": iso(start, self.zone),
                "end": None if end is None else iso(end, self.zone),
                "duration": format_timedelta(timedelta(microseconds=length // 1000)),
                "rows": bounds,
                "overlaps_intrusion": None if self.window is None else
                bool(start <= self.window[1] and (end is None or end >= self.window[0]))})
        self.names = names

    def facts(self) -> list[DerivedEvidence]:
        f, threshold = self.file, format_timedelta(self.threshold)
        rows = sorted(r for p in self.periods for r in p["rows"])
        described = "; ".join(
            f"{p['source']} from {p['start']} to {p['end'] or 'the end of the file'} "
            f"({p['duration']}{', during the intrusion' if p['overlaps_intrusion'] else ''})"
            for p in self.periods)
        text = (f"{len(self.periods)} silent period(s) longer than {threshold}: {described}."
                if self.periods else f"No source was silent for longer than {threshold}.")
        periods = [{k: v for k, v in p.items()} for p in self.periods]
        out = [DerivedEvidence(
            "evidence.telemetry.silent_periods", periods, text,
            provenance(f, f"per source, consecutive rows reporting events more than {threshold} "
                          f"apart (the rows bounding each silence)", rows, len(rows)))]
        per_source = {self.names[c]: {"rows": s[0], "events": int(s[1])}
                      for c, s in sorted(self.stats.items(), key=lambda i: self.names[i[0]])}
        total = sum(s[0] for s in self.stats.values())
        out.append(DerivedEvidence(
            "evidence.telemetry.per_source", per_source,
            f"{len(per_source)} source(s) over {total} rows, from "
            f"{iso(self.span[0], self.zone) if self.span[0] is not None else '-'} to "
            f"{iso(self.span[1], self.zone) if self.span[1] is not None else '-'}.",
            provenance(f, "all usable telemetry rows, grouped by source",
                       [s[2] for s in sorted(self.stats.values(), key=lambda s: s[2])], total)))
        return out

    def case_items(self) -> list[dict]:
        out = []
        for p in self.periods:
            item = {"id": p["id"], "source": p["source"], "start": p["start"],
                    "cause": f"no events from {p['source']} for {p['duration']} (telemetry)"}
            if p["end"] is not None:
                item["end"] = p["end"]
            out.append(item)
        return out
