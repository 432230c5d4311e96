"""Notes as a reader of each document meets them: in Word every citation is one real footnote
(several sources of one sentence in one note, never "151617"); the student's and mediator's
notes are footnotes too, not a "[n]" list; in HTML and PDF the markers of one sentence are each
authority once, in ascending order; the PDF's contents give the page each part starts on."""
from __future__ import annotations

import html as html_lib
import io
import re
import subprocess
import zipfile
from functools import cache

import pytest

from tests.conftest import EXAMPLES
from tests.reports.test_expert_docx import _document, _footnotes
from tests.reports.test_report_formats import _catalogue, _pdf_or_skip, _result

FN_REF = re.compile(r'<w:footnoteReference w:id="(\d+)"/>')


@cache
def _render(path, audience, fmt):
    from reports.render import render
    return render(_result(path), _catalogue(), audience, fmt)


def _paragraph_xml(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = z.read("word/document.xml").decode()
    return re.findall(r"<w:p[ >].*?</w:p>", xml, re.DOTALL)


@pytest.mark.parametrize("audience", ["expert", "mediator", "student"])
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_no_two_footnote_marks_stand_side_by_side_in_word(path, audience):
    data = _render(path, audience, "docx")
    marks = 0
    for p in _paragraph_xml(data):
        runs = re.findall(r"<w:r>.*?</w:r>|<w:r .*?</w:r>", p, re.DOTALL)
        kinds = ["note" if FN_REF.search(r) else ("text" if re.search(r"<w:t[ >][^<]*\S", r)
                 else "empty") for r in runs]
        kinds = [k for k in kinds if k != "empty"]
        marks += kinds.count("note")
        assert not any(a == b == "note" for a, b in zip(kinds, kinds[1:])), p[:300]
    assert marks, "the document has footnotes"


def test_a_sentence_with_several_sources_has_one_footnote_naming_them_all():
    data = _render(EXAMPLES[0], "expert", "docx")
    html = _render(EXAMPLES[0], "expert", "html")
    runs = re.findall(r'((?:<sup class="fn" [^>]*>.*?</sup>(?:<sup class="fn-sep">,</sup>)?)+)', html)
    several = [r for r in runs if r.count('class="fn"') > 1]
    assert several, "some sentence rests on several authorities"
    notes = list(_footnotes(data).values())
    for run in several:
        cites = re.findall(r'data-cite="([^"]+)"', run)
        entries = re.findall(r'data-entry="(\d+)"', run)
        cites = [html_lib.unescape(c) for c in cites]
        expected = (f"{'; '.join(cites)}. Table of authorities, entries "
                    f"{', '.join(entries[:-1])} and {entries[-1]}.")
        assert expected in notes, expected


@pytest.mark.parametrize("audience", ["mediator", "student"])
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_student_and_mediator_notes_are_word_footnotes_with_the_notes_text(path, audience):
    data = _render(path, audience, "docx")
    document = _document(data)
    text = "\n".join(p.text for p in document.paragraphs)
    assert not re.search(r"\[\d{1,3}\]", re.sub(r"\[(19|20)\d\d\]", "", text)), "no [n] markers"
    assert "Notes" not in [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    notes = _footnotes(data)
    html = _render(path, audience, "html")
    listed = {re.sub(r"<[^>]+>", "", li).strip()
              for li in re.findall(r'<li id="note-\d+">(.*?)</li>', html)}
    listed = {" ".join(html_lib.unescape(x).split()) for x in listed}
    assert notes and set(notes.values()) <= listed
    cited = set(re.findall(r'href="#note-(\d+)"', html))
    assert len({t for t in notes.values()}) == len(cited), "each note the text cites is a footnote"
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = z.read("word/document.xml").decode()
    assert len(FN_REF.findall(xml)) == len(notes), "every marker has its own footnote"


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_html_citation_markers_are_each_authority_once_in_ascending_order(path):
    html = _render(path, "expert", "html")
    runs = re.findall(r'((?:<sup class="fn" [^>]*>.*?</sup>(?:<sup class="fn-sep">,</sup>)?)+)', html)
    assert runs
    for run in runs:
        numbers = [int(n) for n in re.findall(r'data-entry="(\d+)"', run)]
        assert numbers == sorted(set(numbers)), numbers


def _pdf_text(data: bytes) -> list[str]:
    out = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True,
                         check=True, timeout=120).stdout.decode()
    return out.split("\f")


@pytest.mark.parametrize("audience,entries", [
    ("expert", ["Assumptions", "Remedies", "Table of authorities"]),
    ("student", ["Duty", "The outcome", "Glossary"])])
def test_pdf_contents_give_the_page_each_part_starts_on(audience, entries):
    _pdf_or_skip()
    import shutil
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    pages = _pdf_text(_render(EXAMPLES[0], audience, "pdf"))
    contents = "\n".join(pages[:3])
    for entry in entries:
        m = re.search(rf"^\s*\d+\.\s+{re.escape(entry)}\s*[ .]*\s(\d+)\s*$", contents, re.MULTILINE)
        assert m, entry
        page = pages[int(m.group(1)) - 1]
        assert re.search(rf"^\s*([\d.]+\s+)?{re.escape(entry)}\s*$", page, re.MULTILINE), (entry, m.group(1))
