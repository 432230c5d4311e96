"""Case text stays text in every output: Markdown rendered by a CommonMark viewer with raw HTML
allowed (markdown-it-py) carries no live HTML, the terminal gets no escape sequence, and control
characters are shown, not passed on."""
from __future__ import annotations

import copy
import json
from html.parser import HTMLParser
from pathlib import Path  # noqa: F401

import pytest
from click.testing import CliRunner
from markdown_it import MarkdownIt

from tests.conftest import ROOT

CASES = ROOT / "tests" / "reliability_cases"   # copied from the reliability review
HARBORVIEW = ROOT / "examples" / "harborview-missed-alerts.yaml"
PAYLOAD = ("<script>document.title='PWNED'</script><img src=x onerror=alert(1)>"
           "[x](javascript:alert(2)) <b onmouseover=alert(3)>b</b>\n\n<script>alert(4)</script>"
           " `tick` ``` \x1b]0;owned\x07 \x1bc \u202e")

# What CommonMark itself produces; anything else in the rendered page came from the data.
MARKDOWN_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "code", "pre",
                 "strong", "em", "table", "thead", "tbody", "tr", "th", "td", "blockquote", "hr",
                 "br", "a"}


class _Live(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in MARKDOWN_TAGS:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript"):
                self.found.append(f"<{tag} {name}={value}>")
            elif not (tag == "a" and name == "href" or name in ("style", "start")):
                self.found.append(f"<{tag} {name}>")


def live_html(markdown: str) -> list[str]:
    page = MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown)
    parser = _Live()
    parser.feed(page)
    return parser.found


def _cli(*args):
    from cli import cli
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def _case(name: str) -> Path:
    return CASES / name


def test_the_checker_sees_live_html():
    assert live_html("x\n\n<script>alert(1)</script>\n") == ["<script>"]
    assert live_html("<img src=x onerror=alert(1)>")
    assert live_html('<a href="javascript:alert(1)">x</a>')
    assert live_html("`<script>` and \\<b>") == []


@pytest.mark.parametrize("audience", ["expert", "mediator"])
def test_currency_is_escaped_in_markdown(audience):
    text = _cli("analyze", _case("repro-md-currency.yaml"), "--audience", audience)
    assert "<script>" in _case("repro-md-currency.yaml").read_text()
    assert live_html(text) == []


def test_explain_all_markdown_is_escaped():
    text = _cli("explain", _case("repro-md-explain.yaml"), "--all", "--format", "md")
    assert live_html(text) == []


def test_a_blank_line_in_a_whatif_value_does_not_end_the_code_span():
    text = _cli("whatif", HARBORVIEW, "--scenario", _case("repro-md-whatif-scenario.yaml"))
    assert live_html(text) == []
    assert "case.summary = x <script>" in text          # shown, literally, in one code span


# --- a payload in every free-text field of a case ------------------------------------------

def _hostile_raw() -> dict:
    """Harborview with the payload appended to every string the case model accepts it in."""
    from facts.errors import FaultlineInputError
    from facts.loader import build_case, read_raw
    raw = read_raw(HARBORVIEW)
    accepted = copy.deepcopy(raw)

    def leaves(node, path):
        if isinstance(node, dict):
            for key, value in node.items():
                yield from leaves(value, path + [key])
        elif isinstance(node, list):
            for i, value in enumerate(node):
                yield from leaves(value, path + [i])
        elif isinstance(node, str):
            yield path

    def put(tree, path, value):
        for step in path[:-1]:
            tree = tree[step]
        tree[path[-1]] = value

    for path in list(leaves(raw, [])):
        trial = copy.deepcopy(accepted)
        node = trial
        for step in path:
            node = node[step]
        put(trial, path, node + " " + PAYLOAD)
        try:
            build_case(trial, "hostile")
        except FaultlineInputError:
            continue
        accepted = trial
    return accepted


@pytest.fixture(scope="module")
def hostile_case(tmp_path_factory) -> Path:
    raw = _hostile_raw()
    path = tmp_path_factory.mktemp("hostile") / "hostile.yaml"
    path.write_text(json.dumps(raw), encoding="utf-8")
    path = path.rename(path.with_suffix(".json"))
    assert json.dumps(raw).count("PWNED") >= 20, "the payload reached too few fields"
    return path


@pytest.mark.parametrize("args", [
    ["analyze", "{case}", "--audience", "expert"],
    ["analyze", "{case}", "--audience", "mediator"],
    ["analyze", "{case}", "--audience", "student"],
    ["explain", "{case}", "--all", "--format", "md"],
    ["explain", "{case}", "breach.triage.provider", "--format", "md"],
    ["trace", "{case}", "--format", "md"],
    ["whatif", "{case}", "--set", "client_governance.mfa.remote_access=true"],
], ids=lambda a: "-".join(a[:1] + a[2:]))
def test_no_markdown_output_carries_live_html(hostile_case, args):
    text = _cli(*[a.format(case=hostile_case) for a in args])
    assert "PWNED" in text or args[0] == "trace"     # the trace names facts, not their text
    assert live_html(text) == []


@pytest.mark.parametrize("args", [
    ["analyze", "{case}"], ["analyze", "{case}", "--format", "json"],
    ["explain", "{case}", "--all"], ["trace", "{case}"], ["validate", "{case}"],
    ["whatif", "{case}", "--set", "client_governance.mfa.remote_access=true", "--format", "json"],
], ids=lambda a: "-".join(a))
def test_the_terminal_gets_no_escape_sequence(hostile_case, args):
    text = _cli(*[a.format(case=hostile_case) for a in args])
    hidden = [c for c in text if (ord(c) < 32 and c not in "\n\t") or 0x7f <= ord(c) <= 0x9f
              or c == "\u202e"]
    assert hidden == []
    if "--format" in args and "json" in args:
        json.loads(text)                             # still valid JSON, the same data
    if args[0] not in ("trace", "validate"):          # those two print no case text
        assert "\\u001b" in text


def test_html_carries_no_control_character(hostile_case):
    text = _cli("analyze", hostile_case, "--format", "html")
    assert "\x1b" not in text and "\u202e" not in text and "\\u001b" in text


def test_a_code_span_cannot_be_closed():
    from reports.escape import md_code, md_text
    assert live_html(f"- {md_code('a ``` b `` c' + chr(10) * 2 + '<script>x</script>')}") == []
    assert md_code("`x`") == "`` `x` ``"
    assert md_text("under_score and _emph_ *b* [l](u) <i>") == \
        "under_score and \\_emph\\_ \\*b\\* \\[l\\](u) \\<i\\>"
    assert md_text("a\n\nb\x1bc") == "a b\\\\u001bc"
