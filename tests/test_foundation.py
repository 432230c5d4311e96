"""The spine: examples analyze, the trace is whole, shares sum to 1, JSON is deterministic."""
from __future__ import annotations

import os
import subprocess
import sys
from decimal import Decimal

import pytest

from tests.conftest import EXAMPLES, ROOT
from tests.helpers import base_raw, holds, run

PY = sys.executable


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_trace_premises_are_inputs_or_earlier_conclusions(path):
    from engine.analyze import analyze
    from facts.loader import load_case
    result = analyze(load_case(path))
    known = set(result["facts"]) | set(result["lists"])   # a list read whole is named once
    for step in result["trace"]:
        for premise in step["premises"]:
            assert premise in known, f"step {step['step']} {step['rule']}: {premise} unknown"
        known.update(step["conclusions"])


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_allocation_sums_to_exactly_one(path):
    from engine.analyze import analyze
    from facts.loader import load_case
    result = analyze(load_case(path))
    shares = [Decimal(v) for v in result["allocation"].values()]
    assert not shares or sum(shares) == Decimal("1.0000")
    assert all(Decimal(0) <= s <= 1 for s in shares)


def test_every_finding_names_its_rule_and_supporting_rules():
    result = run(base_raw())
    for f in result["findings"]:
        assert f["rule"] in f["rules"]
        assert f["summary"] and "?]" not in f["summary"]


def test_provider_mostly_at_fault_in_missed_alerts_example():
    result = run(base_raw())
    assert Decimal(result["allocation"]["provider"]) > Decimal("0.8")
    assert holds(result, "breach.triage.provider")
    assert holds(result, "causation.third_party_discovery.provider")


def _json_under_seed(seed: str, case: str) -> bytes:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    out = subprocess.run([PY, "cli.py", "analyze", case, "--format", "json"], cwd=ROOT, env=env,
                         capture_output=True, timeout=120)
    assert out.returncode == 0, out.stderr.decode()
    return out.stdout


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_json_is_byte_identical_across_hash_seeds(path):
    case = str(path.relative_to(ROOT))
    assert _json_under_seed("0", case) == _json_under_seed("12345", case)
