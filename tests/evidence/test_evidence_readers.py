"""JSON Lines and Parquet read like CSV; a streamed file gives exactly what an in-memory read
gives (the streaming threshold is forced down so a small file streams in many batches)."""
from __future__ import annotations

import json
import random
from datetime import datetime, timedelta, timezone

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from evidence_logs import AFFECTED, HEADER, SLA, WINDOW, alert_rows, telemetry_rows, write_csv

from facts.evidence import summarize

OPTIONS = dict(sla=SLA, affected_assets=AFFECTED, intrusion_window=WINDOW)


def without_file(result: dict) -> dict:
    result = json.loads(json.dumps(result))
    result.pop("file")
    for fact in result["derived"]:
        fact["provenance"].pop("file")
    return result


def test_jsonl_reads_like_csv(tmp_path, alerts_csv):
    path = tmp_path / "alerts.jsonl"
    with open(path, "w") as out:
        for row in alert_rows():
            record = dict(zip(HEADER, row))
            out.write(json.dumps({k: (v or None) for k, v in record.items()}) + "\n")
    assert without_file(summarize(path, "alerts", **OPTIONS).as_dict()) == \
        without_file(summarize(alerts_csv, "alerts", **OPTIONS).as_dict())


def test_parquet_reads_like_csv_with_text_or_typed_timestamps(tmp_path, alerts_csv):
    columns = list(zip(*alert_rows()))
    text = pa.table({name: pa.array([v or None for v in values], pa.string())
                     for name, values in zip(HEADER, columns)})
    pq.write_table(text, tmp_path / "text.parquet")
    typed = text
    for name in ("timestamp", "acknowledged_at", "escalated_at"):
        values = [datetime.fromisoformat(v).astimezone(timezone.utc) if v else None
                  for v in text.column(name).to_pylist()]
        typed = typed.set_column(typed.schema.get_field_index(name), name,
                                 pa.array(values, pa.timestamp("us", "UTC")))
    pq.write_table(typed, tmp_path / "typed.parquet")
    expected = without_file(summarize(alerts_csv, "alerts", **OPTIONS).as_dict())
    for name in ("text.parquet", "typed.parquet"):
        got = without_file(summarize(tmp_path / name, "alerts", **OPTIONS).as_dict())
        assert got == expected, name


def test_zoneless_parquet_timestamps_need_a_timezone(tmp_path):
    table = pa.table({"timestamp": pa.array([datetime(2025, 3, 1, 10)], pa.timestamp("s")),
                      "source": ["s"], "events": [1]})
    pq.write_table(table, tmp_path / "t.parquet")
    from facts.errors import FaultlineInputError
    with pytest.raises(FaultlineInputError, match="no time zone"):
        summarize(tmp_path / "t.parquet", "telemetry")
    summary = summarize(tmp_path / "t.parquet", "telemetry", timezone="Europe/Berlin")
    assert "2025-03-01T10:00:00+01:00" in summary.fact("evidence.telemetry.per_source").text


def random_alerts(count: int, seed: int = 7) -> list[list[str]]:
    """Many rows, with bad ones sprinkled in, so batches split aggregates and unusable rows."""
    rng = random.Random(seed)
    start = datetime(2025, 3, 1, tzinfo=timezone(timedelta(hours=-5)))
    assets = ["vpn-gw-01", "fs-02", "web-01", "db-01", "ws-1"]
    rows = []
    for i in range(count):
        at = start + timedelta(seconds=rng.randrange(0, 5 * 86400))
        ack = at + timedelta(minutes=rng.randrange(1, 600)) if rng.random() < 0.9 else None
        esc = at + timedelta(minutes=rng.randrange(1, 900)) if rng.random() < 0.2 else None
        rule = f'Rule "{i % 7}"\nsecond line' if i % 97 == 0 else f"R{i % 7}"   # quoted newline
        row = [at.isoformat(), rng.choice(["critical", "high", "medium", "low"]), rule,
               rng.choice(assets), "open", ack.isoformat() if ack else "",
               esc.isoformat() if esc else ""]
        if rng.random() < 0.02:
            row[rng.choice([0, 1, 5])] = "garbage"
        rows.append(row)
    return rows


def test_streaming_equals_in_memory_csv(tmp_path):
    path = write_csv(tmp_path / "many.csv", HEADER, random_alerts(3000))
    whole = summarize(path, "alerts", **OPTIONS)
    streamed = summarize(path, "alerts", stream_threshold=0, batch_bytes=4096, **OPTIONS)
    assert whole.unusable_rows["count"] > 0 and whole.to_case_items()["incident.alerts"]
    assert whole.rows == 3000
    assert streamed.as_dict() == whole.as_dict()


def test_streaming_equals_in_memory_jsonl_and_parquet(tmp_path):
    rows = random_alerts(2000, seed=3)
    jsonl = tmp_path / "many.jsonl"
    jsonl.write_text("".join(json.dumps(dict(zip(HEADER, r))) + "\n" for r in rows))
    pq.write_table(pa.table({h: [r[i] for r in rows] for i, h in enumerate(HEADER)}),
                   tmp_path / "many.parquet", row_group_size=300)
    for path in (jsonl, tmp_path / "many.parquet"):
        whole = summarize(path, "alerts", **OPTIONS)
        streamed = summarize(path, "alerts", stream_threshold=0, batch_bytes=8192,
                             batch_rows=250, **OPTIONS)
        assert streamed.as_dict() == whole.as_dict(), path.name


def test_streaming_equals_in_memory_telemetry(tmp_path):
    rows, _ = telemetry_rows()
    path = write_csv(tmp_path / "tele.csv", ["timestamp", "source", "events"], rows)
    whole = summarize(path, "telemetry")
    streamed = summarize(path, "telemetry", stream_threshold=0, batch_bytes=256)
    assert streamed.as_dict() == whole.as_dict()
    assert len(whole.fact("evidence.telemetry.silent_periods").value) == 2


def test_a_file_read_whole_is_handed_on_in_arrows_chunks_with_the_same_result(tmp_path,
                                                                              monkeypatch):
    """No column is concatenated after the read: each block Arrow parsed is one batch of plain
    arrays, and the summary is what one block would give."""
    from facts.evidence import readers
    from facts.evidence.mapping import load_mapping
    path = write_csv(tmp_path / "many.csv", HEADER, random_alerts(3000, seed=5))
    one_block = summarize(path, "alerts", **OPTIONS)
    monkeypatch.setattr(readers, "WHOLE_BLOCK", 16 * 1024)
    batches = list(readers.read_batches(str(path), "alerts", load_mapping(None, "alerts"),
                                        stream_threshold=readers.STREAM_THRESHOLD))
    assert len(batches) > 5 and sum(b.n for b in batches) == 3000
    assert all(not isinstance(a, pa.ChunkedArray) for b in batches for a in b.cols.values())
    assert summarize(path, "alerts", **OPTIONS).as_dict() == one_block.as_dict()
