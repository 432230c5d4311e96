"""Tickets, the example evidence, the `python -m facts.evidence` stand-in and import cost."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from evidence_logs import AFFECTED, SLA, write_csv

from facts.evidence import summarize

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "evidence"
TICKETS = ["created", "priority", "first_response", "escalated", "resolved"]


def test_tickets_with_priorities_mapped_to_severities(tmp_path):
    rows = [["2025-03-01T10:00:00Z", "P1", "2025-03-01T10:10:00Z", "", "2025-03-01T12:00:00Z"],
            ["2025-03-01T11:00:00Z", "P1", "2025-03-01T11:40:00Z", "2025-03-01T11:50:00Z", ""],
            ["2025-03-01T12:00:00Z", "P2", "", "", ""],
            ["2025-03-01T13:00:00Z", "P9", "", "", ""]]
    mapping = tmp_path / "m.yaml"
    mapping.write_text("severity_values: {P1: critical, P2: high, P3: medium, P4: low}\n")
    summary = summarize(write_csv(tmp_path / "t.csv", TICKETS, rows), "tickets",
                        mapping=str(mapping), sla=SLA)
    assert summary.unusable_rows["count"] == 1 and summary.unusable_rows["first"][0]["row"] == 4
    critical = summary.fact("evidence.tickets.responded_within_sla.critical").value
    assert (critical["within"], critical["total"], critical["first_missed_rows"]) == (1, 2, [2])
    assert summary.fact("evidence.tickets.never_responded").provenance["rows"] == [3]
    assert summary.fact("evidence.tickets.resolution_time").value == {
        "count": 1, "median": "2h", "max": "2h", "max_row": 1}
    assert summary.fact("evidence.tickets.escalation_delay").value["max_row"] == 2


def test_example_evidence_tells_the_hospital_story():
    window = (__import__("datetime").datetime.fromisoformat("2025-03-03T02:10:00-05:00"),
              __import__("datetime").datetime.fromisoformat("2025-03-10T12:00:00-05:00"))
    alerts = summarize(EXAMPLE / "alerts.csv", "alerts", sla=SLA, affected_assets=AFFECTED,
                       intrusion_window=window, timezone="America/New_York")
    first = alerts.fact("evidence.alerts.first_on_affected_asset").value
    assert (first["asset"], first["at"], first["severity"], first["acted_on"]) == (
        "vpn-gw-01", "2025-03-03T02:47:00-05:00", "high", False)
    assert alerts.unusable_rows["count"] == 0
    telemetry = summarize(EXAMPLE / "telemetry.csv", "telemetry", intrusion_window=window,
                          timezone="America/New_York")
    (silence,) = telemetry.fact("evidence.telemetry.silent_periods").value
    assert (silence["source"], silence["start"], silence["end"]) == (
        "edr-fs-02", "2025-02-20T00:00:00-05:00", "2025-03-10T13:00:00-04:00")
    assert silence["overlaps_intrusion"] is True


def test_example_generator_reproduces_the_committed_files(tmp_path):
    subprocess.run([sys.executable, str(EXAMPLE / "generate.py"), str(tmp_path)], check=True)
    for name in ("alerts.csv", "telemetry.csv"):
        assert (tmp_path / name).read_bytes() == (EXAMPLE / name).read_bytes(), name


def _module(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "facts.evidence", *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=120)


def test_module_command_prints_json_and_one_line_errors(tmp_path):
    done = _module(str(EXAMPLE / "telemetry.csv"), "--kind", "telemetry", "--format", "json",
                   "--timezone", "America/New_York")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["case_items"]["incident.outages"][0]["id"] == "SILENT-1"
    bad = write_csv(tmp_path / "a.csv", ["when", "severity"], [["x", "high"]])
    done = _module(str(bad), "--kind", "alerts")
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and done.stderr.startswith(f"error: {bad}: timestamp: ")


def test_importing_the_package_does_not_load_pandas_or_pyarrow():
    code = ("import sys, facts.evidence; "
            "print(sorted(m for m in ('pandas', 'pyarrow', 'numpy') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                          timeout=120)
    assert done.stdout.strip() == "[]", done.stderr
