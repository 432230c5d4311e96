"""A validated case → input facts with readable ids (their case-file paths).

Scalars become one fact each (`incident.timeline.first_indicator`); list items that carry an id
become one fact each (`audit.findings[A-1]`, kind `audit.findings`); other lists stay whole. A field
left out of the file but given a default by the model is still a fact, marked `assumed`, so the
report can disclose what was assumed rather than found. An unknown fact (facts/unknown.py) is a
fact too, with the value UNKNOWN and marked `unknown`; `unknown_facts` lists every unknown value,
fields of list items included, with its label and why it is unknown.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from facts.labels import label
from facts.loader import LoadedCase
from facts.unknown import UNKNOWN

SKIP = {"evidence"}
# Small records a rule reads as one fact (their sub-fields only mean something together).
ATOMIC = {"incident.vector"}


@dataclass(frozen=True)
class InputFact:
    id: str
    value: Any
    kind: str = ""
    source: str = ""
    assumed: bool = False
    disputed: bool = False
    unknown: bool = False


def input_facts(loaded: LoadedCase) -> list[InputFact]:
    out: list[InputFact] = []
    _walk(loaded.case, "", loaded.plain, loaded, out)
    out += evidence_facts(loaded)
    return sorted(out, key=lambda f: f.id)


def input_facts_after_change(loaded: LoadedCase, base: list[InputFact],
                             paths: list[str]) -> list[InputFact]:
    """input_facts(loaded) for a case that differs from the one `base` came from only at these
    case-file paths: the top-level sections they lie in are walked again, the rest is reused.
    (A section validates on its own data and the case's timezone alone, so an unchanged section
    gives the same facts; a change to a top-level value such as the timezone walks everything.)"""
    sections = {_section(p) for p in paths}
    fields = type(loaded.case).model_fields
    if any(s not in fields or s in SKIP or not isinstance(getattr(loaded.case, s), (BaseModel, list))
           for s in sections):
        return input_facts(loaded)
    out = [f for f in base if _section(f.id) not in sections]
    _walk(loaded.case, "", loaded.plain, loaded, out, only=sorted(sections))
    return sorted(out, key=lambda f: f.id)


def _section(path: str) -> str:
    return path.split(".", 1)[0].split("[", 1)[0]


def _walk(model: BaseModel, path: str, written: Any, loaded: LoadedCase, out: list,
          only: list[str] | None = None) -> None:
    for name in only or type(model).model_fields:
        if not path and name in SKIP:
            continue
        value = getattr(model, name)
        fid = f"{path}.{name}" if path else name
        present = isinstance(written, dict) and name in written
        sub = written.get(name) if present else None
        if value is None:
            continue
        if isinstance(value, BaseModel) and fid in ATOMIC:
            out.append(_fact(fid, value.model_dump(), loaded, present))
        elif isinstance(value, BaseModel):
            _walk(value, fid, sub, loaded, out)
        elif isinstance(value, list) and value and isinstance(value[0], BaseModel) \
                and hasattr(value[0], "id"):
            for item in value:
                item_id = f"{fid}[{item.id}]"
                # items of a list the file left out are the model's default (assumed)
                out.append(_fact(item_id, item.model_dump(), loaded, present, kind=fid))
        elif isinstance(value, dict):
            for key in sorted(value):
                entry = value[key]   # a mapping of records (contract.shared_parts): one fact each
                out.append(_fact(f"{fid}.{key}", entry.model_dump()
                                 if isinstance(entry, BaseModel) else entry, loaded,
                                 isinstance(sub, dict) and key in sub))
        else:
            if isinstance(value, list) and value and isinstance(value[0], BaseModel):
                value = [v.model_dump() for v in value]
            out.append(_fact(fid, value, loaded, present))


def evidence_facts(loaded: LoadedCase) -> list[InputFact]:
    """Facts derived from evidence files, under their own ids (`evidence.alerts....`), each
    sourced to the file, the selection and the rows that decide it."""
    out = []
    kinds = [ref.kind for ref in loaded.case.evidence]
    for ref in loaded.case.evidence:
        for fid, entry in sorted(ref.derived.items()):
            if kinds.count(ref.kind) > 1:
                fid = f"{fid}[{ref.id}]"
            prov = entry.get("provenance", {})
            rows = prov.get("rows", [])
            shown = ", ".join(map(str, rows[:5])) + (" …" if len(rows) > 5 else "")
            source = (f"{ref.path}, rows {shown} of {prov.get('row_count', len(rows))}: "
                      f"{prov.get('selection', '')}")
            out.append(InputFact(fid, entry.get("value"), "", source))
    return out


def _fact(fid: str, value: Any, loaded: LoadedCase, present: bool, kind: str = "") -> InputFact:
    return InputFact(fid, value, kind, loaded.notes.sources.get(fid, ""), assumed=not present,
                     disputed=fid in loaded.notes.disputes, unknown=value is UNKNOWN)


@dataclass(frozen=True)
class UnknownFact:
    id: str        # its case-file path (a field of a list item included)
    label: str     # in words, for sentences
    why: str       # written unknown / the record says so / left out / disputed, no version chosen
    source: str = ""


def unknown_facts(loaded: LoadedCase) -> list[UnknownFact]:
    """Every unknown value in the case as run, in path order."""
    out: list[UnknownFact] = []
    _unknowns(loaded.case, "", loaded.plain, loaded, out)
    return sorted(out, key=lambda u: u.id)


def _unknowns(value: Any, path: str, written: Any, loaded: LoadedCase, out: list) -> None:
    from facts.annotations import child_path
    if value is UNKNOWN:
        notes = loaded.notes
        if path in notes.unknowns:
            why = notes.unknowns[path]
        else:
            why = "not in the record" if written is None else "written unknown"
        out.append(UnknownFact(path, label(path), why, notes.sources.get(path, "")))
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            if not path and name in SKIP:
                continue
            sub = written.get(name) if isinstance(written, dict) else None
            _unknowns(getattr(value, name), child_path(path, name), sub, loaded, out)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            ident = {"id": getattr(item, "id")} if isinstance(getattr(item, "id", None), str) \
                else None
            sub = written[i] if isinstance(written, list) and i < len(written) else None
            _unknowns(item, child_path(path, i, ident), sub, loaded, out)
    elif isinstance(value, dict):
        for key in sorted(value):
            sub = written.get(key) if isinstance(written, dict) else None
            _unknowns(value[key], f"{path}.{key}", sub, loaded, out)
