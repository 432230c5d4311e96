"""Canonical JSON: sorted keys, fixed separators, every value in one textual form. The same input
must give byte-identical output whatever the machine, the clock or the hash seed."""
from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from facts.durations import Duration
from facts.unknown import UNKNOWN, WORD


def plain(value: Any) -> Any:
    if value is UNKNOWN:
        return WORD
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted(plain(v) for v in value)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, (Decimal, Duration)):
        return str(value)
    if isinstance(value, float):
        return float(f"{value:.10g}")
    return value


def dumps(value: Any, indent: int | None = 2) -> str:
    return json.dumps(plain(value), sort_keys=True, indent=indent, ensure_ascii=False,
                      separators=(",", ": ") if indent else (",", ":")) + ("\n" if indent else "")
