"""The report as an editable Word document, built from the same HTML the browser sees, so the two
never disagree: headings become Word headings, ordered lists numbered paragraphs (numbering
restarts per list), tables Word tables, pictures PNG. Citations as footnotes, page size, header
and footer, the TOC field, picture scaling, core properties and a firm's template are added by
reports/docx_word.py. python-docx is imported in these two only."""
from __future__ import annotations

import io
import re
from html.parser import HTMLParser

VOID = {"br", "meta", "img", "hr", "link", "input"}
SKIP = {"head", "style", "script", "svg", "title"}
INLINE = {"span", "strong", "b", "em", "i", "code", "sup", "a", "br", "small"}
MONO = "Consolas"


class _Node:
    def __init__(self, tag: str, attrs: dict, parent=None):
        self.tag, self.attrs, self.parent, self.children = tag, attrs, parent, []

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = _Node("root", {})
        self.node, self.skipping = self.root, 0

    def handle_starttag(self, tag, attrs):
        if self.skipping or tag in SKIP:
            self.skipping += tag not in VOID
            return
        node = _Node(tag, dict(attrs), self.node)
        self.node.children.append(node)
        if tag not in VOID:
            self.node = node

    def handle_endtag(self, tag):
        if self.skipping:
            self.skipping -= 1
            return
        node = self.node
        while node is not self.root and node.tag != tag:
            node = node.parent
        if node is not self.root:
            self.node = node.parent

    def handle_data(self, data):
        if not self.skipping:
            self.node.children.append(data)


def _text(node) -> str:
    if isinstance(node, str):
        return node
    return "".join(_text(c) for c in node.children)


class _Writer:
    def __init__(self, pictures: dict):
        from docx import Document
        from docx.shared import Pt
        self.doc = Document()
        self.pictures = pictures
        normal = self.doc.styles["Normal"]
        normal.font.name, normal.font.size = "Georgia", Pt(10.5)
        for section in self.doc.sections:
            from docx.shared import Mm
            section.left_margin = section.right_margin = Mm(20)

    # -- inline ------------------------------------------------------------------------------
    def inline(self, paragraph, node, fmt=None, first=True):
        fmt = dict(fmt or {})
        if isinstance(node, str):
            text = re.sub(r"\s+", " ", node)
            if not text:
                return
            run = paragraph.add_run(text)
            run.bold, run.italic = fmt.get("bold"), fmt.get("italic")
            if fmt.get("mono"):
                from docx.shared import Pt
                run.font.name, run.font.size = MONO, Pt(8.5)
            if fmt.get("sup"):
                run.font.superscript = True
            if fmt.get("colour"):
                from docx.shared import RGBColor
                run.font.color.rgb = RGBColor.from_string(fmt["colour"])
            return
        if node.tag == "br":
            paragraph.add_run().add_break()
            return
        if node.tag in ("strong", "b", "th"):
            fmt["bold"] = True
        if node.tag in ("em", "i") or "principle" in node.classes:
            fmt["italic"] = True
        if node.tag == "code" or "id" in node.classes:
            fmt["mono"] = True
        if node.tag == "sup":
            fmt["sup"] = True
        if "badge" in node.classes:
            fmt["bold"] = True
            fmt["colour"] = "166534" if "holds" in node.classes else "991B1B"
            self.inline(paragraph, f" [{_text(node).strip()}] ", fmt)
            return
        for child in node.children:
            self.inline(paragraph, child, fmt)

    def paragraph(self, nodes, style=None, fmt=None):
        p = self.doc.add_paragraph(style=style)
        for n in nodes:
            self.inline(p, n, fmt)
        self._trim(p)
        return p

    @staticmethod
    def _trim(p):
        runs = p.runs
        if runs:
            runs[0].text = runs[0].text.lstrip()
            runs[-1].text = runs[-1].text.rstrip()

    # -- blocks ------------------------------------------------------------------------------
    def block(self, node, level=0):
        if isinstance(node, str):
            if node.strip():
                self.paragraph([node])
            return
        tag, cls = node.tag, node.classes
        if {"bar", "bar-legend"} & cls:   # the table beside them says the same in Word
            return
        if tag == "h1":
            self.doc.add_heading(_text(node).strip(), 0)
        elif tag in ("h2", "h3", "h4"):
            heading = self.doc.add_heading(level=int(tag[1]) - 1)
            for child in node.children:
                self.inline(heading, child)
            self._trim(heading)
        elif tag == "p":
            fmt = {"italic": True} if {"meta", "note-box", "principle"} & cls else None
            self.paragraph(node.children, fmt=fmt)
        elif tag in ("ol", "ul"):
            self.listing(node, level)
        elif tag == "table":
            self.table(node)
        elif tag == "figure":
            self.figure(node)
        else:
            self.blocks(node.children, level)

    def blocks(self, children, level=0):
        run: list = []
        for child in children:
            if isinstance(child, str) or child.tag in INLINE:
                run.append(child)
                continue
            if any(_text(n).strip() for n in run):
                self.paragraph(run)
            run = []
            self.block(child, level)
        if any(_text(n).strip() for n in run):
            self.paragraph(run)

    def listing(self, node, level):
        ordered = node.tag == "ol"
        style = ("List Number" if ordered else "List Bullet") + (" 2" if level else "")
        num_id = None
        items = [c for c in node.children if not isinstance(c, str) and c.tag == "li"]
        for li in items:
            inline = [c for c in li.children if isinstance(c, str) or c.tag in INLINE]
            nested = [c for c in li.children if not isinstance(c, str) and c.tag not in INLINE]
            p = self.paragraph(inline, style=style)
            if ordered:
                num_id = self._number(p, num_id, level)
            for child in nested:
                self.block(child, level + 1)

    def _number(self, paragraph, num_id, level):
        """Give an ordered list its own numbering, so every list starts again at 1."""
        try:
            numbering = self.doc.part.numbering_part.numbering_definitions._numbering
            if num_id is None:
                style = self.doc.styles[paragraph.style.name]
                base = style.element.pPr.numPr.numId.val
                abstract = numbering.num_having_numId(base).abstractNumId.val
                num = numbering.add_num(abstract)
                num.add_lvlOverride(ilvl=0).add_startOverride(1)
                num_id = num.numId
            num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
            num_pr.get_or_add_ilvl().val = 0
            num_pr.get_or_add_numId().val = num_id
        except (AttributeError, KeyError):
            return None
        return num_id

    def table(self, node):
        rows = []
        for section in node.children:
            if isinstance(section, str):
                continue
            candidates = section.children if section.tag in ("thead", "tbody") else [section]
            rows += [r for r in candidates if not isinstance(r, str) and r.tag == "tr"]
        cells = [[c for c in r.children if not isinstance(c, str) and c.tag in ("td", "th")]
                 for r in rows]
        if not cells:
            return
        width = max(len(r) for r in cells)
        table = self.doc.add_table(rows=len(cells), cols=width)
        table.style = "Table Grid"
        from docx.shared import Pt
        for r, row in enumerate(cells):
            for c, cell in enumerate(row):
                target = table.cell(r, c).paragraphs[0]
                fmt = {"bold": True} if cell.tag == "th" else None
                for child in cell.children:
                    self.inline(target, child, fmt)
                self._trim(target)
                for run in target.runs:
                    if not run.font.size:
                        run.font.size = Pt(8.5)
        self.doc.add_paragraph()

    def figure(self, node):
        from docx.shared import Inches
        name = node.attrs.get("data-figure", "")
        png = self.pictures.get(name)
        if png:
            self.doc.add_picture(io.BytesIO(png), width=Inches(6.3))
        caption = next((c for c in node.children if not isinstance(c, str)
                        and c.tag == "figcaption"), None)
        if caption is not None:
            self.paragraph(caption.children, style="Caption")


def render_docx(result: dict, catalogue: dict, audience: str = "expert",
                expert: dict | None = None, template: str | None = None) -> bytes:
    from reports.figures import figures
    from reports.html import render_html
    pngs = figures(result, "png")
    marker = "<!-- picture -->"
    figs = {**pngs, "timeline": marker if pngs["timeline"] else None,
            "graph": marker if pngs["graph"] else None}
    html = render_html(result, catalogue, audience, figs=figs, expert=expert)
    builder = _TreeBuilder()
    builder.feed(html)
    from reports.docx_word import WordWriter
    from reports.forum import forum_of
    case = result.get("case") or {}
    page = forum_of(case, (expert or {}).get("forum_rules")).page
    from reports.settlement_figure import pictures as settlement_pictures
    writer = WordWriter({"timeline": pngs["timeline"], "graph": pngs["graph"],
                         **settlement_pictures(result, "png")}, page=page,
                        template=template, caption=_core_text(str(case.get("title", ""))))
    body = next((c for c in builder.root.children if not isinstance(c, str) and c.tag == "html"),
                builder.root)
    writer.write(body)
    writer.finish(result, audience, expert)   # footnotes, header and footer, core properties
    buffer = io.BytesIO()
    writer.doc.save(buffer)
    return _with_fixed_times(buffer.getvalue())


CORE_PROPERTY_MAX = 255   # what python-docx (and Word's core properties) accept


def _core_text(text: str) -> str:
    """A document property: control characters shown as the body shows them, and cut to the
    length a core property may have (the full title stays on the title page)."""
    from reports.escape import visible
    text = visible(text)
    return text if len(text) <= CORE_PROPERTY_MAX else text[:CORE_PROPERTY_MAX - 1] + "…"


# The ZIP format stores each member's time; python-docx stamps the clock, so the same report made
# twice would differ in those bytes alone. Every member gets one fixed time (the format's epoch).
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def _with_fixed_times(package: bytes) -> bytes:
    import zipfile
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, \
            zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            stamped = zipfile.ZipInfo(member.filename, date_time=ZIP_EPOCH)
            stamped.compress_type = member.compress_type
            stamped.external_attr = member.external_attr
            target.writestr(stamped, source.read(member))
    return out.getvalue()
