"""Comparative-fault regimes: the table covers every US state and DC, classifications follow the
primer, and each regime turns a client share into the exact recovery the doctrine gives."""
from __future__ import annotations

from decimal import Decimal

import pytest

from rules.legal_time import load_fault_regimes, recoverable, regime_for

STATES = ("AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV "
          "NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY").split()
# The regimes as they now stand (DE, TN: sources disagree; listed with their commonly stated kind;
# West Virginia modified 51% since 2015, W. Va. Code §55-7-13a).
GROUPS = {
    "pure_contributory": "AL DC MD NC VA",
    "pure_comparative": "AK AZ CA KY LA MS MO NM NY RI WA",
    "modified_50": "AR CO GA ID KS ME NE ND UT TN",
    "modified_51": "CT HI IL IN IA MA MN MT NV NH NJ OH OK OR PA SC TX VT WI WY FL DE MI WV",
    "slight_gross": "SD",
}
MILLION = Decimal("1000000")


def test_table_covers_all_51_us_entries():
    us = sorted(k for k in load_fault_regimes() if k.startswith("US-"))
    assert len(STATES) == 51
    assert us == sorted(f"US-{code}" for code in STATES)


@pytest.mark.parametrize("kind, codes", sorted(GROUPS.items()))
def test_classification_follows_the_primer(kind, codes):
    for code in codes.split():
        assert regime_for(f"US-{code}").kind == kind, code


def test_disputed_states_are_marked_verify():
    for code in ("US-DE", "US-TN"):
        assert regime_for(code).status == "verify"
        assert "disagree" in regime_for(code).note


def test_uncited_entries_state_a_principle_and_verify():
    for regime in load_fault_regimes().values():
        if regime.citation is None:
            assert regime.status == "verify" and regime.principle


@pytest.mark.parametrize("jurisdiction, share, amount, barred", [
    ("US-NY", "0.4", "600000.00", False), ("US-NY", "0.5", "500000.00", False),
    ("US-NY", "0.6", "400000.00", False),
    ("US-CO", "0.4", "600000.00", False), ("US-CO", "0.5", "0.00", True),
    ("US-CO", "0.6", "0.00", True),
    ("US-IL", "0.4", "600000.00", False), ("US-IL", "0.5", "500000.00", False),
    ("US-IL", "0.6", "0.00", True),
    ("US-VA", "0.4", "0.00", True), ("US-VA", "0.5", "0.00", True), ("US-VA", "0.6", "0.00", True),
    ("US-VA", "0", "1000000.00", False),
])
def test_the_four_regimes_at_40_50_60_percent(jurisdiction, share, amount, barred):
    result = recoverable(MILLION, Decimal(share), regime_for(jurisdiction))
    assert (result.amount, result.barred) == (Decimal(amount), barred)


def test_sentences_show_the_arithmetic():
    assert recoverable(MILLION, Decimal("0.4"), regime_for("US-IL")).sentence == (
        "Under Illinois (modified comparative fault, 51% bar; 735 ILCS 5/2-1116), a client 40% at "
        "fault recovers 1,000,000.00 × 60% = 600,000.00.")
    assert recoverable(MILLION, Decimal("0.5"), regime_for("US-CO")).sentence == (
        "Under Colorado (modified comparative fault, 50% bar; C.R.S. §13-21-111(1)), a client 50% at "
        "fault is barred (barred at 50% or more) and recovers 0.00 of 1,000,000.00.")


def test_slight_gross_is_an_adjustable_approximation():
    sd = regime_for("US-SD")
    assert sd.slight_max_share == Decimal("0.3")
    assert recoverable(MILLION, Decimal("0.3"), sd).amount == Decimal("700000.00")
    assert recoverable(MILLION, Decimal("0.31"), sd).barred is True
    relaxed = recoverable(MILLION, Decimal("0.4"), sd, slight_max_share=Decimal("0.45"))
    assert (relaxed.amount, relaxed.barred) == (Decimal("600000.00"), False)


def test_england_and_wales_apportion_and_aliases_resolve():
    for code in ("UK", "GB-ENG", "gb-wls"):
        regime = regime_for(code)
        assert (regime.id, regime.fallback_used, regime.kind) == ("UK", False, "pure_comparative")
    assert "1945 s. 1(1)" in regime_for("GB-ENG").citation
    assert recoverable(MILLION, Decimal("0.6"), regime_for("UK")).amount == Decimal("400000.00")


def test_unknown_jurisdiction_falls_back_and_says_so():
    regime = regime_for("FR")
    assert (regime.id, regime.fallback_used, regime.requested) == ("fallback", True, "FR")
    result = recoverable(MILLION, Decimal("0.6"), regime)
    assert result.amount == Decimal("400000.00")
    assert result.sentence == ("No fault regime is recorded for FR; falling back to pure "
                               "apportionment. Under pure apportionment, a client 60% at fault "
                               "recovers 1,000,000.00 × 40% = 400,000.00.")
    assert regime_for("US-NY").fallback_used is False


def test_money_rounds_half_even_to_cents():
    pure = regime_for("US-NY")
    assert recoverable(Decimal("0.05"), Decimal("0.5"), pure).amount == Decimal("0.02")
    assert recoverable(Decimal("0.15"), Decimal("0.5"), pure).amount == Decimal("0.08")
    assert recoverable(Decimal("100"), Decimal("0.3333"), pure).amount == Decimal("66.67")


def test_nonparty_allocation_is_known_or_null():
    regimes = load_fault_regimes()
    assert regimes["US-TX"].allocates_to_nonparties is True
    assert regimes["US-NY"].allocates_to_nonparties is None
    assert regimes["US-NY"].nonparty_note == "not recorded; verify"


@pytest.mark.parametrize("damages, share", [("-1", "0.2"), ("100", "1.2"), ("100", "-0.1"),
                                            ("100", "NaN"), ("x", "0.1")])
def test_bad_numbers_are_refused(damages, share):
    with pytest.raises(ValueError):
        recoverable(damages, share, regime_for("US-NY"))
