"""Case file → validated `Case`, or one line saying which field is wrong and why."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ValidationError

from facts.annotations import Annotations, child_path, strip
from facts.errors import FaultlineInputError, did_you_mean
from facts.model import Case
from facts.safe_yaml import ParseError, parse_text
from facts.timeline_checks import check_timeline

MAX_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class LoadedCase:
    path: str
    case: Case
    raw: dict            # the file's data, wrappers included, as parsed
    plain: dict          # the data this run used (wrappers stripped, disputes resolved)
    notes: Annotations
    choice: dict         # disputed path -> party whose version this run assumes


def read_raw(path: str | Path) -> dict:
    """Parse a case or overlay file into plain Python data, refusing anything odd."""
    path = Path(path)
    name = str(path)
    if not path.exists():
        raise FaultlineInputError(name, "", "no such file")
    if path.is_dir():
        raise FaultlineInputError(name, "", "is a directory, not a case file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FaultlineInputError(name, "", f"cannot be read: {exc.strerror}") from None
    if len(data) > MAX_BYTES:
        raise FaultlineInputError(name, "", f"{len(data):,} bytes; a case file may be at most "
                                            f"{MAX_BYTES:,} (put logs under evidence:)")
    if not data.strip():
        raise FaultlineInputError(name, "", "the file is empty; expected a case in YAML or JSON")
    if b"\x00" in data:
        raise FaultlineInputError(name, "", "binary data, not a YAML or JSON text file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FaultlineInputError(name, "", f"not UTF-8 text (byte {exc.start}); save the file "
                                            f"as UTF-8") from None
    kind = "json" if path.suffix.lower() == ".json" else "yaml"
    try:
        parsed = parse_text(text, kind)
    except ParseError as exc:
        raise FaultlineInputError(name, exc.field, exc.message) from None
    if not isinstance(parsed, dict):
        raise FaultlineInputError(name, "", f"expected a mapping of sections (case:, parties:, "
                                            f"...), got {type(parsed).__name__}")
    return parsed


def load_case(path: str | Path) -> LoadedCase:
    return build_case(read_raw(path), str(path))


def build_case(raw: dict, name: str, choice: dict | None = None,
               default_version: str = "client") -> LoadedCase:
    """Validate raw case data (a file's, or one with overlays merged in)."""
    try:
        plain, notes = strip(raw, choice, default_version)
    except ParseError as exc:
        raise FaultlineInputError(name, exc.field, exc.message) from None
    timezone = plain.get("timezone") if isinstance(plain.get("timezone"), str) else None
    try:
        case = Case.model_validate(plain, context={"timezone": timezone})
    except ValidationError as exc:
        field, message = describe_error(exc.errors()[0], plain)
        raise FaultlineInputError(name, field, message) from None
    problem = check_timeline(case)
    if problem:
        raise FaultlineInputError(name, *problem)
    chosen = {p: (choice or {}).get(p, default_version) for p in sorted(notes.disputes)}
    return LoadedCase(name, case, raw, plain, notes, chosen)


def describe_error(error: dict, plain: dict) -> tuple[str, str]:
    """Turn one pydantic error into (case-file path, what is wrong; what is expected)."""
    loc = list(error["loc"])
    kind = error["type"]
    if kind == "extra_forbidden":
        loc, key = loc[:-1], loc[-1]
        path = _path(loc, plain)
        allowed = _allowed_keys(loc)
        hint = did_you_mean(key, allowed)
        return (child_path(path, key),
                f"unknown key{hint}; allowed here: {', '.join(allowed)}")
    path = _path(loc, plain)
    got = error.get("input")
    if kind == "missing":
        return path, "required field is missing"
    if kind in ("literal_error", "enum"):
        expected = error.get("ctx", {}).get("expected", "")
        return path, f"unknown value {got!r}{did_you_mean(got, _quoted(expected))}; " \
                     f"expected one of {expected}"
    if kind == "value_error":
        return path, str(error["msg"]).removeprefix("Value error, ")
    if isinstance(got, (dict, list)):
        got = type(got).__name__
    return path, f"{error['msg'].lower()}, got {got!r}"


def _quoted(expected: str) -> list[str]:
    return [part.strip(" '\"") for part in expected.replace(" or ", ",").split(",")]


def _path(loc: list, plain: object) -> str:
    path, node = "", plain
    for key in loc:
        if isinstance(key, str) and key.startswith(("function-", "literal[")):
            continue
        item = node[key] if isinstance(node, (list, dict)) and _has(node, key) else None
        path = child_path(path, key, item)
        node = item
    return path


def _has(node, key) -> bool:
    return (0 <= key < len(node)) if isinstance(node, list) and isinstance(key, int) else \
        (isinstance(node, dict) and key in node)


def _allowed_keys(loc: list) -> list[str]:
    model: type[BaseModel] | None = Case
    for key in loc:
        if isinstance(key, int) or model is None:
            continue
        field = model.model_fields.get(key)
        model = _model_of(field.annotation) if field else None
    return sorted(model.model_fields) if model else []


def _model_of(annotation) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _model_of(arg)
        if found:
            return found
    return None


def file_sha256(path: str | Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()
