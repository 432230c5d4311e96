"""The client's own fault in contract (issue 16): English law apportions contract damages where
the duty broken is a contractual duty of care the same as one in tort (Vesta v Butcher; Law Reform
(Contributory Negligence) Act 1945 s. 1(1)), which is for the court, so the reduction is the low
end of a range; elsewhere contract damages are not reduced for comparative fault. The minimal
case: 1,000,000 of harm after the alert's counterfactual point, no cap, client 40% responsible."""
from __future__ import annotations

import pytest

from tests.claims.helpers import client_share, minimal, pays, route, run


def _case(law, **changes):
    return minimal(case__governing_law=law, contract__liability={}, **changes)


def test_english_law_gives_the_apportioned_figure_as_the_low_end():
    result = run(_case("UK"), client_share(2.0))
    assert result["allocation"]["client"] == "0.4000"
    assert pays(result, "contract") == ("600000.00", "1000000.00")
    steps = " ".join(route(result, "contract")["steps"])
    assert "Vesta" in steps and "40.00%" in steps
    assert "derived.allocation" in route(result, "contract")["rests_on"]


@pytest.mark.parametrize("law", ["US-NY", "US-TX"])
def test_elsewhere_the_clients_fault_does_not_reduce_contract_damages(law):
    result = run(_case(law), client_share(2.0))
    assert pays(result, "contract") == ("1000000.00", "1000000.00")
    assert "does not reduce them" in " ".join(route(result, "contract")["steps"])


def test_without_client_fault_english_law_reduces_nothing():
    result = run(_case("UK", client_governance__mfa={"remote_access": True, "privileged": True}))
    assert "client" not in result["allocation"]
    assert pays(result, "contract") == ("1000000.00", "1000000.00")
    assert "Vesta" not in " ".join(route(result, "contract")["steps"])
