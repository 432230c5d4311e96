"""Jurisdiction profiles: one regime's notice duties, when it reaches a case, its calendar and its
recipients (the duties themselves are in duties.py).

Deadlines are law, not code, so they live in rules/data/jurisdictions/*.yaml (one file per regime)
and this module only validates, loads and evaluates them. A profile says when it applies in a small
declarative language (conditions.py) the rules evaluate against the case's statuses, resident
counts and applicability facts.
"""
from __future__ import annotations

import difflib
from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from typing import Optional
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, ValidationError, field_validator, model_validator

from rules.authorities import parse_data_cite
from rules.legal_time.conditions import validate as validate_condition
from rules.legal_time.counting import Counting, statutory_deadline
from rules.legal_time.datafiles import DATA_DIR, DataFileError, load_yaml
from rules.legal_time.duties import (SHARED_NAMES, SHARED_RECIPIENTS, Duty, Status,  # noqa: F401
                                     Threshold, _check_versions, _checked_cites, _Strict,
                                     fmt_date)

PROFILE_DIR = DATA_DIR / "jurisdictions"


class UnknownRegime(KeyError):
    """No profile has this id; carries the closest id as `suggestion`."""

    def __init__(self, regime_id: str, known: Iterable[str], what: str = "regime"):
        close = difflib.get_close_matches(str(regime_id), sorted(known), n=1, cutoff=0.5)
        self.regime_id, self.suggestion = regime_id, (close[0] if close else None)
        hint = f" (did you mean '{self.suggestion}'?)" if self.suggestion else ""
        super().__init__(f"unknown {what} {regime_id!r}{hint}; known: {', '.join(sorted(known))}")

    def __str__(self) -> str:
        return str(self.args[0])


class Profile(_Strict):
    id: str = Field(pattern=r"^[a-z]{2}(-[a-z0-9]+)+$")
    name: str
    jurisdiction: str
    status: Status
    authorities: list[str] = Field(min_length=1)
    applies_when: dict = Field(description="when the regime reaches a case at all")
    applies_if: Optional[dict] = Field(None, description="a condition every duty needs")
    unless: Optional[dict] = Field(None, description="an exception that excuses every duty")
    calendar: str
    zone_hint: Optional[str] = None
    recipients: dict[str, str] = Field({}, description="recipient id -> who it is, in words")
    counting: Optional[Counting] = Field(None, description="how the regime counts day periods")
    note: Optional[str] = None
    duties: list[Duty] = Field(min_length=1)

    @field_validator("authorities")
    @classmethod
    def _check_cites(cls, value: list[str]) -> list[str]:
        return _checked_cites(value)

    @property
    def citations(self) -> list[str]:
        """The profile's authorities as a sentence cites them."""
        return [parse_data_cite(text).text() for text in self.authorities]

    @field_validator("applies_when")
    @classmethod
    def _check_condition(cls, value: dict) -> dict:
        validate_condition(value, "applies_when")
        return value

    @field_validator("applies_if", "unless")
    @classmethod
    def _check_conditions(cls, value: dict | None, info) -> dict | None:
        if value is not None:
            validate_condition(value, info.field_name)
        return value

    # Whether the holiday library knows `calendar` is checked by the tests for every shipped
    # profile (tests/legal_time), not here: asking would import the whole holiday library on
    # every start, and most runs never count a business day.

    @field_validator("zone_hint")
    @classmethod
    def _check_zone(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                ZoneInfo(value)
            except (ZoneInfoNotFoundError, ValueError):
                raise ValueError(f"unknown IANA time zone {value!r}") from None
        return value

    @model_validator(mode="after")
    def _check_duties(self) -> "Profile":
        ids = self.duty_ids()
        for duty in self.duties:
            if duty.after_duty is not None and duty.after_duty not in ids:
                raise ValueError(f"duty {duty.id}: after_duty {duty.after_duty!r} is not a duty")
        for duty_id in ids:
            _check_versions(self.versions(duty_id))
        for duty in self.duties:
            if duty.to is not None and not duty.recipient_ids:
                raise ValueError(f"duty {duty.id}: a notice to {duty.to} names its recipient "
                                 f"(one of recipients: {', '.join(self.recipients) or 'none'})")
            unknown = [r for r in duty.recipient_ids
                       if r not in self.recipients and r not in SHARED_NAMES]
            if unknown:
                raise ValueError(f"duty {duty.id}: recipient {unknown[0]!r} is not in the "
                                 f"profile's recipients")
        return self

    def counting_for(self, duty: Duty) -> Counting | None:
        return duty.counting or self.counting

    def deadline_of(self, duty: Duty, trigger):
        """The duty's deadline from `trigger`, counted by the regime's convention."""
        return statutory_deadline(trigger, duty.deadline, self.counting_for(duty), self.calendar,
                                  self.zone_hint)

    def recipient_name(self, recipient_id: str) -> str:
        return self.recipients.get(recipient_id) or SHARED_NAMES.get(recipient_id, recipient_id)

    def recipients_for(self, to: str) -> tuple[str, ...]:
        """Who a notice to `to` under this regime reached, where it names no recipient: the
        recipients of the regime's duties to `to` (or the shared identity)."""
        found = [r for d in self.duties if d.to == to for r in d.recipient_ids]
        if not found and to in SHARED_RECIPIENTS:
            found = [SHARED_RECIPIENTS[to]]
        return tuple(dict.fromkeys(found))

    def duty_ids(self) -> list[str]:
        """Each duty once, in file order (a duty the law changed has several dated versions)."""
        return list(dict.fromkeys(duty.id for duty in self.duties))

    def versions(self, duty_id: str) -> list[Duty]:
        """Every version of a duty, oldest first."""
        found = [d for d in self.duties if d.id == duty_id]
        if not found:
            raise UnknownRegime(duty_id, self.duty_ids(), what=f"duty of {self.id}")
        return sorted(found, key=lambda d: d.effective_from or date.max)

    def duty(self, duty_id: str) -> Duty:
        """The duty as the law now stands (its latest version)."""
        return self.versions(duty_id)[-1]

    def duty_on(self, duty_id: str, day: date) -> Duty | None:
        """The version of the duty in force on `day`, or None where the law then had none."""
        return next((d for d in self.versions(duty_id) if d.in_force_on(day)), None)

    @property
    def effective_from(self) -> date | None:
        days = [d.effective_from for d in self.duties if d.effective_from is not None]
        return min(days) if days else None

    @property
    def changed_on(self) -> list[date]:
        """The days a duty of this profile took a new form (after its first version)."""
        firsts = {d.id: self.versions(d.id)[0].effective_from for d in self.duties}
        return sorted({d.effective_from for d in self.duties
                       if d.effective_from is not None and d.effective_from != firsts[d.id]})


@lru_cache(maxsize=1)
def _load_all() -> tuple[Profile, ...]:
    profiles = []
    for path in sorted(PROFILE_DIR.glob("*.yaml")):
        try:
            profile = Profile.model_validate(load_yaml(path))
        except ValidationError as exc:
            raise DataFileError(f"{path}: {exc}") from None
        if profile.id != path.stem:
            raise DataFileError(f"{path}: id {profile.id!r} must match the file name")
        profiles.append(profile)
    return tuple(profiles)


def load_profiles() -> dict[str, Profile]:
    """Every profile by id, sorted by id; files are read and validated once per process."""
    return {profile.id: profile for profile in _load_all()}


def get_profile(regime_id: str) -> Profile:
    profiles = load_profiles()
    if regime_id not in profiles:
        raise UnknownRegime(regime_id, profiles)
    return profiles[regime_id]
