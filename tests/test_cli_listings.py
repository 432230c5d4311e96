"""The legal-time commands and --parameters, as a user runs them."""
from __future__ import annotations

import json

from click.testing import CliRunner

from cli import cli
from tests.conftest import ROOT

EXAMPLE = str(ROOT / "examples" / "harborview-missed-alerts.yaml")


def invoke(*args):
    return CliRunner().invoke(cli, list(args))


def test_deadline_shows_business_day_arithmetic_and_lateness():
    out = invoke("deadline", "us-sec-8k", "--from", "2025-11-26T16:00-05:00",
                 "--actual", "2025-12-05T16:00-05:00")
    assert out.exit_code == 0
    assert "skipping Thanksgiving Day (Thu 2025-11-27)" in out.output
    assert "the period ends at 17:30 EST on Wed 2025-12-03 (the filing cut-off)" in out.output
    assert "2 business days late" in out.output


def test_deadline_unknown_regime_suggests_nearest():
    out = invoke("deadline", "us-sex-8k", "--from", "2025-11-26T16:00-05:00")
    assert out.exit_code == 2
    assert "did you mean 'us-sec-8k'" in out.output


def test_jurisdictions_lists_profiles_and_fault_regimes():
    out = invoke("jurisdictions", "--format", "json")
    data = json.loads(out.output)
    assert {r["id"] for r in data["notification"]} >= {"eu-gdpr", "us-hipaa", "sg-pdpa"}
    assert sum(1 for r in data["fault_regimes"] if r["id"].startswith("US-")) == 51
    # every profile says when its law took effect and how far it has been checked
    for row in data["notification"]:
        assert row["in_force"].startswith(("from ", "pending")), row["id"]
        assert row["verification"]["status"] in ("verified", "secondary-source", "unverified")
        assert all(v["period"] for v in row["versions"])
    tx = next(r for r in data["notification"] if r["id"] == "us-tx")
    assert tx["changed_on"] == ["2020-01-01", "2023-09-01"]
    nj = next(r for r in data["notification"] if r["id"] == "us-nj")
    assert nj["verification"]["duties_to_verify"] == ["individuals", "maintainer-to-owner",
                                                      "state-police"]
    florida = next(r for r in data["fault_regimes"] if r["id"] == "US-FL")
    assert [v["kind"] for v in florida["versions"]] == ["pure_comparative", "modified_51"]
    text = invoke("jurisdictions").output
    assert "in force from 7 Dec 2005; changed 21 Dec 2024; checked: unverified" in text
    assert "by filing date: pure_comparative until 2023-03-24; modified_51 from 2023-03-25" in text
    shown = invoke("jurisdictions", "show", "us-fl")
    assert "third-party-agent" in shown.output and "10d" in shown.output


def test_parameters_override_is_recorded_and_moves_the_result(tmp_path):
    override = tmp_path / "weights.yaml"
    override.write_text("weights.governance.segmentation: 10\n")
    base = json.loads(invoke("analyze", EXAMPLE, "--format", "json").output)
    changed = json.loads(invoke("analyze", EXAMPLE, "--format", "json", "--parameters",
                                str(override)).output)
    assert changed["parameters_overridden"] == {"weights.governance.segmentation": 10}
    assert changed["parameters_sha256"] != base["parameters_sha256"]
    assert changed["allocation"]["client"] > base["allocation"]["client"]


def test_unknown_parameter_names_the_nearest(tmp_path):
    override = tmp_path / "weights.yaml"
    override.write_text("weights.governance.segmentaton: 10\n")
    out = invoke("analyze", EXAMPLE, "--parameters", str(override))
    assert out.exit_code == 2
    assert "did you mean 'weights.governance.segmentation'" in out.output


def test_parameters_doc_is_current():
    out = invoke("parameters", "--format", "md")
    assert out.output == (ROOT / "docs" / "parameters.md").read_text(encoding="utf-8")
