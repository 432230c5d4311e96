"""The doctrinal sections (rules/data/doctrine.yaml): every element a rule can conclude has its
section by listing or by area, the sections run in the law's order, and their authorities are
entries of the table at recorded pinpoints."""
from __future__ import annotations

from rules.authorities import check_citation
from rules.catalogue import all_rules
from rules.doctrine import glossary, section_of, sections


def test_sections_run_in_doctrinal_order():
    assert [s.key for s in sections()] == [
        "duty", "breach", "statutory_notice", "causation_in_fact", "proximate_cause", "damages",
        "comparative_fault", "contractual_limits", "allocation", "claims", "remedies"]
    assert all(s.test and s.title for s in sections())


def test_every_element_a_rule_concludes_has_a_section_by_listing_or_area():
    placed = {e for s in sections() for e in s.elements}
    areas = {a for s in sections() for a in s.areas}
    for spec in all_rules():
        if spec.concludes.startswith("derived."):
            continue
        element = spec.concludes
        assert element in placed or element.split(".")[0] in areas, (spec.id, element)


def test_elements_land_where_the_law_takes_them():
    assert section_of("duty.monitoring") == "duty"
    assert section_of("breach.triage") == "breach"
    assert section_of("care.validation") == "breach"      # evidence of care
    assert section_of("disclosure.client") == "breach"          # the contract's notice to the client
    assert section_of("disclosure.individuals") == "statutory_notice"
    assert section_of("causation.in_fact") == "causation_in_fact"
    assert section_of("causation.proximate") == "proximate_cause"
    assert section_of("governance.mfa") == "comparative_fault"
    assert section_of("causation.concurrent") == "comparative_fault"
    assert section_of("duty.scope_defence") == "contractual_limits"
    assert section_of("breach.gross_negligence_available") == "contractual_limits"
    assert section_of("exposure.contract") == "remedies"


def test_section_authorities_resolve_to_the_table():
    problems = [f"{s.key}: {p}" for s in sections() for cites in s.authorities.values()
                for c in cites for p in check_citation(c)]
    assert problems == []


def test_the_governing_law_picks_its_own_then_its_countrys_authorities():
    fault = next(s for s in sections() if s.key == "comparative_fault")
    ny = [c.key for c in fault.citations("US-NY")]
    assert ny == ["us-ny-cplr-1411", "restatement-3d-apportionment"]
    assert [c.key for c in fault.citations("UK")] == ["uk-lrcna-1945"]


def test_glossary_terms_are_defined_once():
    terms = [t.term for t in glossary()]
    assert len(terms) == len(set(terms)) and all(t.means for t in glossary())
