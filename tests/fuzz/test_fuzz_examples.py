"""A seeded, bounded fuzz test: the bundled examples mutated one field at a time (a value of the
wrong type, an extreme number or date, control characters, a long text, a field dropped or
wrapped, a reference to nothing) and run as a user runs them. Whatever the input: exit 0 with a
JSON result whose shares partition one, or exit 2 with one line on stderr naming the file; never
a traceback, never exit 1.

Derandomized (the same examples every run) and small: it runs in CI. The mutations are the
reliability review's kinds (tests/reliability_cases/ holds the inputs its 600-case fuzzer found).
"""
from __future__ import annotations

import copy
import json
from decimal import Decimal
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from facts.loader import read_raw
from tests.conftest import EXAMPLES, ROOT

BASES = {p.stem: read_raw(p) for p in EXAMPLES}
FUZZ = settings(max_examples=30, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])

ODD_VALUES = [None, True, False, 0, -1, 1.5, 10 ** 45, float("inf"), "", "unknown", "never",
              "yesterday", "9999-12-31T23:59:59", "1066-10-14T09:00:00Z", "2025-13-45",
              "-5h", "99999999999d", "\x1b[31mANSI\x1b[0m", "NUL\x00byte", "\ufffe\uffff",
              "<script>alert(1)</script>", "vendor:ghost", "us-hipaax", "x" * 20_001,
              [], {}, ["a", 1], {"k": "v"}, {"value": "30m", "source": {"nested": [1]}},
              {"disputed": {"client": True, "provider": "a string"}}]


def _similar(value):
    """A value of the same kind: another number, the other boolean, a moment shifted by up to a
    week either way, text with hostile characters."""
    if isinstance(value, bool):
        return st.just(not value)
    if isinstance(value, int):
        return st.integers(min_value=0, max_value=max(10, 3 * value))
    if isinstance(value, float):
        return st.floats(min_value=0, max_value=max(1.0, 3 * value), allow_nan=False)
    if isinstance(value, str) and len(value) >= 19 and value[4] == "-" and value[10] == "T":
        from datetime import datetime, timedelta
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        return st.integers(min_value=-7 * 24 * 60, max_value=7 * 24 * 60).map(
            lambda m: (moment + timedelta(minutes=m)).isoformat())
    if isinstance(value, str):
        return st.sampled_from([value + " \u202e<i>x</i>", value.upper(), value[:1], "x" * 300])
    return st.just(value)


def _paths(node, prefix=()):
    """Every addressable place in the raw data: mapping keys and list positions."""
    out = []
    if isinstance(node, dict):
        for key, value in node.items():
            out.append(prefix + (key,))
            out += _paths(value, prefix + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            out.append(prefix + (index,))
            out += _paths(value, prefix + (index,))
    return out


PATHS = {name: _paths(raw) for name, raw in BASES.items()}


@st.composite
def mutated(draw):
    name = draw(st.sampled_from(sorted(BASES)))
    raw = copy.deepcopy(BASES[name])
    for _ in range(draw(st.integers(min_value=1, max_value=2))):
        path = draw(st.sampled_from(PATHS[name]))
        parent = raw
        try:
            for step in path[:-1]:
                parent = parent[step]
            current = parent[path[-1]]
        except (KeyError, IndexError, TypeError):
            continue   # an earlier mutation removed or replaced this place
        # Half the mutations keep the field's type (most of those should still analyze), half
        # put something odd there (most of those should be refused in one line).
        action = draw(st.sampled_from(["similar", "similar", "similar", "wrap", "append",
                                       "drop", "odd", "odd"]))
        if action == "drop" and isinstance(parent, dict):
            del parent[path[-1]]
        elif action == "wrap":
            parent[path[-1]] = {"value": current, "source": draw(st.sampled_from(
                ["Exhibit 1", "Exhibit 2, p. 4 \u202e", "S" * 20_001, {"k": "v"}]))}
        elif action == "append" and isinstance(current, str):
            parent[path[-1]] = current + draw(st.sampled_from(["\x00", "\x1b]0;t\x07", "\n\n<b>"]))
        elif action == "similar":
            parent[path[-1]] = draw(_similar(current))
        else:
            parent[path[-1]] = draw(st.sampled_from(ODD_VALUES))
    return name, raw


def _check_result(text: str) -> None:
    result = json.loads(text)
    shares = [Decimal(v) for v in result["allocation"].values()]
    assert not shares or sum(shares) == Decimal("1.0000"), result["allocation"]
    assert all(Decimal(0) <= s <= Decimal(1) for s in shares), result["allocation"]


@FUZZ
@given(mutated())
def test_a_mutated_example_gives_a_result_or_one_line(tmp_path_factory, case):
    name, raw = case
    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / f"{name}.json"
    path.write_text(json.dumps(raw, default=str, ensure_ascii=False), encoding="utf-8")
    from cli import cli
    result = CliRunner().invoke(cli, ["analyze", str(path), "--format", "json",
                                      "--evidence-root", str(ROOT / "examples")],
                                catch_exceptions=True)
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        f"{type(result.exception).__name__}: {result.exception}"
    assert "Traceback" not in result.stderr
    assert result.exit_code in (0, 2), f"exit {result.exit_code}: {result.stderr}"
    if result.exit_code == 2:
        lines = result.stderr.splitlines()
        assert len(lines) == 1, lines
        assert lines[0].startswith(f"error: {path}: ") or lines[0].startswith("error: "), lines[0]
        assert "internal failure" not in lines[0]
    else:
        _check_result(result.stdout)


def test_the_mutations_reach_every_example():
    assert set(PATHS) == {p.stem for p in EXAMPLES} and all(len(p) > 50 for p in PATHS.values())
    assert Path(ROOT / "examples" / "evidence").is_dir()
