"""Each opinion that rests on a disputed fact states how it comes out under each party's version
(issue #18: "the report either states an opinion under each version or states it
conditionally"), and what it states is what a run taking that version gives."""
from __future__ import annotations

import re
from functools import cache

import pytest

from tests.conftest import EXAMPLES
from tests.helpers import catalogue

HARBORVIEW = next(p for p in EXAMPLES if p.stem == "harborview-missed-alerts")


@cache
def _result(path, assume=None):
    from engine.analyze import analyze
    from facts.loader import load_case
    return analyze(load_case(path, assume=assume), ranges=assume is None)


@cache
def _report(path):
    from reports.render import render
    return render(_result(path), catalogue(), "expert", "md")


def _opinion_text(report: str, number: int) -> str:
    m = re.search(rf"^#+ Opinion {number}\..*?(?=^#+ |\Z)", report, re.MULTILINE | re.DOTALL)
    return m.group(0) if m else ""


def _numbers(report: str) -> dict[str, int]:
    """Finding id → opinion number, from Appendix A."""
    appendix = report.split("## Appendix A.", 1)[1]
    return {m.group(2): int(m.group(1))
            for m in re.finditer(r"^\| (\d+) \| `?([^`|]+?)`? \|", appendix, re.MULTILINE)}


def test_an_opinion_a_version_decides_says_what_each_version_gives():
    text = _report(HARBORVIEW)
    mfa = _opinion_text(text, _numbers(text)["governance.mfa.client"])
    assert ("On the client's version of whether MFA protected remote access (yes), it is not "
            "established; on the provider's version of whether MFA protected remote access "
            "(no), it is established.") in " ".join(mfa.split())


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_what_each_version_is_said_to_give_is_what_a_run_on_that_version_gives(path):
    result = _result(path)
    if not result.get("disputes"):
        pytest.skip("no disputed fact")
    report = _report(path)
    numbers = _numbers(report)
    words = {"it is established": True, "it is not established": False}
    from reports.format import CaseWords
    label = CaseWords.of(result).label
    checked = 0
    for f in result["findings"]:
        disputed = (f.get("depends_on") or {}).get("disputed") or []
        if len(disputed) != 1 or f["element"].startswith(("allocation.", "exposure.")):
            continue
        fact = label(disputed[0])
        text = " ".join(_opinion_text(report, numbers[f["id"]]).split())
        for party in ("client", "provider"):
            m = re.search(rf"[Oo]n the {party}'s version of {re.escape(fact)}(?: \([^)]*\))?, "
                          rf"(it is (?:not )?established)", text)
            either = re.search(rf"On either party's version of [^.]*{re.escape(fact)}[^.]*, "
                               rf"(it is (?:not )?established)", text)
            said = m or either
            assert said, (f["id"], party)
            if m:   # a verdict said for this version: a run on it must agree
                on_version = next(x for x in _result(path, party)["findings"]
                                  if x["id"] == f["id"])
                assert on_version["holds"] == words[m.group(1)], (f["id"], party)
                checked += 1
    assert checked or path != HARBORVIEW
