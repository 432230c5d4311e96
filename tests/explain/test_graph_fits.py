"""Graphs that fit (issue #21): the allocation chain of every example, collapsed to its decisive
path and grouped by element in the law's order, renders within a 7.5 × 10 inch page at a
readable font; no label is cut inside a word."""
from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from tests.conftest import EXAMPLES
from tests.helpers import example_result

PAGE_PT = (7.5 * 72 + 1, 10 * 72 + 1)
FONT_PT = 10
READABLE_PT = 8


def _tree(path, depth=None):
    from engine.explain import explain_tree
    return explain_tree(example_result(path), "allocation.fault_established.provider", depth)


def _svg(dot_text: str) -> str:
    done = subprocess.run(["dot", "-Tsvg"], input=dot_text.encode(), capture_output=True,
                          timeout=120, check=True)
    return done.stdout.decode()


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot is not installed")
@pytest.mark.parametrize("depth", [None, 1], ids=["explain --all", "report figure"])
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_the_allocation_chain_fits_a_page_at_a_readable_font(path, depth):
    from reports.graph import to_dot
    svg = _svg(to_dot(_tree(path, depth)))
    width, height = (float(x) for x in re.search(r'width="([\d.]+)pt" height="([\d.]+)pt"',
                                                 svg).groups())
    scale = float(re.search(r"scale\(([\d.]+)", svg).group(1))
    assert width <= PAGE_PT[0] and height <= PAGE_PT[1]
    assert FONT_PT * scale >= READABLE_PT, f"font {FONT_PT * scale:.1f}pt"


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_the_collapsed_chain_runs_in_doctrinal_order_and_cuts_no_word(path):
    from reports.graph import to_dot
    from rules.doctrine import order
    text = to_dot(_tree(path))
    chain = re.search(r"rank=same; (.+?) \[style=invis\]", text).group(1)
    keys = [k.strip()[2:] for k in chain.split("->")]
    assert keys == sorted(keys, key=order) and "duty" in keys and "breach" in keys
    labels = re.findall(r'label="((?:[^"\\]|\\.)*)"', text)
    assert labels and not any(re.search(r"\w…", label) for label in labels)
    result = example_result(path)
    held = [f for f in result["findings"] if f["holds"] and f["element"].startswith("breach.")]
    assert not held or "✓" in text


def test_a_long_value_wraps_between_words():
    from reports.graph import _short
    text = "the sensor on fs-02 stopped reporting after its certificate expired and nobody noticed"
    out = _short(text, 40)
    assert all(line.strip() in text for line in out.replace(" …", "").split("\n"))
    assert not re.search(r"\w…", out)
