"""Every reference resolves or is refused with the nearest id, wherever it is written: the case
file, a what-if scenario, a --set value. (The case-file corpus is tests/bad_inputs/; the review's
inputs are tests/test_reliability_cases.py.)"""
from __future__ import annotations

from click.testing import CliRunner

from tests.conftest import ROOT

BASE = ROOT / "tests" / "bad_inputs" / "base-valid.yaml"
MERIDIAN = ROOT / "examples" / "meridian-zero-day.yaml"


def _invoke(*args):
    from cli import cli
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def _refused(result, file, *words):
    assert result.exit_code == 2, result.stderr
    line, = result.stderr.splitlines()
    assert line.startswith(f"error: {file}: "), line
    for word in words:
        assert word in line, line


def test_a_scenario_naming_an_unknown_regime_is_refused(tmp_path):
    scenario = tmp_path / "late-notice.yaml"
    scenario.write_text("incident:\n  notices:\n    - {id: N-1, regime: us-hipaax}\n")
    _refused(_invoke("whatif", BASE, "--scenario", scenario), scenario,
             "incident.notices[N-1].regime", "did you mean 'us-hipaa'?")


def test_a_set_value_naming_an_unknown_regime_is_refused():
    result = _invoke("whatif", BASE, "--set", "incident.notices[N-1].regime=us-nyy")
    assert result.exit_code == 2, result.stderr
    assert "unknown regime 'us-nyy'" in result.stderr and "did you mean 'us-ny'?" in result.stderr


def test_a_scenario_naming_an_undeclared_vendor_is_refused(tmp_path):
    scenario = tmp_path / "other-vendor.yaml"
    scenario.write_text("incident:\n  vector: {vendor: 'vendor:ledgerlin'}\n")
    _refused(_invoke("whatif", MERIDIAN, "--scenario", scenario), scenario,
             "incident.vector.vendor", "did you mean 'vendor:ledgerline'?")


def test_the_declared_vendor_is_accepted():
    result = _invoke("validate", MERIDIAN)
    assert result.exit_code == 0, result.stderr


def test_a_scenario_item_with_a_mistyped_id_says_which_id_it_meant(tmp_path):
    scenario = tmp_path / "typo.yaml"
    scenario.write_text("audit:\n  findings:\n    - {id: A-l, severity: low}\n")
    _refused(_invoke("whatif", BASE, "--scenario", scenario), scenario,
             "audit.findings[A-l]", "A-l is not in the case, so the scenario adds it",
             "did you mean 'A-1'?")
