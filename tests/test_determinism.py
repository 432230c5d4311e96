"""The same input gives the same bytes: across runs, across PYTHONHASHSEED values, whatever the
date. Reports stamp the hash of the input they were made from."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone

import pytest

from tests.conftest import EXAMPLES, ROOT

AUDIENCES = ["expert", "mediator", "student"]


def _cli(args: list[str], seed: str) -> bytes:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    out = subprocess.run([sys.executable, "cli.py", *args], cwd=ROOT, env=env,
                         capture_output=True, timeout=60)
    assert out.returncode == 0, out.stderr.decode(errors="replace")
    return out.stdout


@pytest.fixture(scope="module")
def json_runs() -> dict:
    return {path.stem: [_cli(["analyze", str(path.relative_to(ROOT)), "--format", "json"], seed)
                        for seed in ("0", "1", "4242")] for path in EXAMPLES}


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_json_is_byte_identical_across_runs_and_hash_seeds(path, json_runs):
    first, *others = json_runs[path.stem]
    assert first
    for other in others:
        assert other == first


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_markdown_report_is_byte_identical_across_hash_seeds(path, audience):
    args = ["analyze", str(path.relative_to(ROOT)), "--format", "md", "--audience", audience]
    first = _cli(args, "0")
    assert first == _cli(args, "98765")
    assert first.strip()


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_nothing_in_the_json_depends_on_the_clock(path, json_runs):
    text = json_runs[path.stem][0].decode()
    # The table of authorities records the date each authority was checked: data, not the clock.
    text = re.sub(r'"checked": "\d{4}-\d{2}-\d{2}"', '"checked": ""', text)
    now = datetime.now(timezone.utc)
    for day in {date.today(), now.date(), (now - timedelta(days=1)).date(),
                (now + timedelta(days=1)).date()}:
        assert day.isoformat() not in text, f"today's date {day} appears in the result"
    for word in ("generated_at", "created_at", "timestamp_now", "hostname", str(ROOT)):
        assert word not in text, f"{word!r} appears in the result"
    result = json.loads(text)
    for stamp in ("faultline_version", "rulebase_version", "input_sha256", "parameters_sha256"):
        assert result.get(stamp), f"missing stamp {stamp}"
    assert len(result["input_sha256"]) == 64


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_reports_stamp_the_input_hash(path, audience, json_runs):
    from click.testing import CliRunner

    from cli import cli
    digest = json.loads(json_runs[path.stem][0])["input_sha256"]
    result = CliRunner().invoke(cli, ["analyze", str(path), "--format", "md", "--audience",
                                      audience])
    assert result.exit_code == 0, result.stderr
    assert digest in result.stdout, f"the {audience} report does not carry input_sha256"


def test_input_hash_follows_the_content_not_the_path(tmp_path):
    from engine.analyze import analyze
    from facts.loader import load_case
    source = EXAMPLES[0]
    copy = tmp_path / "renamed-copy.yaml"
    copy.write_bytes(source.read_bytes())
    a, b = analyze(load_case(source)), analyze(load_case(copy))
    assert a["input_sha256"] == b["input_sha256"]
    changed = tmp_path / "changed.yaml"
    text, count = re.subn(r"records_affected: (\d+)", lambda m: f"records_affected: "
                          f"{int(m.group(1)) + 1}", source.read_text(encoding="utf-8"))
    assert count == 1
    changed.write_text(text, encoding="utf-8")
    c = analyze(load_case(changed))
    assert c["input_sha256"] != a["input_sha256"]


def test_parameters_change_the_parameters_hash(tmp_path):
    from engine.analyze import analyze
    from facts.loader import load_case
    from rules.parameters import Parameters
    params = tmp_path / "p.yaml"
    params.write_text("weights.breach.triage: 5.0\n")
    a = analyze(load_case(EXAMPLES[0]))
    b = analyze(load_case(EXAMPLES[0]), Parameters.load(str(params)))
    assert a["parameters_sha256"] != b["parameters_sha256"]
