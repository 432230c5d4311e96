"""Bad and foreign input: mappings, missing columns, zones, unusable rows, empty files."""
from __future__ import annotations

import pytest
from evidence_logs import AFFECTED, HEADER, SLA, WINDOW, alert_rows, write_csv

from facts.errors import FaultlineInputError
from facts.evidence import summarize

SPLUNK = ["_time", "urgency", "signature", "dest", "status_label", "ack_time", "esc_time"]
GRADES = {"critical": "4", "high": "3", "medium": "2", "low": "1"}


def test_mapping_reads_a_splunk_export_like_the_default(tmp_path, alerts_csv):
    rows = [[r[0], GRADES[r[1]]] + r[2:] for r in alert_rows()]
    export = write_csv(tmp_path / "splunk.csv", SPLUNK, rows)
    mapping = tmp_path / "splunk.yaml"
    mapping.write_text(
        "columns: {timestamp: _time, severity: urgency, rule: signature, asset: dest,\n"
        "          status: status_label, acknowledged_at: ack_time, escalated_at: esc_time}\n"
        "severity_values: {'4': critical, '3': high, '2': medium, '1': low}\n")
    options = dict(sla=SLA, affected_assets=AFFECTED, intrusion_window=WINDOW)
    mapped = summarize(export, "alerts", mapping=str(mapping), **options).as_dict()
    default = summarize(alerts_csv, "alerts", **options).as_dict()
    for result in (mapped, default):
        result.pop("file")
        for fact in result["derived"]:
            fact["provenance"].pop("file")
    assert mapped == default


def test_missing_column_names_it_and_the_mapping_key(tmp_path):
    rows = [r[:5] + r[6:] for r in alert_rows()]
    path = write_csv(tmp_path / "alerts.csv", HEADER[:5] + HEADER[6:], rows)
    with pytest.raises(FaultlineInputError) as caught:
        summarize(path, "alerts")
    error = caught.value
    assert error.file == str(path) and error.field == "acknowledged_at"
    assert "column 'acknowledged_at' (when an analyst acknowledged it) is missing" in error.message
    assert "columns.acknowledged_at" in error.message and "escalated_at" in error.message


def test_unknown_mapping_key_is_refused_with_a_suggestion(tmp_path, alerts_csv):
    mapping = tmp_path / "m.yaml"
    mapping.write_text("columns: {timestamps: _time}\n")
    with pytest.raises(FaultlineInputError, match="did you mean 'timestamp'"):
        summarize(alerts_csv, "alerts", mapping=str(mapping))


def _zoneless(tmp_path, rows=None):
    rows = rows or [[r[0][:19]] + r[1:5] + [r[5][:19], r[6][:19]] for r in alert_rows()]
    return write_csv(tmp_path / "local.csv", HEADER, rows)


def test_zoneless_file_needs_a_timezone(tmp_path):
    path = _zoneless(tmp_path)
    with pytest.raises(FaultlineInputError) as caught:
        summarize(path, "alerts")
    assert caught.value.file == str(path) and caught.value.field == "timestamp"
    assert "no time zone (row 1: '2025-03-01T10:00:00')" in caught.value.message
    assert "--timezone" in caught.value.message


def test_timezone_option_completes_zoneless_timestamps(tmp_path):
    summary = summarize(_zoneless(tmp_path), "alerts", timezone="America/New_York",
                        sla=SLA, affected_assets=AFFECTED, intrusion_window=WINDOW)
    fact = summary.fact("evidence.alerts.first_on_affected_asset")
    assert fact.value["row"] == 5 and fact.value["at"] == "2025-03-03T02:47:00-05:00"


def test_a_local_time_skipped_by_daylight_saving_is_unusable(tmp_path):
    rows = [["2025-03-09T01:30:00", "low", "r", "a", "open", "", ""],
            ["2025-03-09T02:30:00", "low", "r", "a", "open", "", ""],      # does not exist
            ["2025-03-09T03:30:00", "low", "r", "a", "open", "", ""]]
    summary = summarize(_zoneless(tmp_path, rows), "alerts", timezone="America/New_York")
    assert summary.unusable_rows["count"] == 1
    assert summary.unusable_rows["first"][0]["row"] == 2
    assert "daylight-saving change in America/New_York" in summary.unusable_rows["first"][0][
        "reason"]


def test_mixed_zones_are_an_error_naming_both_rows(tmp_path):
    rows = alert_rows()
    rows[3][0] = rows[3][0][:19]
    path = write_csv(tmp_path / "mixed.csv", HEADER, rows)
    with pytest.raises(FaultlineInputError, match=r"mixes timestamps with a zone \(row 1: .*"
                                                  r"without \(row 4: '2025-03-02T09:00:00'\)"):
        summarize(path, "alerts", timezone="America/New_York")


def test_unusable_rows_are_counted_with_reasons(tmp_path):
    rows = alert_rows()
    rows[1][0] = "yesterday"                                   # row 2
    rows[2][1] = "informational"                               # row 3
    rows[3][5] = "2025-03-01T00:00:00-05:00"                   # row 4: acknowledged before
    rows[5][0] = ""                                            # row 6
    summary = summarize(write_csv(tmp_path / "bad.csv", HEADER, rows), "alerts", sla=SLA)
    assert summary.rows == 8
    assert summary.unusable_rows == {"count": 4, "first": [
        {"row": 2, "reason": "timestamp: cannot read 'yesterday' as a timestamp"},
        {"row": 3, "reason": "severity: 'informational' is not one of critical, high, medium, "
                             "low (map it under severity_values in the mapping file)"},
        {"row": 4, "reason": "acknowledged_at is before the alert's timestamp"},
        {"row": 6, "reason": "timestamp: empty"}]}
    assert summary.fact("evidence.alerts.per_severity").value["total"] == 4
    assert any("4 of 8 rows could not be used" in n for n in summary.notes)


def test_a_column_of_no_timestamps_is_an_error_not_unusable_rows(tmp_path):
    rows = [["1709450820"] + r[1:] for r in alert_rows()]
    with pytest.raises(FaultlineInputError, match="no parsable timestamp"):
        summarize(write_csv(tmp_path / "epoch.csv", HEADER, rows), "alerts")


@pytest.mark.parametrize("content, expected", [
    ("", "the file is empty"),
    (",".join(HEADER) + "\n", "no data rows"),
])
def test_empty_files(tmp_path, content, expected):
    path = tmp_path / "alerts.csv"
    path.write_text(content)
    with pytest.raises(FaultlineInputError, match=expected):
        summarize(path, "alerts")


def test_unknown_format_and_missing_file(tmp_path):
    with pytest.raises(FaultlineInputError, match="no such file"):
        summarize(tmp_path / "nope.csv", "alerts")
    other = tmp_path / "alerts.xlsx"
    other.write_text("x")
    with pytest.raises(FaultlineInputError, match="unknown evidence format"):
        summarize(other, "alerts")
