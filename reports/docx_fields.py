"""Word fields and the firm's template for the DOCX (reports/docx_word.py): PAGE and NUMPAGES
in the footer, the TOC field, and opening a firm's .docx for its styles without its text."""
from __future__ import annotations

import io

from facts.errors import FaultlineInputError

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# Styles the conversion writes paragraphs and tables in: a firm template must define them.
NEEDED_STYLES = ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "List Bullet",
                 "List Number", "Table Grid", "Caption")


def has_page_field(part) -> bool:
    xml = part._element.xml
    return "PAGE" in xml and ("fldSimple" in xml or "instrText" in xml)


def simple_field(paragraph, instr: str, shown: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instr)
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = shown
    run.append(t)
    field.append(run)
    paragraph._p.append(field)


def _fld_char(paragraph, kind: str, dirty: bool = False) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    run = OxmlElement("w:r")
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    if dirty:
        char.set(qn("w:dirty"), "true")
    run.append(char)
    paragraph._p.append(run)


def field_begin(paragraph, instr: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    _fld_char(paragraph, "begin", dirty=True)
    run = OxmlElement("w:r")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instr} "
    run.append(text)
    paragraph._p.append(run)
    _fld_char(paragraph, "separate")


def field_end(paragraph) -> None:
    _fld_char(paragraph, "end")


def from_template(path: str):
    """The firm's document with its text removed: its styles, numbering, theme, headers and
    footers (letterhead) and page setup stay. A style the report needs and the template lacks
    is one line naming it (exit 2)."""
    from docx import Document

    from facts.inputs import MAX_DOCUMENT_BYTES, read_input
    data = read_input(path, "Word template", 4 * MAX_DOCUMENT_BYTES,
                      report_as=(str(path), "--template"))
    try:
        doc = Document(io.BytesIO(data))
    except Exception:  # noqa: BLE001 — python-docx raises several types for a file that is not a .docx
        raise FaultlineInputError(path, "--template", "not a Word document (.docx) python-docx "
                                                      "can open; expected a .docx file") from None
    names = {s.name for s in doc.styles}
    missing = [s for s in NEEDED_STYLES if s not in names]
    if missing:
        raise FaultlineInputError(path, "--template", f"the template has no style "
                                                      f"'{missing[0]}', which the report uses; add "
                                                      f"it to the template (or start from Word's "
                                                      f"Normal template)")
    body = doc.element.body
    for child in list(body):
        if child.tag != f"{{{W}}}sectPr":
            body.remove(child)
    return doc
