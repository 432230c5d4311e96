"""decisive_unknowns on a long case: one item per group of a long list is tried for the others,
and the runs stop at the stated work bound; both are named for every fact they leave out."""
from __future__ import annotations

from tests.unknown.test_decisive_unknowns import minimal, result_of

ALERTS = 30   # more than engine/sample.py's LONG_LIST


def long_case() -> dict:
    raw = minimal()
    alert = raw["incident"]["alerts"][0]
    raw["incident"]["alerts"] = [dict(alert, id=f"AL-{k}", acknowledged_at="unknown")
                                 for k in range(1, ALERTS + 1)]
    return raw


def test_copies_of_one_alert_are_tried_once_for_their_group():
    report = result_of(long_case())["decisive_unknowns"]
    facts = [f"incident.alerts[AL-{k}].acknowledged_at" for k in range(1, ALERTS + 1)]
    tried = {d["fact"] for d in report["decisive"]} | set(report["no_effect"])
    skipped = {s["fact"]: s["why"] for s in report["method"]["not_evaluated"]}
    assert len(tried & set(facts)) == 1
    (representative,) = tried & set(facts)
    for fact in set(facts) - {representative}:
        assert "incident.alerts" in skipped[fact] and "group" in skipped[fact], fact
    # the one tried still decides: a never-acknowledged alert makes the triage breach
    entry = next(d for d in report["decisive"] if d["fact"] == representative)
    assert "breach.triage.provider" in entry["findings_changed"]


def test_the_runs_stop_at_the_work_bound(monkeypatch):
    from engine import unknowns
    raw = minimal()
    raw["client_governance"]["mfa"]["remote_access"] = "unknown"
    raw["incident"]["alerts"][0]["acknowledged_at"] = "unknown"
    free = result_of(raw)["decisive_unknowns"]
    assert free["method"]["evaluated"] >= 2
    monkeypatch.setattr(unknowns, "MAX_WORK", 1)    # below one run of any case
    bounded = result_of(raw)["decisive_unknowns"]
    assert bounded["method"]["runs"] == 0 and bounded["decisive"] == []
    why = {s["fact"]: s["why"] for s in bounded["method"]["not_evaluated"]}
    assert why["client_governance.mfa.remote_access"].startswith("beyond the work bound")
    assert bounded["method"]["max_work"] == 1
