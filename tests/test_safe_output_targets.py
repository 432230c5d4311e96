"""What `-o`, `--chart` and `--graph` may write: a regular file or a new path, never an input
(evidence and mapping files included), never a special file, with the umask's mode, no temporary
file left behind on a signal, and one line for any file-system failure."""
from __future__ import annotations

import hashlib
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import ROOT

BASE = ROOT / "tests" / "bad_inputs" / "base-valid.yaml"


def _cli(*args: str):
    from cli import cli
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.stderr, result.exit_code


def _one_line(stderr: str, code: int, *words: str) -> None:
    assert code == 2, f"exit {code}: {stderr!r}"
    lines = stderr.strip("\n").splitlines()
    assert len(lines) == 1 and "Traceback" not in stderr, stderr
    for word in words:
        assert word in lines[0], f"{word!r} not in {lines[0]!r}"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def logs_case(tmp_path) -> Path:
    folder = tmp_path / "case"
    shutil.copytree(ROOT / "examples", folder)
    text = (folder / "harborview-from-logs.yaml").read_text(encoding="utf-8").replace(
        "path: evidence/alerts.csv}", "path: evidence/alerts.csv, mapping: evidence/map.yaml}")
    (folder / "evidence" / "map.yaml").write_text("columns: {}\n", encoding="utf-8")
    case = folder / "logs.yaml"
    case.write_text(text, encoding="utf-8")
    return case


@pytest.fixture
def no_system_writes(monkeypatch):
    """A safety net: if a refusal ever failed, the test must not replace a real /dev entry."""
    real = os.replace

    def guarded(src, dst):
        if str(dst).startswith(("/dev", "/proc", "/sys")):
            raise AssertionError(f"tried to replace {dst}")
        return real(src, dst)
    monkeypatch.setattr(os, "replace", guarded)


# --- inputs are never overwritten ---------------------------------------------------------

@pytest.mark.parametrize("victim", ["evidence/alerts.csv", "evidence/telemetry.csv",
                                    "evidence/map.yaml"])
def test_an_evidence_or_mapping_file_is_never_overwritten(logs_case, victim):
    target = logs_case.parent / victim
    before = _sha(target)
    for args in (["analyze", str(logs_case), "--format", "json", "-o", str(target)],
                 ["trace", str(logs_case), "-o", str(target)],
                 ["whatif", str(logs_case), "--set", "case.title=x", "-o", str(target)]):
        stderr, code = _cli(*args)
        _one_line(stderr, code, "is an input file of this run")
        assert _sha(target) == before


def test_the_graph_never_overwrites_a_mapping_file(logs_case):
    # a mapping file is YAML whatever its name; one called .dot is a valid --graph target name
    mapping = logs_case.parent / "evidence" / "map.dot"
    mapping.write_text("columns: {}\n", encoding="utf-8")
    case = logs_case.with_name("dot.yaml")
    case.write_text(logs_case.read_text().replace("evidence/map.yaml", "evidence/map.dot"))
    stderr, code = _cli("explain", str(case), "--all", "--graph", str(mapping))
    _one_line(stderr, code, "is an input file of this run")
    assert mapping.read_text() == "columns: {}\n"


def test_the_chart_never_overwrites_evidence(logs_case, monkeypatch):
    import engine.sensitivity
    import reports.charts
    target = logs_case.parent / "evidence" / "alerts.csv"
    before = _sha(target)
    # the sweep itself is not what is tested: the write of its chart is
    monkeypatch.setattr(engine.sensitivity, "analyze_sensitivity", lambda *a, **k: {})
    monkeypatch.setattr(reports.charts, "tornado_svg", lambda *a: "<svg/>")
    stderr, code = _cli("sensitivity", str(logs_case), "--chart", str(target))
    _one_line(stderr, code, "is an input file of this run")
    assert _sha(target) == before


def test_a_hard_link_to_an_input_is_the_input(tmp_path):
    case = tmp_path / "case.yaml"
    case.write_text(BASE.read_text())
    link = tmp_path / "report.json"
    os.link(case, link)
    stderr, code = _cli("analyze", str(case), "--format", "json", "-o", str(link))
    _one_line(stderr, code, "is an input file of this run")
    assert case.read_text() == BASE.read_text()


def test_graph_and_output_must_differ(tmp_path):
    out = tmp_path / "x.md"
    stderr, code = _cli("explain", str(BASE), "--all", "--graph", str(out), "-o", str(out))
    _one_line(stderr, code, "--graph", "is also the -o file")


# --- special files are never replaced -----------------------------------------------------

def test_a_fifo_is_not_replaced(tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    link = tmp_path / "to-fifo.md"
    link.symlink_to(fifo)
    for target, words in ((fifo, ["is a FIFO", "not a regular file"]),
                          (link, ["is a symbolic link to a FIFO"])):
        stderr, code = _cli("analyze", str(BASE), "-o", str(target))
        _one_line(stderr, code, *words)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode) and link.is_symlink()


@pytest.mark.skipif(os.geteuid() != 0, reason="mknod needs root")
def test_a_device_node_is_not_replaced(tmp_path):
    node = tmp_path / "mynull"
    os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    stderr, code = _cli("analyze", str(BASE), "-o", str(node))
    _one_line(stderr, code, "is a device", "not a regular file")
    assert stat.S_ISCHR(os.stat(node).st_mode)


def test_a_link_to_stdout_is_not_replaced(tmp_path, no_system_writes):
    link = tmp_path / "out.md"
    link.symlink_to("/proc/self/fd/1")          # what /dev/stdout is
    stderr, code = _cli("analyze", str(BASE), "-o", str(link))
    _one_line(stderr, code, "is under /proc")
    assert link.is_symlink()


@pytest.mark.parametrize("target", ["/dev/null", "/dev/stdout", "/proc/x.json", "/sys/x.json",
                                    "/dev/shm/../null"])
def test_system_trees_are_refused(target, no_system_writes):
    stderr, code = _cli("analyze", str(BASE), "--format", "json", "-o", target)
    _one_line(stderr, code, f"error: {target}: is under /")


# --- names, folders, permissions ----------------------------------------------------------

def test_a_long_but_legal_name_is_written(tmp_path):
    target = tmp_path / ("r" * 245 + ".json")
    stderr, code = _cli("analyze", str(BASE), "--format", "json", "-o", str(target))
    assert code == 0, stderr
    assert target.read_text().startswith("{")
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]


def test_a_name_too_long_is_one_line(tmp_path):
    target = tmp_path / ("r" * 300 + ".json")
    stderr, code = _cli("analyze", str(BASE), "--format", "json", "-o", str(target))
    _one_line(stderr, code, "bytes; the file system allows 255")


def test_an_unwritable_folder_is_one_line(tmp_path, monkeypatch):
    real = os.open

    def denied(path, flags, *args):
        if flags & os.O_CREAT:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, flags, *args)
    monkeypatch.setattr(os, "open", denied)
    stderr, code = _cli("analyze", str(BASE), "--format", "json", "-o", str(tmp_path / "r.json"))
    _one_line(stderr, code, "cannot be written: permission denied")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_a_new_file_gets_the_umask_mode(tmp_path, umask, mode):
    from reports.output import write_atomic
    old = os.umask(umask)
    try:
        write_atomic(tmp_path / "new.md", "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(tmp_path / "new.md").st_mode) == mode


def test_an_existing_file_keeps_its_mode(tmp_path):
    from reports.output import write_atomic
    target = tmp_path / "report.md"
    target.write_text("old")
    target.chmod(0o640)
    write_atomic(target, "new")
    assert target.read_text() == "new" and stat.S_IMODE(os.stat(target).st_mode) == 0o640


def test_writing_through_a_symlink_updates_its_regular_target(tmp_path):
    from reports.output import write_atomic
    real = tmp_path / "shared" / "report.md"
    real.parent.mkdir()
    real.write_text("old")
    link = tmp_path / "report.md"
    link.symlink_to(real)
    write_atomic(link, "new")
    assert link.is_symlink() and real.read_text() == "new"


# --- signals and killed runs --------------------------------------------------------------

WRITER = """
import os, signal, sys
sys.path.insert(0, {root!r})
from reports import output
real = os.write
def interrupted(fd, data):
    n = real(fd, bytes(data[: 1 << 16]))
    os.kill(os.getpid(), signal.{sig})
    return n
os.write = interrupted
output.write_atomic({target!r}, b"x" * (4 << 20))
"""


@pytest.mark.parametrize("sig", ["SIGTERM", "SIGINT", "SIGHUP"])
def test_a_signal_during_the_write_leaves_no_temporary_file(tmp_path, sig):
    target = tmp_path / "report.pdf"
    target.write_bytes(b"the previous report")
    code = WRITER.format(root=str(ROOT), sig=sig, target=str(target))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60)
    assert done.returncode != 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.pdf"]
    assert target.read_bytes() == b"the previous report"


def test_a_killed_run_leaves_nothing_for_long(tmp_path):
    """SIGKILL cannot be caught; the next write into the folder removes what it left, but not
    the temporary file of a writer that is still running."""
    from reports.output import TEMP_PREFIX, TEMP_SUFFIX, write_atomic
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True).stdout.strip()
    stale = tmp_path / f"{TEMP_PREFIX}{dead}-0badc0de{TEMP_SUFFIX}"
    live = tmp_path / f"{TEMP_PREFIX}{os.getppid()}-0badc0de{TEMP_SUFFIX}"
    stale.write_bytes(b"half a pdf")
    live.write_bytes(b"someone else's write in progress")
    write_atomic(tmp_path / "report.pdf", b"%PDF")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["report.pdf", live.name])
