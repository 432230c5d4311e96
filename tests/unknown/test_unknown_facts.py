"""Unknown is a value: how a case file writes it, how a rule reads it, what a finding says.

docs/architecture.md ("Unknown facts") describes the mechanism these tests pin down.
"""
from __future__ import annotations

import copy

import pytest

from engine.context import Firing, NotShown, Record, RuleContext
from engine.replay import Replayer
from engine.runner import engine
from facts.errors import FaultlineInputError
from facts.flatten import input_facts
from facts.loader import build_case
from facts.unknown import UNKNOWN, UnknownUsedAsTruth
from rules.base import REGISTRY
from rules.parameters import Parameters
from tests.helpers import base_raw, finding, run


def test_a_fact_written_unknown_leaves_its_element_not_shown_and_says_which_fact_in_words():
    raw = base_raw("crestline-client-governance")   # MFA was missing on the VPN: GOV-001 holds
    assert finding(run(raw), "governance.mfa.client")["holds"]
    raw["client_governance"]["mfa"]["remote_access"] = "unknown"
    f = finding(run(raw), "governance.mfa.client")
    assert f["holds"] is False and f["rule"] == "GOV-001"
    assert f["summary"] == "Not shown: whether MFA protected remote access is unknown."
    assert f["unknowns"] == ["client_governance.mfa.remote_access"]
    assert [c["unknown"] for c in f["checks"] if "unknown" in c] == \
        ["client_governance.mfa.remote_access"]


def test_unknown_with_a_source_is_listed_with_the_exhibit_that_says_so():
    raw = base_raw("crestline-client-governance")
    raw["client_governance"]["mfa"]["remote_access"] = {
        "value": "unknown", "source": "Exhibit 24: export shows no MFA policy either way"}
    result = run(raw)
    listed = {u["id"]: u for u in result["unknowns"]}
    entry = listed["client_governance.mfa.remote_access"]
    assert entry["label"] == "whether MFA protected remote access"
    assert entry["source"].startswith("Exhibit 24")
    assert "not known" in entry["why"]
    assert result["facts"]["client_governance.mfa.remote_access"]["unknown"] is True


def test_a_disputed_fact_may_have_unknown_as_one_version():
    raw = base_raw("crestline-client-governance")
    raw["client_governance"]["mfa"]["remote_access"] = {
        "disputed": {"client": "unknown", "provider": False},
        "sources": {"client": "Ex. 1", "provider": "Ex. 2"}}
    as_client = run_choice(raw, {"client_governance.mfa.remote_access": "client"})
    as_provider = run_choice(raw, {"client_governance.mfa.remote_access": "provider"})
    assert not finding(as_client, "governance.mfa.client")["holds"]
    assert finding(as_client, "governance.mfa.client")["unknowns"]
    assert finding(as_provider, "governance.mfa.client")["holds"]


def run_choice(raw: dict, choice: dict) -> dict:
    from engine.analyze import analyze
    return analyze(build_case(raw, "test-case.yaml", choice), ranges=False)


def test_never_is_an_established_fact_and_differs_from_unknown():
    raw = base_raw()   # Harborview, with every alert triaged in time
    alerts = raw["incident"]["alerts"]
    for alert, ack in zip(alerts, ("2025-03-03T03:00:00", "2025-03-04T23:20:00",
                                   "2025-03-08T03:30:00")):
        alert["acknowledged_at"] = ack
    assert not finding(run(raw), "breach.triage.provider")["holds"]
    never = copy.deepcopy(raw)
    never["incident"]["alerts"][1]["acknowledged_at"] = "never"
    late = finding(run(never), "breach.triage.provider")
    assert late["holds"], late["summary"]
    unknown = copy.deepcopy(raw)
    unknown["incident"]["alerts"][1]["acknowledged_at"] = "unknown"
    f = finding(run(unknown), "breach.triage.provider")
    assert not f["holds"]
    assert "when alert AL-1012 was acknowledged" in f["summary"]


def test_a_measurement_stopped_by_an_unknown_closes_the_elements_it_feeds_naming_the_unknown():
    raw = base_raw("meridian-zero-day")
    raw["contract"]["sla"]["clock_starts"] = "first_indicator"
    raw["incident"]["timeline"]["first_indicator"] = "unknown"
    result = run(raw)
    assert "derived.sla_clock_start" in result["undetermined"]
    f = finding(result, "breach.detection.provider")
    assert f["rule"] == "PROOF-001" and not f["holds"]
    assert f["summary"] == ("Not shown: when the first indicator of compromise appeared is "
                            "unknown.")


def test_a_field_that_names_something_cannot_be_unknown():
    raw = base_raw("meridian-zero-day")
    raw["parties"]["client"]["name"] = "unknown"
    with pytest.raises(FaultlineInputError) as err:
        build_case(raw, "case.yaml")
    assert err.value.one_line().startswith("error: case.yaml: parties.client.name: cannot be "
                                           "unknown")


def test_unknown_refuses_to_be_a_truth_value_or_to_be_ordered():
    with pytest.raises(UnknownUsedAsTruth):
        bool(UNKNOWN)
    with pytest.raises(TypeError):
        _ = UNKNOWN < 1
    assert copy.deepcopy({"a": UNKNOWN})["a"] is UNKNOWN
    assert str(UNKNOWN) == "unknown"


def test_a_record_stops_the_rule_on_an_unknown_field_unless_asked_with_known():
    item = Record({"id": "AL-1", "acknowledged_at": UNKNOWN, "at": 1}, "incident.alerts[AL-1]")
    assert item["at"] == 1 and item.get("missing", 5) == 5
    with pytest.raises(NotShown) as signal:
        item.get("acknowledged_at")
    assert signal.value.fact_ids == ("incident.alerts[AL-1].acknowledged_at",)
    with pytest.raises(NotShown):
        item["acknowledged_at"]
    assert item.known("acknowledged_at") is UNKNOWN
    assert item.unknown_fields() == ["incident.alerts[AL-1].acknowledged_at"]


def test_the_context_records_an_unknown_read_as_a_premise_before_it_stops_the_rule():
    class Memory:
        values = {"x.flag": UNKNOWN, "x.other": True}
    spec = REGISTRY["GOV-001"]
    firing = Firing(spec)
    c = RuleContext(Memory(), spec, firing, Parameters.load())
    assert c.known("x.flag") is UNKNOWN
    with pytest.raises(NotShown):
        c.get("x.flag")
    assert c.get("x.absent", "default") == "default"
    assert firing.premises == {"x.flag"} and firing.absent == {"x.absent"}


@pytest.mark.parametrize("path, value", [
    ("client_governance.mfa.remote_access", True),
    ("incident.alerts[AL-2041].acknowledged_at", "2024-10-14T01:25:00"),
])
def test_replay_of_an_unknown_established_gives_the_engines_own_run(path, value):
    """A run with a fact unknown, replayed with the fact established, equals the engine's run."""
    from facts.overlay import apply_set
    raw = base_raw("crestline-client-governance")
    unknown = build_case(apply_set(raw, path, "unknown"), "u.yaml")
    known = build_case(apply_set(raw, path, value), "k.yaml")
    params = Parameters.load()
    base = engine().run_case(unknown.case, input_facts(unknown), params)
    replayed = Replayer(base).run(known.case, input_facts(known), params)
    full = engine().run_case(known.case, input_facts(known), params)
    assert replayed is not None
    assert [(f["id"], f["holds"], f["summary"]) for f in replayed.findings] == \
        [(f["id"], f["holds"], f["summary"]) for f in full.findings]
    assert replayed.derived.get("derived.allocation") == full.derived.get("derived.allocation")


def test_every_model_field_has_a_label_and_a_description():
    from pydantic import BaseModel

    from facts.labels import unwrap
    from facts.model import Case
    import typing
    missing, seen, todo = [], set(), [Case]
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, info in model.model_fields.items():
            extra = info.json_schema_extra or {}
            if not extra.get("label") or not info.description:
                missing.append(f"{model.__name__}.{name}")
            inner = unwrap(info.annotation)
            for arg in (inner, *typing.get_args(inner)):
                arg = unwrap(arg)
                if isinstance(arg, type) and issubclass(arg, BaseModel):
                    todo.append(arg)
    assert not missing, missing
