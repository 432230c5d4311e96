"""A sweep of a case with long lists perturbs one item per group of items that decide the same
findings, says so, and stays item by item for short lists (every bundled example)."""
from __future__ import annotations

import json

from engine.analyze import analyze
from engine.sensitivity import Sweep, analyze_sensitivity
from facts.loader import load_case, read_raw
from reports.catalogue_data import rule_catalogue
from reports.render import render
from rules.parameters import Parameters
from tests.conftest import ROOT

CRESTLINE = ROOT / "examples" / "crestline-client-governance.yaml"


def _scaled(tmp_path, times: int):
    raw = read_raw(CRESTLINE)
    for section, name in (("incident", "alerts"), ("audit", "findings")):
        items = raw[section][name]
        raw[section][name] = [dict(item, id=f"{item['id']}-x{k}" if k else item["id"])
                              for k in range(times) for item in items]
    path = tmp_path / f"crestline-x{times}.json"
    path.write_text(json.dumps(raw, default=str))
    return load_case(path)


def test_long_lists_are_swept_one_item_per_group_of_items_deciding_the_same_findings(tmp_path):
    loaded = _scaled(tmp_path, 10)          # 30 alerts and 30 audit findings
    report = analyze_sensitivity(loaded, Parameters.load())
    notes = {n["list"]: n for n in report["method"]["sampled_lists"]}
    assert set(notes) == {"audit.findings", "incident.alerts"}
    findings = notes["audit.findings"]
    assert findings["items"] == 30 and findings["groups"] == len(findings["perturbed"]) >= 2
    touched = {p["fact"] for p in report["perturbations"]
               if p["fact"].startswith("audit.findings")}
    assert touched <= set(findings["perturbed"]) and touched
    # each representative decides something different: the provider's P-1 copies and the
    # client's C-1/C-2 copies are not one group
    owners = {p.split("[")[1].split("-")[0] for p in findings["perturbed"]}
    assert owners == {"C", "P"}
    alerts = notes["incident.alerts"]
    assert "AL-2047" in " ".join(alerts["perturbed"]), "the late alert's group is swept"


def test_the_sweep_of_a_long_list_costs_what_its_groups_cost(tmp_path):
    small = Sweep(_scaled(tmp_path, 10), Parameters.load())
    big = Sweep(_scaled(tmp_path, 40), Parameters.load())
    assert len(big.candidates) == len(small.candidates)


def test_short_lists_are_swept_item_by_item():
    report = analyze_sensitivity(load_case(CRESTLINE), Parameters.load())
    assert report["method"]["sampled_lists"] == []
    facts = {p["fact"] for p in report["perturbations"]}
    assert {"audit.findings[C-1]", "audit.findings[C-2]", "audit.findings[P-1]"} <= facts


def test_the_mediators_brief_says_which_items_stood_for_the_others(tmp_path):
    result = analyze(_scaled(tmp_path, 10), Parameters.load(), decisive=True)
    basis = result["decisive_basis"]
    assert {n["list"] for n in basis["sampled_lists"]} == {"audit.findings", "incident.alerts"}
    brief = render(result, rule_catalogue(), "mediator", "md")
    assert "Of the 30 items of `audit.findings`" in brief
    assert "each standing for the items that decide the same findings" in brief
