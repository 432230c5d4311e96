"""What the provider was hired to do: one or more engagements, each bringing its own duties.

Monitoring (managed detection and response, SOC monitoring) is the engagement the contract's
control level and SLA describe. The others (an incident-response retainer or engagement, a
forensic investigation, a managed service desk, a hosted platform holding the client's data, RMM
tooling) each carry duties of their own (rules/engagements.py). A duty is found only for what was
engaged. A file that names no engagement is read as monitoring, the engagement its monitoring tier
describes — a neutral, named default: it adds no duty the contract's tier does not already give.
"""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import model_validator

from facts.model.base import UNKNOWN, Strict, Unknowable, described
from facts.types import Timestamp

EngagementType = Literal["monitoring", "incident_response", "forensic_investigation",
                         "service_desk", "hosted_platform", "rmm"]
DEFAULT_SCOPE = "the monitoring the contract's control level describes (no engagement recorded)"


class Engagement(Strict):
    type: EngagementType = described(
        "the kind of engagement", "monitoring, incident_response, forensic_investigation, "
        "service_desk, hosted_platform, rmm")
    id: Optional[str] = described("the engagement's id", "unique within contract.engagement; "
                                  "left out, its type", None, pattern=r"^[A-Za-z0-9_.:-]+$")
    basis: Optional[Literal["contract", "retainer", "engaged_after_discovery"]] = described(
        "the basis of engagement {id}", "the main contract, a standing retainer, or an "
        "engagement made after the breach was discovered", None)
    started: Unknowable[Optional[Timestamp]] = described(
        "when engagement {id} started", "the moment the provider took the engagement on; "
        "null: from the start of the contract, before the incident", UNKNOWN)
    ended: Unknowable[Optional[Timestamp]] = described(
        "when engagement {id} ended", "left out: still running at the end of the record", None)
    scope: Optional[str] = described("what engagement {id} covered, in words",
                                     "the record's words", None, max_length=2000)
    assets: list[str] = described(
        "which assets engagement {id} covered", "for a hosted platform, what it hosts; empty: "
        "not itemised", [])

    @model_validator(mode="after")
    def _id_is_type(self) -> "Engagement":
        if self.id is None:
            self.__dict__["id"] = self.type
        return self


def default_engagement() -> list[Engagement]:
    return [Engagement(type="monitoring", basis="contract", started=None, scope=DEFAULT_SCOPE)]
