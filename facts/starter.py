"""`cli.py init`: a starter case file with every field, each commented with what it means.

Built from the case model itself, so it never falls behind it. A field the record must give, or a
fault-bearing one (unknown when left out), is written `unknown`: the starter asserts nothing the
record has not said. A field with a neutral default is shown commented out, with the default it
takes when left out. Lists start empty, with one commented item showing every field of an entry.
A handful of fields that cannot be unknown (ids, names, the governing law) carry a placeholder to
replace. `validate` accepts the file as written.
"""
from __future__ import annotations

import json
import re
import typing

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from facts.labels import unwrap
from facts.unknown import UNKNOWN, accepts_unknown

# Fields that cannot be unknown and have no default: a placeholder the user replaces.
PLACEHOLDERS = {
    "case.id": "new-case", "case.title": "Title of the dispute", "case.governing_law": "US-NY",
    "parties.provider.name": "Provider name", "parties.client.name": "Client name",
}
# Optional in the model, but the case needs it given, if only as unknown (the harm's total, or
# the heads it is the sum of).
GIVE_UNKNOWN = {"incident.harm.total"}
HEADER = """\
# Faultline case file (format v2): a starter with every field.
#
# Each line's comment says what the field means, and whether it is required or what it means
# when left out. `unknown` marks what the record does not (yet) establish: an unknown fact is
# never read as false, and the result lists it. Lines starting with '#' are fields left out
# (optional, or a list's entry to copy). Write a fact with its exhibit as
# {value: ..., source: "Exhibit 12, p. 4"}, a contested one as
# {disputed: {client: ..., provider: ...}, sources: {client: ..., provider: ...}}.
# Replace the placeholders (case.id, case.title, case.governing_law, the parties' names).
# docs/case-format.md describes every section; `python cli.py validate FILE` checks the file.
"""


def starter_yaml() -> str:
    from facts.model import Case
    lines: list[str] = [HEADER.rstrip("\n"), ""]
    _model(Case, "", 0, lines, commented=False)
    return "\n".join(lines) + "\n"


def _choices(annotation) -> str:
    inner = unwrap(annotation)
    if typing.get_origin(inner) is list:
        inner = unwrap(typing.get_args(inner)[0])
    if typing.get_origin(inner) is typing.Literal:
        return "; one of: " + ", ".join(str(a) for a in typing.get_args(inner))
    return ""


def plain_label(info) -> str:
    """A field's label for one unnamed item: 'when alert {id} fired' -> 'when this alert fired',
    'who concealed in {id}' -> 'who concealed in it'."""
    label = str((info.json_schema_extra or {}).get("label", ""))
    label = re.sub(r"\b(in|of|to|for) \{(id|key)\}", r"\1 it", label).replace(" {key}", "")
    return re.sub(r"(audit finding|harm head|[\w-]+) \{id\}", r"this \1", label).strip()


def _comment(info, path: str, status: str) -> str:
    label = plain_label(info)
    text = f"{label}: {info.description}" if label else (info.description or path)
    return f"{' '.join(text.split())} ({status}{_choices(info.annotation)})"


def _status(info) -> str:
    if info.default is PydanticUndefined and info.default_factory is None:
        return "required"
    if info.default is UNKNOWN:
        return "unknown when left out"
    return f"optional; left out: {_shown(info.default)}"


def _shown(value) -> str:
    if value is None:
        return "none"
    if isinstance(value, BaseModel):
        return "the defaults below"
    if value in ([], {}):
        return "none"
    return str(value)


def _scalar(value) -> str:
    if value is UNKNOWN:
        return "unknown"
    if value is None:
        return "null"
    if isinstance(value, (str, bool, int, float)):
        return json.dumps(value)
    if isinstance(value, (list, dict)) and not value:
        return json.dumps(value)
    return json.dumps(str(value))


def _sub_model(annotation):
    inner = unwrap(annotation)
    return inner if isinstance(inner, type) and issubclass(inner, BaseModel) else None


def _model(model: type[BaseModel], prefix: str, depth: int, lines: list, commented: bool,
           first_item: bool = False) -> None:
    for index, (name, info) in enumerate(model.model_fields.items()):
        path = f"{prefix}{name}"
        pad = "  " * depth
        lead = pad
        if first_item and index == 0:
            lead = "  " * (depth - 1) + "- "
        status = _status(info)
        note = _comment(info, path, status)
        inner = unwrap(info.annotation)
        origin = typing.get_origin(inner)
        sub = _sub_model(inner)
        required = status == "required"
        hide = commented or not (required or info.default is UNKNOWN or path in GIVE_UNKNOWN)
        mark = "# " if hide else ""
        if sub is not None:
            lines.append(f"{mark}{lead}{name}:  # {note}")
            _model(sub, f"{path}.", depth + 1, lines, hide or info.default is None)
        elif origin is list and _sub_model(typing.get_args(inner)[0]) is not None:
            item = _sub_model(typing.get_args(inner)[0])
            lines.append(f"{mark}{lead}{name}: []  # {note}")
            _model(item, f"{path}[].", depth + 2, lines, True, first_item=True)
        elif origin is dict:
            keys = _choices(typing.get_args(inner)[0]).replace("; one of", "; keys")
            lines.append(f"{mark}{lead}{name}: {{}}  # {note}{keys}")
            value = _sub_model(typing.get_args(inner)[1])
            if value is not None:
                lines.append(f"# {pad}  DOMAIN:")
                _model(value, f"{path}.DOMAIN.", depth + 2, lines, True)
        else:
            if path in PLACEHOLDERS:
                value = PLACEHOLDERS[path]
            elif required or info.default is UNKNOWN or path in GIVE_UNKNOWN:
                value = UNKNOWN if accepts_unknown(info) else _required_example(inner)
            else:
                value = info.default
            lines.append(f"{mark}{lead}{name}: {_scalar(value)}  # {note}")


def _required_example(annotation) -> object:
    if typing.get_origin(annotation) is typing.Literal:
        return typing.get_args(annotation)[0]
    return "..."
