"""Which columns each kind of evidence file has, and how another export's names map onto them.

Splunk, Elastic and Sentinel exports name their columns differently (`_time`, `@timestamp`,
`TimeGenerated`) and grade severity differently (`urgency`, numbers 1-4). A small YAML file maps
them onto the default columns so that one reader serves every export:

    columns: {timestamp: _time, severity: urgency, asset: host}
    severity_values: {"4": critical, "3": high, "2": medium, "1": low}
"""
from __future__ import annotations

from dataclasses import dataclass, field
from facts.errors import FaultlineInputError, did_you_mean
from facts.vocabulary import SEVERITIES


# kind -> (required columns, optional columns); timestamps are listed separately because they
# share one parser and one set of zone rules.
COLUMNS = {
    "alerts": (("timestamp", "severity", "asset", "acknowledged_at"),
               ("rule", "status", "escalated_at")),
    "tickets": (("created", "priority", "first_response"), ("escalated", "resolved")),
    "telemetry": (("timestamp", "source"), ("events",)),
}
TIME_COLUMNS = {"timestamp", "acknowledged_at", "escalated_at", "created", "first_response",
                "escalated", "resolved"}
WHAT = {"timestamp": "the alert or event time", "severity": "the alert severity",
        "asset": "the host or asset name", "acknowledged_at": "when an analyst acknowledged it",
        "escalated_at": "when it was escalated", "rule": "the detection rule",
        "status": "the alert status", "created": "when the ticket was opened",
        "priority": "the ticket priority", "first_response": "the first response time",
        "escalated": "when the ticket was escalated", "resolved": "when it was resolved",
        "source": "the log or telemetry source", "events": "the event count"}


@dataclass(frozen=True)
class Mapping:
    """Logical column -> file column, and raw severity text -> one of SEVERITIES."""
    file: str | None = None
    columns: dict = field(default_factory=dict)
    severity_values: dict = field(default_factory=dict)

    def column(self, logical: str) -> str:
        return self.columns.get(logical, logical)


def load_mapping(path: str | None, kind: str) -> Mapping:
    """Read and check a mapping file; unknown keys are errors, with the nearest key suggested."""
    if path is None:
        return Mapping()
    from facts.safe_yaml import ParseError, parse_text
    from facts.inputs import MAX_MAPPING_BYTES, read_input
    data = read_input(path, "mapping file", MAX_MAPPING_BYTES)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FaultlineInputError(path, "", f"not UTF-8 text (byte {exc.start}); save the "
                                            f"mapping file as UTF-8") from None
    try:
        data = parse_text(text, "json" if str(path).endswith(".json") else "yaml")
    except ParseError as exc:
        raise FaultlineInputError(path, exc.field, exc.message) from None
    if not isinstance(data, dict):
        raise FaultlineInputError(path, "", "expected a mapping with 'columns' and/or "
                                            "'severity_values'")
    sections = ["columns", "severity_values"]
    for key in sorted(map(str, data)):
        if key not in sections:
            raise FaultlineInputError(path, key, f"unknown key{did_you_mean(key, sections)}; "
                                                 f"expected 'columns' or 'severity_values'")
    columns = data.get("columns") or {}
    values = data.get("severity_values") or {}
    known = [c for group in COLUMNS[kind] for c in group]
    for name, where in (("columns", columns), ("severity_values", values)):
        if not isinstance(where, dict):
            raise FaultlineInputError(path, name, "expected a mapping of names")
    for logical, source in columns.items():
        if logical not in known:
            raise FaultlineInputError(path, f"columns.{logical}", f"not a {kind} column"
                                      f"{did_you_mean(logical, known)}; expected one of "
                                      f"{', '.join(known)}")
        if not isinstance(source, str) or not source:
            raise FaultlineInputError(path, f"columns.{logical}", "expected the file's column name")
    severity_values = {}
    for raw, severity in values.items():
        if str(severity).lower() not in SEVERITIES:
            raise FaultlineInputError(path, f"severity_values.{raw}", f"got {severity!r}; "
                                      f"expected one of {', '.join(SEVERITIES)}")
        severity_values[str(raw)] = str(severity).lower()
    return Mapping(str(path), dict(columns), severity_values)


def resolve_columns(file: str, kind: str, present: list[str], mapping: Mapping) -> dict[str, str]:
    """Logical -> file column for the columns the file has; a clear error for a missing one.

    The error names every missing column, the file's own columns and the mapping key that fixes
    it, because the usual cause is an export whose names differ from the defaults.
    """
    required, optional = COLUMNS[kind]
    missing = [c for c in required if mapping.column(c) not in present]
    if missing:
        parts = []
        for logical in missing:
            name = mapping.column(logical)
            hint = did_you_mean(name, present)
            parts.append(f"column '{name}' ({WHAT[logical]}) is missing{hint}")
        keys = ", ".join(f"columns.{c}" for c in missing)
        raise FaultlineInputError(file, missing[0],
                                  f"{'; '.join(parts)}; the file has columns "
                                  f"{', '.join(present) or '(none)'}; map them with --mapping "
                                  f"FILE.yaml setting {keys} to the file's column names")
    return {c: mapping.column(c) for c in required + optional if mapping.column(c) in present}
