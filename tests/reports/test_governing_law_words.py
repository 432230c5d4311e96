"""Report headers name the governing law in words with its code ('New York (US-NY)'); a law the
fault-regime table does not know is printed as its code alone."""
from __future__ import annotations

import pytest

from reports.context import governing_law_words
from tests.helpers import base_raw, catalogue, run


def test_the_words_give_the_place_and_the_code_or_the_code_alone():
    assert governing_law_words({"governing_law": "US-NY", "governing_law_name": "New York"}) == \
        "New York (US-NY)"
    assert governing_law_words({"governing_law": "JP", "governing_law_name": None}) == "JP"
    assert governing_law_words({"governing_law": "US-NY"}) == "US-NY"   # an older result


@pytest.mark.parametrize("audience", ["expert", "mediator"])
def test_the_header_names_the_governing_law(audience):
    from reports.render import render
    result = run(base_raw("harborview-missed-alerts"))          # governed by US-NY
    assert result["case"]["governing_law_name"] == "New York"
    text = render(result, catalogue(), audience, "md")
    assert "governing law New York (US-NY)" in text
