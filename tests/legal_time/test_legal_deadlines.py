"""Deadline arithmetic: business days, holidays, daylight-saving changes, month ends, leap years,
and the judgement of an act against the deadline. Every expectation is an exact value."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from facts.durations import Duration
from rules.legal_time import UnknownCalendar, assess, compute_deadline

NY = ZoneInfo("America/New_York")
BERLIN = ZoneInfo("Europe/Berlin")
LONDON = ZoneInfo("Europe/London")


def at(zone, *parts):
    return datetime(*parts, tzinfo=zone)


# --- business days ---------------------------------------------------------------------------

def test_thanksgiving_is_skipped_on_the_us_calendar():
    result = compute_deadline(at(NY, 2025, 11, 26, 16, 0), Duration.parse("4 business days"), "US")
    assert result.deadline == at(NY, 2025, 12, 3, 16, 0)
    assert result.skipped == ((date(2025, 11, 27), "Thanksgiving Day"),
                              (date(2025, 11, 29), "weekend"), (date(2025, 11, 30), "weekend"))
    assert result.sentence == (
        "4 business days after Wed 2025-11-26 16:00 EST, skipping Thanksgiving Day (Thu 2025-11-27)"
        " and the weekend (Sat 2025-11-29–Sun 2025-11-30), is Wed 2025-12-03 16:00 EST")
    assert result.calendar == "US" and result.zone == "America/New_York"


def test_a_weekend_is_stepped_over_and_the_wall_clock_time_kept():
    result = compute_deadline(at(NY, 2025, 1, 10, 10, 15), "1bd", "US")
    assert result.deadline == at(NY, 2025, 1, 13, 10, 15)
    assert [d for d, _ in result.skipped] == [date(2025, 1, 11), date(2025, 1, 12)]


def test_a_trigger_on_a_weekend_counts_from_the_next_business_day_start():
    result = compute_deadline(at(NY, 2025, 11, 29, 10, 0), "4bd", "US")
    assert result.deadline == at(NY, 2025, 12, 5, 0, 0)
    assert result.sentence == (
        "4 business days after Sat 2025-11-29 10:00 EST, counting from the start of Mon 2025-12-01"
        " because Sat 2025-11-29 is not a business day, skipping the weekend (Sat 2025-11-29–Sun "
        "2025-11-30), is Fri 2025-12-05 00:00 EST (that is, by the end of Thu 2025-12-04)")


def test_uk_bank_holidays_christmas_and_boxing_day():
    result = compute_deadline(at(LONDON, 2025, 12, 24, 10, 0), "2bd", "UK")
    assert result.deadline == at(LONDON, 2025, 12, 30, 10, 0)
    assert result.skipped[:2] == ((date(2025, 12, 25), "Christmas Day"),
                                  (date(2025, 12, 26), "Boxing Day"))


def test_uk_easter_monday_is_a_holiday_but_not_in_the_us():
    trigger = at(LONDON, 2025, 4, 17, 9, 0)
    assert compute_deadline(trigger, "1bd", "UK").deadline == at(LONDON, 2025, 4, 22, 9, 0)
    assert compute_deadline(trigger, "1bd", "US").deadline == at(LONDON, 2025, 4, 18, 9, 0)


def test_eu_calendar_is_the_ecb_target_closing_days():
    assert compute_deadline(at(BERLIN, 2025, 4, 30, 12, 0), "1bd", "EU").deadline == \
        at(BERLIN, 2025, 5, 2, 12, 0)


def test_state_calendar_adds_state_holidays_and_observed_days_count():
    trigger = at(NY, 2025, 2, 11, 10, 0)  # Lincoln's Birthday, Wed 12 Feb, is a New York holiday
    assert compute_deadline(trigger, "1bd", "US-NY").deadline == at(NY, 2025, 2, 13, 10, 0)
    assert compute_deadline(trigger, "1bd", "US").deadline == at(NY, 2025, 2, 12, 10, 0)
    observed = compute_deadline(at(NY, 2026, 7, 2, 10, 0), "1bd", "US")
    assert observed.deadline == at(NY, 2026, 7, 6, 10, 0)
    assert observed.skipped[0] == (date(2026, 7, 3), "Independence Day (observed)")


def test_zone_argument_sets_the_wall_clock_that_counts():
    trigger = datetime(2025, 11, 26, 21, 0, tzinfo=timezone.utc)
    result = compute_deadline(trigger, "4bd", "US", zone="America/New_York")
    assert result.deadline == at(NY, 2025, 12, 3, 16, 0)


# --- elapsed time and daylight saving ---------------------------------------------------------

def test_72_hours_across_the_eu_spring_change_shows_one_hour_later_on_the_wall_clock():
    trigger = at(BERLIN, 2025, 3, 28, 12, 0)
    result = compute_deadline(trigger, "72h")
    assert result.deadline == at(BERLIN, 2025, 3, 31, 13, 0)
    utc = timezone.utc
    assert result.deadline.astimezone(utc) - trigger.astimezone(utc) == timedelta(hours=72)
    assert result.sentence == ("72 hours after Fri 2025-03-28 12:00 CET is Mon 2025-03-31 13:00 "
                               "CEST (elapsed time: the clock changed from CET to CEST in between)")


def test_72_hours_across_the_eu_autumn_change_shows_one_hour_earlier():
    result = compute_deadline(at(BERLIN, 2025, 10, 24, 12, 0), "72h")
    assert result.deadline == at(BERLIN, 2025, 10, 27, 11, 0)


@pytest.mark.parametrize("trigger, expected", [
    (at(NY, 2025, 3, 8, 12, 0), at(NY, 2025, 3, 9, 13, 0)),   # spring forward
    (at(NY, 2025, 11, 1, 12, 0), at(NY, 2025, 11, 2, 11, 0)),  # fall back
])
def test_24_hours_across_us_changes_is_elapsed_time(trigger, expected):
    assert compute_deadline(trigger, "24h").deadline == expected


def test_calendar_days_keep_the_wall_clock_across_a_change():
    assert compute_deadline(at(BERLIN, 2025, 3, 28, 12, 0), "3d").deadline == \
        at(BERLIN, 2025, 3, 31, 12, 0)


def test_a_wall_clock_time_in_the_spring_gap_moves_forward():
    result = compute_deadline(at(NY, 2025, 3, 8, 2, 30), "1d")
    assert result.deadline == at(NY, 2025, 3, 9, 3, 30)
    assert "02:30 does not exist that day" in result.sentence


# --- months and leap years ---------------------------------------------------------------------

@pytest.mark.parametrize("start, duration, expected", [
    (datetime(2025, 1, 31, 9, 0), "1mo", datetime(2025, 2, 28, 9, 0)),
    (datetime(2024, 1, 31, 9, 0), "1mo", datetime(2024, 2, 29, 9, 0)),
    (datetime(2024, 2, 29, 9, 0), "12mo", datetime(2025, 2, 28, 9, 0)),
    (datetime(2024, 1, 15, 9, 0), "60d", datetime(2024, 3, 15, 9, 0)),
    (datetime(2025, 1, 15, 9, 0), "60d", datetime(2025, 3, 16, 9, 0)),
    (datetime(2025, 3, 31, 9, 0), "2w", datetime(2025, 4, 14, 9, 0)),
])
def test_month_ends_and_leap_years(start, duration, expected):
    result = compute_deadline(start.replace(tzinfo=BERLIN), duration)
    assert result.deadline == expected.replace(tzinfo=BERLIN)


def test_month_end_clamping_is_explained():
    result = compute_deadline(at(BERLIN, 2024, 1, 31, 9, 0), "1mo")
    assert result.sentence == ("1 month after Wed 2024-01-31 09:00 CET is Thu 2024-02-29 09:00 CET"
                               " (that month has no day 31, so the deadline is its last day)")


def test_bad_inputs_are_refused():
    with pytest.raises(ValueError, match="time zone"):
        compute_deadline(datetime(2025, 1, 1, 9, 0), "72h")
    with pytest.raises(UnknownCalendar, match="'XX'"):
        compute_deadline(at(NY, 2025, 1, 1, 9, 0), "1bd", "XX")


# --- timeliness ---------------------------------------------------------------------------------

@pytest.fixture
def sec_deadline():
    return compute_deadline(at(NY, 2025, 11, 26, 16, 0), "4 business days", "US")


def test_late_by_business_days(sec_deadline):
    result = assess(sec_deadline, at(NY, 2025, 12, 5, 16, 0), done="the 8-K was filed")
    assert (result.status, result.on_time, result.late_business_days) == ("late", False, 2)
    assert result.late_by == timedelta(days=2)
    assert result.sentence == ("the 8-K was filed Fri 2025-12-05 16:00 EST, 2 business days late "
                               "(2 days after the deadline, Wed 2025-12-03 16:00 EST)")


def test_a_minute_late_is_one_business_day_late(sec_deadline):
    result = assess(sec_deadline, at(NY, 2025, 12, 3, 16, 1))
    assert result.late_business_days == 1 and result.late_by == timedelta(minutes=1)


def test_on_time_with_margin(sec_deadline):
    result = assess(sec_deadline, at(NY, 2025, 12, 3, 12, 50), done="the 8-K was filed")
    assert (result.on_time, result.late_by, result.late_business_days) == (True, timedelta(0), 0)
    assert result.sentence == ("the 8-K was filed Wed 2025-12-03 12:50 EST, 3 hours and 10 minutes "
                               "before the deadline (Wed 2025-12-03 16:00 EST)")


def test_exactly_at_the_deadline_is_on_time(sec_deadline):
    result = assess(sec_deadline, at(NY, 2025, 12, 3, 16, 0))
    assert result.on_time is True and result.sentence.endswith("exactly at the deadline")


def test_nothing_done_overdue_pending_and_unknown(sec_deadline):
    overdue = assess(sec_deadline, None, as_of=at(NY, 2025, 12, 4, 12, 50))
    assert (overdue.status, overdue.on_time, overdue.late_business_days) == ("overdue", False, 1)
    assert overdue.late_by == timedelta(hours=20, minutes=50)
    pending = assess(sec_deadline, None, as_of=at(NY, 2025, 12, 1, 16, 0))
    assert (pending.status, pending.on_time, pending.margin) == ("pending", None, timedelta(days=2))
    unknown = assess(sec_deadline, None)
    assert (unknown.status, unknown.on_time, unknown.late_by) == ("unknown", None, None)
    assert unknown.sentence == "nothing is recorded; the deadline is Wed 2025-12-03 16:00 EST"


def test_elapsed_clock_lateness_in_time_only():
    deadline = compute_deadline(at(BERLIN, 2025, 3, 28, 12, 0), "72h")
    result = assess(deadline, at(BERLIN, 2025, 4, 1, 15, 30), done="the authority was notified")
    assert result.late_business_days is None and result.late_by == timedelta(days=1, hours=2,
                                                                              minutes=30)
    assert result.sentence == ("the authority was notified Tue 2025-04-01 15:30 CEST, 1 day, 2 hours and "
                               "30 minutes late (the deadline was Mon 2025-03-31 13:00 CEST)")


def test_assess_is_deterministic_and_shown_in_the_deadline_zone(sec_deadline):
    actual = datetime(2025, 12, 5, 21, 0, tzinfo=timezone.utc)
    assert assess(sec_deadline, actual) == assess(sec_deadline, actual)
    assert "Fri 2025-12-05 16:00 EST" in assess(sec_deadline, actual).sentence


def test_margin_is_real_elapsed_time_across_a_dst_change():
    # Python subtracts two datetimes sharing a ZoneInfo by wall clock; assess must not.
    deadline = compute_deadline(at(BERLIN, 2025, 3, 28, 12, 0), "72h")
    result = assess(deadline, at(BERLIN, 2025, 3, 30, 1, 30))
    assert result.margin == timedelta(hours=34, minutes=30)
