"""Separating a case file's facts from what is said about them.

Any field may be written plain, as `{value: ..., source: "Exhibit 12"}`, or disputed as
`{disputed: {client: ..., provider: ...}, sources: {...}}`, and any value may be `unknown` (the
record does not establish it; facts/unknown.py). This module strips those wrappers, keeping each
source, dispute and unknown under the field's own path (never `.value`), and picks the version
of each disputed fact that a run assumes.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from facts.safe_yaml import ParseError
from facts.unknown import UNKNOWN, WORD

PARTIES = ("client", "provider")
NEITHER = "neither"   # a run that takes no party's version: the disputed fact is unknown
MAX_TEXT = 20_000


@dataclass(frozen=True)
class Dispute:
    path: str
    versions: dict  # party -> value (raw, as written)
    sources: dict   # party -> source


@dataclass
class Annotations:
    sources: dict[str, str] = field(default_factory=dict)
    disputes: dict[str, Dispute] = field(default_factory=dict)
    unknowns: dict[str, str] = field(default_factory=dict)   # path -> why it is unknown


def child_path(parent: str, key: object, item: object = None) -> str:
    if isinstance(key, int):
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            return f"{parent}[{item['id']}]"
        return f"{parent}[{key}]"
    return f"{parent}.{key}" if parent else str(key)


def _is_sourced(node: dict) -> bool:
    return "value" in node and set(node) <= {"value", "source", "note"}


def _label(value: object, path: str) -> str:
    """A source or note: text (an exhibit number may be written as a number), within the limit
    every field has."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise ParseError(path, f"a source is text naming the exhibit, e.g. \"Exhibit 12, p. 4\"; "
                               f"got {_kind(value)}")
    text = str(value)
    if len(text) > MAX_TEXT:
        raise ParseError(path, f"text of {len(text):,} characters; at most {MAX_TEXT:,} are "
                               f"accepted in one field")
    return text


def _kind(value: object) -> str:
    return {dict: "a mapping", list: "a list", bool: "true/false", type(None): "nothing (null)"}\
        .get(type(value), type(value).__name__)


def strip(raw: object, choice: dict[str, str] | None = None,
          default_version: str | None = None) -> tuple[object, Annotations]:
    """Return the plain data a run uses and the annotations found along the way."""
    notes = Annotations()
    plain = _strip(raw, "", notes, choice or {}, default_version)
    return plain, notes


def is_unknown_word(node: object) -> bool:
    return isinstance(node, str) and node.strip().lower() == WORD


def _strip(node, path, notes, choice, default_version):
    if is_unknown_word(node):
        notes.unknowns.setdefault(path, "written unknown")
        return UNKNOWN
    if isinstance(node, str) and len(node) > MAX_TEXT:
        raise ParseError(path, f"text of {len(node):,} characters; at most {MAX_TEXT:,} are "
                               f"accepted in one field")
    if isinstance(node, list):
        return [_strip(item, child_path(path, i, item), notes, choice, default_version)
                for i, item in enumerate(node)]
    if not isinstance(node, dict):
        return node
    if _is_sourced(node):
        for key in ("source", "note"):
            if key in node:
                _label(node[key], child_path(path, key))
        if "source" in node:
            notes.sources[path] = str(node["source"])
            if is_unknown_word(node["value"]):
                notes.unknowns[path] = f"the record says it is not known ({node['source']})"
        return _strip(node["value"], path, notes, choice, default_version)
    if "disputed" in node:
        return _dispute(node, path, notes, choice, default_version)
    return {key: _strip(value, child_path(path, key), notes, choice, default_version)
            for key, value in node.items()}


def _neutral(versions: list, path, notes, choice, default_version):
    plain = [_strip(v, path, Annotations(), choice, default_version) for v in versions]
    if all(v == plain[0] for v in plain[1:]) and not any(v is UNKNOWN for v in plain):
        return plain[0]
    if all(isinstance(v, dict) for v in versions):
        keys = sorted({k for v in versions for k in v})
        return {k: _neutral([v.get(k) for v in versions], child_path(path, k), notes, choice,
                            default_version) for k in keys}
    notes.unknowns[path] = "disputed, and this run takes neither version"
    return UNKNOWN


def _dispute(node, path, notes, choice, default_version):
    versions = node["disputed"]
    extra = set(node) - {"disputed", "sources", "note"}
    if extra or not isinstance(versions, dict) or not versions or set(versions) - set(PARTIES):
        raise ParseError(path, "a disputed fact is written {disputed: {client: ..., provider: "
                               "...}, sources: {client: ..., provider: ...}}")
    sources = node.get("sources") or {}
    if not isinstance(sources, dict):
        raise ParseError(f"{path}", "sources of a disputed fact must map party to exhibit")
    for party, source in sources.items():
        _label(source, f"{path}.sources.{party}")
    if "note" in node:
        _label(node["note"], child_path(path, "note"))
    notes.disputes[path] = Dispute(path, dict(sorted(versions.items())),
                                   {k: str(v) for k, v in sorted(sources.items())})
    party = choice.get(path, default_version)
    if party in (None, NEITHER):
        # The neutral default: no version is taken as established, so what the versions
        # disagree on is unknown (what they agree on stands).
        return _neutral(list(versions.values()), path, notes, choice, default_version)
    if party not in versions:
        party = sorted(versions)[0]
    if party in sources:
        notes.sources[path] = str(sources[party])
    return _strip(versions[party], path, notes, choice, default_version)
