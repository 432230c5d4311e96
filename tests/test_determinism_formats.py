"""Every format is byte-identical for the same input: md, html, json, docx and pdf (where the PDF
libraries are installed), across PYTHONHASHSEED values and whatever the clock says. Two processes
render every format; the second runs with another hash seed and its clock a year and a day ahead
(the ZIP inside a DOCX stamps each member with the time it was written)."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT

CASE = "examples/crestline-client-governance.yaml"
FORMATS = ["md", "html", "json", "docx", "pdf"]

# Renders every format into a folder, in one process (start-up paid once); the clock is moved by
# replacing time.time, which is what zipfile, datetime.now and the logging module read.
DRIVER = """
import sys, time
shift = float(sys.argv[3])
real = time.time
time.time = lambda: real() + shift
sys.path.insert(0, '.')
from click.testing import CliRunner
from cli import cli
for fmt in sys.argv[4:]:
    out = f"{sys.argv[2]}/report.{fmt}"
    r = CliRunner().invoke(cli, ['analyze', sys.argv[1], '--format', fmt, '-o', out])
    if r.exit_code != 0:
        sys.exit(f'{fmt}: exit {r.exit_code}: {r.stderr}')
"""


def _formats() -> list[str]:
    from reports.pdf import pdf_available
    return FORMATS if pdf_available()[0] else [f for f in FORMATS if f != "pdf"]


def _render(folder, seed: str, shift: float, formats: list[str]) -> dict[str, bytes]:
    folder.mkdir()
    env = {**os.environ, "PYTHONHASHSEED": seed}
    out = subprocess.run([sys.executable, "-c", DRIVER, CASE, str(folder), str(shift), *formats],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr
    return {fmt: (folder / f"report.{fmt}").read_bytes() for fmt in formats}


@pytest.fixture(scope="module")
def renders(tmp_path_factory):
    formats = _formats()
    base = tmp_path_factory.mktemp("determinism")
    return (_render(base / "first", "0", 0.0, formats),
            _render(base / "second", "4242", 366 * 86400.0 + 3600, formats))


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_is_byte_identical_across_seeds_and_clocks(fmt, renders):
    first, second = renders
    if fmt not in first:
        pytest.skip("PDF libraries (Pango) not installed")
    assert first[fmt], f"empty {fmt}"
    assert first[fmt] == second[fmt], f"{fmt} differs between runs"


def test_docx_members_carry_one_fixed_time(renders):
    import io
    import zipfile
    with zipfile.ZipFile(io.BytesIO(renders[0]["docx"])) as package:
        assert {m.date_time for m in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}
