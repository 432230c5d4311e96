"""The student walkthrough teaches the doctrine: elements in the law's order (duty, breach,
statutory notice, causation in fact, proximate cause, damages, the defences, allocation,
remedies), each opening with its test and authorities, then every conclusion the result holds
for it with what held and what did not; words, not ids or engine vocabulary (issue #21)."""
from __future__ import annotations

import re
from functools import lru_cache

import pytest

from tests.conftest import EXAMPLES
from tests.helpers import catalogue as _catalogue
from tests.helpers import engine_terms_in
from tests.helpers import example_result as _result

FACT_ID = re.compile(r"\b(?:derived|incident|contract|audit|parties|client_governance|"
                     r"applicability|affected|evidence)\.[a-z_]+")
FINDING_ID = re.compile(r"\b(?:duty|breach|causation|governance|care|disclosure|proof|"
                        r"allocation|exposure|remedy|pathway)\.[a-z_]+\.(?:provider|client)\b")


@lru_cache(maxsize=None)
def _text(path, audience="student", fmt="md"):
    from reports.render import render
    return render(_result(path), _catalogue(), audience, fmt)


def _sections(path):
    from reports.context import build
    return build(_result(path), _catalogue(), "student")["sections"]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_elements_come_in_doctrinal_order_each_opening_with_its_test(path):
    from rules.doctrine import sections
    text = _text(path)
    headings = re.findall(r"^## \d+\. (.+)$", text, re.M)
    titles = [s.title for s in sections()]
    taught = [h for h in headings if h in titles]
    assert taught == [t for t in titles if t in taught]
    assert taught[:3] == ["Duty", "Breach of the standard of care", "Statutory notice duties"]
    assert {"Causation in fact", "Remedies"} <= set(taught)
    for title in taught:
        body = text.split(f". {title}\n", 1)[1].split("\n## ", 1)[0]
        assert body.lstrip().startswith("*The test.*"), title
        assert "*Authorities:*" in body


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_conclusion_is_taught_once_under_its_element(path):
    from rules.doctrine import section_of
    result = _result(path)
    taught = {}
    for sec in _sections(path):
        for e in sec["entries"]:
            for f in e["findings"]:
                taught.setdefault(sec["key"], []).append(f)
    assert sum(len(v) for v in taught.values()) == len(result["findings"])
    for f in result["findings"]:
        key = section_of(f["element"])
        assert any(t["holds"] == bool(f["holds"]) for t in taught[key]), f["id"]


def test_a_failing_element_says_what_did_not_hold_and_why():
    path = next(p for p in EXAMPLES if p.stem == "harborview-missed-alerts")
    by_name = {f["name"]: f for sec in _sections(path) for e in sec["entries"]
               for f in e["findings"]}
    narrow = next(f for n, f in by_name.items() if n.startswith("A duty within a narrow scope"))
    assert not narrow["holds"] and narrow["not_held"]
    closed = [f for f in by_name.values() if f["not_established"]]
    assert closed and all(r["text"].split(" is not shown")[0] for f in closed
                          for r in f["reasons"])
    assert all(not FACT_ID.search(r["text"]) for f in closed for r in f["reasons"])


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_student_and_expert_text_keep_out_the_engines_vocabulary(path, fmt):
    for audience in ("student", "expert"):
        assert engine_terms_in(_text(path, audience, fmt)) == [], audience


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_the_student_text_names_facts_and_findings_in_words(path):
    text = _text(path).split("\n## Notes", 1)[0]
    assert FACT_ID.findall(text) == []
    assert FINDING_ID.findall(text) == []


def test_the_glossary_lists_the_terms_the_text_uses_and_only_those():
    from rules.doctrine import glossary
    path = next(p for p in EXAMPLES if p.stem == "harborview-missed-alerts")
    text = _text(path)
    body, listed = text.split(". Glossary\n", 1)
    listed = listed.split("\n## ", 1)[0]
    terms = re.findall(r"^- \*\*(.+?)\*\*:", listed, re.M)
    assert {"but-for test", "proximate cause", "comparative fault", "economic loss rule",
            "limitation clause"} <= set(terms)
    by_term = {t.term: t for t in glossary()}
    for term in terms:
        assert any(m.lower() in body.lower() for m in by_term[term].matches), term
    unused = [t.term for t in glossary() if t.term not in terms]
    for term in unused:
        assert not any(m.lower() in body.lower() for m in by_term[term].matches), term
