"""Counted as the statute counts: each regime's convention (first day excluded, end of the last
day, weekend and holiday roll-forward, the EDGAR filing cut-off, reasonable steps) against values
computed by hand, and lateness of a day-based deadline stated in days."""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from rules.legal_time import regime_deadline
from tests.helpers import base_raw, finding, run

NY, CHICAGO = ZoneInfo("America/New_York"), ZoneInfo("America/Chicago")


def at(text: str, zone=NY) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=zone)


@pytest.mark.parametrize("trigger, due, why", [
    # Fri 18 Oct + 30 days is Sun 17 Nov: rolled to Mon 18 Nov (Tex. Gov't Code 311.014(b))
    ("2024-10-18T16:00", "2024-11-18T23:59:59", "Sun 2024-11-17 is a weekend day"),
    # Thu 26 Oct 2023 + 30 days is Sat 25 Nov: rolled past the weekend to Mon 27 Nov
    ("2023-10-26T09:00", "2023-11-27T23:59:59", "Sat 2023-11-25 is a weekend day"),
    # Wed 25 Oct 2023 + 30 days is Fri 24 Nov, a Texas state holiday (the day after
    # Thanksgiving): rolled past it and the weekend to Mon 27 Nov
    ("2023-10-25T09:00", "2023-11-27T23:59:59", "Fri 2023-11-24 is a holiday"),
    # a weekday last day stays put
    ("2024-10-21T09:00", "2024-11-20T23:59:59", ""),
])
def test_texas_excludes_the_first_day_and_rolls_a_weekend_or_holiday_forward(trigger, due, why):
    deadline, _ = regime_deadline("us-tx", "attorney-general", at(trigger, CHICAGO))
    assert deadline.deadline == at(due, CHICAGO)
    assert why in deadline.sentence
    assert "the period ends at the end of" in deadline.sentence


@pytest.mark.parametrize("trigger, due", [
    # Wed 26 Nov 2025 16:00: Thanksgiving skipped; Fri, Mon, Tue, Wed: due Wed 3 Dec at 17:30 ET
    ("2025-11-26T16:00", "2025-12-03T17:30"),
    # Sat 29 Nov: the period begins on, and includes, Mon 1 Dec: Mon, Tue, Wed, Thu 4 Dec
    ("2025-11-29T10:00", "2025-12-04T17:30"),
    # Fri 4 Jul 2025 (Independence Day): begins on Mon 7 Jul, its fourth business day Thu 10 Jul
    ("2025-07-04T12:00", "2025-07-10T17:30"),
    # an evening determination on a business day still counts that day as the event's day
    ("2025-06-02T21:00", "2025-06-06T17:30"),
])
def test_the_8k_is_due_on_the_fourth_business_day_by_the_edgar_cut_off(trigger, due):
    deadline, _ = regime_deadline("us-sec-8k", "form-8k", at(trigger))
    assert deadline.deadline == at(due)
    assert "17:30" in deadline.sentence and "filing cut-off" in deadline.sentence


def test_a_filing_after_the_cut_off_on_the_last_day_is_a_business_day_late():
    _, judged = regime_deadline("us-sec-8k", "form-8k", at("2025-11-26T16:00"),
                                at("2025-12-03T18:00"), done="the 8-K was filed")
    assert judged.status == "late" and judged.late_business_days == 1
    _, on_time = regime_deadline("us-sec-8k", "form-8k", at("2025-11-26T16:00"),
                                 at("2025-12-03T17:29"))
    assert on_time.status == "on_time"


def test_hipaa_counts_calendar_days_and_moves_nothing():
    # Sat 15 Mar 2025 + 60 calendar days is Wed 14 May; Thu 6 Mar + 60 is Mon 5 May
    deadline, _ = regime_deadline("us-hipaa", "individuals", at("2025-03-15T10:00"))
    assert deadline.deadline == at("2025-05-14T23:59:59")
    # Fri 7 Mar 2025 + 60 days is Tue 6 May; Mon 10 Mar + 60 is Fri 9 May; Wed 12 Mar + 60 is Sun
    # 11 May, which HIPAA does not move
    sunday, _ = regime_deadline("us-hipaa", "individuals", at("2025-03-12T08:40"))
    assert sunday.deadline == at("2025-05-11T23:59:59")
    assert "weekend" not in sunday.sentence


def test_gdpr_72_hours_elapse_from_the_moment_of_awareness():
    brussels = ZoneInfo("Europe/Brussels")
    deadline, _ = regime_deadline("eu-gdpr", "controller-to-authority",
                                  at("2025-03-28T12:00", brussels))
    # 72 elapsed hours across the change to summer time: 13:00 CEST on the wall clock
    assert deadline.deadline == at("2025-03-31T13:00", brussels)


def test_lateness_of_a_day_based_deadline_is_stated_in_days():
    _, judged = regime_deadline("us-tx", "attorney-general", at("2024-10-18T16:00", CHICAGO),
                                at("2024-11-20T10:00", CHICAGO))
    assert judged.status == "late" and judged.late_days == 2
    assert judged.sentence.startswith("done Wed 2024-11-20 10:00 CST, 2 days late")


def test_crestline_texas_attorney_general_notice_is_two_days_late_under_the_code_construction_act():
    found = finding(run(base_raw("crestline-client-governance")),
                    "disclosure.attorney_general.client.us-tx")
    assert found["holds"]
    assert "2 days late (the period ended Mon 2024-11-18 23:59:59 CST)" in found["summary"]


def test_australia_30_days_are_a_reasonable_steps_target_not_a_hard_deadline():
    raw = base_raw("meridian-zero-day")
    raw["affected"].append({"jurisdiction": "AU", "residents": 300})
    raw["incident"]["timeline"]["notifiable_assessed"] = "2025-09-30T09:00:00"
    found = finding(run(raw), "disclosure.assessment.client.au-privacy")
    assert not found["holds"]
    assert "all reasonable steps to meet this period, not the date itself" in found["summary"]
