"""Compiled templates are cached outside the repository, keyed by content, loaded only from a
private folder, skipped silently when the folder is unusable, and never change a report."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

import reports.templating as templating
from engine.analyze import analyze
from facts.loader import load_case
from reports.catalogue_data import rule_catalogue
from reports.render import render
from tests.conftest import ROOT

CASE = ROOT / "examples" / "crestline-client-governance.yaml"


@pytest.fixture
def cache_at(monkeypatch):
    def use(folder):
        monkeypatch.setenv("FAULTLINE_CACHE_DIR", str(folder))
        monkeypatch.setattr(templating, "_CACHES", {})
    yield use
    templating._CACHES.clear()


@pytest.fixture(scope="module")
def result():
    return analyze(load_case(CASE))


def test_a_second_run_loads_the_compiled_templates_and_writes_the_same_report(tmp_path, cache_at,
                                                                             result):
    cache_at(tmp_path / "c")
    first = render(result, rule_catalogue(), "expert", "md")
    entries = sorted(os.listdir(tmp_path / "c"))
    assert entries and all(e.endswith(".cache") for e in entries)
    assert oct(os.stat(tmp_path / "c").st_mode & 0o777) == "0o700"
    loaded = []
    cache = templating.bytecode_cache(False)
    original = type(cache).load_bytecode

    def spy(self, bucket):
        original(self, bucket)
        loaded.append(bucket.code is not None)
    type(cache).load_bytecode = spy
    try:
        again = render(result, rule_catalogue(), "expert", "md")
    finally:
        type(cache).load_bytecode = original
    assert again == first and loaded and all(loaded)
    cache_at(tmp_path / "none-" / "x")
    (tmp_path / "none-").write_text("a file where the folder would go")
    assert templating.bytecode_cache(False) is None
    assert render(result, rule_catalogue(), "expert", "md") == first


def test_an_edited_template_gets_its_own_entry(tmp_path, cache_at):
    cache_at(tmp_path / "c")
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "x.md.j2").write_text("one {{ 1 }}\n")
    assert templating.make_environment(tmp_path / "t", False).get_template("x.md.j2").render() \
        == "one 1\n"
    (tmp_path / "t" / "x.md.j2").write_text("two {{ 2 }}\n")
    assert templating.make_environment(tmp_path / "t", False).get_template("x.md.j2").render() \
        == "two 2\n"
    assert len(os.listdir(tmp_path / "c")) == 2


def test_a_folder_others_can_write_is_not_used(tmp_path, cache_at):
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o777)
    cache_at(folder)
    assert templating.bytecode_cache(True) is None


def test_an_unwritable_cache_is_skipped_silently(tmp_path, cache_at, result, monkeypatch):
    import tempfile

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")
    cache_at(tmp_path / "full")
    expected = render(result, rule_catalogue(), "expert", "html")
    for entry in os.listdir(tmp_path / "full"):
        os.remove(tmp_path / "full" / entry)
    monkeypatch.setattr(templating, "_CACHES", {})
    monkeypatch.setattr(tempfile, "NamedTemporaryFile", full)
    assert render(result, rule_catalogue(), "expert", "html") == expected
    assert os.listdir(tmp_path / "full") == []


def test_a_json_result_does_not_load_jinja2(tmp_path):
    def imported(fmt: str) -> str:
        done = subprocess.run([sys.executable, "-X", "importtime", "cli.py", "analyze", str(CASE),
                               "--format", fmt, "-o", str(tmp_path / f"r.{fmt}")],
                              cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        return done.stderr
    assert " jinja2" not in imported("json")
    assert " jinja2" in imported("md")   # the check can fail: Markdown does load it
