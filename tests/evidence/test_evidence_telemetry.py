"""Silent periods in telemetry become monitoring outages, bounded by exact rows."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from evidence_logs import telemetry_rows, write_csv

from facts.evidence import summarize
from facts.model import Outage


def test_silent_periods_with_their_bounding_rows(tmp_path):
    rows, marks = telemetry_rows()
    path = write_csv(tmp_path / "tele.csv", ["timestamp", "source", "events"], rows)
    window = (datetime(2025, 3, 1, 6, tzinfo=timezone.utc),
              datetime(2025, 3, 1, 8, tzinfo=timezone.utc))
    summary = summarize(path, "telemetry", intrusion_window=window)
    fact = summary.fact("evidence.telemetry.silent_periods")
    assert fact.value == [
        {"id": "SILENT-1", "source": "src-b", "start": "2025-03-01T04:00:00+00:00",
         "end": "2025-03-01T15:00:00+00:00", "duration": "11 hours",
         "rows": [marks["b_last"], marks["b_next"]], "overlaps_intrusion": True},
        {"id": "SILENT-2", "source": "src-c", "start": "2025-03-01T10:00:00+00:00",
         "end": None, "duration": "13 hours", "rows": [marks["c_last"]],
         "overlaps_intrusion": False}]
    assert fact.provenance["rows"] == sorted([marks["b_last"], marks["b_next"], marks["c_last"]])
    outages = summary.to_case_items()["incident.outages"]
    assert outages[0] == {"id": "SILENT-1", "source": "src-b", "start": "2025-03-01T04:00:00+00:00",
                          "end": "2025-03-01T15:00:00+00:00",
                          "cause": "no events from src-b for 11 hours (telemetry)"}
    for outage in outages:
        Outage.model_validate(outage)


def test_threshold_is_an_argument(tmp_path):
    rows, _ = telemetry_rows()
    path = write_csv(tmp_path / "tele.csv", ["timestamp", "source", "events"], rows)
    long_only = summarize(path, "telemetry", silence_threshold=timedelta(hours=12))
    assert [p["source"] for p in long_only.fact("evidence.telemetry.silent_periods").value] \
        == ["src-c"]
    none = summarize(path, "telemetry", silence_threshold=timedelta(days=1))
    assert none.fact("evidence.telemetry.silent_periods").value == []
    assert "No source was silent" in none.fact("evidence.telemetry.silent_periods").text


def test_heartbeats_without_an_events_column(tmp_path):
    beats = [[f"2025-03-01T{h:02d}:00:00Z", "agent-1"] for h in (0, 1, 2, 9, 10)]
    summary = summarize(write_csv(tmp_path / "hb.csv", ["timestamp", "source"], beats),
                        "telemetry")
    (period,) = summary.fact("evidence.telemetry.silent_periods").value
    assert (period["start"], period["end"], period["rows"]) == (
        "2025-03-01T02:00:00+00:00", "2025-03-01T09:00:00+00:00", [3, 4])
    assert any("no 'events' column" in n for n in summary.notes)


def test_bad_event_counts_are_unusable_rows(tmp_path):
    rows = [["2025-03-01T00:00:00Z", "s", "5"], ["2025-03-01T01:00:00Z", "s", "many"],
            ["2025-03-01T02:00:00Z", "s", "-1"], ["2025-03-01T03:00:00Z", "", "1"]]
    summary = summarize(write_csv(tmp_path / "t.csv", ["timestamp", "source", "events"], rows),
                        "telemetry")
    assert summary.unusable_rows == {"count": 3, "first": [
        {"row": 2, "reason": "events: 'many' is not an event count"},
        {"row": 3, "reason": "events: '-1' is not an event count"},
        {"row": 4, "reason": "source: empty"}]}
