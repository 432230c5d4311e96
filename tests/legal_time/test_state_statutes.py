"""State statutes checked against their text this session: New York's General Construction Law
moves a last day off a weekend or public holiday (its own holiday list), Oklahoma's attorney-general
notice exists only for breaches from 1 January 2026, Arizona's notice reaches the Department of
Homeland Security from the 2022 amendment, Maryland's notice to residents has three dated forms,
Arkansas counts individuals, and the maintainer's 45 days of Tennessee and New Mexico are counted."""
from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from rules.legal_time import (
    NoFixedDeadline,
    get_profile,
    regime_deadline,
    threshold_met,
)
from rules.legal_time.calendars import business_calendar
from tests.helpers import base_raw, finding, run
from tests.legal_time.test_dated_law import shifted

NY = ZoneInfo("America/New_York")


def day_deadline(regime: str, duty_id: str, day: date, zone: ZoneInfo, hour: int) -> datetime:
    """The deadline of `duty_id` for a trigger at `hour` o'clock on `day`, the law as of that day."""
    trigger = datetime.combine(day, datetime.min.time(), zone).replace(hour=hour)
    deadline, _ = regime_deadline(regime, duty_id, trigger, law_as_of=day)
    return deadline.deadline


def _ny_deadline(day: date) -> datetime:
    return day_deadline("us-ny", "individuals", day, NY, 10)


def test_new_york_rolls_a_last_day_past_the_weekend_and_the_holiday_after_it():
    # day 30 after Thu 16 Jan 2025 is Sat 15 Feb; Mon 17 Feb is Washington's Birthday
    assert _ny_deadline(date(2025, 1, 16)) == datetime(2025, 2, 18, 23, 59, 59, tzinfo=NY)
    # day 30 after Mon 20 Oct 2025 is Wed 19 Nov: nothing moves
    assert _ny_deadline(date(2025, 10, 20)) == datetime(2025, 11, 19, 23, 59, 59, tzinfo=NY)


def test_new_york_counts_the_holidays_of_its_own_statute():
    """GCL § 24 moves a Sunday holiday to Monday but not a Saturday one, and Susan B. Anthony Day
    (in the holiday library's New York calendar) is not a public holiday."""
    statute, library = business_calendar("US-NY-GCL"), business_calendar("US-NY")
    anthony = date(2028, 2, 15)                  # a Tuesday
    assert not library.is_business_day(anthony) and statute.is_business_day(anthony)
    friday_before_saturday_holiday = date(2026, 7, 3)
    assert not library.is_business_day(friday_before_saturday_holiday)
    assert statute.is_business_day(friday_before_saturday_holiday)
    assert not statute.is_business_day(date(2025, 2, 17))   # Washington's Birthday
    # day 30 after Sun 16 Jan 2028 is Tue 15 Feb 2028, which stays the last day
    assert _ny_deadline(date(2028, 1, 16)) == datetime(2028, 2, 15, 23, 59, 59, tzinfo=NY)


def _crestline_ny_notice(notice_day: date) -> dict:
    """Crestline moved so that the client learns of the breach on Thu 16 Jan 2025, with 100 New
    York residents, and the residents told at 10:00 on `notice_day`."""
    raw = base_raw("crestline-client-governance")
    timeline = raw["incident"]["timeline"]["client_notified"]
    at = date.fromisoformat(str(timeline["value"] if isinstance(timeline, dict) else timeline)[:10])
    raw = shifted(raw, (date(2025, 1, 16) - at).days)
    raw["affected"].append({"jurisdiction": "US-NY", "residents": 100})
    for notice in raw["incident"]["notices"]:
        if notice["to"] == "individuals":
            notice["at"] = f"{notice_day.isoformat()}T10:00:00"
    return run(raw)


def test_a_notice_on_the_rolled_day_is_on_time_and_the_day_after_is_late():
    on_time = finding(_crestline_ny_notice(date(2025, 2, 18)), "disclosure.individuals.client.us-ny")
    late = finding(_crestline_ny_notice(date(2025, 2, 19)), "disclosure.individuals.client.us-ny")
    assert not on_time["holds"] and late["holds"]


def test_oklahoma_attorney_general_notice_only_for_a_breach_from_1_january_2026():
    profile = get_profile("us-ok")
    assert profile.duty_on("attorney-general", date(2025, 12, 31)) is None
    duty = profile.duty_on("attorney-general", date(2026, 1, 1))
    assert duty.trigger == "previous_notice" and duty.after_duty == "individuals"
    assert duty.deadline == "60d" and duty.recipient == "us-ok-ag"
    assert threshold_met(profile, duty, {"US-OK": 500})
    assert not threshold_met(profile, duty, {"US-OK": 499, "US-TX": 5000})


def test_arizona_notice_reaches_homeland_security_only_from_the_2022_amendment():
    profile = get_profile("us-az")
    before = profile.duty_on("attorney-general", date(2022, 9, 23))
    after = profile.duty_on("attorney-general", date(2022, 9, 24))
    assert before.recipient_ids == ("us-az-ag",)
    assert after.recipient_ids == ("us-az-ag", "us-az-dohs")
    assert (before.deadline, after.deadline) == ("45d", "45d")


def test_maryland_notice_to_residents_has_three_dated_forms():
    profile = get_profile("us-md")
    first, middle, now = profile.versions("individuals")
    assert (first.effective_to, middle.effective_from) == (date(2017, 12, 31), date(2018, 1, 1))
    assert first.deadline is None and middle.deadline is None and now.deadline == "45d"
    trigger = datetime(2020, 3, 2, 10, tzinfo=ZoneInfo("America/New_York"))
    # 2018-2022: 45 days after the investigation ends, which the case does not record
    with pytest.raises(NoFixedDeadline):
        regime_deadline("us-md", "individuals", trigger, law_as_of=trigger.date())
    trigger = trigger.replace(year=2023)
    deadline, _ = regime_deadline("us-md", "individuals", trigger, law_as_of=trigger.date())
    assert deadline.last_day == trigger.date() + timedelta(days=45)


def test_arkansas_attorney_general_threshold_counts_individuals_not_only_residents():
    profile = get_profile("us-ar")
    duty = profile.duty("attorney-general")
    assert threshold_met(profile, duty, {"US-AR": 10, "US-TX": 1000})
    assert not threshold_met(profile, duty, {"US-AR": 10, "US-TX": 990})


@pytest.mark.parametrize("regime, day", [("us-tn", date(2016, 7, 1)), ("us-nm", date(2017, 6, 16))])
def test_maintainer_notice_has_45_days(regime, day):
    profile = get_profile(regime)
    trigger = datetime.combine(day, datetime.min.time(), ZoneInfo(profile.zone_hint)).replace(hour=9)
    deadline, _ = regime_deadline(regime, "maintainer-to-owner", trigger, law_as_of=day)
    assert deadline.last_day == day + timedelta(days=45)
    if regime == "us-tn":
        assert profile.duty_on("maintainer-to-owner", day - timedelta(days=1)).deadline is None
