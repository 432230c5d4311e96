"""The attacker as a responsible third party (issue 15): Texas compares a criminal non-party's
fault with the parties' once it is designated (Tex. Civ. Prac. & Rem. Code § 33.004(j) for an
unknown criminal). Designated: the attacker carries a share and the parties' shares fall, in the
same ratio; not designated: no share, and the result with it counted is stated; a regime that
does not compare it gives no both-ways figure."""
from __future__ import annotations

from decimal import Decimal

import pytest

from tests.claims.helpers import minimal, run


@pytest.fixture(scope="module")
def texas():
    return {designated: run(minimal(case__governing_law="US-TX",
                                    rulings={"attacker_designated": designated}))
            for designated in (True, None)}


def test_a_designated_attacker_carries_a_share_and_the_parties_keep_their_ratio(texas):
    counted, plain = texas[True]["allocation"], texas[None]["allocation"]
    assert "attacker" not in plain and Decimal(counted["attacker"]) > 0
    assert sum(Decimal(v) for v in counted.values()) == 1
    ratio = Decimal(plain["provider"]) / Decimal(plain["client"])
    assert abs(Decimal(counted["provider"]) / Decimal(counted["client"]) - ratio) < Decimal("0.01")
    assert texas[True]["allocation_detail"]["attacker"]["both_ways"]["counted"] is True


def test_without_a_designation_the_attacker_carries_none_and_the_other_result_is_stated(texas):
    detail = texas[None]["allocation_detail"]
    both = detail["attacker"]["both_ways"]
    assert both["counted"] is False and Decimal(both["shares_with"]["attacker"]) > 0
    assert any("With the attacker counted" in s and "33.004(j)" in s
               for s in detail["not_counted"])


def test_a_regime_that_does_not_compare_the_attacker_shows_no_both_ways():
    result = run(minimal(rulings={"attacker_designated": True}))    # New York
    assert "attacker" not in result["allocation"]
    assert result["allocation_detail"]["attacker"]["both_ways"] is None


def test_texas_a_provider_over_half_responsible_answers_jointly_for_the_attackers_share():
    # Tex. CPRC 33.013(b)(1), the percentages counting the designated attacker: Harborview under
    # Texas law, the route opened by harm to persons, the clause confined to contract claims.
    # Designated: attacker 13.13%, client 10.95%, provider 75.92% (> 50%), so the provider pays
    # all the harm less the client's share: 12,700,000 x (1 - 0.1095), not 12,700,000 x 0.7592.
    from tests.claims.helpers import harborview, pays
    result = run(harborview(case__governing_law="US-TX", rulings={"attacker_designated": True},
                            contract__clauses={"duty_outside_contract": ["harm_to_persons"],
                                               "limitation_reaches_tort": False}))
    assert result["allocation"]["provider"] == "0.7592"
    assert pays(result, "negligence") == ("11309350.00", "11309350.00")
    assert any("jointly and severally" in s for s in result["exposure"]["negligence"]["steps"])


def test_new_york_keeps_several_liability_for_a_designated_attacker():
    # New York records no joint-over-threshold rule here: the provider answers for its own share
    # of the fault not borne by the client, so the attacker's share is not its to pay.
    designated = run(minimal(rulings={"attacker_designated": True}))
    steps = designated["exposure"]["negligence"]["steps"]
    assert not any("jointly and severally liable for all" in s for s in steps)
