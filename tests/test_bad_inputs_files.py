"""Every file the tool reads comes through one bounded opener (facts/inputs.py): special files are
refused with one line, nothing blocks, nothing is read past its cap, a .gz is capped on its
inflated size, and evidence and mapping paths stay inside the case folder."""
from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import ROOT

EXAMPLES = ROOT / "examples"
HARBORVIEW = EXAMPLES / "harborview-missed-alerts.yaml"
FROM_LOGS = "harborview-from-logs.yaml"


def _one_line(stderr: str, code: int, *words: str) -> str:
    assert code == 2, f"exit {code}: {stderr!r}"
    lines = stderr.strip("\n").splitlines()
    assert len(lines) == 1, lines
    assert "Traceback" not in stderr and "internal failure" not in stderr
    for word in words:
        assert word in lines[0], f"{word!r} not in {lines[0]!r}"
    return lines[0]


def _cli(*args: str):
    from cli import cli
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.stderr, result.exit_code, result.stdout


def _run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    # The timeout only guards against a hang (the defect a FIFO used to cause).
    return subprocess.run([sys.executable, str(ROOT / "cli.py"), *args], cwd=cwd,
                          capture_output=True, text=True, timeout=60)


@pytest.fixture
def case_dir(tmp_path) -> Path:
    """A copy of the examples (the case files and their evidence folder)."""
    folder = tmp_path / "case"
    shutil.copytree(EXAMPLES, folder)
    return folder


def _with_evidence(case_dir: Path, old: str, new: str) -> Path:
    text = (case_dir / FROM_LOGS).read_text(encoding="utf-8")
    assert old in text
    case = case_dir / "variant.yaml"
    case.write_text(text.replace(old, new), encoding="utf-8")
    return case


# --- special files: refused at once, one line, never a hang -------------------------------

@pytest.mark.parametrize("option", ["case", "--parameters", "--scenario"])
def test_a_fifo_is_refused_without_blocking(tmp_path, option):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    args = {"case": ["analyze", str(fifo)],
            "--parameters": ["analyze", str(HARBORVIEW), "--parameters", str(fifo)],
            "--scenario": ["whatif", str(HARBORVIEW), "--scenario", str(fifo)]}[option]
    out = _run(*args)
    _one_line(out.stderr, out.returncode, str(fifo), "FIFO", "not a regular file")


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_a_device_is_refused_not_read(device):
    for args in (["analyze", device], ["validate", device],
                 ["analyze", str(HARBORVIEW), "--parameters", device],
                 ["whatif", str(HARBORVIEW), "--scenario", device]):
        stderr, code, _ = _cli(*args)
        _one_line(stderr, code, device, "character device", "not a regular file")


def test_a_directory_is_refused(tmp_path):
    stderr, code, _ = _cli("analyze", str(tmp_path))
    _one_line(stderr, code, str(tmp_path), "is a directory")


def test_a_symlink_loop_says_so(tmp_path):
    loop = tmp_path / "loop.yaml"
    loop.symlink_to(loop)
    stderr, code, _ = _cli("analyze", str(loop))
    _one_line(stderr, code, "symbolic link loop")


def test_a_huge_case_file_is_refused_before_it_is_read(tmp_path):
    huge = tmp_path / "huge.yaml"
    with open(huge, "wb") as out:       # sparse: 2 GB on paper, nothing on disk
        out.truncate(2 * 1024 ** 3)
    stderr, code, _ = _cli("validate", str(huge))
    _one_line(stderr, code, "2,147,483,648 bytes", "at most 5 MiB")


def test_the_read_stops_at_the_cap_even_when_the_size_lies(tmp_path):
    # /proc files report size 0 and a file may grow after fstat: the cap is on bytes read.
    from facts.errors import FaultlineInputError
    from facts.inputs import read_input
    assert read_input("/proc/self/status", "status", 1 << 20)   # a regular file of size 0
    with pytest.raises(FaultlineInputError, match="more than 16 bytes"):
        read_input("/proc/self/status", "status file", 16)


def test_a_gzip_bomb_is_capped_on_inflated_size(tmp_path):
    from facts.errors import FaultlineInputError
    from facts.inputs import open_input
    bomb = tmp_path / "bomb.csv.gz"
    with gzip.open(bomb, "wb") as out:
        for _ in range(64):
            out.write(b"0" * (1 << 20))                 # 64 MiB inflated, ~64 KiB on disk
    assert bomb.stat().st_size < 200_000
    with pytest.raises(FaultlineInputError, match="once inflated; an evidence file may be at "
                                                  "most 8 MiB"):
        with open_input(bomb, "evidence file", 8 << 20) as stream:
            while stream.read(1 << 20):
                pass


def test_compressed_evidence_is_never_read_whole(case_dir, monkeypatch):
    """A .gz is streamed whatever its compressed size, so a bomb cannot land in memory whole;
    the streamed result equals the plain file's."""
    from facts.evidence import readers, summarize
    alerts = case_dir / "evidence" / "alerts.csv"
    packed = alerts.with_suffix(".csv.gz")
    packed.write_bytes(gzip.compress(alerts.read_bytes()))
    assert not readers._whole_file(packed, packed.stat().st_size, readers.STREAM_THRESHOLD)
    plain, streamed = summarize(str(alerts), "alerts"), summarize(str(packed), "alerts")
    assert plain.rows == streamed.rows > 100
    assert [d.value for d in plain.derived] == [d.value for d in streamed.derived]
    monkeypatch.setattr(readers, "MAX_EVIDENCE_BYTES", 10_000)
    with pytest.raises(Exception, match="once inflated"):
        summarize(str(packed), "alerts")


def test_evidence_over_the_inflated_cap_is_one_line(case_dir, monkeypatch):
    from facts.evidence import readers
    alerts = case_dir / "evidence" / "alerts.csv"
    (case_dir / "evidence" / "alerts.csv.gz").write_bytes(gzip.compress(alerts.read_bytes()))
    case = _with_evidence(case_dir, "path: evidence/alerts.csv", "path: evidence/alerts.csv.gz")
    monkeypatch.setattr(readers, "MAX_EVIDENCE_BYTES", 10_000)
    stderr, code, _ = _cli("analyze", str(case), "--format", "json")
    _one_line(stderr, code, f"{case}: evidence[siem].path: evidence/alerts.csv.gz:",
              "once inflated")


@pytest.mark.parametrize("field", ["path", "mapping"])
def test_a_fifo_as_evidence_or_mapping_does_not_block(case_dir, field):
    os.mkfifo(case_dir / "evidence" / "pipe.csv")
    new = ("path: evidence/pipe.csv" if field == "path"
           else "path: evidence/alerts.csv, mapping: evidence/pipe.csv")
    case = _with_evidence(case_dir, "path: evidence/alerts.csv", new)
    out = _run("analyze", str(case), "--format", "json")
    _one_line(out.stderr, out.returncode, f"evidence[siem].{field}: evidence/pipe.csv: is a FIFO")


@pytest.mark.parametrize("field", ["path", "mapping"])
def test_a_missing_evidence_or_mapping_file_names_the_case_field(case_dir, field):
    new = ("path: evidence/gone.csv" if field == "path"
           else "path: evidence/alerts.csv, mapping: gone.yaml")
    case = _with_evidence(case_dir, "path: evidence/alerts.csv", new)
    stderr, code, _ = _cli("analyze", str(case), "--format", "json")
    _one_line(stderr, code, f"error: {case}: evidence[siem].{field}: ", "no such file")


def test_templates_are_read_through_the_opener(tmp_path):
    from jinja2 import Environment
    from facts.errors import FaultlineInputError
    from reports.template_files import BoundedLoader
    os.mkfifo(tmp_path / "pipe.md.j2")
    (tmp_path / "ok.md.j2").write_text("hello {{ name }}")
    env = Environment(loader=BoundedLoader(tmp_path))
    assert env.get_template("ok.md.j2").render(name="x") == "hello x"
    with pytest.raises(FaultlineInputError, match="FIFO"):
        env.get_template("pipe.md.j2")


# --- confinement: evidence and mapping paths stay inside the case folder ------------------

@pytest.fixture
def secret(case_dir) -> Path:
    """Another client's export, next to the case folder, with words that must never surface."""
    folder = case_dir.parent / "secret"
    folder.mkdir()
    path = folder / "other-client-telemetry.csv"
    path.write_text("timestamp,source\n2025-03-01T00:00:00Z,SECRET-HOST-payroll password=hunter2\n",
                    encoding="utf-8")
    return path


@pytest.mark.parametrize("given, words", [
    ("../secret/other-client-telemetry.csv", ["'..' leads out of the folder"]),
    ("evidence/../../secret/other-client-telemetry.csv", ["'..' leads out of the folder"]),
    ("{secret}", ["an absolute path"]),
    ("evidence/innocent.csv", ["a symbolic link leads out of the folder"]),
])
def test_an_evidence_path_cannot_leave_the_case_folder(case_dir, secret, given, words):
    (case_dir / "evidence" / "innocent.csv").symlink_to(secret)
    case = _with_evidence(case_dir, "path: evidence/telemetry.csv",
                          f"path: {given.format(secret=secret)}")
    stderr, code, stdout = _cli("analyze", str(case))
    line = _one_line(stderr, code, f"{case}: evidence[edr-telemetry].path: ", *words)
    assert "SECRET" not in line + stdout and "hunter2" not in line + stdout


def test_a_mapping_path_cannot_leave_the_case_folder(case_dir, secret):
    case = _with_evidence(case_dir, "path: evidence/alerts.csv",
                          "path: evidence/alerts.csv, mapping: ../secret/map.yaml")
    stderr, code, _ = _cli("analyze", str(case))
    _one_line(stderr, code, "evidence[siem].mapping: ", "'..' leads out of the folder")


def test_a_symlink_inside_the_folder_is_followed(case_dir):
    (case_dir / "evidence" / "latest.csv").symlink_to(case_dir / "evidence" / "alerts.csv")
    case = _with_evidence(case_dir, "path: evidence/alerts.csv", "path: evidence/latest.csv")
    stderr, code, stdout = _cli("analyze", str(case), "--format", "json")
    assert code == 0, stderr
    assert '"provider": "0.8737"' in stdout


def test_evidence_root_names_another_folder(case_dir, tmp_path):
    exports = tmp_path / "exports"
    shutil.copytree(case_dir / "evidence", exports)
    text = (case_dir / FROM_LOGS).read_text(encoding="utf-8").replace("evidence/", "")
    case = tmp_path / "elsewhere" / "case.yaml"
    case.parent.mkdir()
    case.write_text(text, encoding="utf-8")
    stderr, code, stdout = _cli("analyze", str(case), "--format", "json",
                                "--evidence-root", str(exports))
    assert code == 0, stderr
    assert '"provider": "0.8737"' in stdout
    stderr, code, _ = _cli("analyze", str(case), "--format", "json")
    _one_line(stderr, code, "evidence[siem].path: alerts.csv:", "no such file")
    stderr, code, _ = _cli("validate", str(case), "--evidence-root", str(tmp_path / "none"))
    _one_line(stderr, code, "--evidence-root", "not a folder")


def test_a_parse_error_does_not_quote_the_file(case_dir):
    (case_dir / "evidence" / "broken.csv").write_text(
        "timestamp,severity,asset,acknowledged_at\n"
        "postgres:x:101:104:PostgreSQL administrator,,,,:/var/lib/postgresql:/bin/bash\n",
        encoding="utf-8")
    case = _with_evidence(case_dir, "path: evidence/alerts.csv", "path: evidence/broken.csv")
    stderr, code, _ = _cli("analyze", str(case), "--format", "json")
    line = _one_line(stderr, code, "evidence[siem].path: evidence/broken.csv:",
                     "cannot read the csv file")
    assert "postgres" not in line and "/bin/bash" not in line


def test_the_mapping_content_is_part_of_the_input_stamp(case_dir):
    import json
    mapping = case_dir / "evidence" / "map.yaml"
    case = _with_evidence(case_dir, "path: evidence/alerts.csv",
                          "path: evidence/alerts.csv, mapping: evidence/map.yaml")
    mapping.write_text("columns: {}\n", encoding="utf-8")
    first = json.loads(_cli("analyze", str(case), "--format", "json")[2])
    mapping.write_text("severity_values: {high: low, critical: low}\n", encoding="utf-8")
    second = json.loads(_cli("analyze", str(case), "--format", "json")[2])
    assert first["allocation"] != second["allocation"]
    assert first["input_sha256"] != second["input_sha256"]
    assert first["evidence"]["siem"]["mapping_sha256"] != second["evidence"]["siem"]["mapping_sha256"]
