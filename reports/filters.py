"""Jinja filters, registered in one place."""
from __future__ import annotations

from decimal import Decimal

from facts import formatting as fmt


def pct(value) -> str:
    return fmt.percent(value)


def pct_css(value) -> str:
    """A share as a CSS width; clamped so a malformed value cannot escape the attribute."""
    try:
        share = min(max(Decimal(str(value)), Decimal(0)), Decimal(1))
    except ArithmeticError:
        share = Decimal(0)
    return f"{share * 100:.2f}%"


def money(value, currency: str = "USD") -> str:
    return fmt.money(value, currency)


def label(element: str) -> str:
    return element.replace("_", " ").replace(".", " · ")


def sentence(text) -> str:
    """First letter upper case, the rest as written ('whether MFA ...' → 'Whether MFA ...')."""
    text = str(text)
    return text[:1].upper() + text[1:]


def css_string(text):
    """Text for inside a CSS string in a <style> element: every character but ASCII letters and
    digits as a CSS escape, so no value can close the string or the element. Each escape ends
    with a space, which CSS consumes as its terminator (a space in the text is escaped too)."""
    from markupsafe import Markup
    return Markup("".join(c if c.isascii() and c.isalnum() else f"\\{ord(c):x} "
                          for c in str(text)))


def register(env) -> None:
    env.filters.update(pct=pct, pct_css=pct_css, money=money, label=label,
                       yesno=fmt.yes_no, number=fmt.number, duration=fmt.duration,
                       listing=fmt.listing, sentence=sentence,
                       css_string=css_string)
    env.tests["in_area"] = lambda element, area: str(element).startswith(area + ".")
