"""A control domain both parties operate (`contract.responsibilities.X: shared`): what each side
does there, in words, and, where the record divides it by asset, whose part each asset is.

The words are for the reader: no rule decides anything from them. The asset division is a fact a
rule can apply: a failure on an asset the division gives to one side is that side's part only.
"""
from __future__ import annotations

from typing import Annotated

from pydantic import StringConstraints

from facts.model.base import Strict, described
from facts.types import Party

AssetId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.:/-]+$", max_length=200)]


class SharedPart(Strict):
    provider: str = described(
        "what the provider does in the shared {key} domain", "the provider's part, in the "
        "record's words (e.g. 'isolates endpoints and blocks indicators')",
        min_length=1, max_length=2000)
    client: str = described(
        "what the client does in the shared {key} domain", "the client's part, in the record's "
        "words (e.g. 'resets accounts and restores systems')", min_length=1, max_length=2000)
    assets: dict[AssetId, Party] = described(
        "whose part each asset of the shared {key} domain is", "asset id (as in "
        "incident.affected_assets or incident.vector.entry_asset) -> provider or client; a "
        "failure on an asset listed here is that side's part only", {},
        key_label="whose part asset {key} is")
