"""Changing a case without editing it: `--set PATH=VALUE` and overlay files.

An overlay is a partial case deep-merged onto the base: mappings merge, list items with an `id`
merge by id (new ids are appended), other lists are replaced. PATH is written as fact ids are
(dots; `[N]` for a list index; `[ID]` for the item with that id). VALUE is parsed as the case file
parses that field, and the whole case is validated again afterwards, so a wrong type gets the same
one-line error a case file would.
"""
from __future__ import annotations

import copy
import re
from typing import Any

from pydantic import BaseModel

from facts.errors import FaultlineInputError, did_you_mean
from facts.model import Case
from facts.safe_yaml import ParseError, parse_scalar

_STEP = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)((?:\[[^\]]+\])*)$")


def merge(base: Any, overlay: Any) -> Any:
    """Deep-merge overlay onto base (both raw case data); returns a new object.

    A sourced field (`{value, source}`) is addressed as the field itself: a plain overlay value
    replaces it (its old source no longer speaks for the new value), a mapping merges into its
    value. A mapping merged onto a disputed field merges into every party's version; anything
    else written over a disputed field settles it.
    """
    overlay_wrapped = isinstance(overlay, dict) and _is_wrapper(overlay)
    if isinstance(base, dict) and _is_sourced(base) and not overlay_wrapped:
        if isinstance(overlay, dict) and isinstance(base["value"], dict):
            return {**copy.deepcopy(base), "value": merge(base["value"], overlay)}
        return copy.deepcopy(overlay)
    if isinstance(base, dict) and "disputed" in base and not overlay_wrapped:
        versions = base.get("disputed")
        if isinstance(overlay, dict) and isinstance(versions, dict) and versions \
                and all(isinstance(v, dict) for v in versions.values()):
            out = copy.deepcopy(base)
            out["disputed"] = {p: merge(v, overlay) for p, v in versions.items()}
            return out
        return copy.deepcopy(overlay)
    if isinstance(base, dict) and isinstance(overlay, dict) and not _is_wrapper(overlay):
        out = copy.deepcopy(base)
        for key, value in overlay.items():
            out[key] = merge(base[key], value) if key in base else copy.deepcopy(value)
        return out
    if isinstance(base, list) and isinstance(overlay, list) and _all_have_ids(base) \
            and _all_have_ids(overlay):
        out = copy.deepcopy(base)
        index = {item["id"]: i for i, item in enumerate(out)}
        for item in overlay:
            if item["id"] in index:
                out[index[item["id"]]] = merge(out[index[item["id"]]], item)
            else:
                out.append(copy.deepcopy(item))
        return out
    return copy.deepcopy(overlay)


def added_items(base: Any, overlay: Any, path: str = "") -> list[tuple[str, str, list[str]]]:
    """The list items an overlay adds rather than changes: (item path, its id, the ids the base
    list has), so an error in a new item can ask whether the overlay meant an existing one."""
    found: list[tuple[str, str, list[str]]] = []
    if isinstance(base, dict) and _is_sourced(base):
        base = base["value"]
    if isinstance(base, dict) and isinstance(overlay, dict) and not _is_wrapper(overlay):
        for key, value in overlay.items():
            if key in base:
                found += added_items(base[key], value, f"{path}.{key}" if path else str(key))
    elif isinstance(base, list) and isinstance(overlay, list) and _all_have_ids(base) \
            and _all_have_ids(overlay):
        ids = [str(item["id"]) for item in base]
        for item in overlay:
            if str(item["id"]) not in ids:
                found.append((f"{path}[{item['id']}]", str(item["id"]), ids))
            else:
                found += added_items(base[ids.index(str(item["id"]))], item,
                                     f"{path}[{item['id']}]")
    return found


def _is_wrapper(node: dict) -> bool:
    return "disputed" in node or _is_sourced(node)


def _is_sourced(node: dict) -> bool:
    return "value" in node and set(node) <= {"value", "source", "note"}


def _all_have_ids(items: list) -> bool:
    return bool(items) and all(isinstance(i, dict) and "id" in i for i in items)


def parse_assignment(text: str) -> tuple[str, Any]:
    if "=" not in text:
        raise FaultlineInputError("--set", text, "expected PATH=VALUE, e.g. "
                                                 "client_governance.mfa.remote_access=true")
    path, value = text.split("=", 1)
    try:
        return path.strip(), parse_scalar(value)
    except ParseError as exc:
        raise FaultlineInputError("--set", path, exc.message) from None


def apply_set(raw: dict, path: str, value: Any) -> dict:
    """Return a copy of raw with the field at PATH set to value (checked against the model)."""
    steps = _parse_path(path)
    leaf = check_path(path)
    _check_value(path, leaf, value)
    # Copy only the containers on the path; the rest is shared with `raw`, which nothing mutates.
    out = dict(raw)
    node: Any = out
    for i, (name, selectors) in enumerate(steps):
        last = i == len(steps) - 1
        if not selectors:
            if last:
                node[name] = value
                return out
            node.setdefault(name, {})
            node = _own(node, name)
            continue
        node.setdefault(name, [])
        container = _own(node, name)
        for j, selector in enumerate(selectors):
            position = _locate(container, selector, path)
            if last and j == len(selectors) - 1:
                container[position] = value
                return out
            container = _own(container, position)
        node = container
    return out


def _own(parent: Any, key: Any) -> Any:
    """Replace parent[key] by a shallow copy and return it for changing; a sourced field
    ({value, source}) is addressed as the field itself, so its value is what is returned."""
    child = _shallow(parent[key])
    parent[key] = child
    if isinstance(child, dict) and "value" in child and set(child) <= {"value", "source", "note"}:
        inner = _shallow(child["value"])
        child["value"] = inner
        return inner
    return child


def _shallow(node: Any) -> Any:
    return dict(node) if isinstance(node, dict) else list(node) if isinstance(node, list) else node


def _locate(items: list, selector: str, path: str) -> int:
    if selector.isdigit():
        position = int(selector)
        if position >= len(items):
            raise FaultlineInputError("--set", path, f"index [{selector}] is past the end of a "
                                                     f"list of {len(items)}")
        return position
    for position, item in enumerate(items):
        if isinstance(item, dict) and item.get("id") == selector:
            return position
    ids = [i.get("id") for i in items if isinstance(i, dict)]
    raise FaultlineInputError("--set", path, f"no item with id {selector!r}"
                                             f"{did_you_mean(selector, ids)}; ids here: "
                                             f"{', '.join(map(str, ids)) or 'none'}")


def _parse_path(path: str) -> list[tuple[str, list[str]]]:
    steps = []
    for part in path.split("."):
        match = _STEP.match(part)
        if not match:
            raise FaultlineInputError("--set", path, f"cannot read path segment {part!r}; write "
                                                     f"paths like incident.alerts[AL-1].severity")
        steps.append((match.group(1), re.findall(r"\[([^\]]+)\]", match.group(2))))
    return steps


def _check_value(path: str, annotation: Any, value: Any) -> None:
    # pydantic's lax mode would turn 'no' or 'off' into false; a --set value is typed as the case
    # file types it, so a yes/no field takes only true or false.
    args = [a for a in (getattr(annotation, "__args__", ()) or ()) if a is not type(None)]
    if isinstance(value, str) and value.strip().lower() == "unknown":
        return   # any fact may be set to unknown; the model says where that is not allowed
    if (annotation is bool or args == [bool]) and value is not None \
            and not isinstance(value, bool):
        raise FaultlineInputError("--set", path, f"expected true or false, got {value!r}")


def check_path(path: str) -> Any:
    """Refuse a path the case model does not have, suggesting the nearest valid one; returns the
    annotation of the field the path ends at."""
    model: Any = Case
    walked: list[str] = []
    for name, selectors in _parse_path(path):
        if model is _FREE_KEYS:
            walked.append(name)
            model = None
            continue
        fields = _fields(model)
        if fields is None:
            raise FaultlineInputError("--set", path, f"{'.'.join(walked)} has no sub-fields")
        if name not in fields:
            here = ".".join(walked)
            options = [f"{here}.{f}" if here else f for f in fields]
            guess = f"{here}.{name}" if here else name
            raise FaultlineInputError("--set", path, f"unknown path{did_you_mean(guess, options)}"
                                                     f"; fields here: {', '.join(sorted(fields))}")
        walked.append(name)
        model = _inner(fields[name], bool(selectors))
    return model


_FREE_KEYS = "free-keys"  # a mapping with free keys (the responsibility matrix)


def _fields(model: Any) -> dict | None:
    if isinstance(model, type) and issubclass(model, BaseModel):
        return {k: v.annotation for k, v in model.model_fields.items()}
    return None


def _inner(annotation: Any, indexed: bool) -> Any:
    """The model a path step leads into (through Optional, list items, dict values)."""
    args = getattr(annotation, "__args__", ()) or ()
    origin = getattr(annotation, "__origin__", None)
    if indexed and origin is list and args:
        return _inner(args[0], False)
    if origin is dict:
        return _FREE_KEYS
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in args:
        found = _inner(arg, indexed)
        if found is _FREE_KEYS or (isinstance(found, type) and issubclass(found, BaseModel)):
            return found
    return annotation
