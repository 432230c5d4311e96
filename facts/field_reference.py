"""docs/case-fields.md: every field of the case file, with what it means, whether it is required
and what leaving it out means, built from the case model so it never falls behind it.

`python -m facts.field_reference` rewrites the page; a test holds the committed page equal to it.
"""
from __future__ import annotations

import sys
import typing
from pathlib import Path

from pydantic import BaseModel

from facts.labels import unwrap
from facts.starter import _choices, _status, _sub_model, plain_label

PAGE = Path(__file__).resolve().parent.parent / "docs" / "case-fields.md"
HEADER = """\
# Every field of the case file

Generated from the case model by `python -m facts.field_reference`; do not edit by hand.
[case-format.md](case-format.md) explains the conventions (exhibits, disputed facts, unknown,
time zones, durations) and each section's meaning; this page lists every field. `[]` marks an
entry of a list (`audit.findings[].severity` is the severity of one finding, addressed by id as
`audit.findings[A-1].severity`); `DOMAIN` stands for a control domain's name.
"""
TABLE_HEAD = "| Field | Meaning | Required, or when left out | Values |"


def _cell(text: str) -> str:
    """Table cells: a pipe or a line break in a description would break the row."""
    return " ".join(str(text).split()).replace("|", "\\|")


def _rows(model: type[BaseModel], prefix: str, rows: list[tuple[str, str, str, str]]) -> None:
    for name, info in model.model_fields.items():
        path = f"{prefix}{name}"
        inner = unwrap(info.annotation)
        origin = typing.get_origin(inner)
        label = plain_label(info)
        meaning = f"{label}: {info.description}" if label else (info.description or "")
        values = _choices(info.annotation).removeprefix("; one of: ")
        if origin is dict:
            values = _choices(typing.get_args(inner)[0]).removeprefix("; one of: ")
        rows.append((path, meaning, _status(info), values))
        sub = _sub_model(inner)
        if sub is not None:
            _rows(sub, f"{path}.", rows)
        elif origin is list and _sub_model(typing.get_args(inner)[0]) is not None:
            _rows(_sub_model(typing.get_args(inner)[0]), f"{path}[].", rows)
        elif origin is dict and _sub_model(typing.get_args(inner)[1]) is not None:
            _rows(_sub_model(typing.get_args(inner)[1]), f"{path}.DOMAIN.", rows)


def field_reference() -> str:
    from facts.model import Case
    rows: list[tuple[str, str, str, str]] = []
    _rows(Case, "", rows)
    out = [HEADER.rstrip("\n")]
    section = None
    for path, meaning, status, values in rows:
        top = path.split(".")[0].split("[")[0]
        if top != section:
            section = top
            out += ["", f"## `{top}`", "", TABLE_HEAD, "|---|---|---|---|"]
        out.append(f"| `{path}` | {_cell(meaning)} | {_cell(status)} | {_cell(values)} |")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    text = field_reference()
    tmp = PAGE.with_suffix(".md.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(PAGE)
    sys.stdout.write(f"wrote {PAGE} ({text.count(chr(10))} lines)\n")
