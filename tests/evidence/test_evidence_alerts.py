"""Alert facts on a log whose every answer is known: values, texts and the rows behind them."""
from __future__ import annotations

import json

from evidence_logs import AFFECTED, SLA, WINDOW

from facts.evidence import format_text, summarize


def run(path, **kwargs):
    options = dict(sla=SLA, affected_assets=AFFECTED, intrusion_window=WINDOW,
                   timezone="America/New_York")
    options.update(kwargs)
    return summarize(path, "alerts", **options)


def test_counts_per_severity_with_provenance(alerts_csv):
    summary = run(alerts_csv)
    assert summary.rows == 8 and summary.unusable_rows == {"count": 0, "first": []}
    fact = summary.fact("evidence.alerts.per_severity")
    assert fact.value == {"critical": 2, "high": 4, "medium": 1, "low": 1, "total": 8}
    assert fact.provenance == {"file": str(alerts_csv), "selection": "all usable alerts",
                               "rows": [1, 2, 3, 4, 5, 6, 7, 8], "row_count": 8}


def test_triage_within_sla_per_severity(alerts_csv):
    summary = run(alerts_csv)
    high = summary.fact("evidence.alerts.triaged_within_sla.high")
    assert high.value == {"share": 0.25, "within": 1, "total": 4, "window": "1h", "missed": 3,
                          "first_missed_rows": [2, 5, 8]}
    assert high.provenance["rows"] == [1, 2, 5, 8] and high.provenance["row_count"] == 4
    assert high.text == ("1 of 4 high alerts (25.0%) were acknowledged within 1 hour "
                         "(the SLA window).")
    assert summary.fact("evidence.alerts.triaged_within_sla.critical").value["share"] == 1.0
    low = summary.fact("evidence.alerts.triaged_within_sla.low").value
    assert (low["share"], low["first_missed_rows"]) == (0.0, [7])


def test_first_alert_on_compromised_asset_in_the_intrusion_window(alerts_csv):
    fact = run(alerts_csv).fact("evidence.alerts.first_on_affected_asset")
    assert fact.value == {"row": 5, "at": "2025-03-03T02:47:00-05:00", "severity": "high",
                          "rule": "VPN login from new country", "asset": "vpn-gw-01",
                          "acknowledged_at": None, "escalated_at": None, "acknowledged": False,
                          "escalated": False, "acted_on": False}
    assert fact.provenance["rows"] == [5] and fact.provenance["row_count"] == 1
    assert "never acknowledged or escalated" in fact.text


def test_without_a_window_an_earlier_alert_on_the_asset_counts(alerts_csv):
    fact = run(alerts_csv, intrusion_window=None).fact("evidence.alerts.first_on_affected_asset")
    assert fact.value["row"] == 3 and fact.value["acted_on"] is True
    assert fact.value["acknowledged_at"] == "2025-03-01T12:10:00-05:00"


def test_no_alert_on_the_assets(alerts_csv):
    fact = run(alerts_csv, affected_assets=["nowhere-01"]).fact(
        "evidence.alerts.first_on_affected_asset")
    assert fact.value is None and fact.provenance["rows"] == [] and "No alert" in fact.text


def test_never_acknowledged_and_escalation_delays(alerts_csv):
    summary = run(alerts_csv)
    never = summary.fact("evidence.alerts.never_acknowledged")
    assert never.value == {"critical": 0, "high": 2, "medium": 1, "low": 0, "total": 3}
    assert never.provenance["rows"] == [4, 5, 8]
    delay = summary.fact("evidence.alerts.escalation_delay")
    assert delay.value == {"count": 3, "median": "45m", "max": "3h", "max_row": 6}
    assert delay.provenance["rows"] == [1, 3, 6]


def test_case_items_are_alert_shaped_and_marked_related(alerts_csv):
    from facts.model import Alert
    items = run(alerts_csv).to_case_items()
    alerts = items["incident.alerts"]
    assert [a["id"] for a in alerts] == ["EV-5", "EV-8"]
    assert alerts[0]["related_to_intrusion"] is True and alerts[1]["related_to_intrusion"] is False
    for alert in alerts:
        Alert.model_validate(alert)          # lands in incident.alerts as it stands
    assert items["incident.outages"] == []


def test_case_item_cap_is_stated(alerts_csv):
    summary = run(alerts_csv, case_alert_cap=1)
    assert [a["id"] for a in summary.to_case_items()["incident.alerts"]] == ["EV-5"]
    assert any("2 high/critical alerts were never acknowledged; the case items hold 1" in n
               for n in summary.notes)


def test_as_dict_is_deterministic_json_and_text_lists_rows(alerts_csv):
    first, second = run(alerts_csv).as_dict(), run(alerts_csv).as_dict()
    assert json.dumps(first) == json.dumps(second)
    assert [d["id"] for d in first["derived"]] == sorted(d["id"] for d in first["derived"])
    text = format_text(run(alerts_csv))
    assert "evidence.alerts.first_on_affected_asset" in text and "rows: 5 (" in text


def test_results_are_written_in_the_zone_given(alerts_csv):
    fact = run(alerts_csv, timezone=None).fact("evidence.alerts.first_on_affected_asset")
    assert fact.value["at"] == "2025-03-03T07:47:00+00:00"
