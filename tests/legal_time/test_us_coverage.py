"""Every US state, DC, Puerto Rico, Guam and the US Virgin Islands has a notice profile: each one's
fixed periods compute the deadline a hand count gives, each duty without a number of days names
its standard, and a breach touching residents of every one of them is assessed everywhere (no
jurisdiction is left 'not assessed')."""
from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from facts.durations import Duration
from rules.legal_time import NoFixedDeadline, get_profile, load_profiles, regime_deadline
from rules.authorities import authority
from tests.helpers import base_raw, finding, run

CODES = ("AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV "
         "NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR GU VI").split()
# A Monday in October 2025 with no public holiday in the following three weeks (Columbus Day is
# 13 October, Veterans Day 11 November), so a hand count of business days is plain weekdays.
TRIGGER_DAY = date(2025, 10, 20)


def _state_profile(code: str):
    found = [p for p in load_profiles().values() if p.jurisdiction == f"US-{code}"
             and p.applies_when == {"residents_at_least": {"jurisdiction": f"US-{code}",
                                                           "count": 1}}]
    assert len(found) == 1, code
    return found[0]


def test_every_us_jurisdiction_has_one_residence_profile():
    assert len(CODES) == 54
    for code in CODES:
        profile = _state_profile(code)
        assert profile.id == f"us-{code.lower()}"
        assert profile.duty_ids()[0] == "individuals" or "individuals" in profile.duty_ids()


def _hand_deadline(trigger: datetime, deadline: str, profile) -> datetime:
    """The end of the period counted by hand: N calendar days from the day after the trigger,
    to the end of the last day; N weekdays likewise; N hours elapsed. Where the regime moves a
    last day off a weekend or holiday (Texas), to the next business day of its calendar."""
    span = Duration.parse(deadline)
    words = span.words()
    count = int(deadline.split()[0].rstrip("dh"))
    if deadline.endswith("h"):
        return trigger + timedelta(hours=count)
    day = trigger.date()
    if "business" in deadline:
        left = count
        while left:
            day += timedelta(days=1)
            left -= day.weekday() < 5
    else:
        day += timedelta(days=count)
    counting = profile.counting
    if counting is not None and counting.roll_forward == "weekends_and_holidays":
        from rules.legal_time import business_calendar
        calendar = business_calendar(counting.calendar or profile.calendar)
        while not calendar.is_business_day(day):
            day += timedelta(days=1)
    assert words
    return datetime.combine(day, datetime.min.time(), trigger.tzinfo).replace(
        hour=23, minute=59, second=59)


@pytest.mark.parametrize("code", CODES)
def test_each_profile_computes_its_deadlines_or_names_its_standard(code):
    profile = _state_profile(code)
    zone = ZoneInfo(profile.zone_hint)
    checked = 0
    for duty_id in profile.duty_ids():
        for version in profile.versions(duty_id):
            day = max(TRIGGER_DAY, version.effective_from)
            if version.effective_to is not None and day > version.effective_to:
                day = version.effective_from
            trigger = datetime.combine(day, datetime.min.time(), zone).replace(hour=10)
            if version.deadline is None:
                with pytest.raises(NoFixedDeadline, match="standard|no fixed deadline"):
                    regime_deadline(profile.id, duty_id, trigger, law_as_of=day)
                continue
            deadline, _ = regime_deadline(profile.id, duty_id, trigger, law_as_of=day)
            assert deadline.deadline == _hand_deadline(trigger, version.deadline, profile), \
                (code, duty_id, version.period)
            checked += 1
    fixed = [v for d in profile.duty_ids() for v in profile.versions(d) if v.deadline]
    assert checked == len(fixed)
    # every profile cites an entry of the table whose verification is stated
    assert authority(profile.authorities[0].split()[0]).verification.status in (
        "verified", "secondary-source", "unverified")


def test_a_breach_touching_every_jurisdiction_is_assessed_everywhere():
    raw = base_raw("harborview-missed-alerts")
    raw["affected"] = [{"jurisdiction": f"US-{code}", "residents": 1200} for code in CODES]
    result = run(raw)
    listed = {r["regime"] for r in result["derived"]["derived.applicable_regimes"]["value"]}
    assert {f"us-{code.lower()}" for code in CODES} <= listed
    assert not [f for f in result["findings"] if f["summary"].startswith("Not assessed")]
    # a fixed-deadline duty of a newly profiled state is assessed like any other
    ohio = finding(result, "disclosure.individuals.client.us-oh")
    assert ohio is not None and "45 days" in ohio["summary"]


def test_unchecked_entries_say_so():
    """A profile whose statute has not been checked against any text marks every duty verify, and
    its notes say so; one checked only in part keeps verify on the unchecked duties."""
    statuses = set()
    for code in CODES:
        profile = _state_profile(code)
        entry = authority(profile.authorities[0].split()[0])
        statuses.add(entry.verification.status)
        if entry.verification.status == "unverified" and len(profile.duties) and \
                profile.id not in ("us-ny", "us-ca", "us-co", "us-fl", "us-tx", "us-wa"):
            assert all(v.status == "verify" for v in profile.duties), code
            assert "Not checked against the primary text" in profile.note, code
    assert statuses == {"verified", "secondary-source", "unverified"} or \
        statuses == {"secondary-source", "unverified"}
    al = _state_profile("AL")
    assert al.duty_on("individuals", date(2025, 1, 1)).status == "in_force"
    assert al.duty_on("attorney-general", date(2025, 1, 1)).status == "verify"
