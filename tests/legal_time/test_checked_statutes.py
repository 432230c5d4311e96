"""Profiles checked against the statutes' text in this pass: each test pins what the text says
(periods, thresholds, dated versions) by the duty it produces, before and after each change."""
from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from rules.legal_time import get_profile, regime_deadline, threshold_met
from tests.helpers import base_raw, finding, run
from tests.legal_time.test_state_statutes import day_deadline

LA = ZoneInfo("America/Los_Angeles")
DENVER = ZoneInfo("America/Denver")
NY = ZoneInfo("America/New_York")
CHICAGO = ZoneInfo("America/Chicago")


def assert_counts_from(profile, duty, jurisdiction: str, first: int) -> None:
    """The duty's head count is met at `first` residents of the jurisdiction and not one below."""
    assert threshold_met(profile, duty, {jurisdiction: first})
    assert not threshold_met(profile, duty, {jurisdiction: first - 1})


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
    assert_counts_from(profile, duty, "US-DC", 1001)


def test_iowa_attorney_general_applies_more_than_500_and_the_finding_names_that_reading():
    profile = get_profile("us-ia")
    duty = profile.duty_on("attorney-general", date(2024, 11, 20))
    assert_counts_from(profile, duty, "US-IA", 501)
    assert profile.duty_on("attorney-general", date(2014, 6, 30)) is None
    raw = base_raw("crestline-client-governance")
    raw["affected"].append({"jurisdiction": "US-IA", "residents": 501})
    found = finding(run(raw), "disclosure.attorney_general.client.us-ia")
    assert "reading applied: more than 500 Iowa residents" in found["checks"][0]["detail"]
    raw["affected"][-1]["residents"] = 500
    assert finding(run(raw), "disclosure.attorney_general.client.us-ia") is None


def test_iowa_attorney_general_five_business_days_after_the_consumers_notice():
    # Wed 20 Nov 2024: Thu 21, Fri 22, Mon 25, Tue 26, Wed 27 (the weekend skipped)
    notice = datetime(2024, 11, 20, 10, tzinfo=CHICAGO)
    deadline, _ = regime_deadline("us-ia", "attorney-general", notice, law_as_of=notice.date())
    assert deadline.deadline == datetime(2024, 11, 27, 23, 59, 59,
                                         tzinfo=CHICAGO)


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
    assert_counts_from(profile, agencies, "US-VA", 1001)


def _standards_owed(applicability: dict, extra: dict | None = None) -> str:
    """Harborview with 100 Massachusetts and 100 Iowa residents (and any `extra`): the client's
    list of notices owed by a standard, under the given applicability facts."""
    raw = base_raw("harborview-missed-alerts")
    raw["affected"] += [{"jurisdiction": "US-MA", "residents": 100},
                        {"jurisdiction": "US-IA", "residents": 100}]
    raw["affected"] += [{"jurisdiction": j, "residents": n} for j, n in (extra or {}).items()]
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


def test_pennsylvania_attorney_general_notice_from_act_33_over_500_individuals():
    profile = get_profile("us-pa")
    assert profile.duty_on("attorney-general", date(2024, 9, 25)) is None
    duty = profile.duty_on("attorney-general", date(2024, 9, 26))
    assert duty.recipient == "us-pa-ag" and duty.status == "in_force"
    assert_counts_from(profile, duty, "US-PA", 501)


def test_nevada_notice_has_no_harm_exception_and_agencies_over_1000():
    assert "us-nv individuals" in _standards_owed({"harm_likely_to_residents": False},
                                                  extra={"US-NV": 100})
    profile = get_profile("us-nv")
    agencies = profile.duty_on("consumer-reporting-agencies", date(2020, 1, 1))
    assert_counts_from(profile, agencies, "US-NV", 1001)


def test_arizona_agencies_within_45_days_over_1000_and_the_2022_recipient_reading():
    profile = get_profile("us-az")
    agencies = profile.duty_on("consumer-reporting-agencies", date(2018, 8, 3))
    assert agencies.deadline == "45d" and agencies.trigger == "determination"
    assert_counts_from(profile, agencies, "US-AZ", 1001)
    assert profile.duty_on("consumer-reporting-agencies", date(2018, 8, 2)) is None
    before = profile.duty_on("attorney-general", date(2022, 9, 23))
    after = profile.duty_on("attorney-general", date(2022, 9, 24))
    assert before.recipient == "us-az-ag" and after.recipient == ["us-az-ag", "us-az-dohs"]
    assert "22 July 2022" in after.reading
    # 45 days after a determination on Mon 1 Jul 2024 end at the end of Thu 15 Aug 2024
    found = datetime(2024, 7, 1, 9, tzinfo=ZoneInfo("America/Phoenix"))
    deadline, _ = regime_deadline("us-az", "consumer-reporting-agencies", found,
                                  law_as_of=found.date())
    assert deadline.deadline == datetime(2024, 8, 15, 23, 59, 59,
                                         tzinfo=ZoneInfo("America/Phoenix"))


def test_utah_agencies_over_1000_only_from_the_2023_amendment():
    profile = get_profile("us-ut")
    assert profile.duty_on("consumer-reporting-agencies", date(2023, 5, 2)) is None
    agencies = profile.duty_on("consumer-reporting-agencies", date(2023, 5, 3))
    assert_counts_from(profile, agencies, "US-UT", 1001)



def test_puerto_rico_department_of_consumer_affairs_within_ten_days_of_detection():
    profile = get_profile("us-pr")
    duty = profile.duty_on("daco", date(2024, 3, 1))
    assert duty.recipient == "us-pr-daco" and duty.deadline == "10d"
    assert "7 September 2005" in duty.reading
    assert profile.duty_on("daco", date(2006, 1, 4)) is None
    # ten days after detection on Fri 1 Mar 2024 end at the end of Mon 11 Mar 2024
    assert day_deadline("us-pr", "daco", date(2024, 3, 1), ZoneInfo("America/Puerto_Rico"),
                        9) == datetime(2024, 3, 11, 23, 59, 59,
                                       tzinfo=ZoneInfo("America/Puerto_Rico"))
    assert profile.duty_on("maintainer-to-owner", date(2024, 3, 1)).deadline is None


def test_guam_notice_in_force_from_10_august_2009():
    profile = get_profile("us-gu")
    assert profile.duty_on("individuals", date(2009, 8, 9)) is None
    assert profile.duty_on("individuals", date(2009, 8, 10)).deadline is None


def test_michigan_agencies_apply_more_than_1000_and_name_the_other_reading():
    profile = get_profile("us-mi")
    agencies = profile.duty_on("consumer-reporting-agencies", date(2020, 1, 1))
    assert_counts_from(profile, agencies, "US-MI", 1001)
    assert "1,000 or more" in agencies.reading


def test_alaska_agencies_over_1000_residents_as_the_text_reads():
    profile = get_profile("us-ak")
    agencies = profile.duty_on("consumer-reporting-agencies", date(2020, 1, 1))
    assert agencies.status == "in_force" and agencies.authority == ["us-ak-breach-notice 45.48.040(a)"]
    assert_counts_from(profile, agencies, "US-AK", 1001)



def test_gdpr_72_hours_run_as_elapsed_time_whatever_the_day_convention():
    """The profile records how its periods are counted; the 72 hours stay elapsed time across the
    change to summer time (Fri 28 Mar 2025 12:00 CET + 72 h = Mon 31 Mar 13:00 CEST)."""
    profile = get_profile("eu-gdpr")
    assert "elapsed time" in profile.counting.basis
    brussels = ZoneInfo("Europe/Brussels")
    aware = datetime(2025, 3, 28, 12, tzinfo=brussels)
    deadline, _ = regime_deadline("eu-gdpr", "controller-to-authority", aware,
                                  law_as_of=aware.date())
    assert deadline.deadline == datetime(2025, 3, 31, 13, tzinfo=brussels)


# (regime, zone, trigger day, last day of the period): hand-counted; the period ends at the end of
# that day on the regime's clock.
ROLLED = [
    # Washington, RCW 1.12.040: a Saturday, Sunday or holiday is excluded too
    ("us-wa", LA, date(2026, 1, 5), date(2026, 2, 4)),     # day 30 is Wed 4 Feb: no move
    ("us-wa", LA, date(2026, 1, 8), date(2026, 2, 9)),     # day 30 is Sat 7 Feb: to Mon 9 Feb
    ("us-wa", LA, date(2026, 1, 17), date(2026, 2, 17)),   # Mon 16 Feb, Presidents' Day: to Tue
    ("us-wa", LA, date(2019, 6, 6), date(2019, 7, 22)),    # the 45 days of 2019: Sun 21 Jul to Mon
    # Colorado, C.R.S. 2-4-108 with the legal holidays of 24-11-101
    ("us-co", DENVER, date(2026, 1, 8), date(2026, 2, 9)),   # day 30 is Sat 7 Feb: to Mon 9 Feb
    ("us-co", DENVER, date(2026, 9, 5), date(2026, 10, 6)),  # Mon 5 Oct, Cabrini day: to Tue
    ("us-co", DENVER, date(2026, 3, 1), date(2026, 3, 31)),  # Cesar Chavez Day is no legal holiday
    ("us-co", DENVER, date(2026, 6, 3), date(2026, 7, 3)),   # 4 July on a Saturday is not moved
    # Ohio, R.C. 1.14: a Sunday or legal holiday rolls, a Saturday stays
    ("us-oh", NY, date(2026, 5, 4), date(2026, 6, 18)),    # day 45 is Thu 18 Jun: no move
    ("us-oh", NY, date(2026, 1, 14), date(2026, 2, 28)),   # Sat 28 Feb stays the last day
    ("us-oh", NY, date(2026, 1, 15), date(2026, 3, 2)),    # Sun 1 Mar: to Mon 2 Mar
    ("us-oh", NY, date(2026, 8, 28), date(2026, 10, 13)),  # Mon 12 Oct, Columbus Day: to Tue
    ("us-oh", NY, date(2026, 5, 19), date(2026, 7, 3)),    # 4 July on a Saturday is not moved
    # Tennessee, T.C.A. 1-3-102 with the legal holidays of 15-1-101
    ("us-tn", CHICAGO, date(2026, 8, 28), date(2026, 10, 13)),  # Mon 12 Oct, Columbus Day: to Tue
    ("us-tn", CHICAGO, date(2026, 5, 5), date(2026, 6, 19)),    # Juneteenth is no legal holiday
    ("us-tn", CHICAGO, date(2026, 5, 19), date(2026, 7, 6)),    # Fri 3 Jul stands for 4 July: Mon
    ("us-tn", CHICAGO, date(2026, 2, 17), date(2026, 4, 6)),    # Fri 3 Apr, Good Friday: to Mon
]


@pytest.mark.parametrize("regime, zone, day, last_day", ROLLED,
                         ids=[f"{r}-{d.isoformat()}" for r, _, d, _ in ROLLED])
def test_a_last_day_rolls_as_the_state_statute_on_computing_time_says(regime, zone, day, last_day):
    assert day_deadline(regime, "individuals", day, zone, 9) == \
        datetime.combine(last_day, datetime.max.time(), zone).replace(microsecond=0)
