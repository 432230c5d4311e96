"""Legal clocks: when a deadline falls, and whether an act met it, with the arithmetic in words.

A notice deadline is only persuasive if a reader can redo the count, so every result carries a
sentence that names the trigger, the unit, the days skipped and the result. Nothing here reads the
clock: the same inputs always give the same deadline (policies: docs/legal-time.md).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta

from facts.durations import Duration, format_timedelta
from rules.legal_time.calendars import (WEEKEND_NAME, BusinessCalendar, UnknownCalendar,
                                        business_calendar, fmt_day, fmt_time, join_words)

__all__ = ["Deadline", "Timeliness", "UnknownCalendar", "assess", "compute_deadline"]


@dataclass(frozen=True)
class Deadline:
    trigger: datetime
    duration: Duration
    deadline: datetime
    skipped: tuple[tuple[date, str], ...]
    sentence: str
    calendar: str | None = None
    zone: str = "UTC"
    last_day: date | None = None        # set where a counting convention decided the last day
    kind: str = "limit"                 # limit | reasonable_steps


def _require_aware(moment: datetime, what: str) -> None:
    if not isinstance(moment, datetime) or moment.utcoffset() is None:
        raise ValueError(f"{what} must be a datetime with a time zone, got {moment!r}")


def _zone(trigger: datetime, zone: str | None) -> tuple[tzinfo, str]:
    if zone:
        return ZoneInfo(zone), zone
    tz = trigger.tzinfo
    return tz, getattr(tz, "key", None) or str(tz)


def _at_wall_clock(wall: datetime, tz: tzinfo) -> datetime:
    """Attach a zone to a wall-clock time. A time inside a spring-forward gap moves forward by the
    gap; a time repeated in autumn takes its first occurrence (the earlier, stricter deadline)."""
    return wall.replace(tzinfo=tz, fold=0).astimezone(timezone.utc).astimezone(tz)


def _step_business_days(cal: BusinessCalendar, start: date, count: int,
                        skipped: list[tuple[date, str]]) -> date:
    day = start
    for _ in range(count):
        day += timedelta(days=1)
        while not cal.is_business_day(day):
            skipped.append((day, cal.reason(day)))
            day += timedelta(days=1)
    return day


def _dates_between(first: date, end: date) -> list[date]:
    """The days from `first` up to, not including, `end`."""
    return [first + timedelta(days=n) for n in range((end - first).days)]


def _skipping_words(skipped: list[tuple[date, str]]) -> str:
    """'Thanksgiving Day (Thu 2025-11-27) and the weekend (Sat 2025-11-29–Sun 2025-11-30)'."""
    parts: list[str] = []
    weekend_runs: list[list[date]] = []
    for day, name in skipped:
        if name != WEEKEND_NAME:
            parts.append(f"{name} ({fmt_day(day)})")
        elif weekend_runs and (day - weekend_runs[-1][-1]).days == 1:
            weekend_runs[-1].append(day)
        else:
            weekend_runs.append([day])
    runs = [fmt_day(r[0]) if len(r) == 1 else f"{fmt_day(r[0])}–{fmt_day(r[-1])}"
            for r in weekend_runs]
    if runs:
        label = "the weekend" if len(runs) == 1 else "the weekends"
        parts.append(f"{label} ({'; '.join(runs)})")
    return join_words(parts)


def compute_deadline(trigger: datetime, duration: Duration | str, calendar: str | None = None,
                     zone: str | None = None) -> Deadline:
    """The deadline `duration` after `trigger`, counted on `zone`'s wall clock (default: the
    trigger's own zone) and, for business days, `calendar`'s holidays."""
    _require_aware(trigger, "trigger")
    duration = Duration.parse(duration)
    tz, zone_name = _zone(trigger, zone)
    local = trigger.astimezone(tz)
    wall = local.replace(tzinfo=None)
    skipped: list[tuple[date, str]] = []
    prefix = f"{duration.words()} after {fmt_time(local)}"
    notes: list[str] = []
    if duration.is_elapsed:
        result = (trigger.astimezone(timezone.utc) + duration.as_timedelta()).astimezone(tz)
        if result.utcoffset() != local.utcoffset():
            notes.append(f"elapsed time: the clock changed from {local.tzname()} to "
                         f"{result.tzname()} in between")
    elif duration.unit in ("days", "weeks"):
        per_unit = 7 if duration.unit == "weeks" else 1
        target = wall + timedelta(days=duration.amount * per_unit)
        result = _at_wall_clock(target, tz)
        if result.utcoffset() != local.utcoffset() and result.replace(tzinfo=None) == target:
            notes.append("calendar days keep the wall-clock time across the daylight-saving change")
    elif duration.unit == "months":
        target = wall + relativedelta(months=duration.amount)
        result = _at_wall_clock(target, tz)
        if target.day != local.day:
            notes.append(f"that month has no day {local.day}, so the deadline is its last day")
    else:
        cal = business_calendar(calendar)
        start, clock_time = local.date(), local.time()
        if not cal.is_business_day(start):
            skipped.append((start, cal.reason(start)))
            start = _step_business_days(cal, start, 1, skipped)
            clock_time = time(0, 0)
            prefix += (f", counting from the start of {fmt_day(start)} because "
                       f"{fmt_day(local.date())} is not a business day")
        end = _step_business_days(cal, start, duration.amount, skipped)
        target = datetime.combine(end, clock_time)
        result = _at_wall_clock(target, tz)
        if skipped:
            prefix += f", skipping {_skipping_words(skipped)},"
        if clock_time == time(0, 0) and duration.amount:
            last_counted = max(d for d in _dates_between(start, end) if cal.is_business_day(d))
            notes.append(f"that is, by the end of {fmt_day(last_counted)}")
    if not duration.is_elapsed and result.replace(tzinfo=None) != target:
        notes.append(f"{target:%H:%M} does not exist that day because the clocks went forward, "
                     f"so the deadline moves to {result:%H:%M}")
    note = f" ({'; '.join(notes)})" if notes else ""
    sentence = f"{prefix} is {fmt_time(result)}{note}"
    return Deadline(trigger=trigger, duration=duration, deadline=result, skipped=tuple(skipped),
                    sentence=sentence, calendar=calendar if duration.unit == "business_days" else None,
                    zone=zone_name)


@dataclass(frozen=True)
class Timeliness:
    """Whether an act met a deadline. `status` is on_time | late | overdue (not done, past the
    deadline at `as_of`) | pending (not done, deadline still ahead) | unknown (nothing recorded and
    no `as_of`). `on_time` is True/False for the first three and None for the last two."""
    deadline: Deadline
    actual: datetime | None
    as_of: datetime | None
    status: str
    on_time: bool | None
    late_by: timedelta | None
    margin: timedelta | None
    late_business_days: int | None
    sentence: str
    late_days: int | None = None       # whole days after the last day, for day-based periods


def _business_days_late(deadline: Deadline, moment: datetime) -> int:
    """The fewest business days the deadline would have had to move for `moment` to meet it."""
    cal = business_calendar(deadline.calendar)
    tz = deadline.deadline.tzinfo
    wall = deadline.deadline.replace(tzinfo=None)
    day, late = wall.date(), 0
    moment = moment.astimezone(timezone.utc)
    while moment > _at_wall_clock(datetime.combine(day, wall.time()), tz).astimezone(timezone.utc):
        day, late = cal.next_business_day(day), late + 1
    return late


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def assess(deadline: Deadline, actual: datetime | None, *, as_of: datetime | None = None,
           done: str = "done") -> Timeliness:
    """Judge `actual` (when the act happened, or None) against `deadline`. `as_of` says how far the
    record reaches when nothing happened; `done` words the act ('the 8-K was filed')."""
    due, tz = deadline.deadline, deadline.deadline.tzinfo
    business = deadline.duration.unit == "business_days"
    moment = actual if actual is not None else as_of
    if moment is None:
        return Timeliness(deadline, None, None, "unknown", None, None, None, None,
                          f"nothing is recorded; the deadline is {fmt_time(due)}")
    _require_aware(moment, "actual" if actual is not None else "as_of")
    shown = fmt_time(moment.astimezone(tz))
    # Compare in UTC: Python subtracts datetimes sharing a tzinfo by wall clock, ignoring DST.
    moment_utc = moment.astimezone(timezone.utc)
    margin = due.astimezone(timezone.utc) - moment_utc
    late_by = max(-margin, timedelta(0))
    late = margin < timedelta(0)
    late_days = _business_days_late(deadline, moment) if business else None
    calendar_days = None
    if late and deadline.last_day is not None and not business:
        calendar_days = max((moment.astimezone(tz).date() - deadline.last_day).days, 1)
    if late and calendar_days is not None:
        how_late = f"{_plural(calendar_days, 'day')} late (the period ended {fmt_time(due)})"
    elif late:
        how_late = (f"{_plural(late_days, 'business day')} late ({format_timedelta(late_by)} after "
                    f"the deadline, {fmt_time(due)})" if business else
                    f"{format_timedelta(late_by)} late (the deadline was {fmt_time(due)})")
    if actual is not None:
        status = "late" if late else "on_time"
        if late:
            sentence = f"{done} {shown}, {how_late}"
        elif margin:
            sentence = (f"{done} {shown}, {format_timedelta(margin)} before the deadline "
                        f"({fmt_time(due)})")
        else:
            sentence = f"{done} {shown}, exactly at the deadline"
    elif late:
        status = "overdue"
        sentence = f"not done as of {shown}, already {how_late}"
    else:
        status = "pending"
        sentence = (f"not done as of {shown}; {format_timedelta(margin)} remain before the deadline "
                    f"({fmt_time(due)})")
    on_time = {"on_time": True, "late": False, "overdue": False}.get(status)
    return Timeliness(deadline, actual, as_of, status, on_time, late_by, margin, late_days, sentence,
                      calendar_days)
