"""Jurisdiction profiles: who must tell whom, by when, from which trigger, under which regime.

Deadlines are law, not code, so they live in rules/data/jurisdictions/*.yaml (one file per regime)
and this module only validates, loads and evaluates them. A profile says when it applies in a small
declarative language the rules can evaluate against the case's statuses and resident counts.
"""
from __future__ import annotations

import difflib
from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from typing import Literal, Optional
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from facts.durations import Duration
from rules.authorities import Citation, check_citation, citations_text, parse_data_cite
from rules.legal_time.conditions import validate as validate_condition
from rules.legal_time.datafiles import DATA_DIR, DataFileError, load_yaml

PROFILE_DIR = DATA_DIR / "jurisdictions"

Who = Literal["controller", "processor", "covered_entity", "business_associate", "registrant",
              "entity", "third_party_agent", "data_intermediary"]
To = Literal["regulator", "individuals", "attorney_general", "controller", "covered_entity",
             "client", "media", "sec", "owner", "organisation"]
Trigger = Literal["awareness", "discovery", "determination", "assessment", "classification",
                  "previous_notice", "ransom_payment"]
Status = Literal["in_force", "pending", "verify"]

# Whose duty it is in a provider/client case, where the statute's role settles it; an `entity`
# (NIS2, DORA, state statutes) may be either party, so the profile says so or leaves it open.
DEFAULT_PARTY_ROLE = {"controller": "client", "processor": "provider", "covered_entity": "client",
                      "business_associate": "provider", "registrant": "client",
                      "third_party_agent": "provider", "data_intermediary": "provider"}


def _checked_cites(texts: list[str]) -> list[str]:
    """Each 'KEY PINPOINT' must name an entry of the table of authorities and a pinpoint it records."""
    problems = [p for text in texts for p in check_citation(parse_data_cite(text))]
    if problems:
        raise ValueError("; ".join(problems))
    return texts


class UnknownRegime(KeyError):
    """No profile has this id; carries the closest id as `suggestion`."""

    def __init__(self, regime_id: str, known: Iterable[str], what: str = "regime"):
        close = difflib.get_close_matches(str(regime_id), sorted(known), n=1, cutoff=0.5)
        self.regime_id, self.suggestion = regime_id, (close[0] if close else None)
        hint = f" (did you mean '{self.suggestion}'?)" if self.suggestion else ""
        super().__init__(f"unknown {what} {regime_id!r}{hint}; known: {', '.join(sorted(known))}")

    def __str__(self) -> str:
        return str(self.args[0])


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Threshold(_Strict):
    count: int = Field(ge=0)
    comparison: Literal["at_least", "more_than", "fewer_than"]
    of: Literal["individuals", "residents", "residents_of_a_state"]
    jurisdiction: Optional[str] = None

    def met(self, count: int) -> bool:
        return {"at_least": count >= self.count, "more_than": count > self.count,
                "fewer_than": count < self.count}[self.comparison]


class Duty(_Strict):
    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    who: Who
    party_role: Optional[Literal["provider", "client"]] = None
    to: Optional[To] = None
    trigger: Trigger
    after_duty: Optional[str] = None
    deadline: Optional[str] = None
    standard: Optional[str] = None
    threshold: Optional[Threshold] = None
    authority: list[str] = Field(min_length=1, description="entries of the table of authorities, "
                                                           "each 'KEY PINPOINT'")
    status: Status
    effective_from: Optional[date] = Field(None, description="first day this version is in force "
                                                             "(null only for pending law)")
    effective_to: Optional[date] = Field(None, description="last day in force, where replaced")
    applies_if: Optional[dict] = Field(None, description="what must be shown for the duty to be "
                                                         "triggered (a threshold of the statute)")
    unless: Optional[dict] = Field(None, description="what, if shown, excuses the duty (an "
                                                     "exception of the statute)")
    imputed_knowledge: bool = False
    note: Optional[str] = None

    @model_validator(mode="before")
    @classmethod
    def _default_role(cls, data: object) -> object:
        if isinstance(data, dict) and "party_role" not in data:
            data = {**data, "party_role": DEFAULT_PARTY_ROLE.get(data.get("who"))}
        return data

    @model_validator(mode="after")
    def _check(self) -> "Duty":
        if self.deadline is None and not self.standard:
            raise ValueError(f"duty {self.id}: give a deadline or a standard")
        if self.deadline is not None:
            Duration.parse(self.deadline)
        if (self.trigger == "previous_notice") != (self.after_duty is not None):
            raise ValueError(f"duty {self.id}: trigger previous_notice goes with after_duty")
        if self.effective_from is None and self.status != "pending":
            raise ValueError(f"duty {self.id}: effective_from is required for law in force")
        if (self.effective_to is not None and self.effective_from is not None
                and self.effective_to < self.effective_from):
            raise ValueError(f"duty {self.id}: effective_to is before effective_from")
        return self

    def in_force_on(self, day: date) -> bool:
        """Whether this version of the duty is the law on `day`."""
        return (self.status != "pending" and self.effective_from is not None
                and self.effective_from <= day
                and (self.effective_to is None or day <= self.effective_to))

    @property
    def period(self) -> str:
        """'from 1 Jan 2026', 'from 1 Jul 2003 to 31 Dec 2025', 'pending'."""
        if self.effective_from is None:
            return "pending"
        start = f"from {fmt_date(self.effective_from)}"
        return f"{start} to {fmt_date(self.effective_to)}" if self.effective_to else start

    @field_validator("authority")
    @classmethod
    def _check_cites(cls, value: list[str]) -> list[str]:
        return _checked_cites(value)

    @field_validator("applies_if", "unless")
    @classmethod
    def _check_conditions(cls, value: dict | None, info) -> dict | None:
        if value is not None:
            validate_condition(value, f"duty.{info.field_name}")
        return value

    @property
    def citations(self) -> tuple[Citation, ...]:
        return tuple(parse_data_cite(text) for text in self.authority)

    @property
    def citation(self) -> str:
        """The duty's authority as a sentence cites it ('45 CFR 164.404(b)')."""
        return citations_text(self.citations)

    @property
    def duration(self) -> Duration | None:
        return Duration.parse(self.deadline) if self.deadline is not None else None


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
        return self

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


_SAME_ACROSS_VERSIONS = ("who", "party_role", "to", "trigger", "after_duty")


def _check_versions(versions: list[Duty]) -> None:
    """Versions of one duty are the same duty (who owes whom, from which trigger) over periods
    that do not overlap."""
    first = versions[0]
    for later in versions[1:]:
        for name in _SAME_ACROSS_VERSIONS:
            if getattr(later, name) != getattr(first, name):
                raise ValueError(f"duty {first.id}: its versions differ in {name}; a different "
                                 f"duty needs its own id")
    dated = [v for v in versions if v.effective_from is not None]
    for earlier, later in zip(dated, dated[1:]):
        if earlier.effective_to is None or earlier.effective_to >= later.effective_from:
            raise ValueError(f"duty {first.id}: the version {earlier.period} must end before the "
                             f"version {later.period} begins")


def fmt_date(day: date) -> str:
    """'1 Jan 2026'."""
    return f"{day.day} {day:%b %Y}"


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
