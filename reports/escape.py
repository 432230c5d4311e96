"""One escaping discipline per kind of output, applied where values enter it.

Everything a case file, an evidence export, a scenario or a `--set` value says is data. It reaches
four kinds of output, and each has one rule, applied in one place:

- **every format**: control characters (C0 but tab and newline, DEL, C1), bidirectional
  overrides, line/paragraph separators and Unicode non-characters are shown as visible escapes
  (`\\u001b`), never passed on: they would drive a terminal, reorder a line, or break DOCX's XML.
  `render()` and the other renderers pass their data through `visible_tree` first.
- **Markdown**: the Markdown environment autoescapes: every `{{ value }}` goes through
  `md_finalize`, which escapes Markdown and HTML syntax (`\\<script>` is text to a CommonMark
  renderer) and folds newlines into spaces (a blank line would end a table, a list or a code
  span). Template text and macro output are trusted; `| code` gives a code span that nothing can
  close; `| md` is the explicit form of the default. Python code that writes Markdown uses
  `md_text` and `md_code`.
- **HTML**: jinja2's own autoescaping (every report environment has it on).
- **terminal**: `terminal()` on everything written to stdout: the same visible escapes, in a form
  that is also a valid JSON escape, so JSON on a terminal stays valid JSON with the same data.
"""
from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup

# Explicit code points (not Unicode categories, which change with Python's Unicode version):
_HIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
    "\ufdd0-\ufdef\ufffe\uffff\U0001fffe\U0001ffff\U0010fffe\U0010ffff\ud800-\udfff]")
# '_' inside a word never starts emphasis in CommonMark (breach_triage stays readable); at a word's
# edge it would, so it is escaped there only.
_MD_SPECIAL = re.compile(r"([\\`*\[\]<>|#~]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9]))")
_NEWLINES = re.compile(r"\s*[\r\n]+\s*")


def _show(match: re.Match) -> str:
    point = ord(match.group(0))
    return f"\\u{point:04x}" if point <= 0xFFFF else f"\\U{point:08x}"


def visible(text: str) -> str:
    """Text with every hidden or controlling character shown as an escape (tab, newline kept)."""
    text = text.replace("\r\n", "\n")
    return _HIDDEN.sub(_show, text) if _HIDDEN.search(text) else text


def visible_tree(value: Any) -> Any:
    """`visible` on every string in a result (keys too); other values as they are."""
    if isinstance(value, str):
        return visible(value) if _HIDDEN.search(value) else value
    if isinstance(value, dict):
        return {visible_tree(k): visible_tree(v) for k, v in value.items()}
    if isinstance(value, list):
        return [visible_tree(v) for v in value]
    if isinstance(value, tuple):
        return tuple(visible_tree(v) for v in value)
    return value


def terminal(text: str) -> str:
    """What may go to a terminal: no escape sequence, no title change, no reset."""
    return visible(text)


# --- Markdown ---------------------------------------------------------------------------------

class MdSafe(Markup):
    """Markdown that is already escaped, or written by the template: passed through as it is."""


def md_text(value: Any) -> MdSafe:
    """Any value as inline Markdown text: no markup, no HTML, no line break."""
    if isinstance(value, Markup):
        return MdSafe(value)
    text = _NEWLINES.sub(" ", visible(str(value)))
    return MdSafe(_MD_SPECIAL.sub(r"\\\1", text))


def md_code(value: Any) -> MdSafe:
    """A code span holding the value literally: fenced with more backticks than it contains, so
    no value can close it, on one line, so no blank line can end it."""
    text = _NEWLINES.sub(" ", visible(str(value)))
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text.strip() else ""
    return MdSafe(f"{fence}{pad}{text}{pad}{fence}")


def md_finalize(value: Any) -> Any:
    """jinja2 `finalize` for Markdown: what a `{{ }}` prints, escaped unless already safe."""
    if isinstance(value, Markup):
        return value
    return md_text("" if value is None else value)


def md_join(values, separator: str = ", ") -> MdSafe:
    """`join` for Markdown: each item escaped (jinja2's own would HTML-escape them)."""
    return MdSafe(str(separator).join(md_finalize(v) for v in values))


def markdown_environment(env) -> None:
    """Make a jinja2 environment escape for Markdown (its `autoescape` must be on, so that
    macro output and `| safe` come back marked safe)."""
    env.finalize = md_finalize
    env.filters.update(md=md_text, code=md_code, join=md_join)
