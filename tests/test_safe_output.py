"""Outputs never destroy what the user had: written atomically, never over an input, never into
a missing folder; case text is data, never template code; YAML is loaded safely everywhere."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from reports.output import write_atomic
from tests.conftest import ROOT

BASE = ROOT / "tests" / "bad_inputs" / "base-valid.yaml"


def _invoke(args):
    from cli import cli
    return CliRunner().invoke(cli, args)


def test_a_failing_render_leaves_the_existing_output_untouched(tmp_path, monkeypatch):
    import reports.render

    target = tmp_path / "report.md"
    target.write_text("the previous report\n")

    def broken(*args, **kwargs):
        raise RuntimeError("template exploded half-way")
    monkeypatch.setattr(reports.render, "render_markdown", broken)
    result = _invoke(["analyze", str(BASE), "-o", str(target)])
    assert result.exit_code == 1
    assert "internal failure" in result.stderr and len(result.stderr.splitlines()) == 1
    assert target.read_text() == "the previous report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.md"]


def test_a_failing_write_leaves_the_existing_file_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "result.json"
    target.write_text("old")

    def no_rename(src, dst):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(os, "replace", no_rename)
    from facts.errors import FaultlineInputError
    with pytest.raises(FaultlineInputError, match="no space left on the device"):
        write_atomic(target, "new contents")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["result.json"]


def test_write_is_complete_or_absent(tmp_path):
    target = tmp_path / "out.md"
    write_atomic(target, "é" * 100_000)
    assert target.read_text(encoding="utf-8") == "é" * 100_000
    write_atomic(target, b"\x00\x01binary")
    assert target.read_bytes() == b"\x00\x01binary"
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]


def test_read_only_folder_is_a_clear_error_and_the_file_survives(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root writes into read-only folders")
    folder = tmp_path / "ro"
    folder.mkdir()
    target = folder / "report.md"
    target.write_text("keep me")
    folder.chmod(0o500)
    try:
        result = _invoke(["analyze", str(BASE), "-o", str(target)])
        assert result.exit_code != 0
        assert target.read_text() == "keep me"
    finally:
        folder.chmod(0o700)


def test_never_over_an_input_even_through_a_symlink(tmp_path):
    case = tmp_path / "case.yaml"
    case.write_text(BASE.read_text())
    link = tmp_path / "report.md"
    link.symlink_to(case)
    result = _invoke(["analyze", str(case), "-o", str(link)])
    assert result.exit_code == 2, result.stderr
    assert "input file" in result.stderr and len(result.stderr.splitlines()) == 1
    assert case.read_text() == BASE.read_text()


def test_output_into_a_missing_folder_is_one_line(tmp_path):
    target = tmp_path / "missing" / "deeper" / "r.json"
    result = _invoke(["analyze", str(BASE), "--format", "json", "-o", str(target)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {target}: ") and "does not exist" in result.stderr
    assert len(result.stderr.splitlines()) == 1


HOSTILE = {
    "title": "<script>alert('title')</script> {{ 7*7 }} {% raw %}",
    "client": "Client & Sons <img src=x onerror=alert(1)> {{ config }}",
    "finding": "Detections were off </td><b>bold</b> {{ r.allocation }} {# comment #}",
}


def _hostile_case(tmp_path: Path) -> Path:
    text = BASE.read_text(encoding="utf-8")
    text = text.replace("title: A small valid case the corpus breaks one way at a time",
                        f"title: \"{HOSTILE['title']}\"")
    text = text.replace("client: {name: Client Co}", f"client: {{name: \"{HOSTILE['client']}\"}}")
    text = text.replace("description: Detection content was months old.",
                        f"description: \"{HOSTILE['finding']}\"")
    case = tmp_path / "hostile.yaml"
    case.write_text(text, encoding="utf-8")
    return case


def test_case_text_is_never_template_code(tmp_path):
    case = _hostile_case(tmp_path)
    result = _invoke(["analyze", str(case), "--format", "md"])
    assert result.exit_code == 0, result.stderr
    assert "{{ 7" in result.stdout and "{% raw %}" in result.stdout  # shown, not evaluated
    assert "<Config" not in result.stdout


def _html_supported() -> bool:
    from cli import REPORT_FORMATS
    result = _invoke(["analyze", str(BASE), "--format", "html"])
    return "html" in REPORT_FORMATS and result.exit_code == 0


def test_html_escapes_all_case_text(tmp_path):
    if not _html_supported():
        pytest.skip("--format html is not supported yet")
    case = _hostile_case(tmp_path)
    result = _invoke(["analyze", str(case), "--format", "html"])
    assert result.exit_code == 0, result.stderr
    html = result.stdout
    assert "<script>alert(" not in html
    assert "<img src=x" not in html
    assert "</td><b>bold</b>" not in html
    assert "&lt;script&gt;" in html or "&lt;script>" in html
    assert "{{ 7*7 }}" in html


SOURCE_DIRS = ["facts", "rules", "engine", "reports", "cli.py"]


def _sources():
    for entry in SOURCE_DIRS:
        path = ROOT / entry
        yield from ([path] if path.is_file() else sorted(path.rglob("*.py")))


def test_yaml_is_only_ever_loaded_safely():
    import importlib

    import yaml
    unsafe = re.compile(r"yaml\.(unsafe_load|full_load|load_all)\(|yaml\.(Loader|FullLoader|"
                        r"UnsafeLoader)\b")
    loader_arg = re.compile(r"yaml\.load\([^)]*?Loader=([A-Za-z_][A-Za-z0-9_.]*)")
    offenders = []
    for path in _sources():
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if unsafe.search(line):
                offenders.append(f"{module}:{n}")
            if "yaml.load(" in line:
                match = loader_arg.search(line)
                loader = getattr(importlib.import_module(module), match.group(1), None) \
                    if match else None
                safe = isinstance(loader, type) and \
                    issubclass(loader, yaml.constructor.SafeConstructor) and \
                    not issubclass(loader, yaml.constructor.FullConstructor)
                if not safe:
                    offenders.append(f"{module}:{n} (yaml.load without a SafeLoader subclass)")
    assert not offenders, offenders


def test_templates_are_never_built_from_strings():
    # Environment.from_string / Template(...) would turn data into template code
    pattern = re.compile(r"\.from_string\(|\bTemplate\(")
    offenders = [f"{p.relative_to(ROOT)}:{n}" for p in _sources()
                 if "jinja2" in p.read_text(encoding="utf-8")
                 for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
                 if pattern.search(line)]
    assert not offenders, offenders


def test_html_environments_autoescape():
    from reports.render import environment
    env = environment(html=True)
    assert env.from_string("{{ x }}").render(x="<b>&") == "&lt;b&gt;&amp;"
