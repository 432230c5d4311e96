"""Concealment by either party: the breach known and kept back (known_at, concealed_from,
disclosed_at), and a payment or NDA with the attacker (at, amount, described_as). Each fires on
its facts and falls silent without them."""
from __future__ import annotations

from tests.casefmt.support import base_raw, finding, one_line_error, run, summary

HV = "harborview-missed-alerts"


def _with(**entry) -> dict:
    raw = base_raw(HV)
    raw["incident"]["concealment"] = [{"id": "C-1", **entry}]
    return raw


WITHHELD = dict(by="provider", kind="withheld", concealed_from="client",
                known_at="2025-03-10T09:00:00-05:00", disclosed_at="2025-03-12T08:40:00-05:00")
PAYMENT = dict(by="client", kind="attacker_payment", concealed_from="regulator",
               at="2025-03-14T12:00:00-04:00", amount=100000, described_as="a bug bounty",
               disclosed_at="never")


def test_a_known_breach_kept_from_the_client():
    result = run(_with(**WITHHELD))
    f = finding(result, "concealment.withheld.provider.C-1")
    assert f["holds"]
    assert "the client" in f["summary"] and "until" in f["summary"]


def test_disclosed_as_soon_as_known_is_no_concealment():
    result = run(_with(**{**WITHHELD, "disclosed_at": WITHHELD["known_at"]}))
    assert not finding(result, "concealment.withheld.provider.C-1")["holds"]


def test_unknown_knowledge_or_disclosure_is_not_shown():
    entry = {k: v for k, v in WITHHELD.items() if k != "known_at"}
    f = finding(run(_with(**entry)), "concealment.withheld.provider.C-1")
    assert not f["holds"] and f["unknowns"] == ["incident.concealment[C-1].known_at"]
    entry = {k: v for k, v in WITHHELD.items() if k != "disclosed_at"}
    f = finding(run(_with(**entry)), "concealment.withheld.provider.C-1")
    assert not f["holds"] and f["unknowns"] == ["incident.concealment[C-1].disclosed_at"]
    entry = {**WITHHELD, "concealed_from": "unknown"}
    f = finding(run(_with(**entry)), "concealment.withheld.provider.C-1")
    assert not f["holds"] and "incident.concealment[C-1].concealed_from" in f["unknowns"]


def test_a_payment_to_the_attacker_presented_as_something_else():
    result = run(_with(**PAYMENT))
    f = finding(result, "concealment.attacker_deal.client.C-1")
    assert f["holds"]
    assert "100,000" in f["summary"] and "a bug bounty" in f["summary"]
    assert finding(result, "concealment.withheld.client.C-1") is None


def test_a_deal_after_disclosure_hid_nothing_and_an_undated_deal_is_not_shown():
    disclosed = run(_with(**{**PAYMENT, "disclosed_at": "2025-03-13T12:00:00-04:00"}))
    assert not finding(disclosed, "concealment.attacker_deal.client.C-1")["holds"]
    undated = {k: v for k, v in PAYMENT.items() if k != "at"}
    f = finding(run(_with(**undated)), "concealment.attacker_deal.client.C-1")
    assert not f["holds"] and f["unknowns"] == ["incident.concealment[C-1].at"]


def test_an_nda_with_the_attacker():
    nda = {k: v for k, v in PAYMENT.items() if k != "amount"} | {"kind": "attacker_nda"}
    f = finding(run(_with(**nda)), "concealment.attacker_deal.client.C-1")
    assert f["holds"] and "non-disclosure agreement" in f["summary"]


def test_concealment_from_the_client_weighs_on_the_provider_and_from_others_moves_no_share():
    # A known breach kept from the other party is a row of the allocation (issue 15,
    # rules/apportionment/concealment_roots.py); silence towards a regulator bears on notices.
    before = run(base_raw(HV))["allocation"]
    kept = run(_with(**WITHHELD))["allocation"]
    assert float(kept["provider"]) > float(before["provider"])
    assert run(_with(**{**WITHHELD, "concealed_from": "regulator"}))["allocation"] == before


def test_bad_concealment_values_are_one_line_errors(tmp_path):
    one_line_error(_with(**{**WITHHELD, "amount": 5}), tmp_path,
                   "incident.concealment[C-1].amount", "attacker_payment")
    one_line_error(_with(**{**PAYMENT, "kind": "attacker_nda"}), tmp_path,
                   "incident.concealment[C-1].amount")
    one_line_error(_with(**{**WITHHELD, "disclosed_at": "2025-03-09T09:00:00-05:00"}), tmp_path,
                   "incident.concealment[C-1].disclosed_at", "before")
    one_line_error(_with(**{**WITHHELD, "kind": "hushed"}), tmp_path,
                   "incident.concealment[C-1].kind", "expected one of")
    one_line_error(_with(**{**WITHHELD, "by": "vendor:ledgerline"}), tmp_path,
                   "incident.concealment[C-1].by")
    one_line_error(_with(**{**PAYMENT, "amount": -3}), tmp_path,
                   "incident.concealment[C-1].amount", "non-negative")
