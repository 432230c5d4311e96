"""Helpers for the case-format tests: a base example changed in place, analyzed or validated."""
from __future__ import annotations

import json

from click.testing import CliRunner

from tests.helpers import base_raw, finding, run  # noqa: F401  (re-exported)


def statement(raw: dict, sid: str) -> dict:
    return next(s for s in raw["incident"]["statements"] if s["id"] == sid)


def one_line_error(raw: dict, tmp_path, *words: str) -> str:
    """Validate raw data through the command line: exit 2, one line naming file and field."""
    from cli import cli
    path = tmp_path / "case.json"
    path.write_text(json.dumps(raw, default=str), encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(path)], catch_exceptions=False)
    assert result.exit_code == 2, (result.exit_code, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {path}: "), result.stderr
    for word in words:
        assert word in lines[0], (word, lines[0])
    return lines[0]


def summary(result: dict, fid: str) -> str:
    f = finding(result, fid)
    assert f is not None, f"no finding {fid}"
    return f["summary"]
