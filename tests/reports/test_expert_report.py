"""The expert report as a court reads it (issue #18): read from the built Markdown and HTML.

Element order; opinions in words with no internal id or internal document outside the appendix;
a basis of direct premises; "not established" naming the missing premise; each disputed fact in
the assumptions with the opinions that depend on it; the --assume choice disclosed; the table of
authorities; the forum's declaration; the expert's fields or marked blanks."""
from __future__ import annotations

import re
import subprocess
import sys
from functools import cache, lru_cache
from html.parser import HTMLParser

import pytest

from tests.conftest import EXAMPLES, ROOT
from tests.helpers import base_raw, run

HARBORVIEW = ROOT / "examples" / "harborview-missed-alerts.yaml"


@cache
def _result(path, assume=None):
    from engine.analyze import analyze
    from facts.loader import load_case
    return analyze(load_case(path, None, assume))


@lru_cache(maxsize=1)
def _catalogue():
    from reports.catalogue_data import rule_catalogue
    return rule_catalogue()


def _md(result, expert=None):
    from reports.render import render
    return render(result, _catalogue(), "expert", "md", expert=expert)


def _report(result, expert=None):
    from reports.render import context
    return context(result, _catalogue(), "expert", expert)["report"]


def internal_ids(text: str, result: dict) -> list[str]:
    """Every internal identifier or internal document name the text holds: finding ids, rule ids,
    fact paths, regime ids, non-party ids, and the team's own documents and working notes."""
    from rules.authorities import INTERNAL_DOCUMENTS
    from rules.legal_time.catalogue import list_rows
    ids = {f["id"] for f in result["findings"]} | set(_catalogue())
    ids |= {k for k in list(result["facts"]) + list(result["derived"]) + list(result.get("lists", {}))
            if "." in k}
    ids |= {row["id"] for row in list_rows()}
    ids |= {k for k in (result["case"].get("non_parties") or {})}
    ids |= {r["id"] for r in (result.get("allocation_detail") or {}).get("roots") or []}
    found = sorted(i for i in ids
                   if re.search(rf"(?<![\w\[.\-]){re.escape(i)}(?![\w\]\-])", text))
    found += [m.group(0) for m in INTERNAL_DOCUMENTS.finditer(text)]
    found += re.findall(r"\[verify[^\]]*\]|\[status:[^\]]*\]|legal review|\bPROOF-\d+", text)
    return found


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        self.skip += tag in ("style", "svg", "script")

    def handle_endtag(self, tag):
        self.skip -= tag in ("style", "svg", "script")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def _opinion_text(md: str, number: int) -> str:
    """One opinion's paragraphs in the Markdown, up to the next heading."""
    return md.split(f"#### Opinion {number}. ", 1)[1].split("\n#", 1)[0]


def _body(md: str) -> str:
    return md.split("## Appendix A.", 1)[0]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_no_internal_id_or_internal_document_outside_the_appendix(path):
    from reports.render import render
    result = _result(path)
    md = _md(result)
    assert "## Appendix A." in md
    assert internal_ids(_body(md), result) == []
    html = render(result, _catalogue(), "expert", "html")
    parser = _Text()
    parser.feed(html.split('id="appendices"', 1)[0])
    assert internal_ids(" ".join(parser.parts), result) == []
    # ... and the appendix keeps the ids, so the trace can still be followed
    assert all(f["id"] in md.split("## Appendix A.", 1)[1] for f in result["findings"])


def test_the_analysis_follows_the_legal_elements_in_doctrinal_order():
    from rules.doctrine import section_of, sections
    result = _result(HARBORVIEW)
    md = _md(result)
    analysis = md.split("## 5. Analysis by legal element", 1)[1].split("## 6.", 1)[0]
    titles = re.findall(r"^### 5\.\d+ (.+)$", analysis, re.MULTILINE)
    assert titles == [s.title for s in sections()]
    numbers = [int(n) for n in re.findall(r"^#### Opinion (\d+)\. ", analysis, re.MULTILINE)]
    assert numbers == list(range(1, len(result["findings"]) + 1))
    # each opinion sits under the section of its element: duty before breach before causation
    report = _report(result)
    order = [s.key for s in sections()]
    keys = [order.index(section_of(next(f for f in result["findings"]
                                        if f["id"] == o["id"])["element"]))
            for sec in report["analysis"] for o in sec["opinions"]]
    assert keys == sorted(keys)
    duty = analysis.index("Provider owes a monitoring duty")
    assert duty < analysis.index("Alerts triaged within the SLA window") \
        < analysis.index("Provider's failure caused harm (cause in fact)") \
        < analysis.index("Apportionment of fault by tranche of harm") \
        < analysis.index("Suggested dispute pathway")


def test_an_element_closed_for_want_of_a_premise_names_the_premise_not_the_rule_base():
    from reports.format import CaseWords
    result = _result(HARBORVIEW)
    closed = next(f for f in result["findings"] if f["id"] == "breach.containment.provider")
    assert closed["rule"] == "PROOF-001" and len(closed["premises"]) > 20   # the dump it avoids
    report = _report(result)
    opinion = next(o for sec in report["analysis"] for o in sec["opinions"]
                   if o["id"] == closed["id"])
    label = CaseWords.of(result).label("incident.timeline.provider_detection")
    assert [m["premise"] for m in opinion["missing"]] == [label]
    assert opinion["basis"] == [] and not opinion["holds"]
    md = _md(result)
    para = _opinion_text(md, opinion["no"])
    assert f"Not established because {label} is not in the record" in para
    assert "Basis:" not in para


def test_the_basis_of_an_opinion_is_its_direct_premises():
    from engine.explain import direct_premises
    result = _result(HARBORVIEW)
    premises = direct_premises(result)
    for sec in _report(result)["analysis"]:
        for o in sec["opinions"]:
            if o["rule"] == "PROOF-001":
                continue
            listed = len(o["basis"]) + len(o["unknown_read"])
            assert listed <= len(premises[o["id"]]), o["id"]
            assert len(o["basis"]) == sum(1 for p in premises[o["id"]]
                                          if not (result["facts"].get(p["id"]) or {}).get("unknown")
                                          or p["type"] != "input"), o["id"]


def test_each_disputed_fact_is_stated_with_the_opinions_that_depend_on_it():
    from reports.format import CaseWords
    result = _result(HARBORVIEW)
    assert result["disputes"], "the example has disputed facts"
    words = CaseWords.of(result)
    md = _md(result)
    assumptions = md.split("## 4. Assumptions", 1)[1].split("## 5.", 1)[0]
    report = _report(result)
    number = {o["id"]: o["no"] for sec in report["analysis"] for o in sec["opinions"]}
    assert "No version of a disputed fact is assumed" in assumptions
    for path in result["disputes"]:
        label = words.label(path)
        block = assumptions.split(f"**Disputed: {label}.**", 1)[1].split("**Disputed:", 1)[0]
        line = next(x for x in block.splitlines() if x.startswith("- Opinions that read it"))
        dependent = sorted(number[f["id"]] for f in result["findings"]
                           if path in (f.get("depends_on") or {}).get("disputed", []))
        assert dependent and [int(n) for n in re.findall(r"\d+", line)] == dependent
    # the opinion itself says it turns on an unresolved disputed fact
    detection = _opinion_text(md, number["breach.detection.provider"])
    assert "reads a disputed fact the report does not resolve" in detection


def test_an_assumed_version_is_disclosed_and_the_opinions_are_conditional():
    result = _result(HARBORVIEW, "provider")
    md = _md(result)
    assert "--assume provider" in md.split("## 5.", 1)[0]
    provider = result["case"]["provider"]
    assert f"Assuming the {provider}'s version that" in md
    neutral = _md(_result(HARBORVIEW))
    assert "Assuming the" not in neutral


def test_the_table_of_authorities_lists_each_authority_once_with_the_opinions_relying_on_it():
    result = _result(HARBORVIEW)
    report = _report(result)
    rows = report["authorities"]["rows"]
    assert len({r["key"] for r in rows}) == len(rows) == len({r["citation"] for r in rows})
    number = {o["id"]: o["no"] for sec in report["analysis"] for o in sec["opinions"]}
    for f in result["findings"]:
        for a in f.get("authorities", []):
            if a.get("kind") == "authority":
                row = next(r for r in rows if r["key"] == a["key"])
                assert number[f["id"]] in row["opinions"], (f["id"], a["key"])
    md = _md(result)
    table = md.split("## 6. Table of authorities", 1)[1].split("\n## 7.", 1)[0]
    caveat = table.split("**Caveat on verification.**", 1)[1].replace("\\", "")
    unverified = {c["cite"] for c in report["caveat"]}
    assert unverified and all(c in caveat for c in unverified)
    assert all(c["status"] != "verified" for c in report["caveat"])
    # a caveat is a list after the table, never a note inside a sentence
    assert not re.search(r"unverified|secondary.source|\[verify", _body(md).split("## 6.")[0], re.IGNORECASE)


def test_us_forum_gets_rule_26_and_a_declaration_english_forum_a_statement_of_truth():
    us = _md(_result(HARBORVIEW))
    assert "Fed. R. Civ. P. 26(a)(2)(B)" in us
    assert "I declare under penalty of perjury that the foregoing is true and correct." in us
    assert "statement of truth" not in us.lower()
    raw = base_raw()
    raw["case"]["governing_law"] = "UK"
    raw["case"]["forum"] = "High Court of Justice, Business and Property Courts"
    english = _md(run(raw))
    assert "## 7. Expert's declaration and statement of truth" in english
    assert "proceedings for contempt of court may be brought" in english
    assert "I have complied with that duty" in english
    assert "penalty of perjury" not in english and "Fed. R. Civ. P." not in english


def test_expert_details_fill_the_report_and_missing_ones_are_marked_blanks():
    result = _result(HARBORVIEW)
    blank = _md(result)
    assert "[to be completed by the expert: name]" in blank.replace("\\", "")
    expert = {"name": "Dr Jane Roe", "qualifications": ["CISSP (2009)"],
              "compensation": "USD 600 per hour", "testimony": ["Acme v. Beta (S.D.N.Y. 2024)"]}
    filled = _md(result, expert).replace("\\", "")
    assert "Dr Jane Roe" in filled and "CISSP (2009)" in filled and "USD 600 per hour" in filled
    assert "Acme v. Beta (S.D.N.Y. 2024)" in filled
    assert "[to be completed by the expert: name]" not in filled
    assert "[to be completed by the expert: publications authored in the previous 10 years]" \
        in filled


def _cli(*args):
    return subprocess.run([sys.executable, str(ROOT / "cli.py"), *args], check=False,
                          capture_output=True,
                          text=True, timeout=300, cwd=ROOT)


def test_cli_reads_the_expert_file_and_refuses_a_bad_one_in_one_line(tmp_path):
    good = tmp_path / "expert.yaml"
    good.write_text("name: Dr Jane Roe\npublications: ['On SLAs (2023)']\n", encoding="utf-8")
    done = _cli("analyze", str(HARBORVIEW), "--expert", str(good))
    assert done.returncode == 0, done.stderr
    assert "Dr Jane Roe" in done.stdout and "On SLAs (2023)" in done.stdout
    bad = tmp_path / "bad.yaml"
    bad.write_text("nmae: Dr Jane Roe\n", encoding="utf-8")
    done = _cli("analyze", str(HARBORVIEW), "--expert", str(bad))
    assert done.returncode == 2 and done.stderr.count("\n") == 1
    assert "nmae" in done.stderr and "did you mean 'name'" in done.stderr
    done = _cli("analyze", str(HARBORVIEW), "--expert", str(tmp_path / "missing.yaml"))
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
