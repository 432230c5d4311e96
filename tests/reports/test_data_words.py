"""The case format's data words read as words in every report (issue #18: `stolen_credentials`,
`fully_managed` in sentences); only the format's own vocabulary is replaced, never case text."""
from __future__ import annotations

import re
from functools import cache

import pytest

from tests.conftest import EXAMPLES
from tests.helpers import catalogue


@cache
def _text(path, audience):
    from engine.analyze import analyze
    from facts.loader import load_case
    from reports.render import render
    text = render(analyze(load_case(path)), catalogue(), audience, "md")
    if audience == "expert":
        text = text.split("## Appendix A.", 1)[0]    # ids belong in the appendix
    return re.sub(r"`[^`]*`", "", text).replace("\\_", "_")


@pytest.mark.parametrize("audience", ["expert", "mediator", "student"])
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_no_data_word_of_the_case_format_is_printed_as_data(path, audience):
    from reports.data_words import elements, vocabulary
    text = _text(path, audience)
    words = set(vocabulary()) | set(elements())
    found = {t for t in re.findall(r"(?<![\w.\-\[/])[a-z][\w.]*[a-z0-9]", text) if t in words}
    assert found == set(), sorted(found)


def test_data_words_are_replaced_and_case_text_is_not():
    from reports.data_words import in_words, value_in_words
    assert in_words("the entry used credentials: stolen_credentials") == \
        "the entry used credentials: stolen credentials"
    assert in_words("control level fully_managed, co_managed") == \
        "control level fully managed, co-managed"
    assert in_words("a separate finding (statement.known_false)") == \
        "a separate finding (the speaker knew the statement was false)"
    # not the case's own words, ids or paths
    assert in_words("account svc_backup on host fs_02") == "account svc_backup on host fs_02"
    assert in_words("breach.triage.provider") == "breach.triage.provider"
    assert in_words("client_governance.fully_managed") == "client_governance.fully_managed"
    assert value_in_words({"type": "stolen_credentials", "actions": ["lateral_movement", "x_y"]}) \
        == {"type": "stolen credentials", "actions": ["lateral movement", "x_y"]}


@pytest.mark.parametrize("audience", ["mediator", "student"])
def test_no_regime_is_named_by_its_id_in_the_mediators_or_students_text(audience):
    from reports.data_words import regimes
    path = next(p for p in EXAMPLES if p.stem == "harborview-missed-alerts")
    text = _text(path, audience)
    ids = {t for t in re.findall(r"(?<![\w\-])[a-z]{2}-[a-z0-9\-]*[a-z0-9]", text)
           if t in regimes()}
    assert ids == set(), sorted(ids)
