"""The case format's data words read as words: `stolen_credentials` → "stolen credentials",
`fully_managed` → "fully managed", wherever a report prints a value or a sentence the rules wrote;
an element's id a rule's sentence names (`breach.identity_control`) reads as the element's name,
a notification regime's id (`us-fl`) as the regime's name.

Only the vocabulary the case format defines is replaced: every string a field of the model can
hold (its `Literal` choices, found by walking facts.model.Case), never any other word with an
underscore, so an account name quoted from an exhibit (`svc_backup`) stays as the exhibit has it.
One-word choices (`high`, `client`) are words already and stay as they are.
"""
from __future__ import annotations

import re
import types
import typing
from functools import lru_cache

from facts import formatting as fmt


def _choices(annotation, seen: set) -> set[str]:
    """The Literal strings reachable from one annotation (through Optional, Annotated, lists,
    mappings and nested models)."""
    from pydantic import BaseModel
    out: set[str] = set()
    origin = typing.get_origin(annotation)
    if origin is typing.Literal:
        return {a for a in typing.get_args(annotation) if isinstance(a, str)}
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation in seen:
            return out
        seen.add(annotation)
        for info in annotation.model_fields.values():
            out |= _choices(info.annotation, seen)
        return out
    if origin is not None or isinstance(annotation, types.UnionType):
        for arg in typing.get_args(annotation):
            out |= _choices(arg, seen)
    return out


# Where the words made from the data word would read wrongly.
SPELLED = {"co_managed": "co-managed", "monitoring_24x7": "24x7 monitoring",
           "attacker_nda": "attacker NDA", "rmm_platform": "RMM platform",
           "third_party_claims": "third-party claims", "other_third_party": "other third party",
           "harm_to_other_property": "harm to other property"}


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, str]:
    """Each data word of the case format that is not already a word → its words."""
    from facts.model import Case
    return {c: SPELLED.get(c) or fmt.humanize(c) for c in sorted(_choices(Case, set())) if "_" in c}


@lru_cache(maxsize=1)
def elements() -> dict[str, str]:
    """Each legal element's id ('statement.known_false', which rule texts sometimes name) → its
    name in words, the title of the rule that decides it, as a phrase inside a sentence."""
    from rules.catalogue import element_titles
    return {e: t if t[1:2].isupper() else t[:1].lower() + t[1:]
            for e, t in element_titles().items()}


@lru_cache(maxsize=1)
def regimes() -> dict[str, str]:
    """Each notification regime's id ('us-fl', which rule sentences name) → its name."""
    try:
        from rules.legal_time.catalogue import list_rows
        return {row["id"]: row["name"] for row in list_rows()}
    except Exception:  # noqa: BLE001 — without the profile catalogue the ids stay
        return {}


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    return {**vocabulary(), **elements(), **regimes()}


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern | None:
    words = sorted(_table(), key=lambda w: (-len(w), w))
    if not words:
        return None
    body = "|".join(re.escape(w) for w in words)
    # not inside a path, an id or a file name: 'statement.known_false', 'AL-1', 'a/b_c'
    return re.compile(rf"(?<![\w.\-\[/])(?:{body})(?![\w\-\]/]|\.\w)")


def in_words(text: str) -> str:
    """A sentence with each data word of the case format in words."""
    pattern = _pattern()
    if pattern is None:
        return text
    return pattern.sub(lambda m: _table()[m.group(0)], text)


# One-word data words that are not words a reader knows; replaced only as a whole value, never
# inside a sentence (where 'sec' could be part of anything).
WHOLE_VALUES = {"sec": "the SEC"}


def value_in_words(value):
    """A fact value with its data words in words (a mapping's values and a list's items too)."""
    if isinstance(value, str):
        return vocabulary().get(value) or WHOLE_VALUES.get(value, value)
    if isinstance(value, dict):
        return {k: value_in_words(v) for k, v in value.items()}
    if isinstance(value, list):
        return [value_in_words(v) for v in value]
    return value
