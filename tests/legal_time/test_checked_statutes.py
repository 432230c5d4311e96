"""Profiles checked against the statutes' text in this pass: each test pins what the text says
(periods, thresholds, dated versions) by the duty it produces, before and after each change."""
from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from rules.legal_time import get_profile, regime_deadline, threshold_met
from tests.helpers import base_raw, finding, run


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


def test_iowa_attorney_general_applies_more_than_500_and_the_finding_names_that_reading():
    profile = get_profile("us-ia")
    duty = profile.duty_on("attorney-general", date(2024, 11, 20))
    assert threshold_met(profile, duty, {"US-IA": 501})
    assert not threshold_met(profile, duty, {"US-IA": 500})
    assert profile.duty_on("attorney-general", date(2014, 6, 30)) is None
    raw = base_raw("crestline-client-governance")
    raw["affected"].append({"jurisdiction": "US-IA", "residents": 501})
    found = finding(run(raw), "disclosure.attorney_general.client.us-ia")
    assert "reading applied: more than 500 Iowa residents" in found["checks"][0]["detail"]
    raw["affected"][-1]["residents"] = 500
    assert finding(run(raw), "disclosure.attorney_general.client.us-ia") is None


def test_iowa_attorney_general_five_business_days_after_the_consumers_notice():
    # Wed 20 Nov 2024: Thu 21, Fri 22, Mon 25, Tue 26, Wed 27 (the weekend skipped)
    notice = datetime(2024, 11, 20, 10, tzinfo=ZoneInfo("America/Chicago"))
    deadline, _ = regime_deadline("us-ia", "attorney-general", notice, law_as_of=notice.date())
    assert deadline.deadline == datetime(2024, 11, 27, 23, 59, 59,
                                         tzinfo=ZoneInfo("America/Chicago"))


def test_new_york_states_which_in_force_date_of_s2659b_it_applied():
    profile = get_profile("us-ny")
    assert profile.duty_on("individuals", date(2024, 12, 20)).deadline is None
    applied = profile.duty_on("individuals", date(2024, 12, 21))
    assert applied.deadline == "30d" and "24 December 2024" in applied.reading


def test_virginia_attorney_general_is_told_of_every_breach_from_the_2008_act():
    profile = get_profile("us-va")
    assert profile.duty_on("attorney-general", date(2008, 6, 30)) is None
    duty = profile.duty_on("attorney-general", date(2008, 7, 1))
    assert duty is profile.duty_on("attorney-general", date(2019, 7, 1))
    assert threshold_met(profile, duty, {"US-VA": 1})
    agencies = profile.duty_on("consumer-reporting-agencies", date(2008, 7, 1))
    assert threshold_met(profile, agencies, {"US-VA": 1001})
    assert not threshold_met(profile, agencies, {"US-VA": 1000})


def _standards_owed(applicability: dict) -> str:
    """Harborview with 100 Massachusetts and 100 Iowa residents: the client's list of notices owed
    by a standard, under the given applicability facts."""
    raw = base_raw("harborview-missed-alerts")
    raw["affected"] += [{"jurisdiction": "US-MA", "residents": 100},
                        {"jurisdiction": "US-IA", "residents": 100}]
    raw["applicability"] = {"incident": applicability}
    return finding(run(raw), "disclosure.statutory.client")["summary"]


def test_massachusetts_notice_is_owed_even_where_harm_is_shown_unlikely():
    """93H § 3(b) requires notice whenever the information was acquired by an unauthorized person;
    its risk test qualifies only the defined breach of security. Iowa's exception still excuses."""
    unlikely = _standards_owed({"harm_likely_to_residents": False})
    assert "us-ma individuals" in unlikely and "us-ia individuals" not in unlikely
    encrypted = _standards_owed({"data_encrypted": True})
    assert "us-ma individuals" not in encrypted
    assert "us-ma individuals" in _standards_owed({})
