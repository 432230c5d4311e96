"""Field types shared by the case model: zoned timestamps, durations, money, party roles."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal, Optional
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AfterValidator, BeforeValidator, Field, PlainSerializer, ValidationInfo

from facts.durations import Duration, DurationError

Party = Literal["provider", "client"]
Responsible = Literal["provider", "client", "shared"]
NEVER_WORDS = ("never",)   # an event that did not happen (null, as version 1 files wrote it, too)
# The years a case's moments and days may fall in. Far outside them a deadline or window computed
# from the moment leaves the calendar Python can count (year 9999 plus a day overflows), and no
# incident, contract or notice of a real case lies there.
EARLIEST_YEAR, LATEST_YEAR = 1900, 2199


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown time zone {name!r}; expected an IANA name like "
                         f"'America/New_York'") from exc


def parse_timestamp(value: object, default_zone: str | None = None) -> datetime:
    """A zoned instant from ISO text; `default_zone` completes text written without an offset."""
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            raise ValueError(f"expected a timestamp like '2025-03-04T09:15:00-05:00', "
                             f"got {value!r}") from None
    else:
        raise ValueError(f"expected a timestamp like '2025-03-04T09:15:00-05:00', got {value!r}")
    if parsed.tzinfo is None:
        if not default_zone:
            raise ValueError(f"timestamp {value!r} has no time zone; add an offset "
                             f"(e.g. '-05:00') or set a top-level 'timezone:'")
        parsed = parsed.replace(tzinfo=zone(default_zone))
    return _in_range(parsed, value)


def _in_range(moment: date, written: object) -> date:
    if not EARLIEST_YEAR <= moment.year <= LATEST_YEAR:
        shown = written if isinstance(written, str) else moment.isoformat()
        raise ValueError(f"{shown!r} lies outside the years {EARLIEST_YEAR}-{LATEST_YEAR}; "
                         f"expected a date of the case")
    return moment


def _day_in_range(day: date | None) -> date | None:
    return day if day is None else _in_range(day, day)


def _parse_timestamp(value: object, info: ValidationInfo) -> datetime:
    # The case file's own zone (case.timezone) completes timestamps written without one; a
    # timestamp with neither is refused, because a deadline computed from it would be a guess.
    return parse_timestamp(value, (info.context or {}).get("timezone"))


def _parse_duration(value: object) -> Duration:
    try:
        return Duration.parse(value)
    except DurationError as exc:
        raise ValueError(str(exc)) from None


def _parse_money(value: object) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, float, str, Decimal)):
        raise ValueError(f"expected an amount like 250000, got {value!r}")
    try:
        amount = Decimal(str(value).replace(",", "").replace("_", ""))
    except ArithmeticError:
        raise ValueError(f"expected an amount like 250000, got {value!r}") from None
    if not amount.is_finite() or amount < 0:
        raise ValueError(f"expected a non-negative amount, got {value!r}")
    if amount > Decimal("1e13"):
        raise ValueError(f"amount {value!r} is implausibly large (over 10 trillion)")
    return amount


def _parse_event(value: object, info: ValidationInfo) -> datetime | None:
    # 'never' (or null) is an established fact: the event did not happen. Unknown is not never.
    if value is None or (isinstance(value, str) and value.strip().lower() in NEVER_WORDS):
        return None
    return _parse_timestamp(value, info)


def _parse_event_day(value: object) -> object:
    if value is None or (isinstance(value, str) and value.strip().lower() in NEVER_WORDS):
        return None
    return value


Timestamp = Annotated[datetime, BeforeValidator(_parse_timestamp),
                      PlainSerializer(lambda v: v.isoformat(), return_type=str, when_used="json")]
DurationField = Annotated[Duration, BeforeValidator(_parse_duration),
                          PlainSerializer(str, return_type=str, when_used="json")]
Money = Annotated[Decimal, BeforeValidator(_parse_money),
                  PlainSerializer(lambda v: str(v), return_type=str, when_used="json")]
Day = Annotated[date, AfterValidator(_day_in_range),
                PlainSerializer(lambda v: v.isoformat(), return_type=str, when_used="json")]
# A moment at which something happened, or `never` (None): it did not happen.
Event = Annotated[Optional[datetime], BeforeValidator(_parse_event),
                  PlainSerializer(lambda v: v.isoformat() if v else None, when_used="json")]
EventDay = Annotated[Optional[date], BeforeValidator(_parse_event_day),
                     AfterValidator(_day_in_range),
                     PlainSerializer(lambda v: v.isoformat() if v else None, when_used="json")]
Count = Annotated[int, Field(ge=0, le=10_000_000_000)]
