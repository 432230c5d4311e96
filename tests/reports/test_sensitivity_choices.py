"""Weights and thresholds are modelling choices, not facts a party could dispute (issue #21): the
fact sweep never changes one, and `sensitivity --modelling-choices` reports them in a section of
their own, each halved and doubled, with the share it gives as a run with that parameter gives."""
from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from functools import cache

from tests.conftest import ROOT

CASE = "examples/harborview-missed-alerts.yaml"
CONTROL = "multiplier.control_level.fully_managed"


@cache
def _cli(*args: str) -> subprocess.CompletedProcess:
    out = subprocess.run([sys.executable, "cli.py", *args], cwd=ROOT, capture_output=True,
                         text=True, timeout=900)
    assert out.returncode == 0, out.stderr
    return out


def _json(*args: str) -> dict:
    return json.loads(_cli(*args).stdout)


def test_the_fact_sweep_changes_only_facts_of_the_case():
    from rules.parameters import Parameters
    keys = {p.key for p in Parameters.load().entries()}
    report = _json("sensitivity", CASE, "--format", "json")
    paths = {p["path"] for p in report["perturbations"]}
    from facts.model import Case
    assert paths and not paths & keys
    assert {p.split(".")[0].split("[")[0] for p in paths} <= set(Case.model_fields), \
        "every change is to a field of the case file"
    assert "modelling_choices" not in report


def test_modelling_choices_are_reported_apart_and_agree_with_a_run_on_that_parameter(tmp_path):
    with_choices = _json("sensitivity", CASE, "--format", "json", "--modelling-choices")
    plain = _json("sensitivity", CASE, "--format", "json")
    assert with_choices["ranking"] == plain["ranking"], "the facts' ranking is unchanged"
    choices = with_choices["modelling_choices"]
    assert "not facts a party could dispute" in choices["note"]
    row = next(r for r in choices["rows"] if r["parameter"] == CONTROL)
    assert row["value"] == 1.5 and [t["value"] for t in row["tries"]] == [0.75, 3.0]
    base = Decimal(choices["provider_share"])
    low, high = (Decimal(t["provider_share"]) for t in row["tries"])
    # more weight on the provider's monitoring failures under a fully managed service can only
    # raise its share; less can only lower it
    assert low < base < high
    overrides = tmp_path / "weights.yaml"
    overrides.write_text(f"{CONTROL}: 3.0\n")
    direct = _json("analyze", CASE, "--format", "json", "--parameters", str(overrides))
    assert Decimal(direct["allocation"]["provider"]) == high


def test_the_text_output_labels_the_modelling_choices_section_after_the_facts():
    text = _cli("sensitivity", CASE, "--modelling-choices").stdout
    facts, _, choices = text.partition("Modelling choices:")
    assert choices, "a section of its own"
    assert CONTROL not in facts and CONTROL in choices
    assert "not facts a party could dispute" in choices
