"""SIEM alerts -> per-severity counts, triage within the SLA, the first alert on the compromised
assets, alerts never acknowledged, escalation delays; and the few alerts a case should record.

A case does not need a million alerts: it needs the ones a court would look at. So the case items
are the first alert on a compromised asset and the high/critical alerts nobody acknowledged
(capped; those on compromised assets during the intrusion come first).
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import numpy as np
import pyarrow as pa

from facts.errors import FaultlineInputError
from facts.evidence.columns import TimeColumn, arrow, severities, strings
from facts.evidence.mapping import SEVERITIES, Mapping
from facts.evidence.measures import (Delays, Sample, SlaShares, delay_fact, never_fact,
                                     per_severity_fact)
from facts.evidence.provenance import DerivedEvidence, Unusable, iso, provenance

CASE_ALERT_CAP = 20   # default: never-acknowledged high/critical alerts copied into the case
EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
URGENT = 1            # severity codes 0..URGENT (critical, high) are the ones a case records


class AlertsAggregator:
    def __init__(self, file: str, mapping: Mapping, *, timezone: str | None, zone, windows: dict,
                 affected_assets: list[str] | None, intrusion_window, sample: int, cap: int,
                 unusable: Unusable, notes: list[str], id_prefix: str = "EV"):
        self.file, self.mapping, self.zone, self.notes = file, mapping, zone, notes
        self.affected = None if affected_assets is None else sorted(set(affected_assets))
        self.window = _window_ns(file, intrusion_window)
        self.cap, self.unusable, self.prefix, self.sample = cap, unusable, id_prefix, sample
        self.times = {c: TimeColumn(file, _label(mapping, c), timezone)
                      for c in ("timestamp", "acknowledged_at", "escalated_at")}
        self.counts = np.zeros(len(SEVERITIES), dtype=np.int64)
        self.never_counts = np.zeros(len(SEVERITIES), dtype=np.int64)
        self.all, self.never, self.escalated = Sample(sample), Sample(sample), Sample(sample)
        self.sla = SlaShares(windows, sample)
        self.delays = Delays()
        self.status: dict[str, int] = {}
        self.has = set()
        self.first: tuple | None = None      # (ns, row, record)
        self.pending: list[tuple] = []       # ((unrelated, ns, row), record), at most `cap`

    def update(self, batch) -> None:
        cols, row0, n = batch.cols, batch.row0, batch.n
        self.has |= set(cols)
        ts, ts_ok, ts_bad, ts_why = self.times["timestamp"].parse(cols["timestamp"], row0)
        sev, sev_why = severities(cols["severity"], self.mapping.severity_values,
                                  _label(self.mapping, "severity"))
        ack, ack_ok, ack_bad, ack_why = self.times["acknowledged_at"].parse(
            cols["acknowledged_at"], row0)
        if "escalated_at" in cols:
            esc, esc_ok, esc_bad, esc_why = self.times["escalated_at"].parse(
                cols["escalated_at"], row0)
        else:
            esc, esc_ok, esc_bad, esc_why = (np.zeros(n, np.int64), np.zeros(n, bool),
                                             np.zeros(n, bool), None)
        ts_empty = ~ts_ok & ~ts_bad
        ack_early = ack_ok & ts_ok & (ack < ts)
        esc_early = esc_ok & ts_ok & (esc < ts)
        checks = [(ts_empty, lambda i: f"{self.times['timestamp'].label}: empty"),
                  (ts_bad, ts_why), (sev < 0, sev_why), (ack_bad, ack_why),
                  (ack_early, lambda i: "acknowledged_at is before the alert's timestamp"),
                  (esc_bad, esc_why),
                  (esc_early, lambda i: "escalated_at is before the alert's timestamp")]
        bad = ts_empty | ts_bad | (sev < 0) | ack_bad | ack_early | esc_bad | esc_early
        self.unusable.add(bad, row0, checks)

        idx = np.flatnonzero(~bad)
        rows = row0 + idx + 1
        s, t, a, a_ok, e, e_ok = sev[idx], ts[idx], ack[idx], ack_ok[idx], esc[idx], esc_ok[idx]
        self.counts += np.bincount(s, minlength=len(SEVERITIES))
        self.all.add(rows)
        self.sla.add(s, t, a, a_ok, rows)
        self.never_counts += np.bincount(s[~a_ok], minlength=len(SEVERITIES))
        self.never.add(rows[~a_ok])
        self.escalated.add(rows[e_ok])
        self.delays.add(e[e_ok] - t[e_ok], rows[e_ok])
        if "status" in cols:
            codes, names = strings(cols["status"].take(arrow(idx, pa.int64())))
            for code, count in zip(*np.unique(codes, return_counts=True)):
                name = names[code] if code >= 0 else "(empty)"
                self.status[name] = self.status.get(name, 0) + int(count)

        asset_codes, asset_names = strings(cols["asset"])
        lut = np.array([name in (self.affected or ()) for name in asset_names] + [False])
        on_affected = lut[asset_codes[idx]]
        in_window = (t >= self.window[0]) & (t <= self.window[1]) if self.window else \
            np.ones(idx.size, bool)
        related = on_affected & in_window
        if related.any():
            j = int(np.flatnonzero(related)[np.argmin(t[related])])
            if self.first is None or (int(t[j]), int(rows[j])) < self.first[:2]:
                self.first = (int(t[j]), int(rows[j]), self._record(batch, int(idx[j])))
        urgent = ~a_ok & (s <= URGENT)
        if urgent.any():
            cand = np.flatnonzero(urgent)
            order = np.lexsort((rows[cand], t[cand], ~related[cand]))[:self.cap]
            # Only the rows that stay among the first `cap` become records (building one costs
            # more than the rest of a batch, and a file read in many batches offers many).
            offered = [((int(not related[j]), int(t[j]), int(rows[j])), j) for j in cand[order]]
            kept = sorted([(key, None, record) for key, record in self.pending] +
                          [(key, j, None) for key, j in offered],
                          key=lambda item: item[0])[:self.cap]
            self.pending = [(key, record if j is None else
                             self._record(batch, int(idx[j]), bool(related[j])))
                            for key, j, record in kept]

    def finish(self) -> None:
        for column in self.times.values():
            column.finish()

    def _record(self, batch, i: int, related: bool = True) -> dict:
        """The row as an Alert-shaped dict, plus its row number under '_row'."""
        cols, row = batch.cols, batch.row0 + i + 1
        ts, ack, esc = (self.times[c].parse(cols[c].slice(i, 1), row - 1)
                        if c in cols else None
                        for c in ("timestamp", "acknowledged_at", "escalated_at"))
        sev, _ = severities(cols["severity"].slice(i, 1), self.mapping.severity_values, "")
        record = {"id": f"{self.prefix}-{row}", "at": iso(ts[0][0], self.zone),
                  "severity": SEVERITIES[int(sev[0])], "related_to_intrusion": related,
                  "_row": row}
        for key, column in (("rule", "rule"), ("asset", "asset")):
            if column in cols and cols[column][i].as_py() is not None:
                record[key] = str(cols[column][i].as_py())
        never = []
        for key, parsed in (("acknowledged_at", ack), ("escalated_at", esc)):
            if parsed is not None and parsed[1][0]:
                record[key] = iso(parsed[0][0], self.zone)
            elif parsed is not None and not parsed[2][0]:
                never.append(key)
        record["_never"] = tuple(never)
        return record

    def facts(self, sla_given: bool) -> list[DerivedEvidence]:
        f = self.file
        out = [per_severity_fact(f, "evidence.alerts.per_severity", "alerts", self.counts,
                                 self.all),
               never_fact(f, "evidence.alerts.never_acknowledged", "alerts", "acknowledged",
                          self.never_counts, self.never)]
        out += self.sla.facts(f, "evidence.alerts.triaged_within_sla", "alerts", "acknowledged")
        if not sla_given:
            self.notes.append("no SLA triage windows given: shares triaged within the SLA are "
                              "not derived")
        if "escalated_at" in self.has:
            out.append(delay_fact(f, "evidence.alerts.escalation_delay",
                                  "escalation delay (alert to escalation)",
                                  "escalated alerts; escalated_at minus timestamp",
                                  self.delays, self.escalated))
        if self.status:
            out.append(DerivedEvidence(
                "evidence.alerts.per_status", dict(sorted(self.status.items())),
                "Alerts by status: " + ", ".join(f"{v} {k}" for k, v in
                                                 sorted(self.status.items())) + ".",
                provenance(f, "all usable alerts, grouped by status", self.all.rows,
                           self.all.count)))
        if self.affected is None:
            self.notes.append("no affected assets given: the first alert on a compromised "
                              "asset is not derived")
        else:
            out.append(self._first_fact())
        urgent = int(self.never_counts[:URGENT + 1].sum())
        if urgent > self.cap:
            self.notes.append(f"{urgent} high/critical alerts were never acknowledged; the case "
                              f"items hold {self.cap} of them (on compromised assets during the "
                              f"intrusion first, then the earliest)")
        return out

    def _first_fact(self) -> DerivedEvidence:
        where = ", ".join(self.affected) or "(none)"
        span = (f" between {iso(self.window[0], self.zone)} and {iso(self.window[1], self.zone)}"
                if self.window else "")
        selection = f"alerts on {where}{span}; the earliest (ties: the lower row)"
        if self.first is None:
            return DerivedEvidence("evidence.alerts.first_on_affected_asset", None,
                                   f"No alert on {where}{span}.",
                                   provenance(self.file, selection, [], 0))
        _, row, record = self.first
        value = {k: record.get(k) for k in ("at", "severity", "rule", "asset",
                                            "acknowledged_at", "escalated_at")}
        value.update(row=row, acknowledged="acknowledged_at" in record,
                     escalated="escalated_at" in record)
        value["acted_on"] = value["acknowledged"] or value["escalated"]
        done = [w for w, k in (("acknowledged", "acknowledged_at"), ("escalated", "escalated_at"))
                if k in record]
        fate = ("it was " + " and ".join(f"{w} at {record[k]}" for w, k in (
            ("acknowledged", "acknowledged_at"), ("escalated", "escalated_at")) if k in record)
            if done else "it was never acknowledged or escalated")
        rule = f" '{record['rule']}'" if "rule" in record else ""
        text = (f"The first alert on a compromised asset is row {row}: {record['severity']}{rule} "
                f"on {record.get('asset')} at {record['at']}; {fate}.")
        return DerivedEvidence("evidence.alerts.first_on_affected_asset", value, text,
                               provenance(self.file, selection, [row], 1))

    def case_items(self) -> list[dict]:
        items = {}
        if self.first is not None:
            items[self.first[1]] = self.first[2]
        for _, record in self.pending:
            items.setdefault(record["_row"], record)
        # In the case, an empty acknowledgement or escalation cell of the export is `never`: the
        # export records no such action. A missing column, or a value that does not parse,
        # says nothing, so the field stays unknown.
        return [{**{k: v for k, v in items[row].items() if k not in ("_row", "_never")},
                 **{k: "never" for k in items[row].get("_never", ())}} for row in sorted(items)]


def _label(mapping: Mapping, logical: str) -> str:
    name = mapping.column(logical)
    return name if name == logical else f"{name} ({logical})"


def _window_ns(file: str, window) -> tuple[int, int] | None:
    if window is None:
        return None
    start, end = window
    for moment in (start, end):
        if not isinstance(moment, datetime) or moment.tzinfo is None:
            raise FaultlineInputError(file, "intrusion_window", f"got {moment!r}; expected two "
                                                                f"zoned datetimes")
    return _ns(start), _ns(end)


def _ns(moment: datetime) -> int:
    return (moment - EPOCH) // timedelta(microseconds=1) * 1000
