"""How a statute counts its own period: the counting conventions of each regime.

"Within 30 days" is not one rule. Texas excludes the day of the event, includes the last day and
moves a last day that falls on a weekend or legal holiday to the next day that is not (Tex. Gov't
Code §311.014); HIPAA counts calendar days and moves nothing; a Form 8-K is due on the fourth
business day, counted from the first business day when the event falls on a weekend, and is filed
that day only if transmitted by 5:30 p.m. Eastern time (17 C.F.R. 232.13(a)(2)); Australia's 30
days for an assessment are a target the entity must take all reasonable steps to meet. Each regime
states its convention in its profile (`counting:`), with the authority for it, and this module
counts by it. Elapsed-hour periods (GDPR's 72 hours) are not changed by a convention.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Literal, Optional
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field

from facts.durations import Duration
from rules.legal_time.calendars import business_calendar, fmt_day, fmt_time
from rules.legal_time.deadlines import Deadline, _skipping_words, compute_deadline

END_OF_DAY = time(23, 59, 59)


class Counting(BaseModel):
    """A regime's rule for counting day, business-day and month periods."""
    model_config = ConfigDict(extra="forbid", frozen=True)
    first_day: Literal["excluded"] = "excluded"
    ends: Literal["end_of_day", "same_time"] = Field(
        "end_of_day", description="the period runs to the end of its last day, or to the clock "
                                  "time of the trigger")
    roll_forward: Literal["none", "weekends_and_holidays", "sundays_and_holidays"] = Field(
        "none", description="a last day on a weekend (or, where the statute spares Saturday, a "
                            "Sunday) or a holiday moves to the next day that is not")
    start_on_non_business_day: Literal["next_business_day_included", "count_from_trigger"] = \
        "count_from_trigger"
    cutoff: Optional[str] = Field(None, pattern=r"^([01]\d|2[0-3]):[0-5]\d$",
                                  description="on the last day, the act counts only up to this "
                                              "time (a filing cut-off)")
    zone: Optional[str] = Field(None, description="whose clock the days are counted on (default: "
                                                  "the regime's zone_hint)")
    calendar: Optional[str] = Field(None, description="whose holidays a last day is rolled past, "
                                                      "where the statute lists its own (default: "
                                                      "the regime's calendar)")
    kind: Literal["limit", "reasonable_steps"] = Field(
        "limit", description="a hard limit, or a target the law requires all reasonable steps "
                             "to meet")
    authority: list[str] = Field([], description="where the convention comes from, as "
                                                 "'KEY PINPOINT'")
    basis: str = Field("", description="in words, where no authority states it (a modelling "
                                       "choice)")


@dataclass(frozen=True)
class Counted:
    """The last day of a period and the moment it ends, with the arithmetic in words."""
    last_day: date
    ends_at: datetime
    words: str


def count(trigger: datetime, duration: Duration, counting: Counting, calendar: str | None,
          zone: str) -> Counted:
    """The end of a day, business-day or month period under `counting`."""
    tz = ZoneInfo(counting.zone or zone)
    local = trigger.astimezone(tz)
    start, notes = local.date(), []
    if duration.unit == "business_days":
        cal = business_calendar(calendar)
        skipped: list = []
        if not cal.is_business_day(start) and \
                counting.start_on_non_business_day == "next_business_day_included":
            first = cal.next_business_day(start)
            last = _step(cal, first, duration.amount - 1, skipped)
            what = (f"{fmt_day(start)} is not a business day, so the period begins on, and "
                    f"includes, {fmt_day(first)}: its {_ordinal(duration.amount)} business day")
        else:
            last = _step(cal, start, duration.amount, skipped)
            what = f"the {_ordinal(duration.amount)} business day after {fmt_day(start)}"
        if skipped:
            what += f", skipping {_skipping_words(skipped)},"
    elif duration.unit == "months":
        from dateutil.relativedelta import relativedelta
        last = start + relativedelta(months=duration.amount)
        what = f"{duration.words()} after {fmt_day(start)}"
    else:
        per_unit = 7 if duration.unit == "weeks" else 1
        last = start + timedelta(days=duration.amount * per_unit)
        what = (f"day {duration.amount * per_unit} counting from the day after "
                f"{fmt_day(start)}")
    if counting.roll_forward != "none":
        cal = business_calendar(counting.calendar or calendar)
        open_day = (cal.is_business_day if counting.roll_forward == "weekends_and_holidays"
                    else cal.is_open_on_saturday)
        moved = last
        while not open_day(moved):
            moved += timedelta(days=1)
        if moved != last:
            notes.append(f"{fmt_day(last)} is {_off(cal, last)}, so the period runs to the next "
                         f"day that is not, {fmt_day(moved)}")
            last = moved
    if counting.cutoff:
        hour, minute = (int(p) for p in counting.cutoff.split(":"))
        ends = datetime.combine(last, time(hour, minute), tz)
        end_words = f"{counting.cutoff} {ends:%Z} on {fmt_day(last)} (the filing cut-off)"
    elif counting.ends == "end_of_day":
        ends = datetime.combine(last, END_OF_DAY, tz)
        end_words = f"the end of {fmt_day(last)}"
    else:
        ends = datetime.combine(last, local.time(), tz)
        end_words = fmt_time(ends)
    words = f"{what} is {fmt_day(last)}" + (f" ({'; '.join(notes)})" if notes else "")
    return Counted(last, ends, f"{words}; the period ends at {end_words}")


def _step(cal, day: date, count: int, skipped: list) -> date:
    for _ in range(count):
        day += timedelta(days=1)
        while not cal.is_business_day(day):
            skipped.append((day, cal.reason(day)))
            day += timedelta(days=1)
    return day


def _ordinal(n: int) -> str:
    return {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth"}.get(n, f"{n}th")


def _off(cal, day: date) -> str:
    reason = cal.reason(day)
    return "a weekend day" if reason == "weekend" else f"a holiday ({reason})"


def late_days(counted: Counted, moment: datetime) -> int:
    """Whole days after the period's last day on which the act came (0 if in time)."""
    local = moment.astimezone(counted.ends_at.tzinfo)
    if local <= counted.ends_at:
        return 0
    return max((local.date() - counted.last_day).days, 1)


def statutory_deadline(trigger: datetime, deadline: str, counting: Counting | None,
                       calendar: str | None, zone: str | None) -> Deadline:
    """A statute's deadline: elapsed hours as they run; days, business days and months by the
    regime's counting convention where it has one, else on the trigger's wall clock."""
    duration = Duration.parse(deadline)
    if counting is None or duration.is_elapsed:
        return compute_deadline(trigger, duration, calendar, zone)
    counted = count(trigger, duration, counting, calendar,
                    zone or getattr(trigger.tzinfo, "key", None) or "UTC")
    local = trigger.astimezone(counted.ends_at.tzinfo)
    sentence = f"{duration.words()} after {fmt_time(local)}: {counted.words}"
    return Deadline(trigger=trigger, duration=duration, deadline=counted.ends_at, skipped=(),
                    sentence=sentence, calendar=calendar if duration.unit == "business_days"
                    else None, zone=str(counted.ends_at.tzinfo), last_day=counted.last_day,
                    kind=counting.kind)
