"""Every fact's short human label, for sentences: 'whether MFA protected remote access', 'when
alert AL-1007 was acknowledged'.

Labels live with the model fields (`json_schema_extra={"label": ...}`, set by `described()` in
facts/model/base.py), so reports, the JSON Schema and the workbench all use the same words. A label
may name the item it belongs to (`{id}`) or the key of a mapping (`{key}`, e.g. a control domain).
"""
from __future__ import annotations

import re
import types
import typing
from functools import lru_cache

from pydantic import BaseModel

_SEGMENT = re.compile(r"([^.\[\]]+)((?:\[[^\]]*\])*)")


def split_path(path: str) -> list[tuple[str, str | None]]:
    """'incident.alerts[AL-1].at' -> [('incident', None), ('alerts', 'AL-1'), ('at', None)]."""
    out = []
    for name, index in _SEGMENT.findall(path):
        out.append((name, index[1:-1] if index else None))
    return out


def unwrap(annotation):
    """The type inside Optional[...] and Annotated[...]."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
            continue
        if origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) == 1:
                annotation = args[0]
                continue
        return annotation


def field_at(path: str):
    """(pydantic FieldInfo, {'id': ..., 'key': ...}) for a case-file path, or (None, {})."""
    from facts.model import Case
    model: type[BaseModel] | None = Case
    info, params, pending_key = None, {}, False
    for name, index in split_path(path):
        if pending_key:               # a key of a mapping field (contract.responsibilities.mfa)
            params["key"] = name.replace("_", " ")
            pending_key = False
            continue
        if model is None or name not in model.model_fields:
            return None, {}
        info = model.model_fields[name]
        inner = unwrap(info.annotation)
        origin = typing.get_origin(inner)
        if origin is list:
            inner = unwrap(typing.get_args(inner)[0])
            if index is not None:
                params["id"] = index
                params.pop("key", None)
        elif origin is dict:
            pending_key = True
            inner = unwrap(typing.get_args(inner)[1])
        model = inner if isinstance(inner, type) and issubclass(inner, BaseModel) else None
        if index is not None and model is not None and path.endswith(f"[{index}]"):
            params["item"] = True
    return info, params


@lru_cache(maxsize=4096)
def label(fact_id: str) -> str:
    """The fact's label in words; a readable fallback for facts the model does not describe
    (derived and evidence facts)."""
    info, params = field_at(fact_id)
    extra = (info.json_schema_extra or {}) if info is not None else {}
    if params.pop("item", False):
        text = extra.get("item_label")
    elif "key" in params and "key_label" in extra:
        text = extra["key_label"]
    else:
        text = extra.get("label")
    if not text:
        return humanize(fact_id)
    try:
        return text.format(**{"id": "", "key": "", **params})
    except (KeyError, IndexError):
        return text


def humanize(fact_id: str) -> str:
    words = re.sub(r"[._]", " ", re.sub(r"\[([^\]]*)\]", r" \1", fact_id)).strip()
    return f"the value of {words}"
