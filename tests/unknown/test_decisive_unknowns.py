"""decisive_unknowns: each unknown fact established either way, ranked by what it changes."""
from __future__ import annotations

import copy
from decimal import Decimal

from engine.analyze import analyze
from facts.loader import build_case, read_raw
from rules.parameters import Parameters
from tests.conftest import ROOT

PARAMS = Parameters.load(overrides={"weights.breach.triage": 3.0, "weights.breach.escalation": 0.0,
                                    "weights.governance.mfa": 2.0})


def minimal() -> dict:
    return copy.deepcopy(read_raw(ROOT / "tests" / "whatif" / "minimal.yaml"))


def result_of(raw: dict) -> dict:
    return analyze(build_case(raw, "minimal.yaml"), PARAMS, unknowns=True)


def test_names_a_fact_whose_two_values_give_different_shares():
    raw = minimal()
    raw["client_governance"]["mfa"]["remote_access"] = "unknown"
    report = result_of(raw)["decisive_unknowns"]
    first = report["decisive"][0]
    assert first["fact"] == "client_governance.mfa.remote_access"
    assert first["label"] == "whether MFA protected remote access"
    shares = {v["value"]: v["provider_share"] for v in first["values"]}
    assert shares == {"yes": "1.0000", "no": "0.6000"}
    assert first["provider_share_swing"] == "0.4000"
    assert "governance.mfa.client" in first["findings_changed"]
    assert 0 < report["method"]["replayed"] <= report["method"]["runs"]


def test_a_moment_is_tried_at_the_earliest_it_could_have_happened_and_never():
    raw = minimal()
    raw["incident"]["alerts"][0]["acknowledged_at"] = "unknown"
    report = result_of(raw)["decisive_unknowns"]
    entry = next(d for d in report["decisive"]
                 if d["fact"] == "incident.alerts[AL-1].acknowledged_at")
    tries = {v["value"]: v for v in entry["values"]}
    assert set(tries) == {"at the alert itself", "never"}
    assert "breach.triage.provider" in tries["never"]["findings_changed"]
    assert "breach.triage.provider" not in tries["at the alert itself"]["findings_changed"]
    assert Decimal(tries["never"]["provider_share"]) > Decimal(
        tries["at the alert itself"]["provider_share"])


def test_facts_no_rule_read_and_facts_with_no_values_are_listed_not_tried(monkeypatch):
    import engine.unknowns as unknowns
    raw = minimal()
    raw["client_governance"]["mfa"]["remote_access"] = "unknown"
    raw["client_governance"]["mfa"]["privileged"] = "unknown"
    raw["contract"]["annual_fees"] = "unknown"            # an amount: no representative values
    report = result_of(raw)["decisive_unknowns"]
    assert "parties.client.status.circia_covered" not in report["not_read"]   # not unknown
    skipped = {s["fact"]: s["why"] for s in report["method"]["not_evaluated"]}
    assert "contract.annual_fees" in skipped or "contract.annual_fees" in report["not_read"]
    monkeypatch.setattr(unknowns, "MAX_FACTS", 1)
    bounded = result_of(raw)["decisive_unknowns"]
    assert bounded["method"]["evaluated"] == 1
    assert any("beyond the 1 evaluated" in s["why"] for s in bounded["method"]["not_evaluated"])


def test_reports_carry_a_section_on_the_unknowns_that_decide(tmp_path):
    from reports.catalogue_data import rule_catalogue
    from reports.render import render
    raw = minimal()
    raw["client_governance"]["mfa"]["remote_access"] = "unknown"
    result = result_of(raw)
    for audience in ("expert", "mediator"):
        text = render(result, rule_catalogue(), audience, "md")
        assert "Unknown facts that would decide the outcome" in text
        assert "whether MFA protected remote access" in text
        html = render(result, rule_catalogue(), audience, "html")
        assert "Unknown facts that would decide the outcome" in html


def test_the_analyze_command_puts_decisive_unknowns_in_the_json_result():
    import json
    import subprocess
    import sys
    out = subprocess.run([sys.executable, "cli.py", "analyze", "examples/harborview-missed-alerts.yaml",
                          "--format", "json"], cwd=ROOT, capture_output=True, text=True,
                         timeout=300)
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)["decisive_unknowns"]
    facts = [d["fact"] for d in report["decisive"]]
    assert "client_governance.mfa.remote_access" in facts
    assert report["method"]["max_facts"] == 40
