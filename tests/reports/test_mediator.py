"""The mediator's brief does not contradict itself: at most one statement of a resolution path,
the recovery routes shown as alternatives with the strongest named, and the headlines (at a
glance, what moves the outcome) in names and words (issue #21)."""
from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

import pytest

from tests.conftest import EXAMPLES
from tests.helpers import catalogue
from tests.reports.test_student import FACT_ID, FINDING_ID

PATH_STATEMENTS = ("Suggested path", "makes no suggestion of a resolution path",
                   "suggests no resolution path")


@lru_cache(maxsize=None)
def _result(path):
    from engine.analyze import analyze
    from facts.loader import load_case
    return analyze(load_case(path), decisive=True)


@lru_cache(maxsize=None)
def _brief(path, fmt="md"):
    from reports.render import render
    return render(_result(path), catalogue(), "mediator", fmt)


def _section(text: str, start: str, end: str) -> str:
    return text.split(start, 1)[1].split(end, 1)[0]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_brief_states_a_resolution_path_at_most_once(path, fmt):
    text = _brief(path, fmt)
    assert sum(text.count(s) for s in PATH_STATEMENTS) <= 1
    pathway = next((f for f in _result(path)["findings"] if f["element"] == "remedy.pathway"),
                   None)
    if pathway:
        assert text.count("Suggested path") == 1


def _open_upper(item: dict):
    status = item.get("available", "no" if item.get("barred") in (True, "yes") else "yes")
    if status == "no":
        return None
    pays = item.get("provider_pays")
    pays = pays.get("max") if isinstance(pays, dict) else pays
    return Decimal(str(pays)) if pays is not None and Decimal(str(pays)) > 0 else None


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_routes_are_alternatives_and_the_strongest_is_named(path):
    glance = _section(_brief(path), "## 1. At a glance", "## 2.")
    assert "alternatives to one loss" in glance and "never their sum" in glance
    figures = {route: _open_upper(item) for route, item in _result(path)["exposure"].items()
               if isinstance(item, dict)}
    figures = {k: v for k, v in figures.items() if v is not None}
    if not figures:
        assert "no route gives the client a recovery" in glance
        assert "(strongest)" not in glance
        return
    best = max(figures, key=lambda k: figures[k])
    from reports.mediator import ROUTE_TITLES
    assert f"strongest route for the client is **{ROUTE_TITLES.get(best, best)}**" in glance
    assert glance.count("(strongest)") == 1


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_the_headlines_are_in_names_and_words(path):
    text = _brief(path)
    heads = _section(text, "## 1. At a glance", "## 3.")
    assert FACT_ID.findall(heads) == [] and FINDING_ID.findall(heads) == []
    assert "vendor:" not in heads and "`" not in heads.replace("`python cli.py sensitivity "
                                                               "CASE`", "")
    path_section = _section(text, "## 6. Resolution path", "## Notes")
    assert FACT_ID.findall(path_section) == [] and FINDING_ID.findall(path_section) == []


def test_a_pathway_that_does_not_hold_says_negotiation_suffices_once():
    from reports.mediator import pathway
    views = [{"element": "remedy.pathway", "holds": False, "rule": "REM-009",
              "summary": "Suggested path: direct negotiation, because no fact is disputed.",
              "checks": [{"condition": "facts are disputed", "holds": False, "detail": "none"}],
              "values": {}}]
    said = pathway(views, lambda s: s)
    assert said["kind"] == "negotiation" and said["reasons"] == ["facts are disputed: none"]
    assert pathway([], lambda s: s)["kind"] == "none"
