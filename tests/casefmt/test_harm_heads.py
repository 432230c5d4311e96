"""Heads of loss: each loss once, with kind, amount, regime (for a fine) and accrual date; the
total and the fine and response-cost figures are their sums, derived or checked."""
from __future__ import annotations

from decimal import Decimal

from tests.casefmt.support import base_raw, finding, one_line_error, run, summary

HV = "harborview-missed-alerts"   # total 14,200,000; fines 1,500,000; response 3,100,000

HEADS = [
    {"id": "H-1", "kind": "response_costs", "amount": 3100000,
     "accrued_at": "2025-03-14T12:00:00-04:00", "what": "forensics and notification"},
    {"id": "H-2", "kind": "regulatory_fine", "regime": "us-hipaa", "amount": 1500000,
     "accrued_at": "2025-09-01T12:00:00-04:00"},
    {"id": "H-3", "kind": "business_interruption", "amount": 9600000,
     "accrued_at": "2025-03-11T23:00:00-05:00"},
]


# The example's harm as heads, dated as its accrual dates the same amounts, to compare like with like.
AS_EXAMPLE = [
    {"id": "H-1", "kind": "other", "amount": 400000, "accrued_at": "2025-03-04T05:00:00"},
    {"id": "H-2", "kind": "third_party_claims", "amount": 6300000,
     "accrued_at": "2025-03-08T04:00:00"},
    {"id": "H-3", "kind": "business_interruption", "amount": 2900000,
     "accrued_at": "2025-03-11T23:00:00"},
    {"id": "H-4", "kind": "response_costs", "amount": 3100000, "accrued_at": "2025-03-11T23:00:00"},
    {"id": "H-5", "kind": "regulatory_fine", "regime": "us-hipaa", "amount": 1500000,
     "accrued_at": "2025-03-11T23:00:00"},
]


def _heads(heads=HEADS, **harm) -> dict:
    raw = base_raw(HV)
    raw["incident"]["harm"] = {"records_affected": 212000, "heads": [dict(h) for h in heads],
                               **harm}
    return raw


def test_heads_give_the_same_figures_as_the_totals_and_accrual_they_replace():
    before = run(base_raw(HV))
    after = run(_heads(AS_EXAMPLE))
    facts = {k: f["value"] for k, f in after["facts"].items()}
    assert Decimal(facts["incident.harm.total"]) == Decimal("14200000")
    assert Decimal(facts["incident.harm.regulatory_fines"]) == Decimal("1500000")
    assert Decimal(facts["incident.harm.response_costs"]) == Decimal("3100000")
    assert after["allocation"] == before["allocation"]
    # the same figures on every route; the late-notice route's per-fine detail now names the
    # regime the head records (issue 16), so only the figures are compared
    def figures(result):
        return {route: (item["provider_pays"], item.get("client_bears"))
                for route, item in result["exposure"].items()}
    assert figures(after) == figures(before)


def test_undated_heads_give_no_accrual_series():
    heads = [dict(h) for h in AS_EXAMPLE]
    del heads[0]["accrued_at"]
    assert run(_heads(heads))["facts"]["incident.harm.accrual"]["value"] == []
    dated = run(_heads(AS_EXAMPLE))["facts"]["incident.harm.accrual"]["value"]
    assert [a["amount"] for a in dated] == ["400000", "6300000", "2900000", "3100000", "1500000"]


def test_a_dated_head_is_established_and_an_undated_one_is_not_shown():
    result = run(_heads())
    head = finding(result, "damages.head.client.H-2")
    assert head["holds"] and "us-hipaa" in head["summary"]
    assert "after the breach was discovered" in head["summary"]
    assert "before the breach was discovered" in summary(result, "damages.head.client.H-3")
    undated = [dict(h) for h in HEADS]
    del undated[1]["accrued_at"]
    f = finding(run(_heads(undated)), "damages.head.client.H-2")
    assert not f["holds"] and f["unknowns"] == ["incident.harm.heads[H-2].accrued_at"]


def test_an_unknown_amount_leaves_the_total_unknown():
    heads = [dict(h) for h in HEADS]
    heads[2]["amount"] = "unknown"
    result = run(_heads(heads))
    total = result["facts"]["incident.harm.total"]
    assert total["value"] == "unknown"
    assert not finding(result, "damages.head.client.H-3")["holds"]


def test_a_ransom_head_means_a_ransom_was_paid():
    heads = [*HEADS, {"id": "H-4", "kind": "ransom", "amount": 250000}]
    facts = {k: f["value"] for k, f in run(_heads(heads))["facts"].items()}
    assert facts["incident.ransom_paid"] is True
    assert Decimal(facts["incident.harm.total"]) == Decimal("14450000")


def test_bad_heads_are_one_line_errors(tmp_path):
    one_line_error(_heads(total=14000000), tmp_path, "incident.harm.total", "14,200,000",
                   "other")
    one_line_error(_heads(regulatory_fines=1000000), tmp_path, "incident.harm.regulatory_fines",
                   "1,500,000")
    heads = [dict(h) for h in HEADS]
    heads[0]["regime"] = "eu-gdpr"
    one_line_error(_heads(heads), tmp_path, "incident.harm.heads[H-1].regime", "regulatory_fine")
    heads = [dict(h) for h in HEADS]
    heads[2]["accrued_at"] = "2025-03-01T00:00:00-05:00"
    one_line_error(_heads(heads), tmp_path, "incident.harm.heads[H-3].accrued_at", "precedes")
    heads = [dict(h) for h in HEADS]
    heads[2]["kind"] = "sadness"
    one_line_error(_heads(heads), tmp_path, "incident.harm.heads[H-3].kind", "expected one of")
    raw = _heads([*HEADS, {"id": "H-4", "kind": "ransom", "amount": 1}])
    raw["incident"]["ransom_paid"] = False
    one_line_error(raw, tmp_path, "incident.ransom_paid", "ransom head")
    raw = _heads()
    raw["incident"]["harm"]["accrual"] = base_raw(HV)["incident"]["harm"]["accrual"]
    one_line_error(raw, tmp_path, "incident.harm.accrual", "accrued_at")
    raw = base_raw(HV)
    del raw["incident"]["harm"]["total"]
    one_line_error(raw, tmp_path, "incident.harm.total", "heads")
