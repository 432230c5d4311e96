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


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_strongest_route_is_named_once(path, fmt):
    text = _brief(path, fmt).split("What moves the outcome most", 1)[0]    # the glance
    assert len(re.findall(r"strongest route", text, re.I)) <= 1
    named = next((f for f in _result(path)["findings"]
                  if f["id"] == "exposure.strongest.provider" and f["holds"]), None)
    if named:   # the route the result names, not another one
        from reports.mediator import ROUTE_TITLES
        route = named["values"]["route"]
        title = ROUTE_TITLES.get(route, route.replace("_", " ").capitalize())
        assert re.search(rf"strongest route for the client is (\*\*|<strong>){title}", text)


CODE_OR_ID = re.compile(r"`[^`]*`|<code>")


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_the_disputed_facts_section_names_facts_and_findings_in_words(path):
    section = _section(_brief(path), "## 4. Disputed facts and their effect", "## 5.")
    assert FACT_ID.findall(section) == [] and FINDING_ID.findall(section) == []
    json_keys = {"`unknowns`", "`decisive_unknowns`"}   # where the JSON result lists more
    assert [c for c in CODE_OR_ID.findall(section) if c not in json_keys] == []
    for fact in _result(path).get("disputes") or {}:
        from reports.format import CaseWords
        label = CaseWords.of(_result(path)).label(fact)
        assert label[:1].upper() + label[1:] in section


def _clashing_case(client_name: str | None = None):
    """Harborview with two more disputed facts whose versions clash only together: the
    provider's later discovery and the client's earlier notice N-3 (a notice cannot precede the
    discovery it reports); each version alone is valid."""
    from tests.helpers import base_raw, run
    raw = base_raw()
    if client_name:
        raw["parties"]["client"]["name"] = client_name
    raw["incident"]["timeline"]["discovery"] = {
        "disputed": {"client": "2025-03-12T08:40:00", "provider": "2025-03-12T10:00:00"},
        "sources": {"client": "Exhibit 21", "provider": "Exhibit 44"}}
    raw["incident"]["timeline"]["client_notified"] = "2025-03-12T10:00:00"
    for notice in raw["incident"]["notices"]:
        if notice["id"] == "N-3":
            notice["at"] = {"disputed": {"client": "2025-03-12T09:30:00",
                                         "provider": "2025-03-12T10:30:00"},
                            "sources": {"client": "Exhibit 30", "provider": "Exhibit 45"}}
    return run(raw)


@lru_cache(maxsize=1)
def _clashing():
    return _clashing_case("Harborview Health System Regional Medical Center and Affiliated "
                          "Clinics of the Greater Hudson Valley, Inc.")


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_combinations_invalid_only_together_are_counted_apart_with_the_reason(fmt):
    from reports.render import render
    result = _clashing()
    rng = result["outcome_range"]
    assert rng["combinations"] == 32 and len(rng["invalid"]) == 8
    text = render(result, catalogue(), "mediator", fmt)
    assert "Across 24 of the 32 combinations" in text
    assert "32 of 32" not in text and "Across 32" not in text
    assert ("8 combination(s) take the client&#39;s version of when notice N-3 was given and "
            "the provider&#39;s version of when the breach was discovered" if fmt == "html" else
            "8 combination(s) take the client's version of when notice N-3 was given and the "
            "provider's version of when the breach was discovered") in text
    assert "a notice cannot precede the discovery it reports" in text
    # the reason's moments are written as times, never as the validator's ISO stamps
    assert "Wed 2025-03-12 09:30 EDT is before discovery Wed 2025-03-12 10:00 EDT" in text
    assert "2025-03-12T09:30" not in text


def test_the_html_share_bar_never_cuts_a_name():
    from reports.render import render
    result = _clashing()
    name = result["case"]["client"]
    html = render(result, catalogue(), "mediator", "html")
    bar = re.search(r'<div class="bar"[^>]*>(.*?)</div>', html, re.S).group(1)
    assert all(re.fullmatch(r"\s*([\d.]+%)?\s*", t) for t in re.findall(r">([^<]*)<", bar)), \
        "a segment holds only its share, so no name is cut at its edge"
    legend = re.search(r'<ul class="bar-legend">(.*?)</ul>', html, re.S).group(1)
    assert f"{name} (the client): 18.69%" in legend


def test_the_routes_are_one_word_table_a_row_each():
    import io

    import docx

    from reports.mediator import ROUTE_TITLES
    path = next(p for p in EXAMPLES if p.stem == "harborview-missed-alerts")
    document = docx.Document(io.BytesIO(_brief(path, "docx")))
    routes = [r for r, v in _result(path)["exposure"].items() if isinstance(v, dict)]
    titles = [ROUTE_TITLES.get(r, r.replace("_", " ").capitalize()) for r in sorted(routes)]
    table = next(t for t in document.tables if t.cell(0, 0).text.startswith(tuple(titles)))
    assert [row.cells[0].text.split(" ")[0] for row in table.rows] == \
        [t.split(" ")[0] for t in titles]
    assert "USD" in table.cell(0, 1).text


def test_a_closed_route_says_why_it_is_closed():
    # Harborview's negligence route is closed by New York's economic loss rule; its last step is
    # what the fault regime would do with shares (CPLR 1601), which moves no figure. The brief's
    # one line for the route must be the reason it is closed, not that aside.
    path = next(p for p in EXAMPLES if p.stem == "harborview-missed-alerts")
    row = next(line for line in _brief(path).splitlines() if line.startswith("| Negligence |"))
    assert "| no | USD 0.00 | Not available: New York: between contracting parties" in row
    assert "CPLR 1601" not in row
    # An open route keeps its last step, which gives the figure.
    contract = next(line for line in _brief(path).splitlines() if line.startswith("| Contract"))
    assert contract.rstrip(" |").endswith("The figure ranges from USD 0.00 to USD 12,700,000.00.")
