"""One duty of a jurisdiction profile: who must tell whom, by when, from which trigger, in which
version of the law, and when it is triggered or excused.

A duty the law changed has several versions (same id, successive periods); profiles.py checks
that they fit together and picks the one in force on a day.
"""
from __future__ import annotations

from datetime import date
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from facts.durations import Duration
from rules.authorities import Citation, check_citation, citations_text, parse_data_cite
from rules.legal_time.conditions import validate as validate_condition
from rules.legal_time.counting import Counting

Who = Literal["controller", "processor", "covered_entity", "business_associate", "registrant",
              "entity", "third_party_agent", "data_intermediary"]
To = Literal["regulator", "individuals", "attorney_general", "controller", "covered_entity",
             "client", "media", "sec", "owner", "organisation", "consumer_reporting_agency"]
Trigger = Literal["awareness", "discovery", "determination", "assessment", "classification",
                  "previous_notice", "ransom_payment"]
Status = Literal["in_force", "pending", "verify"]

# Who receives a notice is an identity, not a kind: the HHS Secretary, a state attorney general and
# an EU supervisory authority are all "regulators", and a notice to one is no notice to another.
# Notices to the affected people, to the media or to the client reach the same recipient whatever
# regime they were given under, so those identities are shared.
# The nationwide consumer reporting agencies are the same recipients whichever state's statute
# asks for the notice (each statute names "all" of them, 15 U.S.C. 1681a(p)), so one identity.
SHARED_RECIPIENTS = {"individuals": "affected-individuals", "media": "media", "client": "the-client",
                     "covered_entity": "the-client", "controller": "the-client",
                     "owner": "the-client", "organisation": "the-client",
                     "consumer_reporting_agency": "consumer-reporting-agencies"}
SHARED_NAMES = {"affected-individuals": "the affected individuals", "media": "the media",
                "the-client": "the client",
                "consumer-reporting-agencies": "the nationwide consumer reporting agencies"}
RECIPIENT_ID = r"^[a-z0-9]+(-[a-z0-9]+)*$"

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
    recipient: Optional[str | list[str]] = Field(None, description="who receives the notice: a "
                                                 "recipient id of the profile, or several that "
                                                 "must each be told; shared for individuals, "
                                                 "media and the client")
    trigger: Trigger
    after_duty: Optional[str] = None
    deadline: Optional[str] = None
    standard: Optional[str] = None
    threshold: Optional[Threshold] = None
    counting: Optional[Counting] = Field(None, description="how this duty's period is counted "
                                                           "(default: the profile's)")
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
    deemed_met_by: list[str] = Field([], description="regimes whose timely notice this statute "
                                                     "deems compliance (a federal regulator's "
                                                     "rules, e.g. us-hipaa)")
    deemed_authority: list[str] = Field([], description="where the statute says so")
    reading: str | None = Field(None, description="where the sources leave a point of this "
                                                  "version unsettled: the reading applied and "
                                                  "the other one, stated in every finding")
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

    @field_validator("authority", "deemed_authority")
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
    def recipient_ids(self) -> tuple[str, ...]:
        """Who must receive the notice (each of them), as identities."""
        if self.recipient is not None:
            return (self.recipient,) if isinstance(self.recipient, str) else tuple(self.recipient)
        shared = SHARED_RECIPIENTS.get(self.to or "")
        return (shared,) if shared else ()

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
