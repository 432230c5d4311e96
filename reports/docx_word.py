"""What makes the DOCX a Word document an expert edits and files, on top of the HTML-to-Word
conversion in reports/docx_writer.py: real footnotes (the footnotes part python-docx has no API
for: word/footnotes.xml, written here), the page size of the forum, a header and footer with the
case caption and page numbers, a table of contents field, pictures scaled to the page, core
properties that do not depend on the clock, and a firm's own template (its styles, letterhead and
page setup; never its text).

A citation in the HTML is `<sup class="fn" data-note="...">`; here it becomes a footnote reference
whose footnote text is `data-note` (the citation at its pinpoint and its entry in the table of
authorities). A `<nav data-toc>` becomes a TOC field whose cached result lists the headings, so a
reader that does not update fields still shows them.
"""
from __future__ import annotations

import io
import struct
from datetime import UTC, datetime
from xml.sax.saxutils import escape

from reports.docx_fields import (
    W,
    field_begin,
    field_end,
    from_template,
    has_page_field,
    simple_field,
)
from reports.docx_writer import _core_text, _text, _Writer

# Nested list styles fall back to the first level where a template lacks them.
FALLBACK = {"List Bullet 2": "List Bullet", "List Number 2": "List Number",
            "Heading 4": "Heading 3"}
FIXED_TIME = datetime(2000, 1, 1, tzinfo=UTC)   # no clock reaches the document
PAGES = {"Letter": (215.9, 279.4), "A4": (210.0, 297.0)}
SEPARATOR = ('<w:footnote w:type="{kind}" w:id="{id}"><w:p><w:pPr><w:spacing w:after="0" '
             'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:{mark}/></w:r></w:p></w:footnote>')


class WordWriter(_Writer):
    def __init__(self, pictures: dict, page: str = "A4", template: str | None = None,
                 caption: str = ""):
        from docx.shared import Mm
        super().__init__(pictures)
        if template:
            self.doc = from_template(template)
        self.footnotes: list[str] = []
        self.caption = caption
        width, height = PAGES.get(page, PAGES["A4"])
        for section in self.doc.sections:
            section.page_width, section.page_height = Mm(width), Mm(height)
            if not template:
                section.left_margin = section.right_margin = Mm(22)
                section.top_margin, section.bottom_margin = Mm(22), Mm(20)
        self._ensure_note_styles()

    # -- styles ------------------------------------------------------------------------------
    def _style(self, name):
        styles = {s.name for s in self.doc.styles}
        return name if name in styles or name not in FALLBACK else FALLBACK[name]

    def paragraph(self, nodes, style=None, fmt=None):
        return super().paragraph(nodes, style=self._style(style) if style else None, fmt=fmt)

    def _ensure_note_styles(self):
        from docx.enum.style import WD_STYLE_TYPE
        from docx.shared import Pt
        names = {s.name for s in self.doc.styles}
        if "footnote text" not in {n.lower() for n in names}:
            style = self.doc.styles.add_style("Footnote Text", WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = self.doc.styles["Normal"]
            style.font.size = Pt(8.5)
            style.paragraph_format.space_after = Pt(0)
        if "footnote reference" not in {n.lower() for n in names}:
            style = self.doc.styles.add_style("Footnote Reference", WD_STYLE_TYPE.CHARACTER)
            style.font.superscript = True
        self.note_text = next(s.style_id for s in self.doc.styles
                              if s.name.lower() == "footnote text")
        self.note_ref = next(s.style_id for s in self.doc.styles
                             if s.name.lower() == "footnote reference")

    @staticmethod
    def _trim(p):
        """Trim the paragraph's outer spaces, never touching a run that holds a footnote mark
        (setting a run's text would drop its reference)."""
        runs = [r for r in p.runs if not r._r.xpath("./w:footnoteReference")]
        if runs:
            runs[0].text = runs[0].text.lstrip()
            runs[-1].text = runs[-1].text.rstrip()

    # -- footnotes ---------------------------------------------------------------------------
    def write(self, root) -> None:
        """The document body: citations side by side merged into one footnote, and the Notes
        list taken out, its entries becoming the footnotes of the markers that point to them
        (reports/docx_notes.py)."""
        from reports.docx_notes import merge_citations, take_notes_list
        merge_citations(root)
        self.notes_list = take_notes_list(root)
        self.blocks(root.children)

    def inline(self, paragraph, node, fmt=None, first=True):
        if not isinstance(node, str) and node.tag == "sup":
            if "fn" in node.classes and node.attrs.get("data-note"):
                self.footnote(paragraph, node.attrs["data-note"])
                return
            if "fn-sep" in node.classes:
                return
            if "ref" in node.classes:
                from reports.docx_notes import note_of_ref
                text = note_of_ref(node, getattr(self, "notes_list", {}))
                if text:
                    self.footnote(paragraph, text)
                    return
        super().inline(paragraph, node, fmt, first)

    def footnote(self, paragraph, text: str) -> None:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn
        self.footnotes.append(" ".join(text.split()))
        run = OxmlElement("w:r")
        rpr = OxmlElement("w:rPr")
        style = OxmlElement("w:rStyle")
        style.set(qn("w:val"), self.note_ref)
        rpr.append(style)
        run.append(rpr)
        ref = OxmlElement("w:footnoteReference")
        ref.set(qn("w:id"), str(len(self.footnotes)))
        run.append(ref)
        paragraph._p.append(run)

    def footnotes_xml(self) -> bytes:
        notes = [SEPARATOR.format(kind="separator", id=-1, mark="separator"),
                 SEPARATOR.format(kind="continuationSeparator", id=0, mark="continuationSeparator")]
        for n, text in enumerate(self.footnotes, start=1):
            notes.append(f'<w:footnote w:id="{n}"><w:p><w:pPr><w:pStyle w:val="{self.note_text}"/>'
                         f'</w:pPr><w:r><w:rPr><w:rStyle w:val="{self.note_ref}"/></w:rPr>'
                         f'<w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> {escape(text)}'
                         f'</w:t></w:r></w:p></w:footnote>')
        return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes '
                f'xmlns:w="{W}">' + "".join(notes) + "</w:footnotes>").encode("utf-8")

    # -- blocks ------------------------------------------------------------------------------
    def block(self, node, level=0):
        if not isinstance(node, str) and node.tag == "nav" and node.attrs.get("data-toc"):
            self.toc(node)
            return
        if not isinstance(node, str) and "glance" in node.classes:
            self.cards(node)
            return
        super().block(node, level)

    def cards(self, node):
        """The browser's cards side by side (the mediator's routes) as a Word table, one row a
        card: its heading, its figure and its note."""
        cards = [c for c in node.children if not isinstance(c, str) and "card" in c.classes]
        rows = [[" ".join(_text(d).split()) for d in c.children if not isinstance(d, str)]
                for c in cards]
        if not rows:
            return
        from docx.shared import Emu, Pt
        width = max(len(r) for r in rows)
        table = self.doc.add_table(rows=len(rows), cols=width)
        table.style = "Table Grid"
        table.autofit = False
        section = self.doc.sections[-1]
        room = section.page_width - section.left_margin - section.right_margin
        shares = [0.25, 0.22, 0.53] if width == 3 else [1 / width] * width
        for c, column in enumerate(table.columns):
            column.width = Emu(int(room * shares[c]))
            for cell in column.cells:
                cell.width = column.width
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                run = table.cell(r, c).paragraphs[0].add_run(text)
                run.bold = c == 1
                run.font.size = Pt(8.5)
        self.doc.add_paragraph()

    def toc(self, node):
        """A TOC field over heading levels 1-3, its cached result the contents as the HTML lists
        them (Word updates it, with page numbers, when the document is opened)."""
        title = next((c for c in node.children if not isinstance(c, str) and c.tag == "h2"), None)
        if title is not None:
            self.doc.add_heading(_text(title).strip(), level=1)
        entries = [_text(a).strip() for a in _walk(node) if not isinstance(a, str) and a.tag == "a"]
        first = self.doc.add_paragraph()
        field_begin(first, 'TOC \\o "1-3" \\h \\z \\u')
        paragraphs = [first] + [self.doc.add_paragraph() for _ in entries[1:]]
        for p, entry in zip(paragraphs, entries or ["Update the field to list the contents."]):
            p.add_run(entry)
        field_end(paragraphs[-1])
        self._update_fields_on_open()

    def _update_fields_on_open(self):
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn
        settings = self.doc.settings.element
        if settings.find(qn("w:updateFields")) is not None:
            return
        flag = OxmlElement("w:updateFields")
        flag.set(qn("w:val"), "true")
        seq = settings._tag_seq if hasattr(settings, "_tag_seq") else ()
        later = seq[seq.index("w:updateFields") + 1:] if "w:updateFields" in seq else ()
        settings.insert_element_before(flag, *later)

    def table(self, node):
        """A Word table whose columns keep the HTML's proportions (its colgroup), so long text
        wraps inside the page instead of squeezing one column."""
        import re

        from docx.shared import Emu
        widths = []
        for col in _walk(node):
            if not isinstance(col, str) and col.tag == "col":
                m = re.search(r"width:\s*([\d.]+)%", col.attrs.get("style", ""))
                widths.append(float(m.group(1)) if m else 0.0)
        before = len(self.doc.tables)
        super().table(node)
        if not widths or len(self.doc.tables) == before or not all(widths):
            return
        table = self.doc.tables[-1]
        section = self.doc.sections[-1]
        room = section.page_width - section.left_margin - section.right_margin
        total = sum(widths)
        table.autofit = False
        for i, column in enumerate(list(table.columns)[:len(widths)]):
            width = Emu(int(room * widths[i] / total))
            column.width = width
            for cell in column.cells:
                cell.width = width

    def figure(self, node):
        from docx.shared import Emu
        name = node.attrs.get("data-figure", "")
        png = self.pictures.get(name)
        if png:
            section = self.doc.sections[-1]
            room_w = section.page_width - section.left_margin - section.right_margin
            room_h = int((section.page_height - section.top_margin - section.bottom_margin) * 0.85)
            w, h = _png_size(png)
            scale = min(room_w / w, room_h / h) if w and h else 1
            self.doc.add_picture(io.BytesIO(png), width=Emu(int(w * scale)),
                                 height=Emu(int(h * scale)))
        caption = next((c for c in node.children if not isinstance(c, str)
                        and c.tag == "figcaption"), None)
        if caption is not None:
            self.paragraph(caption.children, style="Caption")

    # -- the whole document ------------------------------------------------------------------
    def finish(self, result: dict, audience: str, expert: dict | None = None) -> None:
        self._header_footer()
        if self.footnotes:
            self._add_footnotes_part()
        props = self.doc.core_properties
        case = result.get("case") or {}
        props.title = _core_text(str(case.get("title", "")))
        props.subject = {"expert": "Expert report", "mediator": "Mediator brief",
                         "student": "Student walkthrough"}.get(audience, audience)
        props.author = _core_text((expert or {}).get("name") or "Faultline")
        props.last_modified_by = props.author
        props.created = props.modified = FIXED_TIME
        props.last_printed = FIXED_TIME
        props.revision = 1
        props.comments = _core_text(f"Rule base {result.get('rulebase_version', '')}; input SHA-256 "
                          f"{result.get('input_sha256', '')}")
        props.keywords = ""
        props.category = ""

    def _header_footer(self):
        for section in self.doc.sections:
            header, footer = section.header, section.footer
            if not any(p.text.strip() for p in header.paragraphs):
                p = header.paragraphs[0] if header.paragraphs else header.add_paragraph()
                p.text = self.caption
            if not has_page_field(footer):
                p = footer.add_paragraph() if any(x.text.strip() for x in footer.paragraphs) \
                    else footer.paragraphs[0]
                p.add_run(f"{self.caption} · Page ")
                simple_field(p, "PAGE", "1")
                p.add_run(" of ")
                simple_field(p, "NUMPAGES", "1")

    def _add_footnotes_part(self):
        from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
        from docx.opc.packuri import PackURI
        from docx.opc.part import Part
        document = self.doc.part
        for rel in list(document.rels.values()):
            if rel.reltype == RELATIONSHIP_TYPE.FOOTNOTES:   # a template's own notes: replaced
                document.drop_rel(rel.rId)
        part = Part(PackURI("/word/footnotes.xml"), CONTENT_TYPE.WML_FOOTNOTES,
                    self.footnotes_xml(), document.package)
        document.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)


def _walk(node):
    yield node
    for child in getattr(node, "children", []):
        yield from _walk(child)


def _png_size(png: bytes) -> tuple[int, int]:
    """Width and height in EMU at 96 dpi, from the PNG header."""
    if png[:8] != b"\x89PNG\r\n\x1a\n":
        return 0, 0
    width, height = struct.unpack(">II", png[16:24])
    return width * 9525, height * 9525
