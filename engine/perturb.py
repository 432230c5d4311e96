"""Candidate perturbations for the sensitivity sweep: one meaningful change to one fact each.

Booleans flip; enumerations take each other value; timestamps move by one step either way (the
SLA window that governs them — an alert's triage window, the detection window for the first
indicator — or else one day); calendar dates by 30 days; durations halve and double; amounts
halve and double; counts go to zero or double; listed enumerations lose one member at a time;
optional facts that are present are removed (values of an enumeration that no rule, data file
or the case names are alike to every rule, so one run stands for them all); an alert with no acknowledgement or escalation is
given one exactly at the end of its window. Only facts some fired rule read are perturbed: a
fact no fired rule read cannot change the outcome by changing its value.
"""
from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from facts.annotations import child_path
from facts.durations import Duration
from facts.model import Case
from facts.unknown import UNKNOWN

DAY = timedelta(days=1)
DATE_STEP = timedelta(days=30)


@dataclass(frozen=True)
class Perturbation:
    path: str    # the case-file path of the field changed
    fact: str    # the input fact it belongs to (what the trace's premises name)
    label: str   # what was done, in words
    value: Any   # the new value, written as a case file writes it (None removes the field)


def candidates(case: Case, read: set[str]) -> list[Perturbation]:
    out: list[Perturbation] = []
    _model(case, "", read, out, case)
    seen, unique = set(), []
    for p in out:
        key = (p.path, repr(p.value))
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique


def _relevant(path: str, read: set[str]) -> bool:
    return any(r == path or r.startswith(path + ".") or r.startswith(path + "[")
               or path.startswith(r + ".") or path.startswith(r + "[") for r in read)


def _owner(path: str, read: set[str]) -> str | None:
    """The read input fact that holds this field (itself, or an enclosing item or record)."""
    probe = path
    while True:
        if probe in read:
            return probe
        cut = max(probe.rfind("."), probe.rfind("["))
        if cut <= 0:
            return None
        probe = probe[:cut]


def _model(model: BaseModel, path: str, read: set, out: list, case: Case, item=None) -> None:
    for name, info in type(model).model_fields.items():
        fpath = child_path(path, name)
        if not _relevant(fpath, read):
            continue
        value = getattr(model, name)
        base, optional = _unwrap(info.annotation)
        _field(fpath, value, base, optional, info, read, out, case, model if item is None
               else item)


def _field(path, value, annotation, optional, info, read, out, case, holder) -> None:
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    owner = _owner(path, read)

    def add(label, new):
        if owner is not None:
            out.append(Perturbation(path, owner, label, new))

    if value is UNKNOWN:
        return   # an unknown fact is explored by engine/unknowns.py, not perturbed here
    if isinstance(value, BaseModel):
        _model(value, path, read, out, case)
        return
    if origin is list:
        inner, _ = _unwrap(args[0]) if args else (Any, False)
        if value and isinstance(value[0], BaseModel):
            for i, item in enumerate(value):
                ipath = child_path(path, i, {"id": getattr(item, "id", None)}
                                   if isinstance(getattr(item, "id", None), str) else None)
                if _relevant(ipath, read) or owner:
                    _model(item, ipath, _with(read, ipath, owner), out, case, item)
            return
        if typing.get_origin(inner) is typing.Literal and value:
            for member in value:
                add(f"without {member}", [v for v in value if v != member])
        elif value:
            add("emptied", [])
        return
    if origin is dict:
        _, val_type = args if len(args) == 2 else (None, Any)
        choices = typing.get_args(val_type) if typing.get_origin(val_type) is typing.Literal \
            else ()
        for key in sorted(value):
            kpath = f"{path}.{key}"
            kowner = _owner(kpath, read)
            if kowner is None:
                continue
            for other in choices:
                if other != value[key]:
                    out.append(Perturbation(kpath, kowner, f"{value[key]} → {other}", other))
        return
    if value is None:
        if annotation is datetime and isinstance(holder, BaseModel) and hasattr(holder, "at") \
                and path.rsplit(".", 1)[-1] in ("acknowledged_at", "escalated_at"):
            step = _step(path, holder, case)
            add(f"set to {_words(step)} after the alert", _iso(holder.at + step))
        return
    if isinstance(value, bool):
        add(f"{str(value).lower()} → {str(not value).lower()}", not value)
    elif origin is typing.Literal:
        for other, alike in _alternatives(value, args, case):
            note = f" (stands for {', '.join(alike)}: no rule names them)" if alike else ""
            add(f"{value} → {other}{note}", other)
    elif isinstance(value, datetime):
        step = _step(path, holder, case)
        add(f"{_words(step)} earlier", _iso(value - step))
        add(f"{_words(step)} later", _iso(value + step))
    elif isinstance(value, date):
        add("30 days earlier", (value - DATE_STEP).isoformat())
        add("30 days later", (value + DATE_STEP).isoformat())
    elif isinstance(value, Duration):
        half = _half(value)
        if half is not None:
            add(f"halved ({value} → {half})", str(half))
        add(f"doubled ({value} → {Duration(value.amount * 2, value.unit)})",
            str(Duration(value.amount * 2, value.unit)))
    elif isinstance(value, Decimal):
        add("halved", str(value / 2))
        add("doubled", str(value * 2))
    elif isinstance(value, int):
        if value:
            add(f"{value} → 0", 0)
        add(f"{value} → {value * 2 or 1}", value * 2 or 1)
    else:
        return  # free text: no meaningful perturbation
    if optional:
        add("removed", None)


def _alternatives(value, options, case: Case) -> list[tuple[Any, list]]:
    """The other values of an enumeration worth a run each. Values that no rule, data file or
    the case itself names cannot be told apart by any rule, so one run stands for all of them."""
    named = _named_words(case)
    out, unnamed = [], []
    for other in options:
        if other == value or other is None:
            continue
        if isinstance(other, str) and other not in named:
            unnamed.append(other)
        else:
            out.append((other, []))
    if unnamed:
        out.append((unnamed[0], unnamed[1:]))
    return out


_RULE_WORDS: set | None = None
_CASE_WORDS: tuple = (None, set())   # (the case, the words it names), for the case being swept


def _named_words(case: Case) -> set:
    global _RULE_WORDS, _CASE_WORDS
    import re
    if _RULE_WORDS is None:
        from pathlib import Path
        import rules
        from facts.inputs import MAX_PACKAGE_BYTES, read_input
        words: set = set()
        for path in sorted(Path(rules.__file__).parent.rglob("*")):
            if path.suffix in (".py", ".yaml", ".yml", ".json") and path.is_file():
                text = read_input(path, "rule base file", MAX_PACKAGE_BYTES).decode("utf-8")
                words |= set(re.findall(r"[A-Za-z0-9_.-]+", text))
        _RULE_WORDS = words | {w.strip(".") for w in words}
    if _CASE_WORDS[0] is not case:
        in_case = set(re.findall(r"[A-Za-z0-9_.-]+", case.model_dump_json()))
        _CASE_WORDS = (case, _RULE_WORDS | in_case)
    return _CASE_WORDS[1]


def _with(read: set, path: str, owner: str | None) -> set:
    # Fields of an item that is read as a whole are read too.
    return read | {path} if owner else read


def _unwrap(annotation) -> tuple[Any, bool]:
    """(the type inside Optional / Annotated, whether None is allowed)."""
    optional = False
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
            continue
        if origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            optional = optional or len(args) < len(typing.get_args(annotation))
            if len(args) == 1:
                annotation = args[0]
                continue
        return annotation, optional


def _step(path: str, holder, case: Case) -> timedelta:
    """One legally meaningful step for a timestamp: the SLA window that governs it, else a day."""
    sla = case.contract.sla
    window = None
    if hasattr(holder, "severity") and hasattr(holder, "at"):   # an alert
        window = getattr(sla.triage, holder.severity, None) \
            if isinstance(holder.severity, str) else None
        if window is None or window is UNKNOWN:
            window = sla.escalation
    elif path.endswith("first_indicator") or path.endswith("provider_detection"):
        window = sla.detection
    elif path.endswith("client_notified"):
        window = sla.client_notification
    elif path.endswith("timeline.containment"):
        window = sla.containment
    if window is not None and window is not UNKNOWN and window.is_elapsed:
        return window.as_timedelta()
    return DAY


def _half(d: Duration) -> Duration | None:
    if d.amount >= 2:
        return Duration(d.amount // 2, d.unit)
    smaller = {"hours": ("minutes", 30), "days": ("hours", 12), "weeks": ("days", 3),
               "months": ("days", 15), "minutes": ("seconds", 30)}
    if d.unit in smaller:
        unit, amount = smaller[d.unit]
        return Duration(amount, unit)
    return None


def _words(step: timedelta) -> str:
    seconds = int(step.total_seconds())
    if seconds % 86400 == 0:
        n = seconds // 86400
        return f"{n} day{'s' if n != 1 else ''}"
    if seconds % 3600 == 0:
        n = seconds // 3600
        return f"{n} hour{'s' if n != 1 else ''}"
    return f"{seconds // 60} min"


def _iso(moment: datetime) -> str:
    return moment.isoformat()
