"""The expert report as Word and PDF documents (issue #18), read from the built files: real
footnotes that resolve to the table of authorities, element order in Word headings, no internal
id outside the appendix, pictures that fit the page, the forum's paper size, a header and footer
with the caption and page numbers, a TOC field, clock-free core properties, a firm's template."""
from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile
from functools import cache

import pytest

from tests.conftest import EXAMPLES, ROOT
from tests.helpers import base_raw, run
from tests.reports.test_expert_report import (
    HARBORVIEW,
    _catalogue,
    _result,
    internal_ids,
)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _english():
    raw = base_raw()
    raw["case"]["governing_law"] = "UK"
    raw["case"]["forum"] = "High Court of Justice, Business and Property Courts"
    return run(raw)


@cache
def _docx(path=HARBORVIEW) -> bytes:
    from reports.render import render
    return render(_result(path), _catalogue(), "expert", "docx")


def _document(data: bytes):
    import docx
    return docx.Document(io.BytesIO(data))


def _footnotes(data: bytes) -> dict[str, str]:
    from xml.etree import ElementTree
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        root = ElementTree.fromstring(z.read("word/footnotes.xml"))
    return {n.get(f"{W}id"): "".join(t.text or "" for t in n.iter(f"{W}t")).strip()
            for n in root.findall(f"{W}footnote") if not n.get(f"{W}type")}


def _body_text(document) -> list[str]:
    """Paragraph and table text in document order."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph
    out = []
    for child in document.element.body.iterchildren():
        if child.tag == f"{W}p":
            out.append(Paragraph(child, document).text)
        elif child.tag == f"{W}tbl":
            table = Table(child, document)
            out += [cell.text for row in table.rows for cell in row.cells]
    return out


def test_citations_are_word_footnotes_that_resolve_to_the_table_of_authorities():
    data = _docx()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert "word/footnotes.xml" in z.namelist()
        document_xml = z.read("word/document.xml").decode()
        rels = z.read("word/_rels/document.xml.rels").decode()
        types = z.read("[Content_Types].xml").decode()
    assert "relationships/footnotes" in rels and "footnotes+xml" in types
    notes = _footnotes(data)
    refs = re.findall(r'<w:footnoteReference w:id="(\d+)"/>', document_xml)
    assert refs and set(refs) == set(notes) and len(refs) == len(notes)
    text = _body_text(_document(data))
    start = text.index("6. Table of authorities")
    end = next(i for i, t in enumerate(text) if i > start and re.match(r"^7\. \w*\s?[Dd]eclaration", t))
    table = text[start:end]
    entries = {int(m.group(1)): m.group(2) for t in table
               if (m := re.match(r"^(\d+)\. (.+)$", t))}
    assert entries
    for note in notes.values():
        m = re.search(r"Table of authorities, (?:entry (\d+)|entries ([\d, ]+) and (\d+))\.$", note)
        assert m, note
        cited = [int(n) for n in re.findall(r"\d+", " ".join(g for g in m.groups() if g))]
        assert cited and set(cited) <= set(entries), note
    assert not re.search(r"^\[\d+\] ", "\n".join(text), re.MULTILINE), "no '[n]' notes in the text"


def test_word_headings_follow_the_legal_elements():
    from rules.doctrine import sections
    document = _document(_docx())
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    analysis = [h.split(" ", 1)[1] for h in headings if re.match(r"^5\.\d+ ", h)]
    assert analysis == [s.title for s in sections()]
    top = [h for h in headings if re.match(r"^\d\. ", h)]
    assert [h.split(" ", 1)[1] for h in top][:6] == [
        "Summary of opinions", "The expert", "Materials considered", "Assumptions",
        "Analysis by legal element", "Table of authorities"]


@pytest.mark.parametrize("path", [HARBORVIEW, EXAMPLES[0]], ids=lambda p: p.stem)
def test_no_internal_id_in_the_word_document_outside_the_appendix(path):
    data = _docx(path)
    document = _document(data)
    text = _body_text(document)
    body = "\n".join(text[:text.index("Appendix A. Index of opinions")])
    notes = "\n".join(_footnotes(data).values())
    header = "\n".join(p.text for s in document.sections for p in s.header.paragraphs)
    assert internal_ids(body + notes + header, _result(path)) == []


def test_pictures_fit_the_page_and_the_page_is_the_forums():
    from docx.shared import Inches, Mm
    us = _document(_docx())
    section = us.sections[0]
    assert abs(section.page_width - Inches(8.5)) < Mm(1) and abs(section.page_height - Inches(11)) < Mm(1)
    room_w = section.page_width - section.left_margin - section.right_margin
    room_h = section.page_height - section.top_margin - section.bottom_margin
    assert us.inline_shapes
    for shape in us.inline_shapes:
        assert shape.width <= room_w and shape.height <= room_h, (shape.width, shape.height)
    from reports.render import render
    english = _document(render(_english(), _catalogue(), "expert", "docx"))
    section = english.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(1) and abs(section.page_height - Mm(297)) < Mm(1)


def test_header_footer_page_numbers_toc_and_clock_free_properties():
    data = _docx()
    document = _document(data)
    title = _result(HARBORVIEW)["case"]["title"]
    section = document.sections[0]
    assert title in "".join(p.text for p in section.header.paragraphs)
    footer = section.footer._element.xml
    assert 'w:instr="PAGE"' in footer and 'w:instr="NUMPAGES"' in footer
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = z.read("word/document.xml").decode()
        settings = z.read("word/settings.xml").decode()
    assert 'TOC \\o "1-3"' in xml and "updateFields" in settings
    props = document.core_properties
    assert props.created.year == 2000 and props.modified == props.created
    assert props.title == title and props.subject == "Expert report"
    assert _result(HARBORVIEW)["input_sha256"] in props.comments


def _template(tmp_path, drop: str | None = None):
    import docx
    from docx.shared import Pt
    firm = docx.Document()
    firm.styles["Normal"].font.name = "Garamond"
    firm.styles["Normal"].font.size = Pt(12)
    firm.styles["Heading 1"].font.name = "Firm Sans"
    firm.sections[0].header.paragraphs[0].text = "ROE FORENSICS LLP — letterhead"
    firm.add_paragraph("TEMPLATE BODY TEXT THAT MUST NOT APPEAR")
    if drop:
        element = firm.styles[drop].element
        element.getparent().remove(element)
    path = tmp_path / ("firm.docx" if not drop else "broken.docx")
    firm.save(path)
    return path


def test_a_firm_template_gives_its_styles_and_letterhead_not_its_text(tmp_path):
    from reports.render import render
    data = render(_result(HARBORVIEW), _catalogue(), "expert", "docx",
                  template=str(_template(tmp_path)))
    document = _document(data)
    assert document.styles["Normal"].font.name == "Garamond"
    assert document.styles["Heading 1"].font.name == "Firm Sans"
    headings = [p for p in document.paragraphs if p.style.name == "Heading 1"]
    assert any(p.text == "1. Summary of opinions" for p in headings)
    assert "ROE FORENSICS LLP" in document.sections[0].header.paragraphs[0].text
    text = "\n".join(_body_text(document))
    assert "TEMPLATE BODY TEXT" not in text
    assert _footnotes(data), "footnotes also with a template"


def test_a_template_missing_a_needed_style_is_one_line_naming_it(tmp_path):
    broken = _template(tmp_path, drop="Caption")
    done = subprocess.run([sys.executable, str(ROOT / "cli.py"), "analyze", str(HARBORVIEW),
                           "--format", "docx", "-o", str(tmp_path / "out.docx"),
                           "--template", str(broken)],
                          check=False, capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 2 and done.stderr.count("\n") == 1, done.stderr
    assert "'Caption'" in done.stderr and "--template" in done.stderr
    assert not (tmp_path / "out.docx").exists()


def _media_box(pdf: bytes) -> tuple[float, float]:
    """The first page's size in points, looking inside compressed object streams too."""
    from tests.reports.test_report_formats import pdf_chunks
    for chunk in pdf_chunks(pdf):
        m = re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", chunk)
        if m:
            return float(m.group(1)), float(m.group(2))
    raise AssertionError("no /MediaBox in the PDF")


def test_the_pdf_is_letter_for_a_us_forum_and_a4_for_an_english_one():
    from reports.pdf import pdf_available
    from reports.render import render
    ok, why = pdf_available()
    if not ok:
        pytest.skip(f"WeasyPrint's system libraries are missing: {why}")
    w, h = _media_box(render(_result(HARBORVIEW), _catalogue(), "expert", "pdf"))
    assert (round(w), round(h)) == (612, 792)
    w, h = _media_box(render(_english(), _catalogue(), "expert", "pdf"))
    assert (round(w), round(h)) == (595, 842)


def test_fact_tables_are_never_cut_off_with_an_ellipsis():
    from reports.render import render
    for fmt in ("md", "html"):
        out = render(_result(HARBORVIEW), _catalogue(), "expert", fmt)
        body = out.split("Appendix A. Index of opinions", 1)[0]
        assert "…" not in body, fmt
