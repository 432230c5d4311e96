"""The what-if as a form: the facts of a case a party could change, each with the value the case
file gives it, and a form's answers turned back into a what-if scenario (engine/whatif.py).

Each field is one of: a disputed fact (a choice between the parties' versions, each with its
exhibit); a yes/no fact (a switch); a time, a date, a duration, an amount or a count (a text
input, parsed as the case file parses it); an enumeration (a choice of its values). Free text,
names and ids are not offered: no rule reads a different outcome from a reworded sentence.

An answer equal to the case file's value changes nothing; a changed answer becomes one `--set`
assignment of the scenario, so the form and `whatif --set PATH=VALUE` give the same result.
"""
from __future__ import annotations

import typing
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from engine.whatif import Scenario
from facts.annotations import child_path
from facts.durations import Duration
from facts.errors import FaultlineInputError
from facts.labels import unwrap
from facts.loader import LoadedCase
from facts.overlay import parse_assignment
from facts.unknown import UNKNOWN

NEITHER = "neither"        # a disputed fact left undecided, as the case is filed
YES, NO, UNKNOWN_WORD = "yes", "no", "unknown"
# Fields that name who did something or carry an identifier or free text: no switch for those.
NOT_OFFERED = {"id", "by", "to", "name", "responsible", "discovered_by"}


@dataclass
class FormField:
    path: str                      # the case-file path (what --set PATH= takes)
    label: str                     # the fact in words
    kind: str                      # version | switch | time | date | duration | amount | count | choice
    base: str                      # the answer that leaves the case as filed
    section: str                   # top-level section of the case file
    source: str = ""               # the exhibit the case file names for it
    options: list[tuple[str, str, str]] = field(default_factory=list)  # (answer, words, exhibit)


def form_fields(loaded: LoadedCase) -> list[FormField]:
    """Every field of the case the form offers, disputed facts first, then in the order of
    the case file's sections."""
    out: list[FormField] = []
    disputes = loaded.notes.disputes
    _model(loaded.case, "", loaded.plain, loaded, out)
    offered = [f for f in out if f.path not in disputes]     # in the case file's order
    return [_version_field(loaded, path) for path in sorted(disputes)] + offered


def _version_field(loaded: LoadedCase, path: str) -> FormField:
    from engine.perturb import fact_label
    dispute = loaded.notes.disputes[path]
    options = [(NEITHER, "undecided: neither version is taken (the case as filed)", "")]
    for party in sorted(dispute.versions):
        options.append((party, f"the {party}'s version: {said(dispute.versions[party], loaded, path)}",
                        str(dispute.sources.get(party) or "")))
    return FormField(path, fact_label(path), "version", NEITHER, section_of(path), "", options)


def section_of(path: str) -> str:
    """The top-level section of the case file a path lies in ('affected[0].residents' ->
    'affected')."""
    return path.split(".")[0].split("[")[0]


def said(value, loaded: LoadedCase, path: str) -> str:
    """A value of the field at `path` in words, as the reports say it."""
    from engine.perturb import _say_plain
    if isinstance(value, str) and value.strip().lower() == "never":
        return "never"
    try:
        return _say_plain(value, loaded.case, path)
    except (TypeError, ValueError):
        return str(value)


def _model(model: BaseModel, path: str, written: Any, loaded: LoadedCase, out: list) -> None:
    written = written if isinstance(written, dict) else {}
    for name, info in type(model).model_fields.items():
        if name in NOT_OFFERED or name == "evidence":
            continue
        fpath = child_path(path, name)
        _field(fpath, getattr(model, name), unwrap(info.annotation), written.get(name), loaded,
               out)


def _field(path: str, value: Any, annotation: Any, written: Any, loaded: LoadedCase,
           out: list) -> None:
    from engine.perturb import fact_label
    if isinstance(value, BaseModel):
        _model(value, path, written, loaded, out)
        return
    if isinstance(value, list):
        items = written if isinstance(written, list) else []
        for i, item in enumerate(value):
            if isinstance(item, BaseModel):
                ident = getattr(item, "id", None)
                ipath = child_path(path, i, {"id": ident} if isinstance(ident, str) else None)
                _model(item, ipath, items[i] if i < len(items) else {}, loaded, out)
        return
    kind, options = _kind(value, annotation)
    if kind is None:
        return
    source = loaded.notes.sources.get(path, "")
    out.append(FormField(path, fact_label(path), kind, _answer(value, written, kind),
                         section_of(path), str(source), options))


def _kind(value: Any, annotation: Any) -> tuple[str | None, list]:
    """The input a field gets, from its model type (an optional field left out still gets one
    when its type is a time: an acknowledgement or escalation the record lacks)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Literal:
        options = [(str(v), str(v).replace("_", " "), "") for v in typing.get_args(annotation)
                   if v is not None]
        return "choice", options
    simple = {bool: "switch", datetime: "time", date: "date", Duration: "duration",
              Decimal: "amount", int: "count"}
    if annotation in simple:
        kind = simple[annotation]
        if kind == "switch":
            return kind, [(YES, "yes", ""), (NO, "no", ""), (UNKNOWN_WORD, "unknown", "")]
        return kind, []
    if value is None or value is UNKNOWN:
        return None, []
    for kind_type, kind in simple.items():
        if isinstance(value, kind_type) and not (kind_type is int and isinstance(value, bool)):
            return kind, []
    return None, []


def _answer(value: Any, written: Any, kind: str) -> str:
    """The field's value as the form shows it: as the case file writes it."""
    if value is UNKNOWN:
        return UNKNOWN_WORD
    if value is None:
        return ""
    if kind == "switch":
        return YES if value else NO
    if isinstance(written, dict) and "value" in written:
        written = written["value"]
    if written is not None and not isinstance(written, (dict, list)):
        return str(written).lower() if isinstance(written, bool) else str(written)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return str(value)


# --- answers → scenario ---------------------------------------------------------------------

def answers_scenario(loaded: LoadedCase, fields: list[FormField], answers: dict[str, str],
                     name: str = "what-if") -> tuple[Scenario, dict[str, str]]:
    """The scenario the answers make (one assignment per changed field) and, per field, the
    one-line error of an answer that cannot be read as the case file reads that field."""
    sets: list[tuple[str, Any]] = []
    errors: dict[str, str] = {}
    for f in fields:
        given = answers.get(f.path)
        if given is None or given.strip() == f.base:
            continue
        try:
            sets.append((f.path, _value(loaded, f, given.strip())))
        except FaultlineInputError as exc:
            errors[f.path] = exc.message
    return Scenario(name, "", {}, sets, name), errors


def _value(loaded: LoadedCase, f: FormField, text: str) -> Any:
    if f.kind == "version":
        versions = loaded.notes.disputes[f.path].versions
        if text not in versions:
            raise FaultlineInputError("form", f.path, f"choose {', '.join(sorted(versions))} or "
                                                      f"{NEITHER}")
        return versions[text]
    if f.kind == "switch":
        words = {YES: True, NO: False, UNKNOWN_WORD: UNKNOWN_WORD}
        if text not in words:
            raise FaultlineInputError("form", f.path, "choose yes, no or unknown")
        return words[text]
    if f.kind == "choice" and text not in {o[0] for o in f.options}:
        raise FaultlineInputError("form", f.path, f"choose one of {', '.join(o[0] for o in f.options)}")
    if text == "":
        return None
    return parse_assignment(f"{f.path}={text}")[1]


def overlay_of(applied: dict, sets: list[tuple[str, Any]]) -> dict:
    """The assignments as an overlay file's partial case (what `whatif --scenario` reads): a
    dotted path becomes nested mappings, `[ID]` the list item with that id. A list whose items
    have no ids is replaced whole by an overlay, so it is written whole, as `applied` (the case
    with the scenario applied) has it."""
    from facts.labels import split_path
    out: dict = {}
    for path, value in sets:
        node, there = out, applied
        steps = split_path(path)
        for i, (name, ident) in enumerate(steps):
            there = there.get(name) if isinstance(there, dict) else None
            if ident is None:
                if i == len(steps) - 1:
                    node[name] = value
                else:
                    node = node.setdefault(name, {})
                continue
            whole = there if isinstance(there, list) else []
            if not all(isinstance(x, dict) and "id" in x for x in whole):
                node[name] = whole
                break
            items = node.setdefault(name, [])
            item = next((x for x in items if x.get("id") == ident), None)
            if item is None:
                item = {"id": ident}
                items.append(item)
            node = item
            there = next((x for x in whole if x.get("id") == ident), None)
    return out


# --- a sensitivity change as the form's answer ---------------------------------------------

def change_answers(loaded: LoadedCase, fields: dict[str, FormField]) -> dict[tuple[str, str], str]:
    """Each one-fact change the sensitivity sweep can make (engine/perturb.py), keyed by its
    path and its label as the sweep reports them, as the answer the form takes for that field:
    what makes a bar of the ranking open the what-if with that change made."""
    from engine.perturb import candidates, dispute_versions
    from facts.flatten import input_facts
    read = {f.id for f in input_facts(loaded)}
    out: dict[tuple[str, str], str] = {}
    for p in candidates(loaded.case, read) + dispute_versions(loaded, read):
        f = fields.get(p.path)
        if f is None:
            continue
        if f.kind == "version":
            party = p.label.removeprefix("the ").removesuffix("'s version")
            answer = party if party in loaded.notes.disputes[p.path].versions else None
        elif f.kind == "switch" and isinstance(p.value, bool):
            answer = YES if p.value else NO
        elif p.value is None:
            answer = ""
        elif isinstance(p.value, (list, dict)):
            answer = None
        else:
            answer = str(p.value)
        if answer is not None:
            out[(p.path, p.label)] = answer
    return out
