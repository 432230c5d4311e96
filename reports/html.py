"""The report as one self-contained HTML file: inline CSS, pictures as inline SVG, print styles.
Autoescaped, so case text (titles, descriptions, exhibit names) can never become markup."""
from __future__ import annotations


def render_html(result: dict, catalogue: dict, audience: str = "expert",
                figs: dict | None = None, expert: dict | None = None) -> str:
    from reports.figures import figures
    from reports.render import context, environment
    figs = figures(result, "svg") if figs is None else figs
    template = environment(html=True).get_template(f"{audience}.html.j2")
    return template.render(ctx=context(result, catalogue, audience, expert), figs=figs)
