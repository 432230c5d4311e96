"""Pieces every section of the case model shares: strict frozen models and the severity scale."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from facts.vocabulary import SEVERITIES

Severity = Literal[SEVERITIES]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
