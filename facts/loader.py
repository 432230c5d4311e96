"""Case file → validated `Case`, or one line saying which field is wrong and why."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ValidationError

from facts.annotations import NEITHER, Annotations, child_path, strip
from facts.errors import FaultlineInputError, did_you_mean
from facts.inputs import MAX_DOCUMENT_BYTES, read_input
from facts.limits import check_disputes, check_size
from facts.model import Case
from facts.references import check_references
from facts.safe_yaml import ParseError, parse_text
from facts.case_checks import check_case
from facts.control_checks import check_controls
from facts.timeline_checks import check_timeline
from facts.unknown import UNKNOWN
from facts.versions import check_versions

MAX_BYTES = MAX_DOCUMENT_BYTES


@dataclass(frozen=True)
class LoadedCase:
    path: str
    case: Case
    raw: dict            # the file's data, wrappers included, as parsed
    plain: dict          # the data this run used (wrappers stripped, disputes resolved)
    notes: Annotations
    choice: dict         # disputed path -> party whose version this run assumes
    evidence: dict = field(default_factory=dict)  # per evidence file: digest, rows, conflicts
    evidence_root: str = ""  # the folder evidence and mapping paths are relative to, and inside
    # The version of a disputed fact a run takes where `choice` names none: None (the neutral
    # default) treats an unresolved disputed fact as unknown; 'client' or 'provider' is a choice
    # the user made and the result discloses (--assume).
    assume: str | None = None


def read_raw(path: str | Path, what: str = "case file") -> dict:
    """Parse a case, overlay or parameters file into plain Python data, refusing anything odd."""
    path = Path(path)
    name = str(path)
    data = read_input(path, what, MAX_BYTES)
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


def load_case(path: str | Path, evidence_root: str | Path | None = None,
              assume: str | None = None) -> LoadedCase:
    """Read and validate a case file, and the evidence files it names. Those are named relative
    to the case file's folder, or to `evidence_root` when given, and must lie inside it.
    `assume` ('client' or 'provider') resolves every disputed fact to that party's version;
    without it a disputed fact is unknown in this run (the neutral default)."""
    root = Path(evidence_root) if evidence_root else Path(path).parent
    if evidence_root:
        _check_root(root)
    return _with_evidence(build_case(read_raw(path), str(path), default_version=assume), root)


def _check_root(root: Path) -> None:
    if not root.is_dir():
        raise FaultlineInputError("--evidence-root", str(root), "not a folder; expected the folder "
                                                                "that holds the evidence files")


def variant(base: LoadedCase, raw: dict, name: str | None = None,
            choice: dict | None = None) -> LoadedCase:
    """The base case with changed data — a what-if scenario, another version of its disputed
    facts — validated as the file is and with its evidence files read again (their paths stay
    relative to the base case file; `name` is what an error names, e.g. the overlay file)."""
    return _with_evidence(build_case(raw, name or base.path, choice, base.assume),
                          _root_of(base))


def perturbed(base: LoadedCase, plain: dict) -> LoadedCase:
    """The case as run (`base.plain`: disputes resolved, evidence merged) with some values changed,
    validated again, keeping the base's sources, disputes and evidence record. Facts summarised
    from evidence files are kept as facts, not recomputed from the files: a sensitivity sweep
    perturbs them as facts in their own right."""
    return LoadedCase(base.path, _validate(plain, base.path), base.raw, plain, base.notes,
                      base.choice, base.evidence, base.evidence_root, base.assume)


def input_files(loaded: LoadedCase) -> tuple[str, ...]:
    """Every file this case was read from: the case file, and its evidence and mapping files
    (outputs are never written over any of them)."""
    root = _root_of(loaded)
    files = [loaded.path]
    for entry in loaded.evidence.values():
        files += [str(root / entry[key]) for key in ("file", "mapping") if entry.get(key)]
    return tuple(files)


def _root_of(base: LoadedCase) -> Path:
    return Path(base.evidence_root) if base.evidence_root else Path(base.path).parent


def _with_evidence(loaded: LoadedCase, base_dir: Path) -> LoadedCase:
    from dataclasses import replace
    loaded = replace(loaded, evidence_root=str(base_dir))
    if not loaded.case.evidence:
        return loaded
    from facts.evidence_merge import attach_evidence
    return attach_evidence(loaded, base_dir)


ASSUMPTIONS = ("client", "provider")


def build_case(raw: dict, name: str, choice: dict | None = None,
               default_version: str | None = None) -> LoadedCase:
    """Validate raw case data (a file's, or one with overlays merged in). `choice` names the
    version of particular disputed facts; `default_version` the version of the others (None:
    none, so they are unknown)."""
    try:
        plain, notes = strip(raw, choice, default_version)
    except ParseError as exc:
        raise FaultlineInputError(name, exc.field, exc.message) from None
    too_many = check_disputes(len(notes.disputes))
    if too_many:
        raise FaultlineInputError(name, "", too_many)
    chosen = {p: (choice or {}).get(p, default_version) or NEITHER for p in sorted(notes.disputes)}
    case = _validate(plain, name)
    if choice is None:   # (a chosen combination of versions is a case whose versions passed this)
        check_versions(raw, notes, name, default_version, _validate)
    return LoadedCase(name, case, raw, plain, notes, chosen, assume=default_version)


def _validate(plain: dict, name: str) -> Case:
    timezone = plain.get("timezone") if isinstance(plain.get("timezone"), str) else None
    try:
        case = Case.model_validate(plain, context={"timezone": timezone})
    except ValidationError as exc:
        field, message = describe_error(exc.errors()[0], plain)
        raise FaultlineInputError(name, field, message) from None
    problem = check_size(case) or check_case(case) or check_controls(case) or \
        check_timeline(case) or \
        check_references(case)
    if problem:
        raise FaultlineInputError(name, *problem)
    return case


_EXPECTED = {  # pydantic error type -> what the field expects, in a user's words
    "string_type": "text", "int_type": "a whole number", "int_parsing": "a whole number",
    "int_from_float": "a whole number", "float_type": "a number", "float_parsing": "a number",
    "decimal_type": "a number", "decimal_parsing": "a number", "bool_type": "true or false",
    "bool_parsing": "true or false", "list_type": "a list", "dict_type": "a mapping of fields",
    "model_type": "a mapping of fields", "model_attributes_type": "a mapping of fields",
    "date_type": "a date like 2025-03-04", "date_parsing": "a date like 2025-03-04",
    "date_from_datetime_parsing": "a date like 2025-03-04",
    "date_from_datetime_inexact": "a date like 2025-03-04 (no time of day)",
    "datetime_type": "a timestamp like 2025-03-04T09:15:00-05:00",
    "datetime_parsing": "a timestamp like 2025-03-04T09:15:00-05:00",
    "int_parsing_size": "a whole number of sensible size", "finite_number": "a finite number",
}


def describe_error(error: dict, plain: dict) -> tuple[str, str]:
    """Turn one pydantic error into (case-file path, what is wrong; what is expected)."""
    loc = list(error["loc"])
    kind = error["type"]
    ctx = error.get("ctx", {}) or {}
    if kind == "extra_forbidden":
        loc, key = loc[:-1], loc[-1]
        path = _path(loc, plain)
        allowed = _allowed_keys(loc)
        hint = did_you_mean(key, allowed)
        return (child_path(path, key),
                f"unknown key{hint}; allowed here: {', '.join(allowed)}")
    is_key = "[key]" in loc
    loc = [k for k in loc if k != "[key]"]
    path = _path(loc, plain)
    got = error.get("input")
    if got is UNKNOWN:
        return path, "cannot be unknown; this field names or identifies something and must be " \
                     "given (see docs/case-format.md)"
    if kind == "missing":
        return path, "required field is missing; add it (see docs/case-format.md)"
    if kind in ("literal_error", "enum"):
        expected = ctx.get("expected", "")
        what = "unknown key" if is_key else "unknown value"
        return path, f"{what} {_show(got)}{did_you_mean(got, _quoted(expected))}; " \
                     f"expected one of {expected}"
    if kind == "value_error":
        return path, str(error["msg"]).removeprefix("Value error, ")
    if kind == "string_too_long":
        return path, f"text of {len(got):,} characters; expected at most " \
                     f"{ctx.get('max_length')}"
    if kind == "string_too_short":
        return path, f"empty text; expected at least {ctx.get('min_length')} character(s)"
    if kind == "string_pattern_mismatch":
        return path, f"{_show(got)} is not allowed here; expected text matching " \
                     f"{ctx.get('pattern')}"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        bound = {"greater_than_equal": "at least", "greater_than": "more than",
                 "less_than_equal": "at most", "less_than": "less than"}[kind]
        limit = next(iter(ctx.values()), "")
        return path, f"{_show(got)} is out of range; expected {bound} {limit}"
    if kind in ("too_long", "too_short"):
        return path, f"{error['msg'][0].lower()}{error['msg'][1:]}; expected a shorter list"
    expected = _EXPECTED.get(kind)
    if expected:
        return path, f"got {_show(got)}; expected {expected}"
    message = str(error["msg"])
    return path, f"{message[:1].lower()}{message[1:]}, got {_show(got)}"


def _show(value: object) -> str:
    """A short, one-line rendering of a bad input value."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing (null)"
    text = repr(value).replace("\n", " ")
    return text if len(text) <= 60 else text[:57] + "..."


def _quoted(expected: str) -> list[str]:
    return [part.strip(" '\"") for part in expected.replace(" or ", ",").split(",")]


def _path(loc: list, plain: object) -> str:
    path, node = "", plain
    for key in loc:
        if isinstance(key, str) and key.startswith(("function-", "literal[")):
            continue
        item = node[key] if isinstance(node, (list, dict)) and _has(node, key) else None
        # an integer key of a mapping is a key, not a list position
        path = child_path(path, str(key) if isinstance(node, dict) else key, item)
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

