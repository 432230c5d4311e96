"""The case loader reads YAML with libyaml's parser where PyYAML has it (facts/safe_yaml.py) and
with the pure-Python one otherwise: both give the same data and refuse the same files."""
from __future__ import annotations

import pytest
import yaml

from facts import safe_yaml
from tests.conftest import EXAMPLES

LIBYAML = pytest.mark.skipif(not hasattr(yaml, "CSafeLoader"), reason="PyYAML without libyaml")
REFUSED = {
    "duplicate key": "a: 1\na: 2\n",
    "more than": "".join(f"- &a{i} x\n" for i in range(3)) +
                 "".join(f"- *a{i % 3}\n" for i in range(safe_yaml.MAX_ALIASES + 1)),
    "nesting deeper": "a: " + "[" * (safe_yaml.MAX_DEPTH + 2) + "]" * (safe_yaml.MAX_DEPTH + 2),
    "not allowed": "a: !!python/object:os.system x\n",
    "contains it": "a: &x [*x]\n",
    "not valid YAML at line 2 column 5": "a: 1\nb: c: d\n",
}


def _pure(monkeypatch):
    monkeypatch.setattr(safe_yaml, "_CaseLoader", safe_yaml._PurePythonCaseLoader)


@LIBYAML
def test_the_case_loader_uses_libyaml_where_present():
    from yaml.cyaml import CParser
    assert issubclass(safe_yaml._CaseLoader, CParser)


@LIBYAML
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_both_parsers_read_an_example_alike(path, monkeypatch):
    text = path.read_text(encoding="utf-8")
    fast = safe_yaml.parse_text(text, "yaml")
    _pure(monkeypatch)
    assert not issubclass(safe_yaml._CaseLoader, yaml.cyaml.CParser)
    assert safe_yaml.parse_text(text, "yaml") == fast


@LIBYAML
@pytest.mark.parametrize("words,text", REFUSED.items(), ids=list(REFUSED))
def test_both_parsers_refuse_alike(words, text, monkeypatch):
    for pure in (False, True):
        if pure:
            _pure(monkeypatch)
        with pytest.raises(safe_yaml.ParseError) as refused:
            safe_yaml.parse_text(text, "yaml")
        assert words in refused.value.message, (pure, refused.value.message)


@LIBYAML
def test_yaml_1_1_words_and_dates_stay_text_with_libyaml():
    got = safe_yaml.parse_text("a: no\nb: 2025-01-01 10:00\nc: true\n", "yaml")
    assert got == {"a": "no", "b": "2025-01-01 10:00", "c": True}
