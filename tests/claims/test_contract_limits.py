"""Caps and carve-outs by governing law (issue 16): New York's public-policy override lifts a cap
for an established gross-negligence finding with no carve-out listed and gives a range for an
arguable one; elsewhere only listed carve-outs lift it; England adds a UCTA reasonableness flag."""
from __future__ import annotations

from decimal import Decimal

from tests.claims.helpers import harborview, harborview_heads, minimal, pays, route, run

NO_CARVE_OUTS = {"cap": 480000, "consequential_damages_excluded": True, "carve_outs": []}
# The harm as heads: the response costs (3.1M) consequential, the rest direct, the fine (1.5M)
# on the late-notice route: 12.7M of damages, 9.6M after the exclusion.
CLASSIFIED = harborview_heads()


def test_new_york_gives_a_range_for_arguable_gross_negligence_with_no_carve_out_listed():
    result = run(harborview(incident__harm=CLASSIFIED, contract__liability=NO_CARVE_OUTS))
    contract = route(result, "contract")
    assert contract["cap_status"] == "arguable"
    low, high = pays(result, "contract")
    assert low == "480000.00"
    # the override voids the exclusion as well as the cap: harm less the fines
    assert high == "12700000.00"
    assert "breach.gross_negligence_available.provider" in contract["rests_on"]


def test_new_york_lifts_the_cap_for_an_established_gross_negligence_finding():
    result = run(harborview(contract__liability=NO_CARVE_OUTS,
                            rulings={"gross_negligence": True}))
    assert route(result, "contract")["cap_status"] == "lifted"
    assert pays(result, "contract") == ("12700000.00", "12700000.00")


def test_a_ruling_against_gross_negligence_keeps_the_cap():
    result = run(harborview(incident__harm=CLASSIFIED, contract__liability=NO_CARVE_OUTS,
                            rulings={"gross_negligence": False}))
    assert pays(result, "contract") == ("480000.00", "480000.00")


def test_elsewhere_only_a_listed_carve_out_lifts_the_cap():
    unlisted = run(harborview(incident__harm=CLASSIFIED, case__governing_law="US-CO",
                              contract__liability=NO_CARVE_OUTS))
    assert pays(unlisted, "contract") == ("480000.00", "480000.00")
    listed = run(harborview(incident__harm=CLASSIFIED, case__governing_law="US-CO",
                            contract__liability={**NO_CARVE_OUTS,
                                                 "carve_outs": ["gross_negligence"]}))
    low, high = pays(listed, "contract")
    # a listed carve-out lifts the cap, not the exclusion of consequential loss
    assert (low, high) == ("480000.00", "9600000.00")
    assert any("not recorded" in f for f in route(listed, "contract")["flags"])


def test_texas_flags_the_fair_notice_requirements_and_keeps_the_clause_as_written():
    result = run(harborview(incident__harm=CLASSIFIED, case__governing_law="US-TX",
                            contract__liability=NO_CARVE_OUTS))
    assert pays(result, "contract") == ("480000.00", "480000.00")
    flags = " ".join(route(result, "contract")["flags"])
    assert "Dresser" in flags and "fair notice" in flags and "not recorded" not in flags


def test_california_voids_the_clause_against_established_wilful_misconduct_only():
    wilful = run(harborview(incident__harm=CLASSIFIED, case__governing_law="US-CA",
                            contract__liability=NO_CARVE_OUTS,
                            rulings={"willful_misconduct": True}))
    contract = route(wilful, "contract")
    assert contract["cap_status"] == "lifted" and "1668" in " ".join(contract["steps"])
    # § 1668 reaches wilful injury; an established gross negligence with no carve-out listed
    # leaves the clause standing (not applied here: see rules/data/limitation_clauses.yaml)
    gross = run(harborview(incident__harm=CLASSIFIED, case__governing_law="US-CA",
                           contract__liability=NO_CARVE_OUTS, rulings={"gross_negligence": True}))
    assert pays(gross, "contract") == ("480000.00", "480000.00")
    assert pays(wilful, "contract") == ("12700000.00", "12700000.00")


def test_english_law_construes_the_clause_and_flags_ucta():
    result = run(harborview(incident__harm=CLASSIFIED, case__governing_law="UK",
                            contract__liability=NO_CARVE_OUTS,
                            contract__clauses={"written_standard_terms": True}))
    contract = route(result, "contract")
    assert pays(result, "contract") == ("480000.00", "480000.00")
    flags = " ".join(contract["flags"])
    assert "s. 2(2)" in flags and "s. 3" in flags and "Photo Production" in flags


def test_a_concealed_known_breach_opens_the_wilful_misconduct_question():
    # the provider detected the breach on 5 March and said nothing until the FBI called
    raw = harborview(incident__timeline__provider_detection="2025-03-05T10:00:00",
                     contract__liability=NO_CARVE_OUTS)
    result = run(raw)
    question = next(f for f in result["findings"]
                if f["id"] == "claims.willful_misconduct_question.provider")
    assert question["holds"] and "did not tell the client in time" in question["summary"]
    assert "claims.willful_misconduct_question.provider" in route(result, "contract")["rests_on"]
    # without the concealment (the provider never knew) the question stays closed
    closed = run(harborview(incident__harm=CLASSIFIED, contract__liability=NO_CARVE_OUTS))
    assert not next(f for f in closed["findings"]
                if f["id"] == "claims.willful_misconduct_question.provider")["holds"]


def test_an_inaccurate_statement_without_knowledge_of_falsity_opens_no_fraud_route():
    result = run(harborview())
    inaccurate = next(f for f in result["findings"] if f["id"] == "claims.inaccurate_statement.provider.S-1")
    fraud = next(f for f in result["findings"] if f["id"] == "claims.fraud.provider.S-1")
    assert inaccurate["holds"]
    assert not fraud["holds"] and "knowledge of falsity" in fraud["summary"]


def test_contract_damages_are_not_reduced_by_comparative_fault_but_the_cap_binds():
    low = run(minimal())
    assert route(low, "contract")["cap_status"] == "applies"
    assert Decimal(pays(low, "contract")[1]) == Decimal(100000)


def test_a_route_with_nothing_before_the_clause_presents_no_limitation_question():
    # Harborview's status statement S-1 came after the harm it could have caused: the
    # misrepresentation route's figure is USD 0 before any clause, so neither the cap nor whether
    # the clause reaches tort claims can move it, and neither is put as a question.
    result = run(harborview())
    misrep = route(result, "misrepresentation")
    assert pays(result, "misrepresentation") == ("0.00", "0.00")
    assert (misrep["cap"], misrep["cap_status"]) == (None, "none")
    assert "contract.clauses.limitation_reaches_tort" not in misrep["rests_on"]
    assert not [s for s in misrep["steps"] if "cap" in s or "tort" in s], misrep["steps"]
    # Removing the premise (a figure above zero) brings the clause back: the contract route of
    # the same case still reads its cap.
    assert route(result, "contract")["cap"] == "480000"
