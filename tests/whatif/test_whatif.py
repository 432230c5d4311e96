"""What-if for mediators (issue 7): overlays, --set, disputed-fact ranges, sensitivity, flips."""
from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from engine.analyze import analyze
from engine.disputes import LIMIT, outcome_range
from engine.sensitivity import analyze_sensitivity
from engine.whatif import Scenario, compare, scenario_from_file
from facts.errors import FaultlineInputError
from facts.loader import build_case, read_raw
from facts.overlay import apply_set, merge, parse_assignment
from rules.parameters import Parameters

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
MINIMAL = read_raw(HERE / "minimal.yaml")
PARAMS = HERE / "params.yaml"


def params() -> Parameters:
    return Parameters.load(str(PARAMS))


def minimal() -> dict:
    return copy.deepcopy(MINIMAL)


def cli(*args, env=None):
    return subprocess.run([sys.executable, str(ROOT / "cli.py"), *args], capture_output=True, check=False,
                          text=True, cwd=ROOT, timeout=300, env=env)


# --- overlays apply exactly ------------------------------------------------------------------

def test_overlay_merges_items_by_id_and_replaces_other_lists():
    base = {"incident": {"alerts": [{"id": "A", "at": "t1", "severity": "high"},
                                    {"id": "B", "at": "t2", "severity": "low"}],
                         "post_exploit_activity": ["exfiltration", "encryption"]}}
    out = merge(base, {"incident": {"alerts": [{"id": "B", "severity": "critical"},
                                               {"id": "C", "at": "t3"}],
                                    "post_exploit_activity": ["persistence"]}})
    assert out["incident"]["alerts"] == [{"id": "A", "at": "t1", "severity": "high"},
                                         {"id": "B", "at": "t2", "severity": "critical"},
                                         {"id": "C", "at": "t3"}]
    assert out["incident"]["post_exploit_activity"] == ["persistence"]
    assert base["incident"]["alerts"][1]["severity"] == "low"   # the base is not touched


def test_sourced_fields_are_addressed_as_the_field_itself():
    base = {"contract": {"sla": {"detection": {"value": "30m", "source": "Exhibit 3"}},
                         "liability": {"value": {"cap": 1, "carve_outs": []},
                                       "source": "Exhibit 4"}}}
    out = merge(base, {"contract": {"sla": {"detection": "2h"}, "liability": {"cap": 5}}})
    assert out["contract"]["sla"]["detection"] == "2h"
    assert out["contract"]["liability"] == {"value": {"cap": 5, "carve_outs": []},
                                            "source": "Exhibit 4"}
    assert apply_set(base, "contract.sla.detection", "1h")["contract"]["sla"]["detection"] == "1h"
    assert apply_set(base, "contract.liability.cap", 9)["contract"]["liability"]["value"]["cap"] == 9


def test_overlay_file_is_one_scenario_named_by_its_name_key(tmp_path):
    overlay = tmp_path / "ack.yaml"
    overlay.write_text("name: acknowledged\ndescription: AL-1 seen in time\nincident:\n"
                       "  alerts:\n    - {id: AL-1, acknowledged_at: 2025-06-02T09:45:00}\n")
    scenario = scenario_from_file(str(overlay))
    assert (scenario.name, scenario.description) == ("acknowledged", "AL-1 seen in time")
    assert "name" not in scenario.overlay
    loaded = build_case(scenario.apply(minimal()), "m")
    alert = loaded.case.incident.alerts[0]
    assert alert.acknowledged_at is not None and alert.severity == "high"
    unnamed = tmp_path / "no-name.yaml"
    unnamed.write_text("contract: {control_level: advisory}\n")
    assert scenario_from_file(str(unnamed)).name == "no-name"


# --- --set errors: one line, exit 2, a suggestion -----------------------------------------------

def test_set_unknown_path_suggests_the_nearest():
    with pytest.raises(FaultlineInputError) as err:
        apply_set(minimal(), "client_governance.mfa.remote_acess", True)
    assert "did you mean 'client_governance.mfa.remote_access'" in err.value.one_line()
    result = cli("whatif", str(HERE / "minimal.yaml"), "--set", "contract.sla.detecton=1h")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "did you mean 'contract.sla.detection'" in lines[0]


def test_set_wrong_type_is_one_line_exit_2():
    result = cli("whatif", str(HERE / "minimal.yaml"), "--set", "contract.sla.detection=soon")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "contract.sla.detection" in lines[0] and "duration" in lines[0]
    result = cli("whatif", str(HERE / "minimal.yaml"), "--set",
                 "client_governance.mfa.remote_access=no")   # 'no' is text, not false
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1
    assert parse_assignment("a.b=no") == ("a.b", "no")


# --- whatif output -----------------------------------------------------------------------------

def test_whatif_shows_changed_findings_rules_and_shares():
    base = build_case(minimal(), "m")
    scenario = Scenario("mfa-on", "", {}, [("client_governance.mfa.remote_access", True)], "--set")
    comparison = compare(base, [scenario], params())
    base_col, col = comparison["scenarios"]
    assert base_col["allocation"] == {"client": "0.4000", "provider": "0.6000"}
    assert col["allocation"] == {"provider": "1.0000"}
    changed = {c["finding"]: c for c in col["changed_findings"]}
    assert changed["governance.mfa.client"]["before"] is True
    assert changed["governance.mfa.client"]["after"] is False
    assert changed["governance.mfa.client"]["rule"] == "GOV-001"


def test_whatif_cli_markdown_json_and_escaped_html(tmp_path):
    case = str(HERE / "minimal.yaml")
    md = cli("whatif", case, "--set", "client_governance.mfa.remote_access=true",
             "--parameters", str(PARAMS))
    assert md.returncode == 0, md.stderr
    assert "| Provider Co (the provider) | 60.00% | 100.00% |" in md.stdout
    assert "| Client Co (the client) | 40.00% | 0.00% |" in md.stdout
    assert "`governance.mfa.client` | holds | does not hold | GOV-001" in md.stdout
    overlay = tmp_path / "x.yaml"
    overlay.write_text("name: \"<script>alert(1)</script>\"\ncontract: {control_level: advisory}\n")
    html = cli("whatif", case, "--scenario", str(overlay), "--format", "html")
    assert html.returncode == 0, html.stderr
    assert "<script>" not in html.stdout and "&lt;script&gt;" in html.stdout
    assert "Minimal &lt;what-if&gt; case" in html.stdout
    js = cli("whatif", case, "--scenario", str(overlay), "--format", "json")
    data = json.loads(js.stdout)
    assert [s["name"] for s in data["scenarios"]] == ["base", "<script>alert(1)</script>"]
    assert "exposure" in data["scenarios"][1] and "recoverable" in data["scenarios"][1]


# --- disputed facts ----------------------------------------------------------------------------

def disputed_case() -> dict:
    raw = minimal()
    raw["client_governance"]["mfa"]["remote_access"] = {
        "disputed": {"client": True, "provider": False},
        "sources": {"client": "Exhibit C-1", "provider": "Exhibit P-1"}}
    raw["incident"]["alerts"][0]["rule"] = {
        "disputed": {"client": "VPN anomaly", "provider": "noise"},
        "sources": {"client": "C-2", "provider": "P-2"}}
    return raw


def test_outcome_range_has_the_known_answer():
    loaded = build_case(disputed_case(), "m")
    result = analyze(loaded, params())
    assert result["assumptions"] == {"disputed_facts": "neither"}   # the neutral default
    assert result["allocation"] == {"provider": "1.0000"}      # MFA not shown either way
    rng = result["outcome_range"]
    assert rng["combinations"] == rng["evaluated"] == 4 and rng["sampled"] is False
    provider = rng["shares"]["provider"]
    assert (provider["min"], provider["max"]) == ("0.6000", "1.0000")
    assert provider["min_combination"]["client_governance.mfa.remote_access"] == "provider"
    assert provider["max_combination"]["client_governance.mfa.remote_access"] == "client"
    assert rng["most_influential"]["fact"] == "client_governance.mfa.remote_access"
    assert rng["most_influential"]["provider_share_swing"] == "0.4000"
    assert "governance.mfa.client" in rng["holding_findings_vary"]
    assert any(k.startswith("negligence.") for k in rng["exposure"]) or not result["exposure"]


def test_no_outcome_range_without_disputes():
    assert "outcome_range" not in analyze(build_case(minimal(), "m"), params())


def test_many_disputes_are_sampled_with_a_fixed_seed():
    raw = minimal()
    raw["incident"]["alerts"] = [
        {"id": f"AL-{i}", "at": "2025-06-02T09:30:00", "severity": "high",
         "rule": {"disputed": {"client": f"c{i}", "provider": f"p{i}"}}} for i in range(9)]
    loaded = build_case(raw, "m")
    first = outcome_range(loaded, params())
    assert first["combinations"] == 512 and first["evaluated"] == LIMIT and first["sampled"]
    assert first == outcome_range(loaded, params())


def test_outcome_range_json_is_deterministic_across_hash_seeds():
    outputs = set()
    for seed in ("0", "7"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = cli("analyze", "examples/harborview-missed-alerts.yaml", "--format", "json",
                     env=env)
        assert result.returncode == 0, result.stderr
        outputs.add(json.dumps(json.loads(result.stdout)["outcome_range"], sort_keys=True))
    assert len(outputs) == 1
    data = json.loads(outputs.pop())
    assert data["combinations"] == 8
    assert Decimal(data["shares"]["provider"]["min"]) < Decimal(data["shares"]["provider"]["max"])


# --- sensitivity and the minimal flip ----------------------------------------------------------

def test_sensitivity_ranks_mfa_and_skips_unread_facts():
    report = analyze_sensitivity(build_case(minimal(), "m"), params())
    paths = [r["path"] for r in report["ranking"]]
    assert "client_governance.mfa.remote_access" in paths[:5]
    assert report["method"]["facts_skipped_unread"] > 0
    assert not any(p["path"].startswith("case.title") for p in report["perturbations"])
    mfa = next(r for r in report["ranking"] if r["path"] == "client_governance.mfa.remote_access")
    assert mfa["high"] == "1.0000" and "governance.mfa.client" in mfa["findings_changed"]


def test_minimal_flip_needs_both_alerts():
    raw = minimal()
    raw["incident"]["alerts"].append({"id": "AL-2", "at": "2025-06-02T10:30:00",
                                      "severity": "high", "related_to_intrusion": True,
                                      "acknowledged_at": "never", "escalated_at": "never"})
    report = analyze_sensitivity(build_case(raw, "m"), params(), flip="breach.triage.provider")
    flip = report["flip"]
    assert flip["found"] and flip["size"] == 2
    for option in [flip["smallest"], *flip["alternatives"]]:
        touched = {c["path"].split("].")[0] for c in option["changes"]}
        assert touched == {"incident.alerts[AL-1", "incident.alerts[AL-2"}
        assert "breach.triage.provider" in option["findings_changed"]
    # No single change reverses it: the sweep's own results agree.
    assert "breach.triage.provider" not in report["by_finding"] or all(
        "AL-" not in c["path"] for c in report["by_finding"]["breach.triage.provider"])


def test_flip_allocation_and_unknown_finding():
    report = analyze_sensitivity(build_case(minimal(), "m"), params(), flip="allocation")
    assert report["flip"]["found"] and report["flip"]["size"] == 1
    assert Decimal(report["flip"]["smallest"]["provider_share"]) < Decimal("0.5")
    with pytest.raises(FaultlineInputError) as err:
        analyze_sensitivity(build_case(minimal(), "m"), params(), flip="breach.triag.provider")
    assert "did you mean 'breach.triage.provider'" in err.value.one_line()


def test_recoverable_row_names_the_regime_and_says_when_negligence_is_not_available():
    # Harborview is governed by New York, whose economic loss rule keeps negligence closed between
    # the contracting parties: the row names the regime in words and says "not available" rather
    # than a USD 0 that reads as a computed award.
    md = cli("whatif", "examples/harborview-missed-alerts.yaml",
             "--set", "client_governance.mfa.remote_access=false")
    assert md.returncode == 0, md.stderr
    row = next(line for line in md.stdout.splitlines() if line.startswith("| recoverable"))
    assert row == "| recoverable in negligence under New York | not available | not available |"
    data = json.loads(cli("whatif", "examples/harborview-missed-alerts.yaml", "--set",
                          "client_governance.mfa.remote_access=false", "--format", "json").stdout)
    rec = data["scenarios"][0]["recoverable"]
    assert (rec["regime"], rec["regime_name"], rec["available"]) == ("US-NY", "New York", "no")
