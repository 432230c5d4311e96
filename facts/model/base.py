"""Pieces every section of the case model shares: strict frozen models, the severity scale, and
`described()`, which gives a field its short label (used in sentences) and its description."""
from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from facts.unknown import UNKNOWN, Unknowable  # noqa: F401  (re-exported for the model modules)
from facts.vocabulary import SEVERITIES

Severity = Literal[SEVERITIES]
# The kinds of initial access (incident.vector.type, and the cause a statement names).
VectorType = Literal["known_cve", "stolen_credentials", "phishing", "misconfiguration",
                     "zero_day", "supply_chain", "insider", "social_engineering", "unknown"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def described(label: str, description: str, default: Any = ..., *, item_label: str = "",
              key_label: str = "", **kwargs) -> Any:
    """A model field with its label ('whether MFA protected remote access') and description.
    `item_label` names one item of a list field ('alert {id}'); `key_label` one entry of a
    mapping field ('who owned the {key} control domain'). `default=...` makes it required."""
    extra: dict[str, str] = {"label": label}
    if item_label:
        extra["item_label"] = item_label
    if key_label:
        extra["key_label"] = key_label
    return Field(default, description=description, json_schema_extra=extra, **kwargs)
