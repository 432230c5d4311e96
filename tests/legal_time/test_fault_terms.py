"""The fault regime's terms that move no figure are stated in words after the recovery
arithmetic: joint and several or several liability, whether the comparative-fault statute reaches
pure economic loss, and a contributory-negligence state's exception for gross negligence."""
from __future__ import annotations

from rules.legal_time import regime_for
from rules.legal_time.fault_terms import regime_terms
from tests.helpers import base_raw, finding, run


def test_north_carolina_states_its_gross_negligence_exception_and_whether_the_record_shows_it():
    regime = regime_for("US-NC")
    shown, not_shown = regime_terms(regime, True), regime_terms(regime, False)
    exception = [s for s in shown if "contributory negligence as a complete bar" in s]
    assert exception and "gross negligence" in exception[0] and "Yancey v. Lea" in exception[0]
    assert exception[0].endswith("the record makes an argument for it available.")
    assert any(s.endswith("no argument for it is shown on this record.") for s in not_shown)
    # a comparative-fault state has no such exception to state
    assert not any("complete bar" in s for s in regime_terms(regime_for("US-NY"), True))


def test_liability_and_the_reach_of_the_statute_are_stated_with_their_authority_or_its_absence():
    texas = " ".join(regime_terms(regime_for("US-TX")))
    assert "joint and several only for a defendant more than 50% responsible" in texas
    assert "§33.013(b)" in texas
    colorado = " ".join(regime_terms(regime_for("US-CO")))
    assert "several only" in colorado and "(not checked against an authority)" in colorado
    assert "reaches pure economic loss is unsettled" in colorado
    assert regime_terms(regime_for("JP")) == []          # no regime recorded: nothing to state


def test_the_terms_follow_the_arithmetic_in_the_steps_and_the_summary():
    raw = base_raw("harborview-missed-alerts")
    raw["case"]["governing_law"] = "US-NC"
    result = run(raw)
    steps = result["derived"]["derived.exposure.negligence"]["value"]["steps"]
    assert steps[-1].startswith("North Carolina keeps contributory negligence as a complete bar")
    assert "complete bar" in finding(result, "exposure.negligence.provider")["summary"]
