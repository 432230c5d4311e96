"""Rendering a what-if comparison (engine/whatif.compare) as Markdown, HTML, JSON, Word or PDF
(Word and PDF are the HTML laid out as the reports lay theirs out: reports/docx_writer.py's
converter, WeasyPrint; the same bytes for the same comparison).

The templates only present the comparison; they decide nothing. HTML is autoescaped (case text,
scenario names and descriptions come from files a party wrote) and self-contained.
"""
from __future__ import annotations

from pathlib import Path

from facts import formatting as fmt

TEMPLATES = Path(__file__).parent / "templates"


def render_whatif(comparison: dict, fmt: str) -> str:
    if fmt == "json":
        from engine.canonical import dumps
        return dumps(comparison)
    from reports.templating import make_environment  # jinja2: not needed for JSON
    html = fmt == "html"
    from reports.escape import visible_tree
    env = make_environment(TEMPLATES, html)
    from reports.filters import css_string
    env.filters.update(pct=_pct, verdict=_verdict, css_string=css_string)
    comparison = visible_tree(comparison)
    template = env.get_template(f"whatif.{'html' if html else 'md'}.j2")
    from reports.forum import forum_of
    return template.render(c=comparison, rows=table_rows(comparison),
                           page=forum_of(comparison.get("case") or {}, None).page)


BINARY = ("docx", "pdf")


def render_whatif_document(comparison: dict, fmt: str) -> str | bytes:
    """render_whatif for every format: text for md/html/json, bytes for docx/pdf."""
    if fmt == "docx":
        return _docx(comparison)
    if fmt == "pdf":
        return _pdf(comparison)
    return render_whatif(comparison, fmt)


def _docx(comparison: dict) -> bytes:
    import io

    from reports.docx_word import WordWriter
    from reports.docx_writer import _core_text, _TreeBuilder, _with_fixed_times
    from reports.forum import forum_of
    builder = _TreeBuilder()
    builder.feed(render_whatif(comparison, "html"))
    case = comparison.get("case") or {}
    writer = WordWriter({}, page=forum_of(case, None).page,
                        caption=_core_text(str(case.get("title", ""))))
    body = next((c for c in builder.root.children if not isinstance(c, str) and c.tag == "html"),
                builder.root)
    writer.write(body)
    writer.finish(comparison, "What-if comparison")
    buffer = io.BytesIO()
    writer.doc.save(buffer)
    return _with_fixed_times(buffer.getvalue())


def _pdf(comparison: dict) -> bytes:
    import logging

    from reports.pdf import weasyprint_html
    html_class = weasyprint_html()
    for name in ("weasyprint", "weasyprint.progress", "fontTools"):
        logging.getLogger(name).setLevel(logging.ERROR)
    return html_class(string=render_whatif(comparison, "html"), base_url=None).write_pdf()


def table_rows(comparison: dict) -> dict:
    """The comparison as rows: shares, exposure per route, recoverable amount."""
    columns = comparison["scenarios"]
    currency = comparison["case"].get("currency") or "USD"
    # A party the allocation leaves out carries no share (0.00%); no allocation at all is "—".
    from reports.format import CaseWords
    words = CaseWords.of({"case": comparison["case"]})
    shares = [{"party": words.role(p), "cells": [_pct(c["allocation"].get(p, "0")) if c["allocation"] else "—"
                                     for c in columns]} for p in comparison["parties"]]
    routes = sorted({r for c in columns for r in (c["exposure"] or {})})
    exposure = []
    for route in routes:
        for who in ("provider_pays", "client_bears"):
            cells = [_amount((c["exposure"] or {}).get(route, {}).get(who), currency)
                     for c in columns]
            if any(cell != "—" for cell in cells):
                exposure.append({"label": f"{route}: {who.replace('_', ' ')}", "cells": cells})
    recover = []
    if any(c["recoverable"] for c in columns):
        cells = []
        for c in columns:
            rec = c["recoverable"]
            if not rec:
                cells.append("—")
            elif rec.get("available") == "no":
                cells.append("not available")
            elif rec["barred"]:
                cells.append("barred")
            else:
                cells.append(_amount({"min": rec["min"], "max": rec["max"]}, currency))
        regimes = sorted({c["recoverable"].get("regime_name") or c["recoverable"]["regime"]
                          for c in columns if c["recoverable"]})
        recover.append({"label": "recoverable in negligence under "
                                 f"{', '.join(r for r in regimes if r) or 'the fault regime'}",
                        "cells": cells})
    return {"names": [c["name"] for c in columns], "shares": shares, "exposure": exposure,
            "recoverable": recover,
            "exposure_computed": any(c["exposure_computed"] for c in columns)}


def _amount(value, currency: str) -> str:
    if value is None:
        return "—"
    if isinstance(value, dict):
        low, high = value.get("min"), value.get("max")
        if low is None and high is None:
            return "—"
        if low == high or high is None:
            return _money(low, currency)
        if low is None:
            return _money(high, currency)
        return f"{_money(low, currency)} – {_money(high, currency)}"
    return _money(value, currency)


def _money(value, currency: str) -> str:
    return fmt.money(value, currency)


def _pct(value) -> str:
    return fmt.percent(value)


def _verdict(value) -> str:
    return {True: "holds", False: "does not hold", None: "not reached"}[value]

