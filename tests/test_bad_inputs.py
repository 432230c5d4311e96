"""Bad input never crashes, hangs or rambles: exit 2 and exactly one line on stderr,
`error: FILE: FIELD.PATH: what is wrong; what is expected`, with no traceback.

The corpus is tests/bad_inputs/ (expected.yaml lists the words each error must contain). Every file
goes through the command line in-process (click's CliRunner, quick); a representative subset also
runs as a real `python cli.py analyze` subprocess, with a timeout that only guards against hangs.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from tests.conftest import ROOT

CORPUS = ROOT / "tests" / "bad_inputs"
BASE = CORPUS / "base-valid.yaml"
EXPECTED: dict = yaml.safe_load((CORPUS / "expected.yaml").read_text(encoding="utf-8"))
PWNED = Path("/tmp/faultline-pwned")


def _args(name: str) -> tuple[list[str], list[str]]:
    entry = EXPECTED[name]
    path = str(CORPUS / name)
    if isinstance(entry, dict):
        args = [a.format(file=path, base=str(BASE)) for a in entry["args"]]
        return args, entry["contains"]
    return ["analyze", path, "--format", "json"], entry


def _check_one_line(stderr: str, stdout: str, exit_code: int, file: str, words: list[str]) -> str:
    assert exit_code == 2, f"exit {exit_code}; stderr: {stderr!r}"
    lines = stderr.splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got {len(lines)}: {stderr!r}"
    line = lines[0]
    assert "Traceback" not in stderr and "internal failure" not in line
    assert line.startswith(f"error: {file}: "), line
    assert len(line) < 1200, f"an error line of {len(line)} characters"
    for word in words:
        assert word in line, f"{word!r} not in {line!r}"
    assert stdout == "", "nothing goes to stdout on bad input"
    return line


def _invoke(args: list[str]):
    from cli import cli
    return CliRunner().invoke(cli, args, catch_exceptions=False)


def test_corpus_is_large_and_every_file_has_expectations():
    files = {p.name for p in CORPUS.iterdir()} - {"expected.yaml", "base-valid.yaml"}
    assert len(files) >= 50
    assert files == set(EXPECTED), files ^ set(EXPECTED)


def test_the_base_of_the_corpus_is_valid():
    result = _invoke(["validate", str(BASE)])
    assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_input_in_process(name):
    args, words = _args(name)
    result = _invoke(args)
    file = args[args.index("--parameters") + 1] if "--parameters" in args else args[1]
    _check_one_line(result.stderr, result.stdout, result.exit_code, file, words)


# Representative files through a real process: what a user at a terminal sees.
SUBPROCESS = ["binary-junk.yaml", "alias-bomb.yaml", "python-tag-apply.yaml",
              "python-tag-nested.yaml", "deep-nesting.json", "non-utf8-latin1.yaml",
              "duplicate-key.json", "no-timezone.yaml", "params-unknown-key.yaml"]


def _run(args: list[str], **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "cli.py", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=60, **kw)


@pytest.mark.parametrize("name", SUBPROCESS)
def test_bad_input_in_a_real_process(name):
    PWNED.unlink(missing_ok=True)
    args, words = _args(name)
    out = _run(args)
    file = args[args.index("--parameters") + 1] if "--parameters" in args else args[1]
    _check_one_line(out.stderr, out.stdout, out.returncode, file, words)
    assert not PWNED.exists(), "a YAML tag executed code"


def test_python_tag_never_executes(tmp_path):
    marker = tmp_path / "pwned"
    for text in (f'!!python/object/apply:os.system ["touch {marker}"]\n',
                 f'case: !!python/object/apply:subprocess.call [["touch", "{marker}"]]\n',
                 f'case: !!python/object/new:os.system ["touch {marker}"]\n'):
        case = tmp_path / "case.yaml"
        case.write_text(text)
        out = _run(["analyze", str(case)])
        _check_one_line(out.stderr, out.stdout, out.returncode, str(case),
                        ["not allowed at line", "plain data"])
        assert not marker.exists()


def test_two_megabyte_line(tmp_path):
    case = tmp_path / "long-line.yaml"
    text = BASE.read_text(encoding="utf-8").replace(
        "title: A small valid case", "title: " + "x" * 2_000_000 + " A small valid case")
    case.write_text(text, encoding="utf-8")
    assert case.stat().st_size > 2_000_000
    out = _run(["analyze", str(case)])
    _check_one_line(out.stderr, out.stdout, out.returncode, str(case),
                    ["case.title", "characters", "at most 20,000"])


def test_two_megabyte_line_without_newlines_json(tmp_path):
    case = tmp_path / "long-line.json"
    case.write_text('{"case": {"id": "' + "y" * 2_100_000 + '"}}', encoding="utf-8")
    result = _invoke(["analyze", str(case)])
    _check_one_line(result.stderr, result.stdout, result.exit_code, str(case),
                    ["case.id", "at most 20,000"])


def test_oversized_file(tmp_path):
    case = tmp_path / "huge.yaml"
    case.write_text("# padding\n" * 600_000)
    result = _invoke(["analyze", str(case)])
    _check_one_line(result.stderr, result.stdout, result.exit_code, str(case),
                    ["bytes", "at most"])


def test_missing_path_in_a_real_process(tmp_path):
    missing = str(tmp_path / "no-such-case.yaml")
    out = _run(["analyze", missing])
    _check_one_line(out.stderr, out.stdout, out.returncode, missing, ["no such file"])


def test_directory_in_place_of_a_file(tmp_path):
    result = _invoke(["analyze", str(tmp_path)])
    _check_one_line(result.stderr, result.stdout, result.exit_code, str(tmp_path),
                    ["is a directory"])


def test_unreadable_file(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root reads any file")
    case = tmp_path / "locked.yaml"
    case.write_text(BASE.read_text())
    case.chmod(0)
    result = _invoke(["analyze", str(case)])
    _check_one_line(result.stderr, result.stdout, result.exit_code, str(case), ["cannot be read"])


@pytest.mark.parametrize("command", ["validate", "whatif"])
def test_other_commands_give_the_same_one_line(command):
    name = "unknown-key-nested.yaml"
    args = [command, str(CORPUS / name)] + (["--set", "incident.harm.total=5"]
                                            if command == "whatif" else [])
    result = _invoke(args)
    _check_one_line(result.stderr, result.stdout, result.exit_code, str(CORPUS / name),
                    EXPECTED[name])


@pytest.mark.parametrize("assignment, words", [
    ("client_governance.mfa.remote_access=maybe", ["client_governance.mfa.remote_access",
                                                   "'maybe'", "true or false"]),
    ("client_governance.mfa.remote_acess=false", ["client_governance.mfa.remote_acess",
                                                  "did you mean"]),
    ("incident.alerts[AL-9].severity=high", ["incident.alerts[AL-9].severity", "AL-1"]),
    ("incident.alerts[AL-1].severity=urgent", ["incident.alerts[AL-1].severity", "'critical'"]),
    ("incident.harm.total=-4", ["incident.harm.total", "non-negative"]),
    ("incident.harm.total=[1", ["incident.harm.total", "not valid YAML"]),
    ("incident.timeline.containment=2020-01-01T00:00:00Z", ["incident.timeline.containment",
                                                            "before intrusion_start"]),
    ("no-equals-sign", ["expected PATH=VALUE"]),
    ("incident..harm=1", ["cannot read path segment"]),
])
def test_bad_set_values(assignment, words):
    result = _invoke(["whatif", str(BASE), "--set", assignment])
    _check_one_line(result.stderr, result.stdout, result.exit_code, "--set", words)


def test_output_in_a_missing_directory(tmp_path):
    target = str(tmp_path / "nowhere" / "report.md")
    result = _invoke(["analyze", str(BASE), "-o", target])
    _check_one_line(result.stderr, result.stdout, result.exit_code, target,
                    ["does not exist"])
    assert not (tmp_path / "nowhere").exists()


def test_output_path_equal_to_the_input(tmp_path):
    case = tmp_path / "case.yaml"
    case.write_text(BASE.read_text())
    before = case.read_bytes()
    result = _invoke(["analyze", str(case), "-o", str(case)])
    _check_one_line(result.stderr, result.stdout, result.exit_code, str(case), ["input file"])
    assert case.read_bytes() == before


def test_output_path_equal_to_the_parameters_file(tmp_path):
    params = tmp_path / "params.yaml"
    params.write_text("weights.breach.triage: 3.0\n")
    before = params.read_bytes()
    result = _invoke(["analyze", str(BASE), "--parameters", str(params), "-o", str(params)])
    _check_one_line(result.stderr, result.stdout, result.exit_code, str(params), ["input file"])
    assert params.read_bytes() == before


def test_output_path_that_is_a_directory(tmp_path):
    result = _invoke(["analyze", str(BASE), "-o", str(tmp_path)])
    _check_one_line(result.stderr, result.stdout, result.exit_code, str(tmp_path),
                    ["is a directory"])


def test_control_characters_in_values_stay_on_one_line(tmp_path):
    case = tmp_path / "ctl.yaml"
    case.write_text(BASE.read_text().replace("control_level: co_managed",
                                             'control_level: "fully\\nmanaged\\r\\u0007"'))
    result = _invoke(["analyze", str(case)])
    _check_one_line(result.stderr, result.stdout, result.exit_code, str(case),
                    ["contract.control_level", "expected one of"])


def test_bad_overlay_file_names_the_overlay_and_the_field(tmp_path):
    overlay = tmp_path / "scenario.yaml"
    overlay.write_text("incident:\n  harm: {totl: 5}\n")
    result = _invoke(["whatif", str(BASE), "--scenario", str(overlay)])
    _check_one_line(result.stderr, result.stdout, result.exit_code, str(overlay),
                    ["incident.harm.totl", "did you mean 'total'?"])
