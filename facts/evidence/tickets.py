"""Service-desk tickets -> counts per priority, first responses within the SLA, tickets never
answered, escalation delays and resolution times.

Priorities are graded onto the case's four severities (`severity_values` in the mapping turns
`P1`..`P4` into critical..low), so the same triage windows apply to tickets and alerts.
"""
from __future__ import annotations

import numpy as np

from facts.evidence.columns import TimeColumn, severities
from facts.evidence.mapping import SEVERITIES, Mapping
from facts.evidence.measures import (Delays, Sample, SlaShares, delay_fact, never_fact,
                                     per_severity_fact)
from facts.evidence.provenance import DerivedEvidence, Unusable

LATER = ("first_response", "escalated", "resolved")


class TicketsAggregator:
    def __init__(self, file: str, mapping: Mapping, *, timezone: str | None, windows: dict,
                 sample: int, unusable: Unusable, label):
        self.file, self.mapping, self.unusable = file, mapping, unusable
        self.times = {c: TimeColumn(file, label(c), timezone) for c in ("created",) + LATER}
        self.label = label
        self.counts = np.zeros(len(SEVERITIES), np.int64)
        self.never_counts = np.zeros(len(SEVERITIES), np.int64)
        self.all, self.never = Sample(sample), Sample(sample)
        self.sla = SlaShares(windows, sample)
        self.delays = {c: Delays() for c in LATER[1:]}
        self.samples = {c: Sample(sample) for c in LATER[1:]}
        self.has: set[str] = set()

    def update(self, batch) -> None:
        cols, row0, n = batch.cols, batch.row0, batch.n
        self.has |= set(cols)
        created, c_ok, c_bad, c_why = self.times["created"].parse(cols["created"], row0)
        sev, sev_why = severities(cols["priority"], self.mapping.severity_values,
                                  self.label("priority"))
        c_empty = ~c_ok & ~c_bad
        checks = [(c_empty, lambda i: f"{self.times['created'].label}: empty"), (c_bad, c_why),
                  (sev < 0, sev_why)]
        bad = c_empty | c_bad | (sev < 0)
        later = {}
        for name in LATER:
            if name not in cols:
                later[name] = (np.zeros(n, np.int64), np.zeros(n, bool))
                continue
            at, ok, wrong, why = self.times[name].parse(cols[name], row0)
            early = ok & c_ok & (at < created)
            checks += [(wrong, why), (early, lambda i, name=name: f"{name} is before created")]
            bad |= wrong | early
            later[name] = (at, ok)
        self.unusable.add(bad, row0, checks)
        idx = np.flatnonzero(~bad)
        rows, s, c = row0 + idx + 1, sev[idx], created[idx]
        self.counts += np.bincount(s, minlength=len(SEVERITIES))
        self.all.add(rows)
        first, answered = later["first_response"][0][idx], later["first_response"][1][idx]
        self.sla.add(s, c, first, answered, rows)
        self.never_counts += np.bincount(s[~answered], minlength=len(SEVERITIES))
        self.never.add(rows[~answered])
        for name in LATER[1:]:
            at, ok = later[name][0][idx], later[name][1][idx]
            self.delays[name].add(at[ok] - c[ok], rows[ok])
            self.samples[name].add(rows[ok])

    def finish(self) -> None:
        for column in self.times.values():
            column.finish()

    def facts(self) -> list[DerivedEvidence]:
        f = self.file
        out = [per_severity_fact(f, "evidence.tickets.per_priority", "tickets", self.counts,
                                 self.all),
               never_fact(f, "evidence.tickets.never_responded", "tickets", "responded to",
                          self.never_counts, self.never)]
        out += self.sla.facts(f, "evidence.tickets.responded_within_sla", "tickets",
                              "responded to")
        for name, fact_id, what in (("escalated", "evidence.tickets.escalation_delay",
                                     "escalation delay (created to escalated)"),
                                    ("resolved", "evidence.tickets.resolution_time",
                                     "resolution time (created to resolved)")):
            if name in self.has:
                out.append(delay_fact(f, fact_id, what, f"tickets with a {name} time; {name} "
                                      f"minus created", self.delays[name], self.samples[name]))
        return out
