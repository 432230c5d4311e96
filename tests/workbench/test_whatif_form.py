"""engine/whatif_form.py: the facts a form offers, and its answers as a what-if scenario."""
from __future__ import annotations

import json

import cli
from engine.whatif import load_scenario_case, outcome
from engine.whatif_form import (
    NEITHER,
    answers_scenario,
    change_answers,
    form_fields,
    overlay_of,
)
from rules.parameters import Parameters
from tests.workbench.conftest import HARBORVIEW, run_cli


def _case():
    return cli.load_case(str(HARBORVIEW))


def test_every_disputed_fact_is_a_choice_between_the_versions_with_their_exhibits():
    loaded = _case()
    fields = form_fields(loaded)
    versions = [f for f in fields if f.kind == "version"]
    assert [f.path for f in versions] == sorted(loaded.notes.disputes)
    assert fields[:len(versions)] == versions                  # disputed facts come first
    mfa = next(f for f in versions if f.path == "client_governance.mfa.remote_access")
    assert [o[0] for o in mfa.options] == [NEITHER, "client", "provider"]
    assert mfa.options[2][2].startswith("Exhibit 43")
    assert "no" in mfa.options[2][1] and mfa.base == NEITHER


def test_booleans_are_switches_and_times_durations_and_amounts_are_inputs():
    fields = {f.path: f for f in form_fields(_case())}
    assert fields["client_governance.credentials.vendor_accounts_reviewed"].kind == "switch"
    assert fields["incident.alerts[AL-1007].at"].kind == "time"
    assert fields["incident.alerts[AL-1007].escalated_at"].base == ""   # not recorded: still offered
    assert fields["contract.sla.detection"].kind == "duration"
    assert fields["incident.harm.total"].kind == "amount"
    assert not any(p.endswith((".id", ".name")) for p in fields)


def test_answers_equal_to_the_case_change_nothing_and_a_changed_answer_is_one_assignment():
    loaded = _case()
    fields = form_fields(loaded)
    same = {f.path: f.base for f in fields}
    scenario, errors = answers_scenario(loaded, fields, same)
    assert scenario.sets == [] and errors == {}
    scenario, errors = answers_scenario(loaded, fields, {
        **same, "client_governance.credentials.vendor_accounts_reviewed": "yes",
        "client_governance.mfa.remote_access": "provider"})
    assert sorted(scenario.sets) == [("client_governance.credentials.vendor_accounts_reviewed", True),
                                     ("client_governance.mfa.remote_access", False)]


def test_an_answer_that_is_not_one_of_the_choices_is_an_error_of_its_field():
    loaded = _case()
    fields = form_fields(loaded)
    _, errors = answers_scenario(loaded, fields, {"client_governance.credentials.vendor_accounts_reviewed": "maybe",
                                                  "client_governance.mfa.remote_access": "judge"})
    assert set(errors) == {"client_governance.credentials.vendor_accounts_reviewed",
                           "client_governance.mfa.remote_access"}


def test_each_sensitivity_change_as_an_answer_gives_the_share_the_sweep_gives():
    loaded = _case()
    fields = form_fields(loaded)
    answers = change_answers(loaded, {f.path: f for f in fields})
    report = json.loads(run_cli("sensitivity", str(HARBORVIEW), "--format", "json").stdout)
    params = Parameters.load()
    checked = 0
    for p in report["perturbations"][:400]:
        if "invalid" in p or (p["path"], p["change"]) not in answers:
            continue
        if p["path"] in loaded.notes.disputes:
            continue     # a version answer settles the dispute on the case file (covered below)
        scenario, errors = answers_scenario(loaded, fields, {p["path"]: answers[(p["path"], p["change"])]})
        assert not errors
        shares = outcome(load_scenario_case(loaded, scenario), params)["allocation"]
        assert shares.get("provider") == p["provider_share"], p
        checked += 1
        if checked == 12:
            break
    assert checked == 12


def test_an_overlay_of_a_list_without_ids_writes_the_list_whole(tmp_path):
    import yaml
    loaded = _case()
    fields = form_fields(loaded)
    scenario, _ = answers_scenario(loaded, fields, {"incident.harm.accrual[0].at":
                                                    "2025-03-03T05:00:00"})
    overlay = overlay_of(scenario.apply(loaded.raw), scenario.sets)
    accrual = overlay["incident"]["harm"]["accrual"]
    assert len(accrual) == len(loaded.raw["incident"]["harm"]["accrual"])
    path = tmp_path / "o.yaml"
    path.write_text(yaml.safe_dump(overlay))
    out = json.loads(run_cli("whatif", str(HARBORVIEW), "--scenario", str(path),
                             "--format", "json").stdout)
    expected = outcome(load_scenario_case(loaded, scenario), Parameters.load())["allocation"]
    assert out["scenarios"][1]["allocation"] == expected
