"""The expert's own details for the report (`analyze --expert FILE`): who signs it, their
qualifications, publications, prior testimony, compensation and instructions. Nothing here is a
fact of the case; a field left out is printed as a marked blank for the expert to fill.

The file is YAML (or JSON), read through the bounded opener and the strict loader:

    name: Dr Jane Roe
    title: Principal, Roe Forensics LLP
    qualifications: ["CISSP (2009)", "Fifteen years leading incident response ..."]
    publications: ["'Detection SLAs in practice', J. Digital Forensics 12 (2023)"]
    testimony: ["Acme v. Beta (S.D.N.Y. 2024), deposition"]
    compensation: "USD 600 per hour for study and testimony"
    instructed_by: "Counsel for the client"
    instructions: "Asked to assess whether ..."
    date: "2026-12-01"
    place: "New York, New York"
    forum_rules: frcp          # frcp | cpr35 | other (default: from the governing law)
"""
from __future__ import annotations

from pathlib import Path

from facts.errors import FaultlineInputError, did_you_mean
from facts.inputs import MAX_DOCUMENT_BYTES, read_input
from facts.safe_yaml import ParseError, parse_text
from reports.forum import RULES

TEXT_FIELDS = ("name", "title", "organisation", "compensation", "instructed_by", "instructions",
               "date", "place", "forum_rules")
LIST_FIELDS = ("qualifications", "publications", "testimony")
MAX_TEXT = 4000
MAX_ITEMS = 500


def load_expert(path: str | None) -> dict:
    """The expert's details, or {} without a file (every field then a marked blank)."""
    if not path:
        return {}
    raw = read_input(path, "expert file", MAX_DOCUMENT_BYTES, report_as=(str(path), "--expert"))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise FaultlineInputError(path, "", "not UTF-8 text; expected a YAML file of the "
                                            "expert's details") from None
    kind = "json" if Path(path).suffix.lower() == ".json" else "yaml"
    try:
        data = parse_text(text, kind)
    except ParseError as exc:
        raise FaultlineInputError(path, exc.field, exc.message) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise FaultlineInputError(path, "", "expected a mapping of the expert's details "
                                            "(name, qualifications, ...)")
    return {key: _field(path, key, value) for key, value in sorted(data.items())}


def _field(path, key, value):
    allowed = TEXT_FIELDS + LIST_FIELDS
    if key not in allowed:
        raise FaultlineInputError(path, str(key), f"unknown field{did_you_mean(key, allowed)}; "
                                                  f"expected one of {', '.join(allowed)}")
    if key in LIST_FIELDS:
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or len(items) > MAX_ITEMS or not all(
                isinstance(i, str) and 0 < len(i) <= MAX_TEXT for i in items):
            raise FaultlineInputError(path, key, f"expected a list of entries of text (at most "
                                                 f"{MAX_ITEMS}, each under {MAX_TEXT} characters)")
        return items
    if not isinstance(value, (str, int, float)) or isinstance(value, bool) \
            or not 0 < len(str(value)) <= MAX_TEXT:
        raise FaultlineInputError(path, key, f"expected text of at most {MAX_TEXT} characters")
    value = str(value)
    if key == "forum_rules" and value not in RULES:
        raise FaultlineInputError(path, key, f"unknown rules {value!r}{did_you_mean(value, RULES)}"
                                             f"; expected one of {', '.join(RULES)}")
    return value
