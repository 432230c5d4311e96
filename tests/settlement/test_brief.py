"""The mediator brief's settlement section: the Harborview brief shows the expected recovery, its
spread and the questions that move it, in words, in every format; the decision tree is drawn."""
from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from functools import cache

from tests.conftest import ROOT

CASE = ROOT / "examples" / "harborview-missed-alerts.yaml"
ODDS = ROOT / "examples" / "odds"
ARGS = [str(CASE), "--odds", str(ODDS / "harborview-client.yaml"), "--odds",
        str(ODDS / "harborview-provider.yaml"), "--costs", str(ODDS / "harborview-costs.yaml")]


@cache
def brief(fmt: str, out: str = "") -> subprocess.CompletedProcess:
    extra = ["-o", out] if out else []
    return subprocess.run([sys.executable, str(ROOT / "cli.py"), "settle", *ARGS, "--format",
                           fmt, *extra], capture_output=True, text=True, timeout=600, cwd=ROOT,
                          check=False)


def test_the_markdown_brief_says_the_expectation_its_spread_and_what_moves_it():
    done = brief("md")
    assert done.returncode == 0, done.stderr
    text = done.stdout
    section = text[text.index("## 7. Settlement analysis"):]
    assert "On the client's estimates, the client should expect to recover USD " in section
    assert "On the provider's estimates, the client should expect to recover USD " in section
    import json
    data = brief("json")
    assert data.returncode == 0, data.stderr
    views = json.loads(data.stdout)["settlement"]["views"]
    for side in ("client", "provider"):
        p10, p90 = (f"USD {Decimal(views[side][k]):,.2f}" for k in ("p10", "p90"))
        assert f"the 10th and 90th percentiles are {p10} and {p90}" in section
    assert "chance of nothing" in section
    moving = section[section.index("### What moves the expected recovery most"):]
    settlement = json.loads(data.stdout)["settlement"]
    for side in ("client", "provider"):
        rows = settlement["tornado"][side]
        movers = [r["words"] for r in rows if Decimal(r["swing"])]
        assert movers, side
        assert settlement["tornado"][side][0]["question"] == "rulings.gross_negligence"
        places = [moving.index(f"{i}. {w}") for i, w in enumerate(movers, 1)]
        assert places == sorted(places)       # largest swing first, in words
        still = [r["label"] for r in rows if not Decimal(r["swing"])]
        if still:
            assert f"These do not move the expected recovery: {'; '.join(still)}." in moving
    assert settlement["range"]["words"] in section
    assert ("There is no settlement range" in section) != settlement["range"]["exists"]
    assert "(even odds, the stated default, for provider)" in section   # AL-1007 left out
    assert "Hooper Assocs. v. AGS Computers, 74 N.Y.2d 487, 491 (1989)" in section


def test_the_html_brief_draws_a_decision_tree_per_side(tmp_path):
    out = tmp_path / "brief.html"
    done = brief("html", str(out))
    assert done.returncode == 0, done.stderr
    html = out.read_text()
    assert html.count('data-figure="settlement_tree_') == 2
    assert html.count("<svg") >= 3     # the timeline and the two trees
    assert "the decision tree on the client&#39;s estimates" in html


def test_the_word_brief_embeds_the_trees_as_pictures(tmp_path):
    import zipfile
    out = tmp_path / "brief.docx"
    done = brief("docx", str(out))
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(out) as docx:
        media = [n for n in docx.namelist() if n.startswith("word/media/")]
        body = docx.read("word/document.xml").decode()
    assert len(media) >= 3            # the timeline and the two trees
    assert "7. Settlement analysis" in body and "What moves the expected recovery most" in body
