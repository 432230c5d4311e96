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
