"""Durations as people write them in contracts and statutes: `30s`, `15m`, `4h`, `30d`, `2w`,
`1mo`, `4 business days` (or `4bd`).

A duration keeps its unit, because the unit decides how a clock runs: hours are elapsed time (they
cross a daylight-saving change without gaining or losing an hour), days and months are calendar
steps in the clock's own zone, business days skip weekends and the jurisdiction's holidays.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

UNITS = ("seconds", "minutes", "hours", "days", "weeks", "months", "business_days")

_UNIT_WORDS = {
    "s": "seconds", "sec": "seconds", "secs": "seconds", "second": "seconds", "seconds": "seconds",
    "m": "minutes", "min": "minutes", "mins": "minutes", "minute": "minutes", "minutes": "minutes",
    "h": "hours", "hr": "hours", "hrs": "hours", "hour": "hours", "hours": "hours",
    "d": "days", "day": "days", "days": "days", "calendar day": "days", "calendar days": "days",
    "w": "weeks", "wk": "weeks", "week": "weeks", "weeks": "weeks",
    "mo": "months", "month": "months", "months": "months",
    "bd": "business_days", "business day": "business_days", "business days": "business_days",
}
_SHORT = {"seconds": "s", "minutes": "m", "hours": "h", "days": "d", "weeks": "w", "months": "mo"}
_PATTERN = re.compile(r"^\s*(\d+)\s*([a-z][a-z ]*?)\s*$")
_ELAPSED_SECONDS = {"seconds": 1, "minutes": 60, "hours": 3600}
# No contractual window or statutory period runs longer; a longer one would carry a deadline past
# the calendar Python can count (and a business-day clock would step through every day of it).
MAX_YEARS = 10


class DurationError(ValueError):
    """The text is not a duration this module understands."""


@dataclass(frozen=True, order=True)
class Duration:
    amount: int
    unit: str

    @classmethod
    def parse(cls, text: object) -> "Duration":
        if isinstance(text, Duration):
            return text
        if isinstance(text, bool) or not isinstance(text, str):
            raise DurationError(f"expected a duration like '1h', got {text!r}")
        match = _PATTERN.match(text.lower())
        unit = _UNIT_WORDS.get(match.group(2)) if match else None
        if unit is None:
            raise DurationError(
                f"expected a duration like '1h', '30d' or '4 business days', got {text!r}")
        digits = match.group(1)
        # (the digit count first: Python will not even convert a number of 4,300 digits)
        if len(digits) > 9 or cls(int(digits), unit).approx_hours() > MAX_YEARS * 366 * 24:
            raise DurationError(f"duration {text!r} is longer than {MAX_YEARS} years; expected a "
                                f"window such as '4h', '30d' or '12mo'")
        return cls(int(digits), unit)

    @property
    def is_elapsed(self) -> bool:
        """True for clocks that count elapsed time (seconds, minutes, hours)."""
        return self.unit in _ELAPSED_SECONDS

    def as_timedelta(self) -> timedelta:
        """Elapsed length; defined only for second, minute and hour clocks."""
        if not self.is_elapsed:
            raise DurationError(f"{self} is a calendar duration, not an elapsed time")
        return timedelta(seconds=self.amount * _ELAPSED_SECONDS[self.unit])

    def approx_hours(self) -> float:
        """A rough length in hours, for ranking and perturbation only, never for deadlines."""
        per_unit = {"seconds": 1 / 3600, "minutes": 1 / 60, "hours": 1, "days": 24, "weeks": 168,
                    "months": 730, "business_days": 24 * 7 / 5}
        return self.amount * per_unit[self.unit]

    def __str__(self) -> str:
        if self.unit == "business_days":
            return f"{self.amount} business day{'s' if self.amount != 1 else ''}"
        return f"{self.amount}{_SHORT[self.unit]}"

    def words(self) -> str:
        """Plain English, for narratives: '1 hour', '4 business days'."""
        name = self.unit.replace("_", " ")
        if self.amount == 1:
            name = name[:-1]
        return f"{self.amount} {name}"


def format_timedelta(delta: timedelta) -> str:
    """How late or early something was, in words: '2 days, 3 hours and 5 minutes'
    (facts/formatting.py, so every output writes lengths one way)."""
    from facts.formatting import elapsed
    return elapsed(delta)
