"""A breach the client kept from its insurer puts the cover at risk (issue 16); kept from
someone else, it does not touch the cover."""
from __future__ import annotations

from tests.claims.helpers import minimal, run

KEPT = {"id": "C-1", "by": "client", "kind": "withheld", "known_at": "2025-06-02T10:00:00",
        "disclosed_at": "never"}


def _insurance(concealed_from):
    raw = minimal()
    raw["incident"]["concealment"] = [{**KEPT, "concealed_from": concealed_from}]
    return run(raw)["derived"]["derived.claims.insurance"]["value"]


def test_kept_from_the_insurer_the_cover_is_at_risk():
    insurance = _insurance("insurer")
    assert insurance["cover_at_risk"] is True and insurance["concealed_from_insurer"] == ["C-1"]


def test_kept_from_a_regulator_the_cover_is_not_touched():
    insurance = _insurance("regulator")
    assert insurance["cover_at_risk"] is False and insurance["concealed_from_insurer"] == []
