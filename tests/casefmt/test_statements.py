"""Statements by anyone: falsity judged claim by claim against the record, the speaker's knowledge
(known_false_at, corrected_at), and the listener's reliance (relied_on, reliance_action,
relied_at). Each field fires its finding and falls silent without it."""
from __future__ import annotations

from tests.casefmt.support import base_raw, finding, one_line_error, run, statement, summary

HV = "harborview-missed-alerts"      # S-1: 'contained' at 03-12 15:00; containment 19:30
MD = "meridian-zero-day"             # S-2: scope fin-app-02,dc-01,erp-01; ot-historian-01 too


def _hv(**fields) -> dict:
    raw = base_raw(HV)
    statement(raw, "S-1").update(fields)
    return raw


def test_a_containment_claim_before_containment_is_false():
    result = run(_hv())
    assert finding(result, "statement.false.provider.S-1")["holds"]
    assert "containment came only at" in summary(result, "statement.false.provider.S-1")
    early = _hv(at="2025-03-12T20:00:00-05:00")
    assert not finding(run(early), "statement.false.provider.S-1")["holds"]


def test_a_scope_claim_is_false_when_other_assets_were_compromised():
    raw = base_raw(MD)
    assert finding(run(raw), "statement.false.provider.S-2")["holds"]
    raw["incident"]["affected_assets"] = ["fin-app-02", "dc-01", "erp-01"]
    assert not finding(run(raw), "statement.false.provider.S-2")["holds"]


def test_data_categories_claim_against_the_categories_reached():
    raw = base_raw(MD)
    statement(raw, "S-1")["claims_data_categories"] = ["names", "email"]
    unknown = finding(run(raw), "statement.false.provider.S-1")
    assert not unknown["holds"] and "incident.data_categories" in unknown["unknowns"]
    raw["incident"]["data_categories"] = ["names", "email", "bank accounts"]
    result = run(raw)
    assert finding(result, "statement.false.provider.S-1")["holds"]
    assert "bank accounts" in summary(result, "statement.false.provider.S-1")
    raw["incident"]["data_categories"] = ["Names", "email"]
    assert not finding(run(raw), "statement.false.provider.S-1")["holds"]


def test_cause_claim_against_the_vector():
    raw = base_raw(MD)
    statement(raw, "S-1")["claims_cause"] = "phishing"
    result = run(raw)
    assert finding(result, "statement.false.provider.S-1")["holds"]
    assert "supply chain" in summary(result, "statement.false.provider.S-1")
    statement(raw, "S-1")["claims_cause"] = "supply_chain"
    assert not finding(run(raw), "statement.false.provider.S-1")["holds"]


def test_what_was_said_and_to_whom_reach_the_finding():
    result = run(_hv(what="The incident is contained.", to="regulator"))
    text = summary(result, "statement.false.provider.S-1")
    assert "The incident is contained." in text and "to regulator" in text


def test_knowledge_when_made():
    knew = run(_hv(known_false_at="2025-03-12T14:00:00-05:00"))
    assert finding(knew, "statement.known_false.provider.S-1")["holds"]
    assert "when it made it" in summary(knew, "statement.known_false.provider.S-1")
    never = run(_hv(known_false_at="never"))
    assert not finding(never, "statement.known_false.provider.S-1")["holds"]
    left_out = finding(run(_hv()), "statement.known_false.provider.S-1")
    assert not left_out["holds"]
    assert left_out["unknowns"] == ["incident.statements[S-1].known_false_at"]


def test_knowledge_learned_later_turns_on_the_correction():
    later = "2025-03-12T16:00:00-05:00"
    kept = run(_hv(known_false_at=later, corrected_at="2025-03-12T18:00:00-05:00"))
    assert finding(kept, "statement.known_false.provider.S-1")["holds"]
    assert "left it standing" in summary(kept, "statement.known_false.provider.S-1")
    prompt = run(_hv(known_false_at=later, corrected_at=later))
    assert not finding(prompt, "statement.known_false.provider.S-1")["holds"]
    unknown = finding(run(_hv(known_false_at=later)), "statement.known_false.provider.S-1")
    assert unknown["unknowns"] == ["incident.statements[S-1].corrected_at"]


def test_reliance_on_an_uncorrected_false_statement():
    relied = run(_hv(relied_on=True, corrected_at="never",
                     reliance_action="stood down the overnight response team"))
    assert finding(relied, "statement.reliance.provider.S-1")["holds"]
    assert "stood down" in summary(relied, "statement.reliance.provider.S-1")
    assert not finding(run(_hv(relied_on=False, corrected_at="never")),
                       "statement.reliance.provider.S-1")["holds"]
    left_out = finding(run(_hv(corrected_at="never")), "statement.reliance.provider.S-1")
    assert left_out["unknowns"] == ["incident.statements[S-1].relied_on"]


def test_reliance_counts_only_before_the_correction():
    corrected = "2025-03-12T17:00:00-05:00"
    before = run(_hv(relied_on=True, corrected_at=corrected, relied_at="2025-03-12T16:00:00-05:00"))
    assert finding(before, "statement.reliance.provider.S-1")["holds"]
    after = run(_hv(relied_on=True, corrected_at=corrected, relied_at="2025-03-12T18:00:00-05:00"))
    assert not finding(after, "statement.reliance.provider.S-1")["holds"]
    unknown = finding(run(_hv(relied_on=True, corrected_at=corrected)),
                      "statement.reliance.provider.S-1")
    assert unknown["unknowns"] == ["incident.statements[S-1].relied_at"]


def test_reliance_on_a_true_statement_is_no_reliance_finding():
    result = run(_hv(at="2025-03-12T20:00:00-05:00", relied_on=True, corrected_at="never"))
    assert not finding(result, "statement.reliance.provider.S-1")["holds"]


def test_any_party_may_speak_and_the_finding_is_theirs():
    raw = base_raw(MD)
    raw["incident"]["statements"].append(
        {"id": "S-9", "by": "vendor:ledgerline", "at": "2025-07-23T09:00:00-06:00",
         "to": "public", "claims_cause": "zero_day", "what": "A novel flaw, not our build."})
    result = run(raw)
    assert finding(result, "statement.false.vendor:ledgerline.S-9")["holds"]
    raw["incident"]["statements"].append(
        {"id": "S-10", "by": "client", "at": "2025-07-23T09:00:00-06:00", "to": "regulator",
         "claims_contained": True})
    assert not finding(run(raw), "statement.false.client.S-10")["holds"]  # contained by then


def test_statements_move_no_share():
    raw = base_raw(HV)
    before = run(raw)["allocation"]
    statement(raw, "S-1").update(known_false_at="2025-03-12T14:00:00-05:00", relied_on=True,
                                 corrected_at="never")
    assert run(raw)["allocation"] == before


def test_bad_statement_values_are_one_line_errors(tmp_path):
    raw = base_raw(MD)
    raw["incident"]["statements"].append({"id": "S-9", "by": "vendor:nobody", "at":
                                          "2025-07-23T09:00:00-06:00", "to": "public"})
    one_line_error(raw, tmp_path, "incident.statements[S-9].by", "not a party")
    raw = base_raw(MD)
    statement(raw, "S-2")["about"] = ["cause"]
    one_line_error(raw, tmp_path, "incident.statements[S-2].about", "containment")
    raw = base_raw(MD)
    statement(raw, "S-2")["corrected_at"] = "2025-07-22T05:00:00-06:00"
    one_line_error(raw, tmp_path, "incident.statements[S-2].corrected_at", "before")
    raw = base_raw(MD)
    statement(raw, "S-2")["claims_cause"] = "gremlins"
    one_line_error(raw, tmp_path, "incident.statements[S-2].claims_cause", "expected one of")
    raw = base_raw(MD)
    statement(raw, "S-2")["relied_on"] = "yes"
    one_line_error(raw, tmp_path, "incident.statements[S-2].relied_on", "true or false")
    raw = base_raw(MD)
    statement(raw, "S-2").update(relied_on=False, reliance_action="paused the rebuild")
    one_line_error(raw, tmp_path, "incident.statements[S-2].reliance_action")
