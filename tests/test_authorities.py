"""The table of authorities: every citation a user can see resolves to an entry of the table at a
pinpoint it records, with a verification status; rules carry no free citation text; nothing a
user sees sends them to the team's internal documents."""
from __future__ import annotations

import re
from datetime import date

import pytest

from rules.authorities import (INTERNAL_DOCUMENTS, Citation, UnknownAuthority, as_citations,
                               authority, check_citation, cite, contract_term, load_authorities,
                               modelling_choice, parse_data_cite)
from tests.conftest import ROOT

# Where a user can read what we wrote: rule sources (titles, principles, narratives, authorities),
# the legal data, the report templates and the documentation.
USER_VISIBLE = sorted([*(ROOT / "rules").rglob("*.py"), *(ROOT / "rules" / "data").rglob("*.yaml"),
                       *(ROOT / "reports").rglob("*.j2"), *(ROOT / "reports").rglob("*.py"),
                       *(ROOT / "docs").rglob("*.md"), ROOT / "README.md"])
SELF = ROOT / "rules" / "authorities.py"   # holds the pattern itself


def test_the_table_loads_with_unique_keys_and_a_status_for_every_entry():
    table = load_authorities()
    assert len(table) >= 100
    for key, entry in table.items():
        assert entry.key == key
        assert entry.verification.status in ("verified", "secondary-source", "unverified")
        if entry.verification.status != "unverified":
            assert entry.verification.checked >= date(2026, 12, 1), key
        assert entry.verification.against.strip(), key


def test_every_rule_cites_only_entries_and_pinpoints_of_the_table():
    from rules.catalogue import all_rules
    problems = [f"{spec.id}: {p}" for spec in all_rules() for c in spec.authorities
                for p in check_citation(c)]
    assert problems == []


def test_every_profile_regime_and_parameter_cites_only_the_table():
    from rules.legal_time import load_fault_regimes, load_profiles, regime_versions
    from rules.parameters import Parameters
    cites = [c for p in load_profiles().values() for c in p.authorities]
    cites += [c for p in load_profiles().values() for d in p.duties for c in d.authority]
    cites += [c for key in load_fault_regimes() for r in regime_versions(key) for c in r.cites()]
    cites += [f"{c.key} {c.pinpoint}".strip() for key in load_fault_regimes()
              for r in regime_versions(key) for group in r.field_citations.values() for c in group]
    assert len(cites) > 100
    problems = [p for text in cites for p in check_citation(parse_data_cite(text))]
    problems += [p for param in Parameters.load().entries() for c in param.authorities
                 for p in check_citation(c)]
    assert problems == []


def test_a_rule_with_free_citation_text_is_refused():
    with pytest.raises(TypeError, match="free citation text is not accepted"):
        as_citations("GDPR Art. 33(1)")
    with pytest.raises(TypeError):
        as_citations(["GDPR Art. 33(1)"])
    assert as_citations(cite("eu-gdpr", "Art. 33(1)")) == (Citation("authority", "eu-gdpr",
                                                                    "Art. 33(1)"),)


def test_an_unknown_key_or_an_unrecorded_pinpoint_is_reported():
    with pytest.raises(UnknownAuthority, match="did you mean 'eu-gdpr'"):
        authority("eu-gdrp")
    assert check_citation(cite("eu-gdpr", "Art. 99(9)"))[0].startswith(
        "eu-gdpr: pinpoint 'Art. 99(9)' is not recorded")
    assert check_citation(cite("no-such-key")) != []
    assert check_citation(modelling_choice("a principle stated in plain words")) == []


def test_citations_resolve_to_text_and_to_a_record_a_table_of_authorities_can_print():
    assert cite("us-hipaa-breach-rule", "164.404(b)").text() == "45 CFR 164.404(b)"
    assert cite("eu-gdpr", "Art. 33(1)").text() == "GDPR Art. 33(1)"
    assert cite("us-ny-clark-fitzpatrick", "389").text() == (
        "Clark-Fitzpatrick, Inc. v. Long Island R.R. Co., 70 N.Y.2d 382, 389 (1987)")
    resolved = cite("ca-pipeda", "s. 10.1(1)").resolved()
    assert resolved["status"] == "verified" and resolved["url"].startswith("https://laws-lois")
    assert resolved["citation"].startswith("Personal Information Protection and Electronic")
    # a pinpoint's own verification overrides the entry's
    assert cite("us-hipaa-breach-rule", "164.402").resolved()["status"] == "unverified"
    assert contract_term("the SLA's detection window").text() == (
        "the parties' contract: the SLA's detection window")
    assert parse_data_cite("us-fl-501-171 (6)") == cite("us-fl-501-171", "(6)")


def test_the_review_corrections_are_in_the_rules():
    """Restatement (Second) §§323/324A are limited to physical harm: the duty rules cite the
    Restatement (Third) of Torts: Liability for Economic Harm and, for England, Hedley Byrne and
    Henderson v Merrett; PIPEDA's report to the Commissioner is s. 10.1(1)-(2); DORA's time limits
    are in Delegated Regulation (EU) 2025/301 Art. 5."""
    from rules.catalogue import get_rule
    from rules.legal_time import get_profile
    for rule_id in ("DUTY-001", "DUTY-007"):
        keys = {c.key for c in get_rule(rule_id).authorities}
        assert "restatement-3d-economic-harm" in keys and "uk-henderson-v-merrett" in keys
        assert "restatement-2d-torts" not in keys
    assert "uk-hedley-byrne" in {c.key for c in get_rule("DUTY-001").authorities}
    commissioner = get_profile("ca-pipeda").duty("commissioner")
    assert commissioner.authority == ["ca-pipeda s. 10.1(1)", "ca-pipeda s. 10.1(2)"]
    assert "eu-dora-rts-2025-301 Art. 5" in get_profile("eu-dora").duty(
        "initial-notification-outer-limit").authority


def test_rules_show_and_the_result_give_each_rule_its_authorities_resolved():
    import json

    from click.testing import CliRunner

    from cli import cli
    shown = json.loads(CliRunner().invoke(cli, ["rules", "show", "CAUS-006", "--format",
                                                "json"]).output)
    assert shown["authorities"] == [cite("restatement-2d-torts", "§449").resolved()]
    from engine.analyze import analyze
    from facts.loader import load_case
    result = analyze(load_case(ROOT / "examples" / "harborview-missed-alerts.yaml"))
    finding = next(f for f in result["findings"] if f["rule"] == "CAUS-006")
    assert finding["authorities"][0]["cite"] == "Restatement (Second) of Torts §449"
    table = result["authorities"]
    assert "§449" in table["restatement-2d-torts"]["pinpoints"]
    assert finding["id"] in table["restatement-2d-torts"]["pinpoints"]["§449"]["findings"]
    # a notice finding carries the statute it applied, resolved from the table
    notice = next(f for f in result["findings"] if f["id"] == "disclosure.statutory.client")
    assert any(a.get("cite") == "45 CFR 164.404(b)" for a in notice["authorities"])


@pytest.mark.parametrize("path", USER_VISIBLE, ids=lambda p: str(p.relative_to(ROOT)))
def test_nothing_a_user_sees_cites_internal_documents(path):
    if path == SELF:
        return
    hits = [f"{n}: {line.strip()}" for n, line in
            enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if INTERNAL_DOCUMENTS.search(line)]
    assert hits == [], f"{path.relative_to(ROOT)} mentions internal documents: {hits}"


def test_the_internal_document_pattern_catches_what_it_must():
    for text in ("see DOMAIN.md §5", "the article's tiered model", "per the primer"):
        assert INTERNAL_DOCUMENTS.search(text), text
    assert not INTERNAL_DOCUMENTS.search("GDPR Art. 33(1) and Article 34")


def test_rule_sources_hold_no_free_citation_strings():
    """A citation in a rule module is written with cite(); a free string that looks like one
    (a section sign, a CFR or U.S.C. cite, a reporter) outside the principle and narratives would
    bypass the table."""
    pattern = re.compile(r'authority\s*=\s*["f]')
    offending = [f"{p.relative_to(ROOT)}:{n}" for p in sorted((ROOT / "rules").glob("*.py"))
                 for n, line in enumerate(p.read_text("utf-8").splitlines(), 1)
                 if pattern.search(line)]
    assert offending == []
