"""docs/case-fields.md lists every field of the case model, as the model now stands."""
from __future__ import annotations

from facts.field_reference import PAGE, field_reference


def test_the_committed_field_reference_is_the_one_the_model_gives():
    assert PAGE.read_text(encoding="utf-8") == field_reference(), \
        "docs/case-fields.md is stale: run `python -m facts.field_reference`"


def test_nested_list_and_mapping_fields_have_rows_under_their_paths():
    page = PAGE.read_text(encoding="utf-8")
    for name in ("incident.harm.heads[].loss_type", "contract.shared_parts.DOMAIN.provider",
                 "audit.findings[].existed_since", "case.governing_law"):
        assert f"| `{name}` |" in page
