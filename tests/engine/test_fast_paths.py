"""The engine's fast paths (indexed working memory, views computed once, the compacted trace, the
alpha-network index) give exactly what the straightforward reference gives (tests/engine/
reference.py) on every bundled example and every scenario: findings, shares, exposure, derived
facts and wording identical; the trace the same firings in the same order; and a compacted
step's premises, with each list or mapping expanded to its members, the reference's premises."""
from __future__ import annotations

from pathlib import Path

import pytest

from engine.result import build_result
from engine.runner import engine
from facts.flatten import input_facts
from facts.loader import load_case, variant
from facts.overlay import apply_set
from rules.parameters import Parameters
from tests.conftest import EXAMPLES, ROOT
from tests.engine.reference import reference_engine
from tests.test_scenarios import SCENARIOS, scenario_case


def _loaded(path: Path):
    return load_case(path) if path.parent.name == "examples" else scenario_case(path)


def _both(path: Path) -> tuple[dict, dict]:
    loaded, params = _loaded(path), Parameters.load()
    inputs = input_facts(loaded)
    fast = build_result(loaded, engine().run_case(loaded.case, inputs, params), params)
    slow = build_result(loaded, reference_engine().run_case(loaded.case, inputs, params), params)
    return fast, slow


def _members(result: dict, name: str) -> set[str]:
    return {fid for fid, f in result["facts"].items()
            if f["kind"] == name or fid.startswith(name + ".")}


def _expanded(result: dict, premises: list[str]) -> set[str]:
    out = set()
    for p in premises:
        out |= _members(result, p) if p in result["lists"] else {p}
    return out


@pytest.mark.parametrize("path", EXAMPLES + SCENARIOS, ids=lambda p: p.stem)
def test_fast_paths_give_the_reference_result(path):
    fast, slow = _both(path)
    for key in set(fast) | set(slow):
        if key not in ("findings", "trace"):
            assert fast.get(key) == slow.get(key), key
    assert [f["id"] for f in fast["findings"]] == [f["id"] for f in slow["findings"]]
    for f, g in zip(fast["findings"], slow["findings"]):
        assert {k: v for k, v in f.items() if k != "premises"} == \
               {k: v for k, v in g.items() if k != "premises"}, f["id"]
        assert _expanded(fast, f["premises"]) == set(g["premises"]), f["id"]
    assert len(fast["trace"]) == len(slow["trace"])
    for s, t in zip(fast["trace"], slow["trace"]):
        assert (s["rule"], s["conclusions"], s["parameters"]) == \
               (t["rule"], t["conclusions"], t["parameters"]), s["step"]
        assert _expanded(fast, s["premises"]) == set(t["premises"]), (s["step"], s["rule"])
        assert set(s["premises"]) - set(fast["lists"]) <= set(t["premises"]), s["step"]


def test_a_rule_that_reads_a_list_records_it_once_with_the_items_that_decided():
    """Crestline: BREACH-004 reads all three alerts; only AL-2047 was triaged late, so the
    breach rests on the list (with its size and digest) and on AL-2047 alone."""
    fast, slow = _both(ROOT / "examples" / "crestline-client-governance.yaml")
    triage = next(f for f in fast["findings"] if f["id"] == "breach.triage.provider")
    assert triage["holds"]
    items = [p for p in triage["premises"] if p.startswith("incident.alerts")]
    assert items == ["incident.alerts", "incident.alerts[AL-2047]"]
    assert fast["lists"]["incident.alerts"]["items"] == 3
    reference = next(f for f in slow["findings"] if f["id"] == "breach.triage.provider")
    assert {"incident.alerts[AL-2041]", "incident.alerts[AL-2052]"} <= set(reference["premises"])


def test_the_list_digest_changes_with_any_item():
    loaded, params = load_case(ROOT / "examples" / "crestline-client-governance.yaml"), \
        Parameters.load()
    base = build_result(loaded, engine().run_case(loaded.case, input_facts(loaded), params),
                        params)["lists"]
    raw = apply_set(loaded.raw, "incident.alerts[AL-2052].asset", "dispatch-02")
    changed = variant(loaded, raw)
    after = build_result(changed, engine().run_case(changed.case, input_facts(changed), params),
                         params)["lists"]
    assert after["incident.alerts"]["items"] == base["incident.alerts"]["items"]
    assert after["incident.alerts"]["sha256"] != base["incident.alerts"]["sha256"]
    assert after["audit.findings"] == base["audit.findings"]
