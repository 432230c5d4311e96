"""Apportionment by tranche (issue 15): known answers on small constructed cases, recomputed by
hand from the tranche arithmetic, and the doctrine each part of the method stands for."""
from __future__ import annotations

import copy
from decimal import Decimal
from pathlib import Path

from facts.loader import read_raw
from rules.parameters import Parameters
from tests.helpers import base_raw, holds, run

MINIMAL = read_raw(Path(__file__).with_name("minimal-case.yaml"))
# The minimal case's one alert (high, 09:30) + triage 1h + escalation 1h (default) + containment
# 4h (default): a timely handling would have contained the intrusion by 2025-06-02 15:30.
PARAMS = Parameters.load(overrides={"weights.governance.mfa": 2.0})


def case(**harm) -> dict:
    raw = copy.deepcopy(MINIMAL)
    raw["incident"]["harm"].update(harm)
    return raw


def shares(result: dict) -> dict[str, Decimal]:
    return {p: Decimal(v) for p, v in result["allocation"].items()}


def roots(result: dict) -> dict[str, dict]:
    return {r["id"]: r for r in result["allocation_detail"]["roots"]}


def test_two_tranches_known_answer():
    # T1 (400,000 at 12:00) accrued before the alert's handling would have contained anything:
    # only the missing MFA caused it. T2 (600,000) was caused by both: provider 3, client 2.
    raw = case(accrual=[{"at": "2025-06-02T12:00:00", "amount": 400000},
                        {"at": "2025-06-05T00:00:00", "amount": 600000}])
    result = run(raw, PARAMS)
    detail = result["allocation_detail"]
    t1, t2 = detail["tranches"]
    assert t1["causes"] == ["client:mfa"] and t1["responsibility"] == {"client": "1.0000"}
    assert t2["causes"] == ["client:mfa", "provider:alert:AL-1"]
    assert t2["responsibility"] == {"client": "0.4000", "provider": "0.6000"}
    assert (t1["weight"], t2["weight"]) == ("0.4000", "0.6000")
    # client = 0.4 × 1 + 0.6 × 0.4 = 0.64; provider = 0.6 × 0.6 = 0.36
    assert result["allocation"] == {"client": "0.6400", "provider": "0.3600"}
    assert detail["caused_harm"] == {"client": "1.0000", "provider": "0.6000"}


def test_even_spread_known_answer_without_accrual_dates():
    # No accrual: harm spread evenly from 06-02 09:00 to containment 06-06 12:00 (99 h), cut at
    # 15:30 where the alert's window opens: 6.5 h caused by the MFA gap alone, 92.5 h by both.
    raw = case()
    del raw["incident"]["harm"]["accrual"]
    result = run(raw, PARAMS)
    s1, s2 = result["allocation_detail"]["tranches"]
    assert (s1["basis"], s1["causes"]) == ("even spread", ["client:mfa"])
    provider = Decimal("92.5") / Decimal(99) * Decimal("0.6")
    assert shares(result)["provider"] == provider.quantize(Decimal("0.0001"))
    assert sum(shares(result).values()) == 1


def test_scaling_every_amount_leaves_every_share_unchanged():
    raw = case(accrual=[{"at": "2025-06-02T12:00:00", "amount": 400000},
                        {"at": "2025-06-05T00:00:00", "amount": 600000}])
    base = run(raw, PARAMS)
    for factor in (2, 7, 1000):
        scaled = copy.deepcopy(raw)
        scaled["incident"]["harm"]["total"] *= factor
        for part in scaled["incident"]["harm"]["accrual"]:
            part["amount"] *= factor
        assert run(scaled, PARAMS)["allocation"] == base["allocation"]


def test_handling_one_alert_in_time_leaves_the_others_causes():
    raw = copy.deepcopy(MINIMAL)
    raw["incident"]["alerts"].append({"id": "AL-2", "at": "2025-06-04T09:00:00",
                                      "severity": "high", "related_to_intrusion": True,
                                      "acknowledged_at": "never", "escalated_at": "never"})
    raw["incident"]["harm"]["accrual"] = [{"at": "2025-06-03T00:00:00", "amount": 300000},
                                          {"at": "2025-06-05T00:00:00", "amount": 700000}]
    both = run(raw, PARAMS)
    assert roots(both)["provider:alert:AL-2"]["tranches"] == ["T2"]
    first = raw["incident"]["alerts"][0]
    first["acknowledged_at"], first["escalated_at"] = "2025-06-02T09:35:00", "2025-06-02T09:40:00"
    one = run(raw, PARAMS)
    assert "provider:alert:AL-1" not in roots(one)
    # No cliff: the second alert's lapse still caused the harm after its own counterfactual.
    assert roots(one)["provider:alert:AL-2"]["tranches"] == ["T2"]
    assert Decimal("0") < shares(one)["provider"] < shares(both)["provider"]


def test_duplicate_records_of_one_failure_are_one_row():
    raw = copy.deepcopy(MINIMAL)
    before = run(raw, PARAMS)
    # The same MFA gap, recorded again by the auditor (not known beforehand: no aggravation).
    raw["audit"] = {"findings": [{
        "id": "C-9", "category": "misconfiguration", "responsible": "client", "severity": "high",
        "description": "The VPN accepted password-only logins.", "control_domain": "identity_access",
        "first_observed": "2025-01-01", "known_before_incident": False, "remediated": "never"}]}
    again = run(raw, PARAMS)
    assert holds(again, "governance.audit.client.C-9")
    assert again["allocation"] == before["allocation"]
    mfa = roots(again)["client:mfa"]
    assert "governance.audit.client.C-9" in mfa["findings"]
    # A declined written warning about it raises that row's culpability; it adds no row.
    raw["recommendations"] = [{"id": "R-1", "at": "2025-01-15", "in_writing": True,
                               "topic": "mfa_remote_access", "what": "Enforce MFA on the VPN.",
                               "response": "declined", "response_at": "2025-01-20"}]
    warned = run(raw, PARAMS)
    rows = [r for r in warned["allocation_detail"]["roots"] if r["party"] == "client"]
    assert [r["id"] for r in rows if r["tranches"]] == ["client:mfa"]
    assert roots(warned)["client:mfa"]["culpability"]["factors"] == {"warned_declined": "1.5"}
    assert shares(warned)["client"] > shares(before)["client"]


def test_every_fault_finding_is_in_exactly_one_row_and_no_item_feeds_two():
    for name in ("harborview-missed-alerts", "crestline-client-governance",
                 "harborview-from-logs", "meridian-zero-day"):
        result = run(base_raw(name))
        detail = result["allocation_detail"]
        seen_parts, seen_items, rows_of = {}, {}, {}
        for row in detail["roots"]:
            for fid, item in row["parts"]:
                # A finding about several alerts is split by alert; any other finding, and
                # every part of one, belongs to one row only.
                assert (fid, item) not in seen_parts, (name, fid, item, row["id"])
                seen_parts[(fid, item)] = row["id"]
                rows_of.setdefault(fid, set()).add(row["id"])
                if len(rows_of[fid]) > 1:
                    assert item.startswith("incident.alerts["), (name, fid, rows_of[fid])
            for item in row["items"]:
                assert item not in seen_items, (name, item, row["id"], seen_items.get(item))
                seen_items[item] = row["id"]
        assert {k: sorted(v) for k, v in rows_of.items()} == \
            {k: sorted(v) for k, v in detail["root_of"].items()}
        established = {f["id"] for f in result["findings"] if f["holds"] and
                       f["element"] in ("breach.triage", "breach.escalation", "breach.audit",
                                        "breach.monitoring_outage", "governance.mfa",
                                        "governance.recommendation", "governance.audit")}
        assert established <= set(rows_of), (name, established - set(rows_of))


def test_a_statement_after_the_last_harm_moves_nothing():
    raw = copy.deepcopy(MINIMAL)
    before = run(raw, PARAMS)
    raw["incident"]["statements"] = [{"id": "S-1", "by": "provider", "to": "client",
                                      "at": "2025-06-06T11:00:00", "claims_contained": True}]
    after = run(raw, PARAMS)
    assert holds(after, "breach.misrepresentation.provider.S-1")
    assert roots(after)["provider:statement:S-1"]["tranches"] == []
    assert after["allocation"] == before["allocation"]


def test_gross_negligence_changes_the_cap_range_never_a_share():
    raw = copy.deepcopy(MINIMAL)
    finding = {"id": "A-1", "category": "misconfiguration", "responsible": "provider",
               "severity": "critical", "description": "Log forwarding broken for weeks.",
               "control_domain": "log_monitoring", "first_observed": "2025-05-01",
               "known_before_incident": True, "remediated": "never",
               "reported_to_client": "2025-05-02"}
    raw["audit"] = {"findings": [finding]}
    told = run(raw, PARAMS)
    assert not holds(told, "breach.gross_negligence_available.provider")
    finding["reported_to_client"] = "never"
    silent = run(raw, PARAMS)
    assert holds(silent, "breach.gross_negligence_available.provider")
    assert silent["allocation"] == told["allocation"]
    assert any("gross-negligence" in n for n in silent["allocation_detail"]["not_counted"])


def test_evidence_of_care_counts_only_against_the_failure_it_bears_on():
    raw = copy.deepcopy(MINIMAL)
    before = run(raw, PARAMS)
    # An independent test of the monitoring stack bears on testing; no testing failure here.
    raw["audit"] = {"findings": [], "tests": [{"id": "T-1", "kind": "penetration_test",
                                               "date": "2025-03-01", "by": "independent",
                                               "result": "passed"}]}
    after = run(raw, PARAMS)
    assert holds(after, "care.validation.provider")
    assert after["allocation"] == before["allocation"]
    care = after["allocation_detail"]["care"]
    assert care == [{"finding": "care.validation.provider", "counts_against": []}]


def test_the_vendor_carries_no_fault_without_a_finding_of_its_own_and_the_empty_chair_is_shown():
    result = run(base_raw("meridian-zero-day"))
    assert "vendor:ledgerline" not in result["allocation"]
    chair = result["allocation_detail"]["empty_chair"]
    assert chair["party"] == "vendor:ledgerline" and chair["counted"] is False
    assert chair["shares_without"] == result["allocation"]
    assert Decimal(chair["shares_with"]["vendor:ledgerline"]) > 0
    assert "no finding of vendor:ledgerline's own fault" in chair["argument"]


def test_cr_close_no_longer_flips_on_double_counting():
    raw = read_raw(Path(__file__).with_name("review-cr-close.yaml"))
    # The record as the review read it (before unknown facts stopped defaulting to fault).
    for alert in raw["incident"]["alerts"]:
        alert["related_to_intrusion"] = True
    for rec in raw["recommendations"]:
        rec["in_writing"] = True
    for item in raw["audit"]["findings"]:
        item["remediated"] = "never"
    counted = run(raw)
    # The review's "count each failure once" parameters: the duplicate records weigh nothing.
    once = run(raw, Parameters.load(overrides={"weights.governance.audit": 0,
                                               "weights.governance.recommendation": 0,
                                               "weights.breach.audit": 0}))
    assert counted["allocation"] == once["allocation"]
    assert counted["exposure"]["negligence"]["barred"] == once["exposure"]["negligence"]["barred"]
    mfa = roots(counted)["client:mfa"]
    assert sorted(mfa["findings"]) == ["governance.audit.client.C-2", "governance.mfa.client",
                                       "governance.recommendation.client.R-1"]


def test_escalating_harborview_s_first_alert_in_time_is_no_cliff():
    # The review's D3: escalating AL-1007 on time took the provider from 95% to 0% although the
    # Mimikatz (AL-1012) and exfiltration (AL-1019) alerts were never handled.
    raw = base_raw()
    first = raw["incident"]["alerts"][0]
    first["acknowledged_at"], first["escalated_at"] = "2025-03-03T02:55:00", "2025-03-03T03:05:00"
    result = run(raw)
    rows = roots(result)
    assert rows["provider:alert:AL-1007"]["tranches"] == []
    assert rows["provider:alert:AL-1012"]["tranches"] == ["T2", "T3"]
    assert rows["provider:alert:AL-1019"]["tranches"] == ["T3"]
    assert Decimal("0.5") < shares(result)["provider"] < shares(run(base_raw()))["provider"]
    assert holds(result, "causation.in_fact.provider")


def test_cause_in_fact_follows_the_failures_own_counterfactuals():
    assert holds(run(copy.deepcopy(MINIMAL), PARAMS), "causation.in_fact.provider")
    raw = copy.deepcopy(MINIMAL)
    alert = raw["incident"]["alerts"][0]
    alert["acknowledged_at"], alert["escalated_at"] = "2025-06-02T09:35:00", "2025-06-02T09:40:00"
    assert not holds(run(raw, PARAMS), "causation.in_fact.provider")
    # A lapse whose counterfactual containment falls after the actual containment caused nothing.
    raw = copy.deepcopy(MINIMAL)
    raw["incident"]["timeline"]["containment"] = "2025-06-02T12:00:00"
    raw["incident"]["harm"]["accrual"] = [{"at": "2025-06-02T11:00:00", "amount": 1000000}]
    late_but_moot = run(raw, PARAMS)
    assert not holds(late_but_moot, "causation.in_fact.provider")
    assert "provider" not in late_but_moot["allocation"]


def test_a_false_status_statement_causes_the_harm_reliance_on_it_allowed():
    raw = copy.deepcopy(MINIMAL)
    raw["incident"]["statements"] = [{"id": "S-1", "by": "provider", "to": "client",
                                      "at": "2025-06-03T12:00:00", "claims_contained": True}]
    relied = run(raw, PARAMS)
    statement = roots(relied)["provider:statement:S-1"]
    assert statement["tranches"] == ["T1"]   # the 06-05 harm accrued while the client relied
    assert shares(relied)["provider"] > shares(run(copy.deepcopy(MINIMAL), PARAMS))["provider"]
    raw["incident"]["statements"][0]["relied_on"] = False
    assert roots(run(raw, PARAMS))["provider:statement:S-1"]["tranches"] == []
