"""Every finding of every example explains: the tree ends in input facts (or, for PROOF-001, in
the absent premise), never cycles, and follows the trace downwards."""
from __future__ import annotations

import pytest

from engine.analyze import analyze
from engine.explain import explain_tree, trace_steps, walk, why_not
from facts.loader import load_case
from tests.conftest import EXAMPLES


@pytest.fixture(scope="module", params=EXAMPLES, ids=lambda p: p.stem)
def result(request):
    return analyze(load_case(str(request.param)))


def _check_paths(node: dict, path: tuple) -> None:
    key = (node["type"], node["id"], node.get("step"))
    assert key not in path, f"cycle through {key}"
    for child in node.get("children", []):
        if child["type"] in ("finding", "derived"):
            assert child["step"] < node["step"], "a premise must be concluded before it is read"
        _check_paths(child, path + (key,))


def test_every_finding_explains_down_to_input_facts(result):
    for finding in result["findings"]:
        tree = explain_tree(result, finding["id"])
        assert tree["id"] == finding["id"] and tree["rule"]["id"] == finding["rule"]
        assert tree["rule"]["title"], "the rule that reached it is named with its title"
        _check_paths(tree, ())
        for node in walk(tree):
            if not node["children"]:
                if finding["rule"] == "PROOF-001" and node is not tree:
                    assert node["type"] == "absent"
                else:
                    assert node["type"] == "input" or node is tree, \
                        f"{finding['id']}: leaf {node['id']} is {node['type']}"
            if node["type"] == "input" and node.get("kind") == "list":
                # a list read as a whole: a leaf naming the list, its size and digest
                assert result["lists"][node["id"]] == {"items": node["items"],
                                                       "sha256": node["sha256"]}
                assert node["items"] == sum(
                    1 for fid, f in result["facts"].items()
                    if f["kind"] == node["id"] or fid.startswith(node["id"] + "."))
            elif node["type"] == "input":
                assert node["id"] in result["facts"]
                assert node["value"] == result["facts"][node["id"]]["value"]
            if node["type"] == "derived":
                assert node["rule"]["id"] == result["derived"][node["id"]]["rule"]


def test_premises_are_the_recorded_ones(result):
    for finding in result["findings"]:
        if finding["rule"] == "PROOF-001":
            continue
        tree = explain_tree(result, finding["id"])
        assert [c["id"] for c in tree["children"]] == finding["premises"]


def test_not_holding_findings_always_have_a_reason(result):
    for finding in result["findings"]:
        reasons = why_not(result, finding["id"])
        assert bool(reasons) == (not finding["holds"]), finding["id"]


def test_depth_limits_the_tree(result):
    tree = explain_tree(result, "allocation.fault_established.provider", depth=1)
    assert tree["children"]
    for child in tree["children"]:
        assert child["children"] == [] and (child["type"] == "input" or child.get("truncated"))
    bare = explain_tree(result, "allocation.fault_established.provider", depth=0)
    assert bare["children"] == [] and bare["truncated"] == len(
        next(f for f in result["findings"] if f["id"] == bare["id"])["premises"])


def test_trace_gives_every_step_its_element_and_reason_in_legal_terms(result):
    from rules.doctrine import sections
    steps = trace_steps(result)
    keys = {s.key for s in sections()}
    assert [s["step"] for s in steps] == list(range(1, len(result["trace"]) + 1))
    verdicts = {f["id"]: f["holds"] for f in result["findings"]}
    for s in steps:
        assert s["title"] and s["why"] and s["section"] in keys
        for c in s["conclusions"]:
            if c["kind"] == "finding" and c["final_step"] == s["step"]:
                assert c["holds"] == verdicts[c["id"]]
        for p in s["premises"]:
            if p["kind"] in ("finding", "derived"):
                assert p["step"] < s["step"], "a premise is concluded before it is read"
    assert steps[-1]["rule"] == "PROOF-001" and steps[-1]["why"].startswith("Closing the record")
    assert any(s["why"].startswith("A measurement") for s in steps)
    assert any("draws a conclusion from other findings" in s["why"] for s in steps)
