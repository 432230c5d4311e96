"""Words several layers share, kept in one import-cheap place (no pydantic, no pyarrow), so the
case model, the evidence readers and the rules grade severity the same way."""
from __future__ import annotations

SEVERITIES = ("critical", "high", "medium", "low")  # most to least severe
