"""The rule catalogue: complete metadata for every rule, and docs/rules.md regenerated."""
from __future__ import annotations

import re
from pathlib import Path

from reports.catalogue_data import rule_catalogue
from reports.listings import rules_markdown
from rules.catalogue import all_rules
from rules.parameters import Parameters
from rules.version import rulebase_version

ROOT = Path(__file__).resolve().parents[2]


def test_docs_rules_md_is_current():
    expected = rules_markdown(rule_catalogue(), rulebase_version().split("+")[0])
    current = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert current == expected, ("docs/rules.md is stale: run "
                                 "`python cli.py rules list --format md -o docs/rules.md`")


def test_every_rule_has_its_legal_metadata():
    rules = all_rules()
    assert len(rules) >= 60
    for spec in rules:
        assert re.fullmatch(r"[A-Z]+-\d{3}", spec.id), spec.id
        for field in ("title", "authority", "principle", "narrative", "narrative_not"):
            assert getattr(spec, field).strip(), f"{spec.id}: empty {field}"
        assert "[verify]" not in spec.authority or "status" in spec.authority, spec.id


def test_elements_doc_names_every_concluded_element():
    text = (ROOT / "docs" / "elements.md").read_text(encoding="utf-8")
    for spec in all_rules():
        if spec.concludes.startswith(("derived.", "proof.")):
            continue
        assert f"`{spec.concludes}." in text, f"docs/elements.md lacks {spec.concludes}"


def test_parameters_the_new_rules_use_exist_with_sources():
    params = {p.key: p for p in Parameters.load().entries()}
    for key in ("standard.detection_window", "standard.log_review_window.pci",
                "threshold.detection_content_update_days", "threshold.detection_content_age_days",
                "threshold.gross_negligence_severities", "threshold.recommendation_response_days",
                "pathway.negotiation_max_minority_share"):
        assert params[key].description and params[key].source, key
