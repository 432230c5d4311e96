"""Canonical JSON: sorted keys, fixed separators, every value in one textual form. The same input
must give byte-identical output whatever the machine, the clock or the hash seed.

A result of a case with thousands of alerts runs to tens of megabytes; Python's json module
writes indented output with its pure-Python encoder (a second of a 5-second analysis, and a
string piece per token in memory). orjson writes the same bytes — sorted keys, two-space indent,
`": "` separators, UTF-8 text — in a twentieth of the time. Where the two would differ (a float
below 1e-4, which Python writes in exponent form, or an integer beyond 64 bits) or orjson is not
installed, the json module writes it; tests/test_canonical.py holds them to the same bytes.
"""
from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from facts.durations import Duration
from facts.unknown import UNKNOWN, WORD

try:
    import orjson
except ImportError:   # the json module gives the same bytes, only slower
    orjson = None

_SCALARS = (str, int, bool, type(None))
_PLAIN_LEAVES = frozenset((str, bool, type(None)))   # written as they are (an int is range-checked)
_ORJSON_UNSAFE = 1e-4   # floats smaller than this (but not 0) are written differently


class _Plain:
    """plain() with a note of whether the value holds something orjson writes differently."""

    def __init__(self):
        self.orjson_safe = True

    def __call__(self, value: Any) -> Any:
        t = type(value)
        if t in _SCALARS:
            if t is int and not -(1 << 63) <= value < (1 << 64):
                self.orjson_safe = False
            return value
        # Most values in a large result are text and small numbers: they are taken as they are
        # without a call per value (two million of them in a 48 MB result).
        if t is dict:
            return {k if type(k) is str else str(k):
                    v if type(v) in _PLAIN_LEAVES else self(v) for k, v in value.items()}
        if t is list or t is tuple:
            return [v if type(v) in _PLAIN_LEAVES else self(v) for v in value]
        if value is UNKNOWN:
            return WORD
        if isinstance(value, dict):
            return {str(k): self(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [self(v) for v in value]
        if isinstance(value, (set, frozenset)):
            return sorted(self(v) for v in value)
        if isinstance(value, (datetime, date)):
            return value.isoformat()
        if isinstance(value, (Decimal, Duration)):
            return str(value)
        if isinstance(value, float):
            out = float(f"{value:.10g}")
            if out and abs(out) < _ORJSON_UNSAFE:
                self.orjson_safe = False
            return out
        if isinstance(value, int):   # an int subclass (an IntEnum)
            return self(int(value))
        return value


def plain(value: Any) -> Any:
    return _Plain()(value)


def dumps(value: Any, indent: int | None = 2) -> str:
    convert = _Plain()
    data = convert(value)
    if orjson is not None and convert.orjson_safe and indent in (2, None):
        option = orjson.OPT_SORT_KEYS | (orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE
                                         if indent else 0)
        try:
            return orjson.dumps(data, option=option).decode()
        except TypeError:   # something only the json module can write: let it say so or do it
            pass
    return json.dumps(data, sort_keys=True, indent=indent, ensure_ascii=False,
                      separators=(",", ": ") if indent else (",", ":")) + ("\n" if indent else "")
