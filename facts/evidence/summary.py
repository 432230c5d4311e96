"""`summarize`: one evidence file -> an EvidenceSummary; `format_text` for the command line."""
from __future__ import annotations

from datetime import datetime, timedelta
from typing import Literal

from facts.durations import Duration
from facts.errors import FaultlineInputError
from facts.evidence.provenance import PROVENANCE_ROWS, UNUSABLE_SAMPLE, EvidenceSummary, Unusable

KINDS = ("alerts", "tickets", "telemetry")


def summarize(path: str, kind: Literal["alerts", "tickets", "telemetry"], *,
              mapping: str | None = None, timezone: str | None = None,
              sla: dict[str, Duration] | None = None, affected_assets: list[str] | None = None,
              intrusion_window: tuple[datetime, datetime] | None = None,
              silence_threshold: timedelta | None = None, progress: bool = False,
              stream_threshold: int | None = None, provenance_rows: int = PROVENANCE_ROWS,
              unusable_sample: int = UNUSABLE_SAMPLE, case_alert_cap: int | None = None,
              id_prefix: str = "EV", batch_bytes: int | None = None,
              batch_rows: int | None = None) -> EvidenceSummary:
    """Read an evidence file and derive the facts the rules use, each with its provenance.

    `timezone` completes timestamps written without an offset (a zone-less file without it is an
    error) and is the zone results are written in (UTC otherwise). `sla` maps severities to
    triage windows; `affected_assets` and `intrusion_window` select the alerts that bear on the
    intrusion. Files over `stream_threshold` bytes (default 200 MB) are streamed in batches.
    Bad rows are counted and the first `unusable_sample` listed with reasons; aggregates list
    their first `provenance_rows` rows. `batch_bytes` / `batch_rows` size the streamed batches
    (CSV and JSON Lines / Parquet); results do not depend on them.
    """
    # the readers import pyarrow and numpy; keep that cost out of `import facts.evidence`
    from facts.evidence import readers
    from facts.evidence.alerts import CASE_ALERT_CAP, AlertsAggregator, _label, _window_ns
    from facts.evidence.columns import zone as lookup_zone
    from facts.evidence.mapping import load_mapping
    from facts.evidence.measures import windows
    from facts.evidence.telemetry import SILENCE_THRESHOLD, TelemetryAggregator
    from facts.evidence.tickets import TicketsAggregator

    file = str(path)
    if kind not in KINDS:
        raise FaultlineInputError(file, "kind", f"got {kind!r}; expected one of {', '.join(KINDS)}")
    columns = load_mapping(mapping, kind)
    display = lookup_zone(file, timezone)
    notes: list[str] = []
    unusable = Unusable(unusable_sample)
    if kind == "alerts":
        agg = AlertsAggregator(
            file, columns, timezone=timezone, zone=display, windows=windows(file, sla, notes),
            affected_assets=affected_assets, intrusion_window=intrusion_window,
            sample=provenance_rows, cap=CASE_ALERT_CAP if case_alert_cap is None
            else case_alert_cap, unusable=unusable, notes=notes, id_prefix=id_prefix)
    elif kind == "tickets":
        agg = TicketsAggregator(file, columns, timezone=timezone,
                                windows=windows(file, sla, notes), sample=provenance_rows,
                                unusable=unusable, label=lambda c: _label(columns, c))
    else:
        agg = TelemetryAggregator(
            file, timezone=timezone, zone=display,
            threshold=SILENCE_THRESHOLD if silence_threshold is None else silence_threshold,
            intrusion_window_ns=_window_ns(file, intrusion_window), unusable=unusable,
            label=_label(columns, "timestamp"))
    rows = 0
    for batch in readers.read_batches(
            file, kind, columns, notes=notes, progress=progress,
            batch_bytes=batch_bytes or readers.BATCH_BYTES,
            batch_rows=batch_rows or readers.BATCH_ROWS,
            stream_threshold=readers.STREAM_THRESHOLD if stream_threshold is None
            else stream_threshold):
        agg.update(batch)
        rows = batch.row0 + batch.n
    agg.finish()
    if kind == "alerts":
        derived = agg.facts(sla_given=bool(sla))
        items = {"incident.alerts": agg.case_items()}
    elif kind == "tickets":
        derived, items = agg.facts(), {}
    else:
        derived = agg.facts()
        items = {"incident.outages": agg.case_items()}
    if unusable.count:
        notes.append(f"{unusable.count} of {rows} rows could not be used and are left out of "
                     f"every derived fact")
    return EvidenceSummary(file, kind, rows, unusable.as_dict(), derived, notes, items)


def format_text(summary: EvidenceSummary) -> str:
    """Plain text for `evidence summarize`: one line per fact, its rows, then unusable rows."""
    lines = [f"{summary.file} ({summary.kind}): {summary.rows:,} rows, "
             f"{summary.unusable_rows['count']:,} unusable"]
    for fact in sorted(summary.derived, key=lambda d: d.id):
        prov = fact.provenance
        shown = ", ".join(str(r) for r in prov["rows"])
        more = "" if prov["row_count"] <= len(prov["rows"]) else f", … of {prov['row_count']:,}"
        lines.append(f"- {fact.id}: {fact.text}")
        lines.append(f"    rows: {shown or 'none'}{more} ({prov['selection']})")
    if summary.unusable_rows["count"]:
        lines.append(f"unusable rows ({summary.unusable_rows['count']:,}; first shown):")
        lines += [f"  row {u['row']}: {u['reason']}" for u in summary.unusable_rows["first"]]
    items = summary.to_case_items()
    for path in sorted(items):
        if items[path]:
            lines.append(f"case items for {path}: " + ", ".join(i["id"] for i in items[path]))
    lines += [f"note: {n}" for n in summary.notes]
    return "\n".join(lines) + "\n"
