"""`cli.py init`: a starter case with every field commented with its meaning; `validate` accepts it
as written, and nothing in it asserts a fault (its silent facts are unknown)."""
from __future__ import annotations

import typing

import yaml
from click.testing import CliRunner
from pydantic import BaseModel

from cli import cli
from facts.labels import unwrap
from facts.model import Case
from tests.helpers import run


def _fields(model: type[BaseModel], seen=None):
    seen = set() if seen is None else seen
    for name, info in model.model_fields.items():
        yield name, info
        inner = unwrap(info.annotation)
        for arg in (inner, *typing.get_args(inner)):
            sub = unwrap(arg)
            if isinstance(sub, type) and issubclass(sub, BaseModel) and sub not in seen:
                seen.add(sub)
                yield from _fields(sub, seen)


def _starter() -> str:
    result = CliRunner().invoke(cli, ["init"])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_starter_validates_as_written(tmp_path):
    path = tmp_path / "new.yaml"
    result = CliRunner().invoke(cli, ["init", "-o", str(path)])
    assert result.exit_code == 0 and path.exists()
    checked = CliRunner().invoke(cli, ["validate", str(path)])
    assert checked.exit_code == 0, checked.output
    assert checked.stdout.startswith(f"ok: {path}")


def test_every_field_of_the_model_is_in_it_with_its_meaning():
    lines = _starter().splitlines()
    missing = []
    for name, info in _fields(Case):
        words = (info.description or "").split()[:3]
        if not any(line.lstrip("#- ").startswith(f"{name}:") and " ".join(words) in " ".join(
                line.split()) for line in lines):
            missing.append(name)
    assert not missing, missing


def test_it_asserts_no_fault_and_says_what_is_unknown():
    raw = yaml.safe_load(_starter())
    result = run(raw)
    assert result["allocation"] == {}
    assert [f["id"] for f in result["findings"] if f["holds"]] == []
    unknown = {u["id"] for u in result["unknowns"]}
    assert {"incident.timeline.intrusion_start", "contract.control_level",
            "incident.timeline.provider_detection"} <= unknown


def test_it_never_overwrites_a_file(tmp_path):
    path = tmp_path / "case.yaml"
    path.write_text("mine\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["init", "-o", str(path)])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {path}: ") and "exists" in lines[0]
    assert path.read_text(encoding="utf-8") == "mine\n"
