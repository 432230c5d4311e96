"""Rendering a result into documents, by format and audience. Reports only present what the
result holds; they never re-derive a conclusion. Every format starts from the same template
context (reports/context.py), so the documents never disagree."""
from __future__ import annotations

from pathlib import Path

from reports import filters
from reports.escape import visible_tree

TEMPLATES = Path(__file__).parent / "templates"
AUDIENCES = ("expert", "mediator", "student")
FORMATS = ("md", "html", "docx", "pdf", "json")
BINARY = {"docx", "pdf"}


def environment(html: bool = False):
    """HTML autoescapes as HTML; Markdown autoescapes as Markdown (reports/escape.py). jinja2
    loads here, not for a JSON result."""
    from reports.templating import make_environment
    env = make_environment(TEMPLATES, html)
    filters.register(env)
    return env


def context(result: dict, catalogue: dict, audience: str, expert: dict | None = None) -> dict:
    from reports.context import build
    if audience not in AUDIENCES:
        raise ValueError(f"unknown audience {audience!r}")
    return build(result, catalogue, audience, expert)


def render_markdown(result: dict, catalogue: dict, audience: str = "expert",
                    expert: dict | None = None) -> str:
    template = environment().get_template(f"{audience}.md.j2")
    return template.render(ctx=context(result, catalogue, audience, expert))


def render(result: dict, catalogue: dict, audience: str = "expert",
           fmt: str = "md", expert: dict | None = None, template: str | None = None) -> str | bytes:
    """The report as text (md, html, json) or bytes (docx, pdf). `expert`: the expert's details
    (reports/expert_profile.py) for the expert report; `template`: a firm's .docx whose styles
    the Word document uses."""
    if fmt == "json":
        from engine.canonical import dumps
        return dumps(result)
    result = visible_tree(result)      # no control character reaches any document
    if fmt == "md":
        return render_markdown(result, catalogue, audience, expert)
    if fmt == "html":
        from reports.html import render_html
        return render_html(result, catalogue, audience, expert=expert)
    if fmt == "docx":
        from reports.docx_writer import render_docx
        return render_docx(result, catalogue, audience, expert=expert, template=template)
    if fmt == "pdf":
        from reports.pdf import render_pdf
        return render_pdf(result, catalogue, audience, expert=expert)
    raise ValueError(f"unknown format {fmt!r}")
