"""Profiles checked against the statutes' text in this pass: each test pins what the text says
(periods, thresholds, dated versions) by the duty it produces, before and after each change."""
from __future__ import annotations

from datetime import date

from rules.legal_time import get_profile, threshold_met


def test_dc_attorney_general_notice_exists_only_from_law_23_98_and_counts_50_residents():
    profile = get_profile("us-dc")
    assert profile.duty_on("attorney-general", date(2020, 6, 16)) is None
    duty = profile.duty_on("attorney-general", date(2020, 6, 17))
    assert duty.recipient == "us-dc-ag" and duty.deadline is None
    assert threshold_met(profile, duty, {"US-DC": 50})
    assert not threshold_met(profile, duty, {"US-DC": 49, "US-MD": 5000})


def test_dc_counts_a_hipaa_notice_to_residents_only_from_law_23_98():
    profile = get_profile("us-dc")
    assert profile.duty_on("individuals", date(2020, 6, 16)).deemed_met_by == []
    assert profile.duty_on("individuals", date(2020, 6, 17)).deemed_met_by == ["us-hipaa"]
    assert profile.duty_on("individuals", date(2007, 6, 30)) is None


def test_dc_consumer_reporting_agencies_over_1000_persons():
    profile = get_profile("us-dc")
    duty = profile.duty_on("consumer-reporting-agencies", date(2015, 1, 1))
    assert threshold_met(profile, duty, {"US-DC": 1001})
    assert not threshold_met(profile, duty, {"US-DC": 1000})
