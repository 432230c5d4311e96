"""Every fact derived from evidence changes a finding: the pattern rules read them (EVID-001..004).

The derived values are written straight into the case data here (as the loader writes them after
reading a file), so each test can vary one fact and watch the finding it feeds.
"""
from __future__ import annotations

import copy
from pathlib import Path

import pytest

from engine.analyze import analyze
from facts.loader import build_case, read_raw

BASE = read_raw(Path(__file__).resolve().parents[1] / "allocation" / "minimal-case.yaml")


def sla(share, total=20, window="1h"):
    within = round(share * total)
    return {"share": share, "total": total, "within": within, "missed": total - within,
            "window": window, "first_missed_rows": []}


ALERTS = {"evidence.alerts.per_severity": {"high": 20, "total": 20},
          "evidence.alerts.per_status": {"closed": 20, "open": 0},
          "evidence.alerts.triaged_within_sla.high": sla(1.0),
          "evidence.alerts.never_acknowledged": {"high": 0, "critical": 0, "total": 0},
          "evidence.alerts.escalation_delay": {"count": 5, "median": "600s", "max": "900s",
                                               "max_row": 3}}
TICKETS = {"evidence.tickets.per_priority": {"high": 20, "total": 20},
           "evidence.tickets.responded_within_sla.high": sla(1.0),
           "evidence.tickets.never_responded": {"total": 0},
           "evidence.tickets.escalation_delay": {"median": "1800s"},
           "evidence.tickets.resolution_time": {"median": "7200s"}}
TELEMETRY = {"evidence.telemetry.per_source": {"edr-a": {"events": 10, "rows": 5},
                                               "edr-b": {"events": 10, "rows": 5}},
             "evidence.telemetry.silent_periods": []}


def finding(kind: str, derived: dict, fid: str, **changes) -> dict:
    raw = copy.deepcopy(BASE)
    values = {**derived, **changes}
    raw["evidence"] = [{"id": "x", "kind": kind, "path": "x.csv",
                        "derived": {k: {"value": v, "text": "", "provenance": {}}
                                    for k, v in values.items()}}]
    result = analyze(build_case(raw, "case.yaml"))
    return next(f for f in result["findings"] if f["id"] == fid)


TRIAGE = "breach.triage_pattern.provider"


def test_alert_counts_and_statuses_are_reported_in_the_triage_pattern():
    assert "Across the 20 alerts" in finding("alerts", ALERTS, TRIAGE, **{
        "evidence.alerts.triaged_within_sla.high": sla(0.5)})["summary"]
    assert "3 were still open" in finding("alerts", ALERTS, TRIAGE, **{
        "evidence.alerts.triaged_within_sla.high": sla(0.5),
        "evidence.alerts.per_status": {"closed": 17, "open": 3}})["summary"]


def test_triage_share_decides_the_triage_pattern():
    assert not finding("alerts", ALERTS, TRIAGE)["holds"]
    assert finding("alerts", ALERTS, TRIAGE, **{
        "evidence.alerts.triaged_within_sla.high": sla(0.5)})["holds"]


def test_unacknowledged_high_alerts_decide_the_triage_pattern():
    assert finding("alerts", ALERTS, TRIAGE, **{
        "evidence.alerts.never_acknowledged": {"high": 1, "critical": 0, "total": 1}})["holds"]


def test_escalation_delay_decides_the_escalation_pattern():
    fid = "breach.escalation_pattern.provider"
    assert not finding("alerts", ALERTS, fid)["holds"]  # 10 min against the 1 h default
    assert finding("alerts", ALERTS, fid, **{
        "evidence.alerts.escalation_delay": {"count": 5, "median": "7200s", "max": "9000s",
                                             "max_row": 3}})["holds"]


@pytest.mark.parametrize("change", [
    {"evidence.tickets.responded_within_sla.high": sla(0.5)},
    {"evidence.tickets.never_responded": {"total": 2}},
])
def test_ticket_response_decides_the_ticket_pattern(change):
    fid = "breach.ticket_response_pattern.provider"
    assert not finding("tickets", TICKETS, fid)["holds"]
    assert finding("tickets", TICKETS, fid, **change)["holds"]


def test_ticket_counts_and_times_are_reported():
    fid = "breach.ticket_response_pattern.provider"
    summary = finding("tickets", TICKETS, fid, **{
        "evidence.tickets.per_priority": {"high": 20, "total": 35},
        "evidence.tickets.escalation_delay": {"median": "5400s"},
        "evidence.tickets.resolution_time": {"median": "600s"}})["summary"]
    assert "35 tickets" in summary and "1 h 30 min" in summary and "10 min" in summary


def test_silent_periods_and_sources_decide_the_telemetry_gaps():
    fid = "breach.telemetry_gaps.provider"
    quiet = finding("telemetry", TELEMETRY, fid)
    assert not quiet["holds"] and "2 monitored sources" in quiet["summary"]
    silent = finding("telemetry", TELEMETRY, fid, **{"evidence.telemetry.silent_periods": [
        {"source": "edr-b", "duration": "2 d", "start": "2025-06-01T00:00:00+00:00"}]})
    assert silent["holds"] and "1 of the 2" in silent["summary"]
