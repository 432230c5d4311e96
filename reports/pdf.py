"""The report as PDF: the HTML report laid out for print by WeasyPrint (the forum's paper size,
page numbers, pictures as vector SVG). WeasyPrint needs Pango from the system; without it the user gets one line saying
what to install."""
from __future__ import annotations

from facts.errors import FaultlineInputError

INSTALL = ("install the Pango libraries WeasyPrint needs, e.g. apt-get install libpango-1.0-0 "
           "libpangoft2-1.0-0 fonts-dejavu-core (macOS: brew install pango)")


def weasyprint_html():
    """WeasyPrint's HTML class, or a FaultlineInputError naming what to install."""
    try:
        from weasyprint import HTML
    except (OSError, ImportError) as exc:
        missing = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise FaultlineInputError("--format pdf", "", f"WeasyPrint cannot load its system "
                                                      f"libraries ({missing}); {INSTALL}") from None
    return HTML


def pdf_available() -> tuple[bool, str]:
    try:
        weasyprint_html()
    except FaultlineInputError as exc:
        return False, exc.message
    return True, ""


def render_pdf(result: dict, catalogue: dict, audience: str = "expert",
               expert: dict | None = None) -> bytes:
    from reports.html import render_html
    import logging
    html_class = weasyprint_html()
    html = render_html(result, catalogue, audience, expert=expert)
    # WeasyPrint logs every SVG presentation attribute its CSS parser skips (it draws them
    # anyway); stderr is for the user's messages, so only its errors get through.
    for name in ("weasyprint", "weasyprint.progress", "fontTools"):
        logging.getLogger(name).setLevel(logging.ERROR)
    return html_class(string=html, base_url=None).write_pdf()
