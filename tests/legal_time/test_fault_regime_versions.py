"""Fault regimes as the law stood: West Virginia by the day the cause of action arose (2015),
Florida by the day the action was filed (2023); Michigan's bar takes only non-economic damages;
the added fields (joint and several liability, intentional wrongdoers, reach to pure economic
loss, the aggravated-conduct exception) are data the reader validates and reports."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from rules.legal_time import load_fault_regimes, recoverable, regime_for, regime_versions
from tests.helpers import base_raw, run
from tests.legal_time.test_dated_law import shifted

MILLION = Decimal("1000000")
# a client 50% at fault: barred under a 50% bar, reduced under a 51% bar
HALF = Decimal("0.5")


@pytest.mark.parametrize("accrued, kind, amount", [
    (date(2015, 5, 24), "modified_50", "0.00"),        # the day before H.B. 2002 applies
    (date(2015, 5, 25), "modified_51", "500000.00"),   # arising on or after 25 May 2015
])
def test_west_virginia_by_the_day_the_claim_arose(accrued, kind, amount):
    regime = regime_for("US-WV", accrued=accrued)
    assert regime.kind == kind
    assert recoverable(MILLION, HALF, regime).amount == Decimal(amount)
    assert accrued.isoformat() in regime.version_reason


def test_west_virginia_since_2015_allocates_to_nonparties_severally():
    now = regime_for("US-WV", accrued=date(2020, 1, 1))
    before = regime_for("US-WV", accrued=date(2010, 1, 1))
    assert (now.allocates_to_nonparties, now.liability) == (True, "several")
    assert "55-7-13d" in now.nonparty_note
    assert before.liability == "joint_and_several" and before.allocates_to_nonparties is None


@pytest.mark.parametrize("filed, kind, amount", [
    (date(2023, 3, 24), "pure_comparative", "400000.00"),   # filed on the day it became law
    (date(2023, 3, 25), "modified_51", "0.00"),             # filed after 24 March 2023
])
def test_florida_by_the_day_the_action_was_filed(filed, kind, amount):
    regime = regime_for("US-FL", filed=filed)
    assert regime.kind == kind
    assert recoverable(MILLION, Decimal("0.6"), regime).amount == Decimal(amount)


def test_florida_without_a_filing_date():
    # an incident after the change: no action about it can have been filed before
    after = regime_for("US-FL", earliest=date(2024, 1, 10))
    assert (after.kind, after.version_undecided) == ("modified_51", False)
    assert "cannot come before 2024-01-10" in after.version_reason
    # an incident before it: the version turns on the filing date, and the result says so
    before = regime_for("US-FL", earliest=date(2022, 6, 1))
    assert before.version_undecided is True
    assert "filed on or after 2023-03-25" in before.version_reason
    assert "pure comparative fault" in before.version_reason
    assert "The version applied:" in recoverable(MILLION, HALF, before).sentence


def test_a_florida_case_reads_its_filing_date():
    raw = base_raw("harborview-missed-alerts")
    raw["case"]["governing_law"] = "US-FL"
    result = run(raw)
    version = result["derived"]["derived.fault_regime"]["value"]
    assert version["kind"] == "modified_51" and version["version_undecided"] is False
    # the same breach three years earlier, sued on before the change
    raw = shifted(base_raw("harborview-missed-alerts"), -3 * 365)
    raw["case"]["governing_law"] = "US-FL"
    assert run(raw)["derived"]["derived.fault_regime"]["value"]["version_undecided"] is True
    raw["applicability"] = {"action_filed": "2023-01-05"}
    version = run(raw)["derived"]["derived.fault_regime"]["value"]
    assert (version["kind"], version["version_undecided"]) == ("pure_comparative", False)
    assert "2023-01-05" in version["version"]


def test_michigan_bars_only_non_economic_damages():
    mi = regime_for("US-MI")
    assert mi.kind == "modified_51" and mi.bar_applies_to == "non_economic"
    economic = recoverable(MILLION, Decimal("0.6"), mi)
    assert (economic.amount, economic.barred) == (Decimal("400000.00"), False)
    assert "reduced, not barred" in economic.sentence
    mixed = recoverable(MILLION, Decimal("0.6"), mi, non_economic=Decimal("250000"))
    assert mixed.amount == Decimal("300000.00")         # 750,000 economic × 40%
    # at 50% or less nothing is lost: both kinds are reduced
    assert recoverable(MILLION, HALF, mi, non_economic=Decimal("250000")).amount == \
        Decimal("500000.00")
    # a full 51% bar state bars everything at the same share
    assert recoverable(MILLION, Decimal("0.6"), regime_for("US-IL")).barred is True


def test_versions_follow_each_other_and_now_is_the_latest():
    for key in ("US-WV", "US-FL"):
        versions = regime_versions(key)
        assert len(versions) == 2 and load_fault_regimes()[key] is versions[-1]
        assert (versions[1].effective_from - versions[0].effective_to).days == 1
    assert len(regime_versions("US-NY")) == 1 and regime_for("US-NY").version_reason is None


def test_added_fields_are_recorded_and_unverified_ones_named():
    ny, tx, nc = regime_for("US-NY"), regime_for("US-TX"), regime_for("US-NC")
    assert ny.liability == "joint_economic_only" and "liability" not in ny.unverified_fields
    assert (tx.liability, tx.joint_threshold) == ("joint_over_threshold",
                                                   "more than 50% responsible")
    assert tx.joint_over_share == Decimal("0.5") and ny.joint_over_share is None
    assert tx.unverified_fields == ["intentional_wrongdoers"]
    assert nc.aggravated_exception == "gross_negligence" and nc.unverified_fields == ["liability"]
    assert regime_for("US-FL").intentional_wrongdoers == "not_compared"
    assert regime_for("US-CO").reaches_pure_economic_loss == "unsettled"
    assert regime_for("US-OH").liability is None           # not recorded, never assumed


def test_an_action_not_yet_filed_meets_the_law_as_it_now_stands():
    raw = shifted(base_raw("harborview-missed-alerts"), -3 * 365)
    raw["case"]["governing_law"] = "US-FL"
    raw["applicability"] = {"action_filed": "never"}
    version = run(raw)["derived"]["derived.fault_regime"]["value"]
    assert (version["kind"], version["version_undecided"]) == ("modified_51", False)
    assert "no action has been filed yet" in version["version"]


def test_west_virginia_in_a_case_reads_the_accrual_or_the_incident():
    raw = shifted(base_raw("harborview-missed-alerts"), -11 * 365)   # a 2014 breach
    raw["case"]["governing_law"] = "US-WV"
    version = run(raw)["derived"]["derived.fault_regime"]["value"]
    assert version["kind"] == "modified_50" and "arisen with the incident" in version["version"]
    raw["applicability"] = {"claim_accrued": "2015-06-01"}
    assert run(raw)["derived"]["derived.fault_regime"]["value"]["kind"] == "modified_51"
