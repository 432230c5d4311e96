"""Jinja filters, registered in one place."""
from __future__ import annotations

from decimal import Decimal


def pct(value) -> str:
    return f"{Decimal(str(value)) * 100:.2f}%"


def money(value, currency: str = "USD") -> str:
    amount = Decimal(str(value))
    return f"{currency} {amount:,.2f}"


def md_escape(text) -> str:
    """Case text inside Markdown: neutralise characters that would become markup."""
    out = str(text)
    for ch in ("\\", "`", "*", "_", "[", "]", "<", ">", "|", "#"):
        out = out.replace(ch, "\\" + ch)
    return out


def label(element: str) -> str:
    return element.replace("_", " ").replace(".", " · ")


def register(env) -> None:
    env.filters.update(pct=pct, money=money, md=md_escape, label=label)
    env.tests["in_area"] = lambda element, area: str(element).startswith(area + ".")
