"""Disputed facts are neutral by default: unknown in the main run, unless the user takes one
party's versions with --assume, a choice the result records. The outcome range still evaluates
every combination, and each finding says which disputed or unknown facts it rests on."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT

CASE = "examples/harborview-missed-alerts.yaml"


def analyze_json(*extra: str) -> dict:
    out = subprocess.run([sys.executable, "cli.py", "analyze", CASE, "--format", "json", *extra],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


@pytest.fixture(scope="module")
def runs() -> dict:
    return {who: analyze_json(*(["--assume", who] if who != "neither" else []))
            for who in ("neither", "client", "provider")}


def holds(result: dict, fid: str) -> bool:
    return next(f for f in result["findings"] if f["id"] == fid)["holds"]


def test_the_main_run_takes_neither_version_and_says_so(runs):
    neutral = runs["neither"]
    assert neutral["assumptions"] == {"disputed_facts": "neither"}
    assert {d["assumed"] for d in neutral["disputes"].values()} == {"neither"}
    assert neutral["facts"]["client_governance.mfa.remote_access"]["value"] == "unknown"
    concealment = next(f for f in neutral["findings"]
                       if f["id"] == "disclosure.concealment.provider.O-1")
    assert not concealment["holds"]
    assert concealment["unknowns"] == ["incident.outages[O-1].known_to_provider"]


def test_assume_takes_one_partys_versions_and_the_result_records_it(runs):
    client, provider = runs["client"], runs["provider"]
    assert client["assumptions"] == {"disputed_facts": "client"}
    assert provider["assumptions"] == {"disputed_facts": "provider"}
    assert holds(client, "disclosure.concealment.provider.O-1")        # knew from 21 February
    assert not holds(provider, "disclosure.concealment.provider.O-1")  # knew only at discovery
    assert not holds(client, "governance.mfa.client") and holds(provider, "governance.mfa.client")
    assert len({r["input_sha256"] for r in runs.values()}) == 3


def test_the_outcome_range_covers_every_combination_whatever_the_main_run_assumes(runs):
    ranges = [r["outcome_range"] for r in runs.values()]
    assert all(r["combinations"] == r["evaluated"] == 8 for r in ranges)
    assert ranges[0]["shares"] == ranges[1]["shares"] == ranges[2]["shares"]
    assert ranges[0]["assumed"] is None and ranges[1]["assumed"]


def test_findings_name_the_disputed_and_unknown_facts_they_rest_on(runs):
    by_id = {f["id"]: f for f in runs["neither"]["findings"]}
    mfa = by_id["governance.mfa.client"]["depends_on"]
    assert "client_governance.mfa.remote_access" in mfa["disputed"]
    assert "client_governance.mfa.remote_access" in mfa["unknown"]
    concealment = by_id["disclosure.concealment.provider.O-1"]["depends_on"]
    assert concealment["disputed"] == ["incident.outages[O-1].known_to_provider"]
    # the allocation reads every finding, so it rests on every disputed fact
    allocation = by_id["allocation.fault_established.provider"]["depends_on"]
    assert set(allocation["disputed"]) == set(runs["neither"]["disputes"])
    # a finding on undisputed facts rests on none
    assert by_id["causation.third_party_discovery.provider"]["depends_on"] == {
        "disputed": [], "unknown": []}


@pytest.mark.parametrize("command", ["whatif", "explain", "sensitivity"])
def test_assume_is_offered_where_a_run_resolves_disputes(command):
    args = {"whatif": ["--set", "incident.harm.total=20000000"],
            "explain": ["governance.mfa.client"], "sensitivity": ["--top", "1"]}[command]
    out = subprocess.run([sys.executable, "cli.py", command, CASE, *args, "--assume",
                          "provider"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    bad = subprocess.run([sys.executable, "cli.py", command, CASE, *args, "--assume", "judge"],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1
