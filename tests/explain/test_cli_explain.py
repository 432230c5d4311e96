"""The explain and trace commands: text, JSON, graphs, the interactive trace, bad ids."""
from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from cli import cli
from tests.conftest import ROOT
from tests.helpers import engine_terms_in

CASE = str(ROOT / "examples" / "harborview-missed-alerts.yaml")


def _trace() -> list[dict]:
    from engine.analyze import analyze
    from facts.loader import load_case
    return analyze(load_case(CASE))["trace"]


def _step_of(conclusion: str) -> int:
    """The step that concluded this (rules added elsewhere move the numbers; the test should not)."""
    return next(s["step"] for s in _trace() if conclusion in s["conclusions"])


def invoke(*args, **kwargs):
    return CliRunner().invoke(cli, list(args), **kwargs)


def test_explain_text_shows_rule_premises_and_exhibits():
    r = invoke("explain", CASE, "breach.triage.provider")
    assert r.exit_code == 0, r.output
    out = r.stdout
    assert out.startswith("breach.triage.provider — holds")
    assert 'by BREACH-004 "Alerts triaged within the SLA window"' in out
    assert 'derived by BREACH-001 "First alert related to the intrusion"' in out
    assert "exhibit: Exhibit 21 (FBI notification email)" in out
    assert "Exhibit 41 (analyst shift notes, 3 March) (provider's version of acknowledged_at)" in out


def test_explain_why_not_in_text_for_proof_001():
    r = invoke("explain", CASE, "disclosure.client.provider")
    assert r.exit_code == 0
    assert ("rule DISC-001 needs incident.timeline.provider_detection, which is absent: "
            "not in the case file") in r.stdout


def test_explain_json_and_depth():
    r = invoke("explain", CASE, "breach.systemic.provider", "--format", "json", "--depth", "1")
    data = json.loads(r.stdout)
    assert data["finding"]["id"] == "breach.systemic.provider" and data["why_not"] == []
    assert all(c["children"] == [] for c in data["finding"]["children"])


def test_explain_markdown():
    # MFA on the VPN is disputed: the client's version says it was enforced
    r = invoke("explain", CASE, "governance.mfa.client", "--format", "md", "--assume", "client")
    assert r.stdout.startswith("# Why governance.mfa.client does not hold")
    assert "**Not met:** MFA was missing somewhere it matters — enforced everywhere" in r.stdout


def test_unknown_finding_is_one_line_exit_2_with_suggestion():
    r = invoke("explain", CASE, "breach.triage.provder")
    assert r.exit_code == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "did you mean 'breach.triage.provider'?" in lines[0]
    assert "valid breach findings:" in lines[0] and "breach.detection.provider" in lines[0]


def test_finding_or_all_is_required():
    r = invoke("explain", CASE)
    assert r.exit_code == 2 and len(r.stderr.strip().splitlines()) == 1


def test_graph_dot_and_mermaid(tmp_path):
    dot_file, md_file = tmp_path / "chain.dot", tmp_path / "chain.md"
    assert invoke("explain", CASE, "breach.systemic.provider", "--graph", str(dot_file)).exit_code == 0
    text = dot_file.read_text()
    assert text.startswith('digraph "breach.systemic.provider"')
    assert 'label="breach"' in text and 'label="evidence (input facts)"' in text
    assert '[label="DEGREE-001"]' in text and "Exhibit 14 (Keystone report), p. 9" in text
    assert invoke("explain", CASE, "breach.systemic.provider", "--graph", str(md_file)).exit_code == 0
    md = md_file.read_text()
    assert "```mermaid\nflowchart LR" in md and "-->|DEGREE-001|" in md


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot is not installed")
def test_graph_svg_with_dot(tmp_path):
    svg = tmp_path / "full.svg"
    r = invoke("explain", CASE, "--all", "--graph", str(svg))
    assert r.exit_code == 0, r.stderr
    content = svg.read_text()
    assert "<svg" in content and "allocation.fault_established.provider" in content
    assert "ALLOC&#45;001" in content  # the edge label; dot escapes the hyphen


def test_graph_svg_without_dot_writes_dot_beside_it(tmp_path, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    svg = tmp_path / "chain.svg"
    r = invoke("explain", CASE, "breach.triage.provider", "--graph", str(svg))
    assert r.exit_code == 0
    assert not svg.exists() and (tmp_path / "chain.dot").read_text().startswith("digraph")
    assert f"dot -Tsvg {tmp_path / 'chain.dot'} -o {svg}" in r.stderr


def test_trace_text_explains_each_step_in_legal_terms():
    r = invoke("trace", CASE)
    assert r.exit_code == 0
    assert f"Step 1 of {len(_trace())} · Breach of the standard of care" in r.stdout
    assert "BREACH-001: First alert related to the intrusion" in r.stdout
    assert "Why here: A measurement" in r.stdout
    assert "Concluded: breach.triage.provider holds" in r.stdout
    assert "Closing the record" in r.stdout
    assert engine_terms_in(r.stdout) == []


def _steps_shown(text: str) -> list[int]:
    import re
    return [int(n) for n in re.findall(r"^Step (\d+) of \d+ ·", text, re.M)]  # one per view


def test_interactive_trace_goes_forward_back_and_jumps():
    last = len(_trace())
    r = invoke("trace", CASE, "--interactive", input=f"\nn\nb\ng 40\nback\ng {last}\nn\nq\n")
    assert r.exit_code == 0
    assert _steps_shown(r.stdout) == [1, 2, 3, 2, 40, 39, last]
    assert "this is the last step" in r.stdout
    assert f"[step 39/{last}] > " in r.stdout


def test_interactive_trace_jumps_to_an_element_and_shows_its_why_not():
    r = invoke("trace", CASE, "--interactive",
               input="g disclosure.media.client.us-hipaa\nwhynot\ng proximate\ng proximate\nwhy\n"
                     "q\n")
    assert r.exit_code == 0
    assert _steps_shown(r.stdout) == [1, _step_of("disclosure.media.client.us-hipaa"),
                                      _step_of("causation.exploit_foreseeable.provider"),
                                      _step_of("causation.proximate.provider")]
    assert "Why not: disclosure.media.client.us-hipaa does not hold (NOTICE-003)" in r.stdout
    # the example does not say whether the patient records were unsecured PHI, so the HIPAA
    # duty applies only if that is shown, and the why-not names the fact
    assert "the us-hipaa duty applies: not shown: whether unsecured protected health" in r.stdout
    assert "Proximate cause\n  CAUS-006: Attacker not a superseding cause" in r.stdout
    assert "Why causation.proximate.provider holds (CAUS-006):" in r.stdout
    assert (f"duty.monitoring.provider: Provider owes a monitoring duty, holds "
            f"(step {_step_of('duty.monitoring.provider')})") in r.stdout


def test_interactive_trace_searches_and_says_when_a_holding_step_has_no_why_not():
    r = invoke("trace", CASE, "--interactive",
               input="/superseding\nwhy-not\nlist\nfoo\nq\n")
    assert r.exit_code == 0
    assert _steps_shown(r.stdout) == [1, _step_of("causation.proximate.provider")]
    assert "causation.proximate.provider holds; 'why' shows the conditions it met." in r.stdout
    assert (f"Proximate cause:\n  causation.exploit_foreseeable.provider "
            f"(step {_step_of('causation.exploit_foreseeable.provider')}, holds)") in r.stdout
    assert "unknown command 'foo'" in r.stdout


def test_interactive_trace_escapes_case_text_for_the_terminal(tmp_path):
    import yaml
    from tests.helpers import base_raw
    raw = base_raw("meridian-zero-day")
    raw["parties"]["non_parties"][0]["name"] = "evil\x1b]0;owned\x07 Corp."
    case = tmp_path / "case.yaml"
    case.write_text(yaml.safe_dump(raw))
    r = invoke("trace", str(case), "--interactive", input="/evil\nwhy\nq\n")
    assert r.exit_code == 0, r.output
    assert "evil" in r.stdout
    assert "\x1b" not in r.stdout and "\x07" not in r.stdout


def test_interactive_trace_stops_at_end_of_input():
    r = invoke("trace", CASE, "--interactive", input="\n")
    assert r.exit_code == 0 and _steps_shown(r.stdout) == [1, 2]
