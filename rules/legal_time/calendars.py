"""Business-day calendars per jurisdiction, and the date formats every legal-time sentence uses.

Which days a business-day clock skips is a legal choice, not a technicality: the calendar for each
jurisdiction id is chosen here once, so every deadline in the product counts the same way.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import holidays

# The EU has no public-holiday calendar of its own; EU-wide clocks skip the TARGET2 closing days the
# European Central Bank publishes (New Year, Good Friday, Easter Monday, 1 May, 25-26 December).
_EU_FINANCIAL_CALENDAR = "ECB"
# `UK` means England and Wales (the bank holidays most UK contracts and regulators count);
# Scotland and Northern Ireland are available by their own ids.
_UK_SUBDIVISIONS = {"UK": "ENG", "GB": "ENG", "GB-ENG": "ENG", "GB-WLS": "WLS",
                    "GB-SCT": "SCT", "GB-NIR": "NIR"}
WEEKEND_NAME = "weekend"


class UnknownCalendar(ValueError):
    """A jurisdiction id the holiday calendars do not know."""


# A statute's own list of holidays, where it differs from the holiday library's calendar of the
# same state: New York's General Construction Law § 24 names the public holidays § 25-a rolls a last
# day past. It moves a holiday falling on a Sunday to the Monday but not one falling on a Saturday,
# and Susan B. Anthony Day (a commemoration in the library's New York calendar) is not among them.
# Colorado's C.R.S. § 24-11-101 lists the legal holidays § 2-4-108 rolls a last day past: a holiday on
# a Sunday moves to the Monday, none on a Saturday moves to the Friday, and Cesar Chavez Day (in the
# library's Colorado calendar) is a commemorative day, not among them.
# Tennessee's T.C.A. § 15-1-101 keeps Columbus Day (which the library's Tennessee calendar lacks, so
# the federal calendar is joined to it), has no Juneteenth, and moves a Saturday holiday to the Friday
# and a Sunday one to the Monday. Each entry: (base calendar, holiday names that are not the
# statute's, whether a Saturday holiday stays unmoved, a calendar whose days are added).
_STATUTORY_CALENDARS = {
    "US-NY-GCL": ("US-NY", frozenset({"Susan B. Anthony Day"}), True, None),
    "US-CO-CRS": ("US-CO", frozenset({"Cesar Chavez Day"}), True, None),
    # Ohio's R.C. 1.14 names its legal holidays; one on a Saturday is not moved to the Friday
    # (the statute keeps Saturday as a day for acting).
    "US-OH-RC": ("US-OH", frozenset(), True, None),
    "US-TN-TCA": ("US-TN", frozenset({"Juneteenth National Independence Day",
                                      "Juneteenth National Independence Day (observed)"}),
                  False, "US"),
}


@dataclass(frozen=True)
class BusinessCalendar:
    """Business days of one jurisdiction: weekdays that are not (observed) public holidays."""
    id: str
    _holidays: holidays.HolidayBase
    _not_holidays: frozenset = frozenset()
    _saturday_not_observed: bool = False

    def _names(self, day: date) -> list[str]:
        names = [n for n in self._holidays.get_list(day) if n not in self._not_holidays]
        if self._saturday_not_observed and day.weekday() == 4:
            names = [n for n in names if not n.endswith("(observed)")]
        return names

    def is_business_day(self, day: date) -> bool:
        return day.weekday() not in self._holidays.weekend and not self._names(day)

    def is_open_on_saturday(self, day: date) -> bool:
        """A day that is neither a Sunday nor a holiday: for statutes that roll a last day past a
        Sunday or holiday but keep a Saturday (Ohio R.C. 1.14)."""
        return day.weekday() != 6 and not self._names(day)

    def reason(self, day: date) -> str:
        """Why a day is skipped: the holiday's name, else 'weekend'."""
        return "; ".join(self._names(day)) or WEEKEND_NAME

    def next_business_day(self, day: date) -> date:
        day += timedelta(days=1)
        while not self.is_business_day(day):
            day += timedelta(days=1)
        return day


def calendar_known(calendar: str) -> bool:
    """Whether a jurisdiction id has a holiday calendar, without loading that calendar (loading
    every profile's calendar at start-up would cost more than the rest of start-up together)."""
    from holidays.registry import COUNTRIES
    cid = calendar.strip().upper()
    if cid == "EU" or cid in _UK_SUBDIVISIONS or cid in _STATUTORY_CALENDARS:
        return True
    country = cid.partition("-")[0]
    return any(country in codes[1:] for codes in COUNTRIES.values())


@lru_cache(maxsize=None)
def business_calendar(calendar: str | None) -> BusinessCalendar:
    """The calendar for a jurisdiction id (`US`, `US-NY`, `UK`, `EU`, `DE`...); None = weekends only."""
    import holidays   # loaded on first use: most runs never count a business day
    if calendar is None:
        return BusinessCalendar("weekends", holidays.HolidayBase())
    cid = calendar.strip().upper()
    if cid in _STATUTORY_CALENDARS:
        base, not_holidays, saturday_not_observed, joined = _STATUTORY_CALENDARS[cid]
        days = business_calendar(base)._holidays
        if joined:
            days = days + business_calendar(joined)._holidays
        return BusinessCalendar(cid, days, not_holidays, saturday_not_observed)
    try:
        if cid == "EU":
            found = holidays.financial_holidays(_EU_FINANCIAL_CALENDAR)
        elif cid in _UK_SUBDIVISIONS:
            found = holidays.country_holidays("GB", subdiv=_UK_SUBDIVISIONS[cid])
        else:
            country, _, subdiv = cid.partition("-")
            found = holidays.country_holidays(country, subdiv=subdiv or None)
    except NotImplementedError as exc:
        raise UnknownCalendar(f"no holiday calendar for jurisdiction {calendar!r}: {exc}; expected "
                              f"an ISO 3166 id such as US, US-NY, UK, EU, DE, AU, CA, SG") from None
    return BusinessCalendar(cid, found)


def fmt_time(moment: datetime) -> str:
    """'Wed 2025-11-26 16:00 EST' — the form every sentence uses (facts/formatting.py)."""
    from facts.formatting import timestamp
    return timestamp(moment)


def fmt_day(day: date) -> str:
    return day.strftime("%a %Y-%m-%d")


def join_words(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
