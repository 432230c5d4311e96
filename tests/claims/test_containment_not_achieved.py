"""A provider that declared the intrusion contained while the attacker stayed active (issue 16):
the declaration ends no causal window, and a claim of containment made before the later activity
is an inaccurate statement. Meridian's declared containment (05:10, 22 July) with the implant
still beaconing on 24 July."""
from __future__ import annotations

from pathlib import Path

import pytest

from facts.loader import read_raw
from tests.claims.helpers import pays, route, run
from tests.helpers import set_path

MERIDIAN = read_raw(Path(__file__).resolve().parents[2] / "examples" / "meridian-zero-day.yaml")
ACTIVE = "incident.timeline.active_after_containment"


def _meridian(later=None) -> dict:
    import copy
    raw = copy.deepcopy(MERIDIAN)
    if later:
        set_path(raw, ACTIVE, later)
    return raw


@pytest.fixture(scope="module")
def still_active():
    return run(_meridian("2025-07-24T10:00:00"))


@pytest.fixture(scope="module")
def contained():
    return run(_meridian())


def _root(result, root_id):
    return next(r for r in result["allocation_detail"]["roots"] if r["id"] == root_id)


def test_a_containment_not_achieved_leaves_the_provider_answerable(still_active):
    assert "provider" in still_active["allocation"]
    containment = _root(still_active, "provider:containment")
    assert containment["tranches"] and "changed nothing" not in containment["window"]["how"]
    assert pays(still_active, "contract")[1] != "0.00"
    statement = _root(still_active, "provider:statement:S-2")
    assert statement["tranches"] and statement["window"]["to"] is None


def test_the_claim_of_containment_opens_the_misstatement_route(still_active):
    misrep = route(still_active, "misrepresentation")
    assert misrep["available"] == "arguable"
    assert misrep["decided_by"] == "claims.inaccurate_statement.provider.S-2"
    assert pays(still_active, "misrepresentation")[1] != "0.00"


def test_a_containment_that_held_ends_the_windows(contained):
    assert "provider" not in contained["allocation"]
    assert not [r for r in contained["allocation_detail"]["roots"]
                if r["party"] == "provider" and r["tranches"]]
    assert route(contained, "misrepresentation")["available"] == "no"
    assert pays(contained, "contract") == ("0.00", "0.00")


def test_activity_before_the_statement_does_not_make_the_statement_untrue():
    # Active at 05:50, after the declaration but before S-2 (06:00) claimed containment: S-2
    # is not shown untrue when made on this ground.
    result = run(_meridian("2025-07-22T05:50:00"))
    found = {f["id"]: f["holds"] for f in result["findings"]}
    assert found["claims.inaccurate_statement.provider.S-2"] is False
