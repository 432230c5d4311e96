"""Every bundled example and scenario concludes what its golden file says (tests/engine/golden.py):
findings with their wording, shares, exposure, unknowns, outcome range. A change meant only to
make the engine faster must leave these as they are; a change of doctrine regenerates them with
`python -m tests.engine.golden` and the diff shows what moved."""
from __future__ import annotations

import difflib
import json

import pytest

from tests.engine.golden import GOLDEN, cases, name_of, text_of

REGENERATE = "regenerate with `.venv/bin/python -m tests.engine.golden` if the change is meant"


def test_every_case_has_a_golden_file():
    index = json.loads((GOLDEN / "INDEX.json").read_text(encoding="utf-8"))
    assert sorted(f"{name_of(p)}.json" for p in cases()) == index["cases"], REGENERATE
    assert all((GOLDEN / name).exists() for name in index["cases"])


@pytest.mark.parametrize("path", cases(), ids=name_of)
def test_result_is_the_golden_one(path):
    target = GOLDEN / f"{name_of(path)}.json"
    if not target.exists():
        pytest.fail(f"no golden result for {path.name}; {REGENERATE}")
    want, got = target.read_text(encoding="utf-8"), text_of(path)
    if got != want:
        diff = difflib.unified_diff(want.splitlines(), got.splitlines(), "golden", "now",
                                    n=2, lineterm="")
        shown = "\n".join(list(diff)[:60])
        pytest.fail(f"{path.name}: the result differs from its golden file "
                    f"({REGENERATE}):\n{shown}")
