"""Every example renders for every audience in every format, from the same result; case text is
escaped; DOCX has real headings and notes; PDF has pages; pictures are byte-stable."""
from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from functools import lru_cache
from html.parser import HTMLParser

import pytest

from tests.conftest import EXAMPLES, ROOT
from tests.helpers import base_raw, run, set_path

AUDIENCES = ["expert", "mediator", "student"]
FORMATS = ["md", "html", "docx", "pdf", "json"]
HEADINGS = {"expert": ["Summary of opinions", "The expert", "Materials considered", "Assumptions",
                       "Analysis by legal element", "Table of authorities",
                       "Appendix A. Index of opinions", "Appendix E. Reproducibility"],
            "mediator": ["At a glance", "What moves the outcome most", "Each party's position",
                         "Disputed facts and their effect", "Proposed remedies", "Notes"],
            "student": ["Duty", "Breach of the standard of care", "The outcome",
                        "Questions for discussion", "Glossary", "Notes"]}


@lru_cache(maxsize=None)
def _result(path):
    from engine.analyze import analyze
    from facts.loader import load_case
    return analyze(load_case(path))


@lru_cache(maxsize=1)
def _catalogue():
    from reports.catalogue_data import rule_catalogue
    return rule_catalogue()


def pdf_chunks(data: bytes) -> list[bytes]:
    """A PDF's bytes and its compressed object streams inflated (no pypdf here)."""
    import zlib
    chunks = [data]
    # Each stream by its declared /Length: compressed bytes can themselves contain "stream" or
    # "endstream", which a search for the keywords would cut in the wrong place.
    for match in re.finditer(rb"/Length (\d+)(?![\d ]+R)[^>]*>>\s*stream\r?\n", data):
        start = match.end()
        try:
            chunks.append(zlib.decompress(data[start:start + int(match.group(1))]))
        except zlib.error:
            continue
    return chunks


def _pdf_pages(data: bytes) -> int:
    """Page objects in a PDF, looking inside compressed object streams too."""
    return sum(len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", c)) for c in pdf_chunks(data))


def _pdf_or_skip():
    from reports.pdf import pdf_available
    ok, why = pdf_available()
    if not ok:
        pytest.skip(f"WeasyPrint's system libraries are missing: {why}")


class _Html(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.text, self.headings, self._in_h = [], [], [], None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag in ("h1", "h2", "h3"):
            self._in_h = [tag, ""]

    def handle_endtag(self, tag):
        if self._in_h and tag == self._in_h[0]:
            self.headings.append(self._in_h[1].strip())
            self._in_h = None

    def handle_data(self, data):
        self.text.append(data)
        if self._in_h:
            self._in_h[1] += data


def _parse(html: str) -> _Html:
    parser = _Html()
    parser.feed(html)
    return parser


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_renders_for_every_audience_in_every_format(path, audience, fmt):
    from reports.render import render
    if fmt == "pdf":
        _pdf_or_skip()
    result = _result(path)
    out = render(result, _catalogue(), audience, fmt)
    shares = [f"{float(v) * 100:.2f}%" for v in result["allocation"].values()]
    if fmt == "json":
        assert json.loads(out)["input_sha256"] == result["input_sha256"]
    elif fmt == "md":
        for heading in HEADINGS[audience]:
            assert re.search(rf"^#+ (\d+\. )?{re.escape(heading)}", out, re.M), heading
        assert all(s in out for s in shares)
        assert result["input_sha256"] in out
    elif fmt == "html":
        page = _parse(out)
        for heading in HEADINGS[audience]:
            assert any(heading in h for h in page.headings), heading
        assert "svg" in page.tags, "the timeline is embedded as inline SVG"
        assert "<link" not in out and "src=\"http" not in out, "self-contained"
        assert "@media print" in out
        assert all(s in "".join(page.text) for s in shares)
    elif fmt == "docx":
        import docx
        document = docx.Document(io.BytesIO(out))
        headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
        for heading in HEADINGS[audience]:
            if heading != "Notes":   # in Word the notes are footnotes (tests/reports/test_docx_notes.py)
                assert any(heading in h for h in headings), heading
        assert document.inline_shapes, "the timeline is embedded as a picture"
        if audience == "expert":   # citations are Word footnotes (tests/reports/test_expert_docx.py)
            return
        if audience != "mediator":
            assert any(p.style.name == "List Number" for p in document.paragraphs)
    else:
        assert out.startswith(b"%PDF")
        assert _pdf_pages(out) >= 1


def test_every_citation_in_the_expert_report_resolves_to_the_table_of_authorities():
    from reports.render import render_markdown
    text = render_markdown(_result(EXAMPLES[0]), _catalogue(), "expert")
    body, table = text.split("## 6. Table of authorities", 1)
    table = table.split("\n## 7.", 1)[0]
    cited = {int(n) for n in re.findall(r"(?<!\\)\[(\d{1,3})\]", body)}
    listed = [int(n) for n in re.findall(r"^(\d+)\. ", table, re.M)]
    assert cited and cited <= set(listed) and listed == list(range(1, len(listed) + 1))


def test_reports_agree_with_the_result_they_render():
    """The same shares, exposure figures and stamp appear in every audience's report."""
    from reports.filters import money
    from reports.render import render_markdown
    result = _result(EXAMPLES[0])
    currency = result["case"]["currency"]
    for audience in AUDIENCES:
        text = render_markdown(result, _catalogue(), audience)
        for share in result["allocation"].values():
            assert f"{float(share) * 100:.2f}%" in text
        for route, item in result["exposure"].items():
            if audience != "student" or "provider_pays" in item:
                lo = item["provider_pays"]["min"]
                assert money(lo, currency) in text, (audience, route)
        assert result["input_sha256"] in text


def test_case_text_is_escaped_in_html_and_never_becomes_markup():
    from reports.render import render
    raw = set_path(base_raw(), "case.title", "<script>alert(1)</script>")
    result = run(raw)
    for audience in AUDIENCES:
        html = render(result, _catalogue(), audience, "html")
        page = _parse(html)
        assert "script" not in page.tags, audience
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert "<script>alert(1)</script>" in "".join(page.text)


def test_case_text_is_escaped_in_markdown():
    from reports.render import render_markdown
    raw = set_path(base_raw(), "case.title", "<script>alert(1)</script>")
    text = render_markdown(run(raw), _catalogue(), "expert")
    assert "<script>" not in text and r"\<script\>" in text


def test_mediator_without_influence_points_to_the_sensitivity_command():
    from reports.render import render_markdown
    result = dict(_result(EXAMPLES[0]))
    result.pop("outcome_range", None)
    result.pop("decisive_facts", None)
    text = render_markdown(result, _catalogue(), "mediator")
    assert "cli.py sensitivity CASE" in text


def test_mediator_brief_names_the_facts_that_move_the_outcome_most():
    from engine.analyze import analyze
    from engine.sensitivity import analyze_sensitivity
    from facts.loader import load_case
    from reports.render import render
    from rules.parameters import Parameters
    loaded = load_case(ROOT / "examples" / "harborview-missed-alerts.yaml")
    params = Parameters.load(None)
    result = analyze(loaded, params, decisive=True)
    decisive = result["decisive_facts"]
    ranking = analyze_sensitivity(loaded, params)["ranking"]
    assert [d["fact"] for d in decisive] == [r["path"] for r in ranking[:len(decisive)]]
    assert 0 < len(decisive) <= 5
    assert all(d["low"] != d["base"] or d["high"] != d["base"] or d["findings_changed"]
               for d in decisive)
    assert "decisive_facts" not in analyze(loaded, params)   # the sweep is the mediator's
    top = decisive[0]
    text = render(result, _catalogue(), "mediator", "md")
    section = text.split("## 2.")[1].split("## 3.")[0]
    said = top["low_words"] or top["high_words"] or top["label"]    # the change, in words
    assert said.split(":")[0] == top["label"] and top["fact"] not in section
    assert said in section and "cli.py sensitivity CASE" in section
    html = render(result, _catalogue(), "mediator", "html")
    assert said.replace("'", "&#39;") in html


def test_reports_render_without_exposure_or_outcome_range():
    from reports.render import render
    result = dict(_result(EXAMPLES[0]))
    for key in ("exposure", "outcome_range"):
        result.pop(key, None)
    for audience in AUDIENCES:
        for fmt in ("md", "html"):
            out = render(result, _catalogue(), audience, fmt)
            assert "holds no exposure figures" in out or audience == "student"


def test_student_walkthrough_marks_each_failing_element_and_its_unmet_conditions():
    from reports.render import render_markdown
    result = _result(EXAMPLES[0])
    text = render_markdown(result, _catalogue(), "student")
    failing = [f for f in result["findings"] if not f["holds"]]
    assert failing
    marked = sum(text.count(f": {v}.**") for v in ("does not hold", "no failure shown",
                                                    "not credited",
                                                    "not established on this record"))
    assert marked == len(failing)
    assert "✘" in text


def test_timeline_svg_is_byte_stable_and_has_the_intrusion():
    from reports.timeline import events, timeline_svg
    result = _result(EXAMPLES[0])
    assert timeline_svg(result) == timeline_svg(result)
    labels = [e["label"] for e in events(result)]
    assert "Intrusion begins" in labels and any("first related alert" in x for x in labels)


def test_remedies_and_paths_are_rendered_when_the_result_holds_them():
    from reports.render import render_markdown
    result = json.loads(json.dumps(_result(EXAMPLES[0])))
    template = next(f for f in result["findings"] if f["holds"])
    result["findings"].append({**template, "id": "remedy.test.provider",
                               "element": "remedy.test", "summary": "A corrective action plan."})
    result["findings"] = [f for f in result["findings"] if f["element"] != "remedy.pathway"]
    result["findings"].append({**template, "id": "remedy.pathway.provider", "checks": [],
                               "element": "remedy.pathway", "values": {"path": "mediation"},
                               "summary": "Suggested path: mediation, as facts are disputed."})
    text = render_markdown(result, _catalogue(), "mediator")
    section = text.split("## 5.", 1)[1]
    assert "A corrective action plan." in section
    assert text.count("Suggested path: mediation, as facts are disputed.") == 1   # once, in §6


def _cli(*args):
    return subprocess.run([sys.executable, str(ROOT / "cli.py"), *args], capture_output=True,
                          text=True, timeout=300, cwd=ROOT)


def test_cli_binary_formats_need_an_output_file():
    done = _cli("analyze", str(EXAMPLES[0]), "--format", "docx")
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "give -o FILE" in done.stderr


def test_cli_writes_a_docx_and_never_over_the_input(tmp_path):
    target = tmp_path / "brief.docx"
    done = _cli("analyze", str(EXAMPLES[0]), "--audience", "mediator", "--format", "docx",
                "-o", str(target))
    assert done.returncode == 0, done.stderr
    assert target.read_bytes()[:2] == b"PK"
    case = tmp_path / "case.yaml"
    case.write_bytes(EXAMPLES[0].read_bytes())
    done = _cli("analyze", str(case), "--format", "html", "-o", str(case))
    assert done.returncode == 2 and "input file" in done.stderr
    assert case.read_bytes() == EXAMPLES[0].read_bytes()


def test_pdf_without_weasyprint_libraries_is_one_line_and_exit_2(tmp_path):
    """Simulate missing Pango: WeasyPrint's import raising OSError."""
    code = ("import sys, builtins; real = builtins.__import__\n"
            "def fake(name, *a, **k):\n"
            "    if name.startswith('weasyprint'):\n"
            "        raise OSError(\"cannot load library 'libpango-1.0-0': not found\")\n"
            "    return real(name, *a, **k)\n"
            "builtins.__import__ = fake\n"
            "sys.argv = ['cli.py', 'analyze', sys.argv[1], '--format', 'pdf', '-o', sys.argv[2]]\n"
            "import runpy; runpy.run_path('cli.py', run_name='__main__')\n")
    done = subprocess.run([sys.executable, "-c", code, str(EXAMPLES[0]), str(tmp_path / "x.pdf")],
                          capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "libpango" in lines[0] and "apt-get install" in lines[0]
    assert "Traceback" not in done.stderr
