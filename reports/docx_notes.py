"""Citations of the HTML made ready to be Word footnotes (reports/docx_word.py writes them).

Two kinds of citation reach the Word document:
- the expert report's `<sup class="fn">`, one per authority, side by side where a sentence
  rests on several (`21, 27, 28` in the browser). Word numbers each footnote on its own, so
  three references in a row print as "151617"; here a run of them becomes one footnote that
  names every source, which is how a sentence with several sources is footnoted in print.
- the student's and mediator's `<sup class="ref"><a href="#note-N">[N]</a></sup>`, pointing into
  the document's Notes list. Each becomes a footnote with that note's text, and the list itself
  is left out of the Word document, which would otherwise say everything twice.
"""
from __future__ import annotations

import re


def _is(node, tag: str, cls: str) -> bool:
    return not isinstance(node, str) and node.tag == tag and cls in node.classes


def _text(node) -> str:
    if isinstance(node, str):
        return node
    return "".join(_text(c) for c in node.children)


def merged_note(sups: list) -> str:
    """One footnote's text for citations made side by side: the provisions in the order given,
    then the entries of the table of authorities they are listed under."""
    if len(sups) == 1:
        return sups[0].attrs["data-note"]
    cites = [s.attrs.get("data-cite") or "" for s in sups]
    entries = [s.attrs.get("data-entry") or "" for s in sups]
    if not all(cites) or not all(entries):
        return " ".join(s.attrs["data-note"] for s in sups)
    listed = ", ".join(entries[:-1]) + f" and {entries[-1]}"
    return f"{'; '.join(cites)}. Table of authorities, entries {listed}."


def merge_citations(node) -> None:
    """Every run of expert citations (with the separators between them) becomes one `sup.fn`."""
    children = getattr(node, "children", None)
    if not children:
        return
    out, run = [], []

    def close():
        if run:
            first = run[0]
            first.attrs = {**first.attrs, "data-note": merged_note(run)}
            out.append(first)
            run.clear()

    pending = []   # separators and blank text seen after a citation, kept if the run ends
    for child in children:
        if _is(child, "sup", "fn") and child.attrs.get("data-note"):
            run.append(child)
            pending = []
        elif run and (_is(child, "sup", "fn-sep") or (isinstance(child, str) and not child.strip())):
            pending.append(child)
        else:
            close()
            out += [p for p in pending if not _is(p, "sup", "fn-sep")]
            pending = []
            out.append(child)
            merge_citations(child)
    close()
    out += [p for p in pending if not _is(p, "sup", "fn-sep")]
    node.children = out


def take_notes_list(root) -> dict[str, str]:
    """The Notes list's entries by anchor (`note-3` -> its text), removed from the tree together
    with its heading, so the Word document carries them as footnotes only."""
    notes: dict[str, str] = {}

    def walk(node):
        children = getattr(node, "children", None)
        if not children:
            return
        keep = []
        for child in children:
            if _is(child, "ol", "notes"):
                for li in child.children:
                    if not isinstance(li, str) and li.tag == "li" and li.attrs.get("id"):
                        notes[li.attrs["id"]] = " ".join(_text(li).split())
                continue
            if not isinstance(child, str) and child.tag == "h2" and child.attrs.get("id") == "notes":
                continue
            walk(child)
            keep.append(child)
        node.children = keep

    walk(root)
    return notes


NOTE_LINK = re.compile(r"^#(note-\d+)$")


def note_of_ref(node, notes: dict[str, str]) -> str | None:
    """The text a `sup.ref` points to, or None when it points to no note of the list."""
    for child in getattr(node, "children", []):
        if not isinstance(child, str) and child.tag == "a":
            m = NOTE_LINK.match(child.attrs.get("href") or "")
            if m and m.group(1) in notes:
                return notes[m.group(1)]
    return None
