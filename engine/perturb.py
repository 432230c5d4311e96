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

import re
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
    words: str = ""   # the change said in full: 'When alert AL-1007 was escalated: ... instead
                      # of never (the record has none)', for labels a party can read


def candidates(case: Case, read: set[str]) -> list[Perturbation]:
    """Every meaningful one-fact change, contestable or not (see `not_contestable`)."""
    out: list[Perturbation] = []
    _model(case, "", read, out, case)
    seen, unique = set(), []
    for p in out:
        key = (p.path, repr(p.value))
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique


# --- what a party could contest -----------------------------------------------------------------
#
# A sensitivity a party would accept changes only what a party could argue the record gets
# wrong: a time, an amount, a count, a date, a yes/no fact, how the client answered a
# recommendation, and (in engine/sensitivity.py) each party's version of a disputed fact. It
# never changes who did or said something, how a document classifies an item, or the terms of a
# document (the contract, the insurance policy) — unless the parties contest that term (a
# control domain listed in contract.disputed_scope) — and it never deletes an event the record
# has or empties a list.

AUTHORSHIP = {"by", "to", "responsible", "discovered_by"}
CLASSIFICATION = {"category", "control_domain", "kind", "topic", "severity", "type", "form",
                  "control_level", "recipient", "classification"}
DOCUMENTS = ("contract.", "insurance.")
FACTUAL_CHOICES = {"response"}      # enumerations that record what a party did


def not_contestable(p: Perturbation, case: Case) -> str | None:
    """Why no party could put this change forward (a short reason), or None if one could."""
    field = re.sub(r"\[[^\]]*\]", "", p.path).rsplit(".", 1)[-1]
    if p.path.startswith("contract.responsibilities."):
        domain = p.path.split(".")[2]
        scope = case.contract.disputed_scope
        contested = isinstance(scope, list) and domain in scope
        return None if contested else "the contract's responsibility matrix (its scope is not disputed)"
    if p.path.startswith(DOCUMENTS):
        return "a term of a document the parties signed"
    if field in AUTHORSHIP:
        return "who did or said something"
    if p.value is None and not p.label.startswith("set to"):
        return "deleting an event the record has"
    if p.label == "emptied":
        return "emptying a list the record gives"
    if field in CLASSIFICATION or (isinstance(p.value, str) and " → " in p.label
                                   and field not in FACTUAL_CHOICES
                                   and not p.label.startswith(("halved", "doubled"))):
        return "how the record classifies an item"
    return None


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
            out.append(Perturbation(path, owner, label, new,
                                    change_words(path, value, new, label, case)))

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
        val_type, _ = _unwrap(val_type)
        choices = typing.get_args(val_type) if typing.get_origin(val_type) is typing.Literal \
            else ()
        for key in sorted(value):
            kpath = f"{path}.{key}"
            kowner = _owner(kpath, read)
            if kowner is None:
                continue
            for other in choices:
                if other != value[key] and value[key] is not UNKNOWN:
                    out.append(Perturbation(kpath, kowner, f"{value[key]} → {other}", other,
                                            change_words(kpath, value[key], other, "", case)))
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
        if value >= 2:
            add(f"{value} → {value // 2}", value // 2)
        add(f"{value} → {value * 2 or 1}", value * 2 or 1)
    else:
        return  # free text: no meaningful perturbation
    if optional:
        add("removed", None)


def dispute_versions(loaded, read: set[str]) -> list[Perturbation]:
    """Each party's version of each disputed fact a rule read: the neutral run leaves a disputed
    fact unknown, so taking one side's version is a change a party does put forward."""
    out = []
    for path, dispute in sorted(loaded.notes.disputes.items()):
        owner = _owner(path, read)
        if owner is None:
            continue
        name = fact_label(path)
        for party, version in sorted(dispute.versions.items()):
            shown = _say_plain(version, loaded.case, path)
            out.append(Perturbation(path, owner, f"the {party}'s version", version,
                                    f"{name}: {shown}, as the {party} says"))
    return out


def fact_label(path: str) -> str:
    """The fact a path names, in words, capitalised ('When alert AL-1007 fired')."""
    from facts.labels import label
    name = label(path)
    entry = re.search(r"\[(\d+)\]", path)
    if entry and entry.group(1) not in name:     # an item with no id: say which entry
        name += f" (entry {int(entry.group(1)) + 1})"
    return name[:1].upper() + name[1:]


def _say_plain(v, case: Case, path: str) -> str:
    from facts import formatting as fmt
    key = path.rsplit(".", 1)[-1]
    if isinstance(v, Duration):
        return fmt.duration(str(v))
    if isinstance(v, (datetime, date)):
        v = v.isoformat()
    elif isinstance(v, str) and re.fullmatch(r"[a-z0-9_]+", v) and "_" in v:
        return fmt.humanize(v)
    return fmt.value(v, fmt.zone_of(case.timezone), getattr(case.case, "currency", None), key)


def change_words(path: str, old, new, how: str, case: Case) -> str:
    """One change in words: the fact's label, the value it is given and the value the record
    has ('Whether MFA protected remote access: yes instead of no'; 'When alert AL-1007 was
    escalated to the client: Mon 2025-03-03 03:40 EST (the record has none)')."""
    from facts import formatting as fmt

    def say(v) -> str:
        return _say_plain(v, case, path)
    name = fact_label(path)
    if how.startswith("without "):
        return f"{name}: without {fmt.humanize(how[len('without '):])}"
    if new is None:
        return f"{name}: not recorded, instead of {say(old)}"
    if old is None:
        return f"{name}: {say(new)} (the record has none)"
    step = f" ({how})" if how.endswith(("earlier", "later")) else ""
    return f"{name}: {say(new)} instead of {say(old)}{step}"


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
