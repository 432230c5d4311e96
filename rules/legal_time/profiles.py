"""Jurisdiction profiles: who must tell whom, by when, from which trigger, under which regime.

Deadlines are law, not code, so they live in rules/data/jurisdictions/*.yaml (one file per regime)
and this module only validates, loads and evaluates them. A profile says when it applies in a small
declarative language the rules can evaluate against the case's statuses and resident counts.
"""
from __future__ import annotations

import difflib
from collections.abc import Iterable
from functools import lru_cache
from typing import Literal, Optional
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from facts.durations import Duration
from rules.authorities import Citation, check_citation, citations_text, parse_data_cite
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
CONDITION_KEYS = ("all", "any", "client_status", "provider_status", "residents_at_least")


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
        return self

    @field_validator("authority")
    @classmethod
    def _check_cites(cls, value: list[str]) -> list[str]:
        return _checked_cites(value)

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
    applies_when: dict
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
        _validate_condition(value, "applies_when")
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
        ids = [duty.id for duty in self.duties]
        if len(ids) != len(set(ids)):
            raise ValueError(f"duty ids repeat: {ids}")
        for duty in self.duties:
            if duty.after_duty is not None and duty.after_duty not in ids:
                raise ValueError(f"duty {duty.id}: after_duty {duty.after_duty!r} is not a duty")
        return self

    def duty(self, duty_id: str) -> Duty:
        for duty in self.duties:
            if duty.id == duty_id:
                return duty
        raise UnknownRegime(duty_id, [d.id for d in self.duties], what=f"duty of {self.id}")


def _validate_condition(cond: object, path: str) -> None:
    if not isinstance(cond, dict) or len(cond) != 1 or next(iter(cond)) not in CONDITION_KEYS:
        raise ValueError(f"{path}: expected one of {', '.join(CONDITION_KEYS)}, got {cond!r}")
    key, value = next(iter(cond.items()))
    if key in ("all", "any"):
        if not isinstance(value, list) or not value:
            raise ValueError(f"{path}.{key}: expected a non-empty list of conditions")
        for index, item in enumerate(value):
            _validate_condition(item, f"{path}.{key}[{index}]")
    elif key == "residents_at_least":
        if (not isinstance(value, dict) or set(value) != {"jurisdiction", "count"}
                or not isinstance(value["count"], int)):
            raise ValueError(f"{path}.{key}: expected {{jurisdiction: ID, count: N}}")
    elif not isinstance(value, str):
        raise ValueError(f"{path}.{key}: expected a status word")


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
