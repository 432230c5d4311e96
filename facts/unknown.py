"""`unknown`: a fact the record does not establish.

A case file may write any fact as `unknown`, as `{value: unknown, source: "..."}` (the record says
it is not known), or leave a fault-bearing fact out; a disputed fact no run has been told to
resolve is unknown too. All of these become the one value `UNKNOWN`, which the model accepts in
every field typed `Unknowable[...]` and which the rules can only read through the rule context
(engine/context.py): reading it there stops the rule with a *not shown* finding that names the
fact, unless the rule asks for it explicitly with `known()`.

`UNKNOWN` refuses to be a truth value (`if value:` raises) and cannot be ordered (`<` raises), so
code that forgets to ask never silently treats an unknown fact as false, zero or "never".
"Never happened" is a different, established fact: an event field written `never` holds `None`.
"""
from __future__ import annotations

from typing import Annotated, Any

from pydantic import WrapSerializer, WrapValidator
from pydantic_core import core_schema

WORD = "unknown"   # how a case file writes it
NEVER = "never"    # how a case file says an event did not happen


class NotShown(Exception):
    """Control flow, not an error: a rule read an unknown fact that decides its element. The
    runner (engine/context.py) turns it into a finding that does not hold and names the fact."""

    def __init__(self, *fact_ids: str):
        super().__init__(", ".join(fact_ids))
        self.fact_ids = fact_ids


class UnknownUsedAsTruth(TypeError):
    """Code asked whether an unknown fact is true; it must ask whether it is known first."""


class _Unknown:
    __slots__ = ()
    _one: "_Unknown | None" = None

    def __new__(cls):
        if cls._one is None:
            cls._one = super().__new__(cls)
        return cls._one

    def __repr__(self) -> str:
        return WORD

    __str__ = __repr__   # a check's detail may print it: it reads 'unknown'

    def __bool__(self):
        raise UnknownUsedAsTruth("an unknown fact was used as true/false; read it with the rule "
                                 "context (c.get / c.known) so it becomes a not-shown finding")

    def __reduce__(self):
        return (_Unknown, ())

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    @classmethod
    def __get_pydantic_core_schema__(cls, source, handler):
        return core_schema.is_instance_schema(cls)


UNKNOWN = _Unknown()


def is_unknown(value: Any) -> bool:
    return value is UNKNOWN


def _pass_unknown(value, handler):
    return value if value is UNKNOWN else handler(value)


def _dump_unknown(value, serialize, info):
    if value is UNKNOWN:
        return WORD if info.mode == "json" else value
    return serialize(value)


_VALIDATOR = WrapValidator(_pass_unknown)


class Unknowable:
    """`Unknowable[T]`: a field of type T that may also be UNKNOWN."""

    def __class_getitem__(cls, tp):
        return Annotated[tp, _VALIDATOR, WrapSerializer(_dump_unknown)]


def accepts_unknown(field_info) -> bool:
    """Whether a pydantic field was declared `Unknowable[...]`."""
    return any(m is _VALIDATOR for m in getattr(field_info, "metadata", ()))


def contains_unknown(value: Any) -> bool:
    if value is UNKNOWN:
        return True
    if isinstance(value, dict):
        return any(contains_unknown(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return any(contains_unknown(v) for v in value)
    return False
