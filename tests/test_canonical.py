"""Canonical JSON is the same bytes whichever encoder writes it (orjson where it is installed and
safe, else the json module), on every example's result and on the values where the two differ."""
from __future__ import annotations

import json

import pytest

import engine.canonical as canonical
from engine.analyze import analyze
from facts.loader import load_case
from tests.conftest import EXAMPLES


def _reference(value, indent=2) -> str:
    data = canonical.plain(value)
    return json.dumps(data, sort_keys=True, indent=indent, ensure_ascii=False,
                      separators=(",", ": ") if indent else (",", ":")) + ("\n" if indent else "")


EDGE = [{"tiny": 1e-05, "b": [1, 2]}, {"seven": 1e-07}, {"huge": 2 ** 70}, {"neg": -(2 ** 64)},
        {"text": "é \u2028 \x7f \x00 \"q\""}, {}, [], {"k": {}, "a": []}, {2: "int key"},
        {"f": 0.1 + 0.2, "e": 1e16, "z": -0.0, "w": 2.0}, [True, False, None, 3, "x"]]


@pytest.mark.parametrize("value", EDGE, ids=range(len(EDGE)))
@pytest.mark.parametrize("indent", [2, None])
def test_edge_values_give_the_json_modules_bytes(value, indent):
    assert canonical.dumps(value, indent=indent) == _reference(value, indent)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_results_give_the_json_modules_bytes(path, monkeypatch):
    result = analyze(load_case(path))
    fast = canonical.dumps(result)
    assert fast == _reference(result)
    monkeypatch.setattr(canonical, "orjson", None)
    assert canonical.dumps(result) == fast
    assert canonical.dumps(result, indent=None) == _reference(result, None)
