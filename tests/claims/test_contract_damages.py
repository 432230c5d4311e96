"""Contract damages breach by breach (issue 16): each breach answers for the harm its own
counterfactual shows it caused (the expectation measure), the client's avoidable consequences come
off, and the consequential-loss exclusion applies head by head as the record classifies each head,
both ways where it does not."""
from __future__ import annotations

from decimal import Decimal

import pytest

from tests.claims.helpers import harborview, harborview_heads, minimal, pays, route, run

# The minimal case: alert AL-1 (high) at 09:30 on 2 June was never triaged. With triage 1h,
# escalation 30m and containment 4h, a timely handling would have contained the intrusion by
# 15:00 that day: harm before then is not this breach's.
EARLY = {"id": "H-1", "kind": "business_interruption", "amount": 300000,
         "accrued_at": "2025-06-02T12:00:00"}
LATE = {"id": "H-2", "kind": "third_party_claims", "amount": 700000,
        "accrued_at": "2025-06-05T00:00:00"}


def _case(*heads, liability=None, **changes):
    raw = minimal(**changes)
    raw["incident"]["harm"] = {"heads": [dict(h) for h in heads]}
    raw["contract"]["liability"] = liability or {}
    return raw


def test_a_breach_answers_only_for_the_harm_after_its_own_counterfactual_point():
    result = run(_case(EARLY, LATE))
    contract = route(result, "contract")
    assert pays(result, "contract") == ("700000.00", "700000.00")
    triage = {b["finding"]: b for b in contract["breaches"]}["breach.triage.provider"]
    assert triage["damages"] == "700000.00" and triage["tranches"] == ["head:H-2"]
    assert [h["id"] for h in contract["heads"]] == ["H-2"]
    assert any("would not have happened had the provider performed" in s
               for s in contract["steps"])


def test_harm_before_the_counterfactual_point_gives_no_contract_damages():
    early_only = run(_case(EARLY))
    assert pays(early_only, "contract") == ("0.00", "0.00")
    assert "no harm is shown to have been caused" in route(early_only, "contract")["steps"][-1]


def test_without_the_breach_there_are_no_damages():
    raw = _case(EARLY, LATE)
    raw["incident"]["alerts"][0].update(acknowledged_at="2025-06-02T09:40:00",
                                        escalated_at="2025-06-02T09:50:00")
    result = run(raw)
    assert not route(result, "contract")["breaches"]
    assert pays(result, "contract") == ("0.00", "0.00")


def test_one_loss_is_counted_once_however_many_breaches_caused_it():
    # Late triage and late escalation of the same alert both caused H-2: 700,000 once.
    result = run(_case(EARLY, LATE))
    contract = route(result, "contract")
    each = [Decimal(b["damages"]) for b in contract["breaches"]]
    assert len(each) == 2 and all(d == Decimal("700000") for d in each)
    assert pays(result, "contract") == ("700000.00", "700000.00")


def test_a_late_notice_answers_for_the_harm_after_the_notice_was_due():
    # The provider knew at 10:00 on 2 June and had 24h to tell the client: notice due 10:00 on
    # 3 June, + 4h containment = 14:00. H-M (noon, 3 June) predates that; H-2 does not.
    middle = {"id": "H-M", "kind": "other", "amount": 100000,
              "accrued_at": "2025-06-03T12:00:00"}
    raw = _case(EARLY, middle, LATE)
    raw["contract"]["sla"]["client_notification"] = "24h"
    raw["incident"]["timeline"].update(provider_detection="2025-06-02T10:00:00",
                                       client_notified="2025-06-06T09:00:00")
    contract = route(run(raw), "contract")
    failures = {f["root"]: f for f in contract["failures"]}
    assert failures["provider:notice-to-client"]["damages"] == "700000.00"
    assert failures["provider:notice-to-client"]["tranches"] == ["head:H-2"]
    assert failures["provider:alert:AL-1"]["damages"] == "800000.00"
    assert contract["provider_pays"] == {"min": "800000.00", "max": "800000.00"}
    # Told in time, the notice breach and its damages are gone; the alert's remain.
    raw["incident"]["timeline"].update(client_notified="2025-06-02T18:00:00",
                                       discovery="2025-06-02T18:00:00")
    told = route(run(raw), "contract")
    assert "provider:notice-to-client" not in {f["root"] for f in told["failures"]}
    assert told["provider_pays"]["max"] == "800000.00"


@pytest.mark.parametrize("loss_type,expected", [
    ("direct", ("700000.00", "700000.00")),          # the exclusion does not reach it
    ("consequential", ("0.00", "0.00")),             # the exclusion removes it
    (None, ("0.00", "700000.00")),                   # not classified: both ways
])
def test_the_exclusion_follows_each_heads_classification(loss_type, expected):
    head = {**LATE, **({"loss_type": loss_type} if loss_type else {})}
    result = run(_case(EARLY, head, liability={"consequential_damages_excluded": True}))
    assert pays(result, "contract") == expected
    status = route(result, "contract")["exclusion_status"]
    assert status == {"direct": "none", "consequential": "applies", None: "arguable"}[loss_type]


def test_a_disputed_classification_is_shown_both_ways():
    head = {**LATE, "loss_type": {"disputed": {"client": "direct", "provider": "consequential"},
                                  "sources": {"client": "Exhibit 1", "provider": "Exhibit 2"}}}
    result = run(_case(EARLY, head, liability={"consequential_damages_excluded": True}))
    assert pays(result, "contract") == ("0.00", "700000.00")


def test_without_an_exclusion_the_classification_changes_nothing():
    head = {**LATE, "loss_type": "consequential"}
    assert pays(run(_case(EARLY, head)), "contract") == ("700000.00", "700000.00")


def test_the_cap_applies_to_what_the_exclusion_leaves_head_by_head():
    direct = {"id": "H-3", "kind": "other", "amount": 400000, "accrued_at": "2025-06-05T00:00:00",
              "loss_type": "direct"}
    consequential = {**LATE, "amount": 300000, "loss_type": "consequential"}
    liability = {"consequential_damages_excluded": True, "cap": 350000}
    result = run(_case(EARLY, direct, consequential, liability=liability))
    # 700,000 caused; the exclusion removes the 300,000 consequential head; the cap 350,000 binds
    assert pays(result, "contract") == ("350000.00", "350000.00")
    uncapped = run(_case(EARLY, direct, consequential,
                         liability={"consequential_damages_excluded": True}))
    assert pays(uncapped, "contract") == ("400000.00", "400000.00")


def test_the_example_with_unclassified_harm_gives_the_exclusion_both_ways():
    contract = route(run(harborview()), "contract")
    assert contract["exclusion_status"] == "arguable"
    assert pays(run(harborview()), "contract") == ("0.00", "12700000.00")
    assert any("is not recorded for each head of loss" in s for s in contract["steps"])
    classified = run(harborview(incident__harm=harborview_heads()))
    assert route(classified, "contract")["exclusion_status"] == "applies"
    assert pays(classified, "contract") == ("480000.00", "12700000.00")


def test_fine_heads_stay_on_the_late_notice_route():
    result = run(harborview(incident__harm=harborview_heads()))
    contract = route(result, "contract")
    assert "H-5" not in [h["id"] for h in contract["heads"]]
    assert any("regulatory fines among them" in s for s in contract["steps"])


def test_the_clients_avoidable_consequences_come_off():
    # The provider let the attacker in (patching it owned); it escalated AL-1 in time, and the
    # client, which kept incident response, sat on it until 6 June: the harm after 13:45 on 2 June
    # (escalation + 4h containment) was the client's to avoid.
    raw = _case(EARLY, LATE, incident__vector={"type": "known_cve", "cve": "CVE-2024-3400",
                                               "patch_available": "2025-01-10"},
                client_governance__mfa={"remote_access": True, "privileged": True})
    raw["contract"]["responsibilities"].update(patching="provider", incident_response="client")
    raw["incident"]["alerts"][0].update(acknowledged_at="2025-06-02T09:35:00",
                                        escalated_at="2025-06-02T09:45:00")
    result = run(raw)
    contract = route(result, "contract")
    heads = {h["id"]: h for h in contract["heads"]}
    assert heads["H-2"]["avoidable"] == "700000.00" and heads["H-1"]["avoidable"] == "0.00"
    assert pays(result, "contract") == ("300000.00", "300000.00")
    assert any("Avoidable consequences" in s for s in contract["steps"])
    # Had the client acted (contained within its window), nothing is avoidable.
    raw["incident"]["timeline"]["containment"] = "2025-06-02T13:00:00"
    raw["incident"]["timeline"]["discovery"] = "2025-06-02T10:00:00"
    acted = run(raw)
    assert all(h["avoidable"] == "0.00" for h in route(acted, "contract")["heads"])


@pytest.mark.parametrize("loss_type,expected,status", [
    ("direct", ("1000000.00", "1000000.00"), "none"),
    ("consequential", ("0.00", "0.00"), "applies"),
    (None, ("0.00", "1000000.00"), "arguable")])
def test_an_accrual_entry_carries_its_own_direct_or_consequential_classification(
        loss_type, expected, status):
    # The minimal case's harm is one accrual entry (no heads): its recorded loss type decides
    # the exclusion as a head's would; left out, the exclusion is shown both ways.
    raw = minimal()
    raw["contract"]["liability"] = {"consequential_damages_excluded": True}
    if loss_type:
        raw["incident"]["harm"]["accrual"][0]["loss_type"] = loss_type
    result = run(raw)
    contract = route(result, "contract")
    assert pays(result, "contract") == expected
    assert contract["exclusion_status"] == status
    assert contract["heads"][0]["loss_type"] == (loss_type or "unclassified")
