"""Evidence referenced from a case file drives the rules, with provenance and conflicts shown."""
from __future__ import annotations

import copy
import json
import shutil

import yaml
from click.testing import CliRunner

from cli import cli
from engine.analyze import analyze
from facts.loader import load_case, read_raw
from rules.parameters import Parameters
from tests.conftest import ROOT

EXAMPLE = ROOT / "examples" / "harborview-from-logs.yaml"
LOGS = ROOT / "examples" / "evidence"


def case_with(tmp_path, change=None, name="case.yaml"):
    raw = copy.deepcopy(read_raw(EXAMPLE))
    # evidence paths are relative to the case file and stay inside its folder
    if not (tmp_path / "evidence").exists():
        shutil.copytree(LOGS, tmp_path / "evidence")
    if change:
        change(raw)
    path = tmp_path / name
    path.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")
    return path


def result_of(path, params=None):
    return analyze(load_case(path), params)


def finding(result, fid):
    return next(f for f in result["findings"] if f["id"] == fid)


def test_first_alert_on_a_compromised_asset_comes_from_the_export():
    result = result_of(EXAMPLE)
    triage = finding(result, "breach.triage.provider")
    assert triage["holds"] and "EV-205" in triage["summary"]
    alert = result["facts"]["incident.alerts[EV-205]"]["value"]
    assert alert["asset"] == "vpn-gw-01" and alert["acknowledged_at"] is None
    fact = result["facts"]["evidence.alerts.first_on_affected_asset"]
    assert fact["value"]["row"] == 205 and "rows 205" in fact["source"]


def test_evidence_contradicting_the_case_drives_the_rules_and_both_values_are_shown():
    result = result_of(EXAMPLE)
    conflict = result["evidence"]["edr-telemetry"]["conflicts"][0]
    assert conflict["item"] == "incident.outages[O-1]" and conflict["field"] == "end"
    assert conflict["used"] == "evidence"
    assert conflict["case"].startswith("2025-03-12") and conflict["evidence"].startswith("2025-03-10")
    outage = finding(result, "breach.monitoring_outage.provider.O-1")
    assert "Mon 2025-03-10 13:00" in outage["summary"]


def test_prefer_case_keeps_the_case_value(tmp_path):
    def prefer_case(raw):
        raw["evidence"][1]["prefer"] = "case"
    result = result_of(case_with(tmp_path, prefer_case))
    assert result["evidence"]["edr-telemetry"]["conflicts"][0]["used"] == "case"
    assert "Wed 2025-03-12 12:00" in finding(result, "breach.monitoring_outage.provider.O-1")["summary"]


def test_silent_period_in_telemetry_becomes_an_outage_finding(tmp_path):
    def drop_typed_outage(raw):
        raw["incident"]["outages"] = []
    result = result_of(case_with(tmp_path, drop_typed_outage))
    silent = finding(result, "breach.monitoring_outage.provider.SILENT-1")
    assert silent["holds"] and "edr-fs-02" in silent["summary"]
    assert "rows 121, 565" in result["facts"]["evidence.telemetry.silent_periods"]["source"]


def test_escalation_delay_decides_the_escalation_pattern(tmp_path):
    assert finding(result_of(EXAMPLE), "breach.escalation_pattern.provider")["holds"]

    def slower_window(raw):
        raw["contract"]["sla"]["escalation"] = "2h"
    relaxed = result_of(case_with(tmp_path, slower_window))
    assert not finding(relaxed, "breach.escalation_pattern.provider")["holds"]


def test_triage_shares_never_acknowledged_and_counts_decide_the_triage_pattern():
    strict = finding(result_of(EXAMPLE), "breach.triage_pattern.provider")
    assert strict["holds"] and "6 of 21 high alerts" in strict["summary"]
    assert "322 alerts" in strict["summary"] and "2 of them high or critical" in strict["summary"]
    lenient = finding(result_of(EXAMPLE, Parameters.load(overrides={
        "threshold.triage_compliance": 0.5})), "breach.triage_pattern.provider")
    # Shares now pass; only the unacknowledged high alerts keep the pattern established.
    assert "no severity below the threshold" in lenient["summary"]
    assert [c["holds"] for c in lenient["checks"]][-1] is False


def test_without_the_export_the_evidence_findings_are_not_established(tmp_path):
    def no_evidence(raw):
        raw["evidence"] = []
    result = result_of(case_with(tmp_path, no_evidence))
    assert not finding(result, "breach.triage_pattern.provider")["holds"]
    assert "incident.alerts[EV-205]" not in result["facts"]


def test_evidence_digest_enters_the_input_hash(tmp_path):
    logs = tmp_path / "logs"
    shutil.copytree(LOGS, logs)
    raw = copy.deepcopy(read_raw(EXAMPLE))
    for ref in raw["evidence"]:
        ref["path"] = "logs/" + ref["path"].split("/")[-1]
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    before = result_of(path)["input_sha256"]
    text = (logs / "alerts.csv").read_text().replace("Suspicious PowerShell", "Suspicious pwsh", 1)
    (logs / "alerts.csv").write_text(text)
    assert result_of(path)["input_sha256"] != before


def test_missing_evidence_file_is_a_one_line_error(tmp_path):
    def broken(raw):
        raw["evidence"][0]["path"] = "nowhere/alerts.csv"
    out = CliRunner().invoke(cli, ["analyze", str(case_with(tmp_path, broken))])
    assert out.exit_code == 2
    assert "evidence[siem].path: nowhere/alerts.csv: no such file" in out.output
    assert out.output.count("\n") == 1


def test_evidence_summarize_command_reports_rows_and_facts():
    out = CliRunner().invoke(cli, ["evidence", "summarize", str(LOGS / "alerts.csv"),
                                   "--kind", "alerts", "--sla", "high=1h", "--format", "json"])
    data = json.loads(out.output)
    assert data["rows"] == 322 and data["unusable_rows"]["count"] == 0
    assert any(d["id"] == "evidence.alerts.triaged_within_sla.high" for d in data["derived"])


def test_report_shows_the_conflict_with_both_values():
    out = CliRunner().invoke(cli, ["analyze", str(EXAMPLE)])
    assert out.exit_code == 0
    line = next(l for l in out.output.splitlines() if "disagree on outage O-1 end" in l)
    assert "case Wed 2025-03-12 12:00 EDT" in line and "evidence Mon 2025-03-10 13:00 EDT" in line
    assert "used the **evidence** value" in line
