"""Weights, multipliers, thresholds and default windows: data with a stated source, never numbers
buried in rules. `analyze --parameters FILE` overrides any of them by key."""
from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from facts.durations import Duration, DurationError
from facts.errors import FaultlineInputError, did_you_mean
from facts.loader import read_raw
from rules.authorities import Citation, citations_text, parse_data_cite
from rules.legal_time.datafiles import load_yaml

DEFAULTS = Path(__file__).parent / "data" / "parameters.yaml"

# Keys renamed since earlier releases, old name -> current one: a parameters file written for an
# earlier release still loads. (The provider's evidence of care was once called "mitigation", a
# word now kept for the claimant's duty to limit its loss.)
RENAMED = {"mitigation.credit_each": "care.credit_each",
           "mitigation.credit_max": "care.credit_max"}


@dataclass(frozen=True)
class Parameter:
    key: str
    value: Any
    description: str
    source: str
    unit: str = ""
    authorities: tuple[Citation, ...] = ()
    minimum: float | None = None   # the range a number may be set to (numbers only)
    maximum: float | None = None

    @property
    def range_text(self) -> str:
        return "" if self.minimum is None else f"{_number(self.minimum)} to {_number(self.maximum)}"

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
             overrides: dict[str, Any] | None = None) -> Parameters:
        entries = _defaults()
        changed: dict[str, Any] = {}
        if override_file:
            changed.update(_read_overrides(override_file, entries))
        for key, value in (overrides or {}).items():
            changed[RENAMED.get(key, key)] = _checked(key, value, entries, "--parameter")
        final = {k: (replace(p, value=changed[k]) if k in changed else p)
                 for k, p in entries.items()}
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
            unit = entry.get("unit", "")
            low, high = _range_of(entry, unit)
            _CACHE[key] = Parameter(key, entry["value"], entry["description"], entry["source"],
                                    unit,
                                    tuple(parse_data_cite(c) for c in entry.get("authority", ())),
                                    low, high)
    return dict(_CACHE)


# The range of a number where its definition does not state one, by its unit. A definition's
# own `min`/`max` narrow it where the model needs more (an aggravating multiplier never below 1).
UNIT_RANGES = {
    "points": (0, 100),        # weights: only their ratios matter; 100 is 30 times the largest
    "factor": (0, 10),
    "fraction": (0, 1),
    "days": (0, 3650),         # ten years
    "accounts": (0, 100_000),
    "categories": (1, 100),
}


def _range_of(entry: dict, unit: str) -> tuple[float | None, float | None]:
    value = entry["value"]
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None, None
    low, high = UNIT_RANGES.get(unit, (None, None))
    return entry.get("min", low), entry.get("max", high)


def _read_overrides(path: str, entries: dict[str, Parameter]) -> dict[str, Any]:
    raw = read_raw(path, "parameters file")
    flat: dict[str, Any] = {}
    _flatten(raw, "", flat)
    checked: dict[str, Any] = {}
    for key, value in sorted(flat.items()):
        current = RENAMED.get(key, key)
        if current in checked and current != key:
            raise FaultlineInputError(path, key, f"given twice: {key} is the old name of "
                                                 f"{current}; keep one")
        checked[current] = _checked(key, value, entries, path)
    return checked


def _flatten(node: Any, prefix: str, out: dict[str, Any]) -> None:
    # Accept both flat dotted keys and nested mappings; `{value: x}` entries are leaves.
    if isinstance(node, dict) and not ("value" in node and set(node) <= {
            "value", "source", "description", "unit", "authority"}):
        for key, value in node.items():
            _flatten(value, f"{prefix}.{key}" if prefix else str(key), out)
    else:
        out[prefix] = node["value"] if isinstance(node, dict) else node


def _checked(written: str, value: Any, entries: dict[str, Parameter], where: str) -> Any:
    """The value, checked against the entry `written` names (its current key or an old one);
    errors name the key as the user wrote it."""
    key = RENAMED.get(written, written)
    if key not in entries:
        raise FaultlineInputError(where, written, f"unknown parameter{did_you_mean(key, entries)}; "
                                              f"see docs/parameters.md for the list")
    entry = entries[key]
    default = entry.value
    if isinstance(default, bool):
        ok = isinstance(value, bool)
    elif isinstance(default, int):
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif isinstance(default, float):
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    else:
        ok = isinstance(value, type(default))
    if not ok:
        what = "a whole number" if isinstance(default, int) and not isinstance(default, bool) \
            else type(default).__name__
        raise FaultlineInputError(where, written, f"expected {what} like {default!r}, got "
                                              f"{_shown(value)}")
    if entry.minimum is not None and not (math.isfinite(value)
                                          and entry.minimum <= value <= entry.maximum):
        raise FaultlineInputError(where, written, f"{_shown(value)} is out of range; expected "
                                                  f"{entry.range_text} ({entry.unit})")
    if entry.unit == "duration":
        try:
            Duration.parse(value)
        except DurationError as exc:
            raise FaultlineInputError(where, written, str(exc)) from None
    if entry.unit == "severities":
        _check_severities(written, value, where)
    return value


def _check_severities(key: str, value: list, where: str) -> None:
    from facts.vocabulary import SEVERITIES
    for item in value:
        if item not in SEVERITIES:
            raise FaultlineInputError(where, key, f"unknown severity {_shown(item)}"
                                                  f"{did_you_mean(str(item), SEVERITIES)}; "
                                                  f"expected a list of {', '.join(SEVERITIES)}")


def _shown(value: Any) -> str:
    text = repr(value).replace("\n", " ")
    return text if len(text) <= 60 else text[:57] + "..."


def _number(value: float) -> str:
    return f"{value:,}" if isinstance(value, int) else f"{value:g}"
