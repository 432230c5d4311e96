"""Rendering a result into documents. Reports only present what the result holds; they never
re-derive a conclusion."""
from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from reports import filters

TEMPLATES = Path(__file__).parent / "templates"


def environment(html: bool = False) -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), undefined=StrictUndefined,
                      autoescape=select_autoescape(["html", "htm"]) if html else False,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    filters.register(env)
    return env


def render_markdown(result: dict, catalogue: dict, audience: str = "expert") -> str:
    template = environment().get_template(f"{audience}.md.j2")
    return template.render(r=result, rules=catalogue)
