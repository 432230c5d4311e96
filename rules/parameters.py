"""Weights, multipliers, thresholds and default windows: data with a stated source, never numbers
buried in rules. `analyze --parameters FILE` overrides any of them by key."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from facts.errors import FaultlineInputError, did_you_mean
from facts.loader import read_raw
from rules.authorities import Citation, citations_text, parse_data_cite
from rules.legal_time.datafiles import load_yaml

DEFAULTS = Path(__file__).parent / "data" / "parameters.yaml"


@dataclass(frozen=True)
class Parameter:
    key: str
    value: Any
    description: str
    source: str
    unit: str = ""
    authorities: tuple[Citation, ...] = ()

    @property
    def authority(self) -> str:
        """The entries of the table of authorities that bear on the number, as text."""
        return citations_text(self.authorities)


class Parameters:
    def __init__(self, entries: dict[str, Parameter], overridden: dict[str, Any]):
        self._entries = entries
        self.overridden = dict(sorted(overridden.items()))

    @classmethod
    def load(cls, override_file: str | None = None,
             overrides: dict[str, Any] | None = None) -> "Parameters":
        entries = _defaults()
        changed: dict[str, Any] = {}
        if override_file:
            changed.update(_read_overrides(override_file, entries))
        for key, value in (overrides or {}).items():
            changed[key] = _checked(key, value, entries, "--parameter")
        final = {k: (Parameter(k, changed[k], p.description, p.source, p.unit, p.authorities)
                     if k in changed else p) for k, p in entries.items()}
        return cls(final, changed)

    def value(self, key: str) -> Any:
        try:
            return self._entries[key].value
        except KeyError:
            # A rule asking for a key that does not exist is a bug in the rule base, not input.
            raise KeyError(f"rule asked for unknown parameter {key!r}") from None

    def entries(self) -> list[Parameter]:
        return [self._entries[k] for k in sorted(self._entries)]

    def as_dict(self) -> dict[str, Any]:
        return {k: self._entries[k].value for k in sorted(self._entries)}

    def sha256(self) -> str:
        text = json.dumps(self.as_dict(), sort_keys=True, separators=(",", ":"), default=str)
        return hashlib.sha256(text.encode()).hexdigest()


_CACHE: dict[str, Parameter] = {}


def _defaults() -> dict[str, Parameter]:
    if not _CACHE:
        data = load_yaml(DEFAULTS)
        for key, entry in sorted(data.items()):
            _CACHE[key] = Parameter(key, entry["value"], entry["description"], entry["source"],
                                    entry.get("unit", ""),
                                    tuple(parse_data_cite(c) for c in entry.get("authority", ())))
    return dict(_CACHE)


def _read_overrides(path: str, entries: dict[str, Parameter]) -> dict[str, Any]:
    raw = read_raw(path, "parameters file")
    flat: dict[str, Any] = {}
    _flatten(raw, "", flat)
    return {key: _checked(key, value, entries, path) for key, value in sorted(flat.items())}


def _flatten(node: Any, prefix: str, out: dict[str, Any]) -> None:
    # Accept both flat dotted keys and nested mappings; `{value: x}` entries are leaves.
    if isinstance(node, dict) and not ("value" in node and set(node) <= {
            "value", "source", "description", "unit", "authority"}):
        for key, value in node.items():
            _flatten(value, f"{prefix}.{key}" if prefix else str(key), out)
    else:
        out[prefix] = node["value"] if isinstance(node, dict) else node


def _checked(key: str, value: Any, entries: dict[str, Parameter], where: str) -> Any:
    if key not in entries:
        raise FaultlineInputError(where, key, f"unknown parameter{did_you_mean(key, entries)}; "
                                              f"see docs/parameters.md for the list")
    default = entries[key].value
    if isinstance(default, bool):
        ok = isinstance(value, bool)
    elif isinstance(default, (int, float)):
        ok = isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0
    else:
        ok = isinstance(value, type(default))
    if not ok:
        raise FaultlineInputError(where, key, f"expected {type(default).__name__} like "
                                              f"{default!r}, got {value!r}")
    return value
