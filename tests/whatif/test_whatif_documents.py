"""The what-if report as Word and PDF: the comparison's shares in the document, the same bytes
for the same comparison, and a binary format refused on stdout in one line."""
from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from functools import cache

import pytest

from tests.conftest import ROOT

CASE = ROOT / "examples" / "harborview-missed-alerts.yaml"


@cache
def _comparison():
    from engine.whatif import compare, scenario_from_sets
    from facts.loader import load_case
    from rules.parameters import Parameters
    return compare(load_case(str(CASE)), [scenario_from_sets(
        ["client_governance.mfa.remote_access=false"])], Parameters.load())


def _shares(comparison) -> list[str]:
    from facts import formatting as fmt
    return [fmt.percent(c["allocation"]["provider"]) for c in comparison["scenarios"]]


def test_the_word_report_holds_each_scenarios_shares_and_is_the_same_bytes_twice():
    from reports.whatif_render import render_whatif_document
    comparison = _comparison()
    first = render_whatif_document(comparison, "docx")
    assert first == render_whatif_document(comparison, "docx")
    with zipfile.ZipFile(io.BytesIO(first)) as docx:
        body = docx.read("word/document.xml").decode()
        core = docx.read("docProps/core.xml").decode()
    base, moved = _shares(comparison)
    assert base != moved and base in body and moved in body
    assert "Shares of fault" in body and "Findings that changed" in body
    assert comparison["input_sha256"] in core


def test_the_pdf_report_is_the_same_bytes_twice():
    from reports.pdf import pdf_available
    from reports.whatif_render import render_whatif_document
    ok, why = pdf_available()
    if not ok:
        pytest.skip(why)
    comparison = _comparison()
    first = render_whatif_document(comparison, "pdf")
    assert first.startswith(b"%PDF") and first == render_whatif_document(comparison, "pdf")


def test_a_binary_format_without_a_file_is_refused_in_one_line():
    done = subprocess.run([sys.executable, str(ROOT / "cli.py"), "whatif", str(CASE), "--set",
                           "client_governance.mfa.remote_access=false", "--format", "docx"],
                          capture_output=True, text=True, cwd=ROOT, timeout=120, check=False)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == "error: -o: --format docx is binary; give -o FILE\n"


def test_every_pdf_page_is_numbered_of_the_total_on_the_forums_paper():
    import re
    import shutil

    from reports.pdf import pdf_available
    from reports.whatif_render import render_whatif_document
    ok, why = pdf_available()
    if not ok or not shutil.which("pdftotext"):
        pytest.skip(why or "pdftotext (poppler-utils) is not installed")
    data = render_whatif_document(_comparison(), "pdf")
    pages = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True,
                           check=True, timeout=60).stdout.decode().split("\f")
    pages = [p for p in pages if p.strip()]
    assert len(pages) >= 2   # the Harborview comparison runs over a page
    for number, text in enumerate(pages, 1):
        assert re.search(rf"Page {number} of {len(pages)}\s*$", text.rstrip()), text[-200:]
    info = subprocess.run(["pdfinfo", "-"], input=data, capture_output=True, check=True,
                          timeout=60).stdout.decode()
    assert "(letter)" in info   # Harborview is governed by New York law: US Letter
