"""A breach known and kept from the other party is a row of the allocation (issue 15): the
client's silence towards the provider is the client's row; the provider's towards the client is
its own row (or aggravates its late-notice row). Each caused the harm after knowing + the
containment window. The minimal case: the harm (1,000,000) accrues on 5 June 00:00; the alert's
row covers it; a breach known on 2 June 10:00 and kept back gives a row that covers it too."""
from __future__ import annotations

from decimal import Decimal

import pytest

from tests.claims.helpers import minimal, run

KEPT = {"id": "C-1", "kind": "withheld", "known_at": "2025-06-02T10:00:00",
        "disclosed_at": "never"}


def _concealed(*records):
    """The minimal case run with these concealment records."""
    raw = minimal()
    raw["incident"]["concealment"] = list(records)
    return run(raw)


def _roots(result):
    return {r["id"]: r for r in result["allocation_detail"]["roots"]}


@pytest.fixture(scope="module")
def base():
    return run(minimal())


def test_the_client_keeping_a_known_breach_from_the_provider_raises_its_share(base):
    result = _concealed({**KEPT, "by": "client", "concealed_from": "provider"})
    row = _roots(result)["client:concealment:C-1"]
    assert row["tranches"] and row["culpability"]["factors"].get("concealed")
    assert Decimal(result["allocation"]["client"]) > Decimal(base["allocation"]["client"])


def test_the_provider_keeping_it_from_the_client_raises_the_providers(base):
    result = _concealed({**KEPT, "by": "provider", "concealed_from": "client"})
    assert _roots(result)["provider:concealment:C-1"]["tranches"]
    assert Decimal(result["allocation"]["provider"]) > Decimal(base["allocation"]["provider"])


def test_silence_towards_someone_else_or_known_too_late_adds_no_row(base):
    result = _concealed(
        {**KEPT, "by": "client", "concealed_from": "regulator"},
        {**KEPT, "id": "C-2", "by": "client", "concealed_from": "provider",
         "known_at": "2025-06-05T12:00:00"})
    roots = _roots(result)
    assert "client:concealment:C-1" not in roots
    assert not roots["client:concealment:C-2"]["tranches"]   # after the last harm
    assert result["allocation"] == base["allocation"]


DEAL = {"id": "C-9", "kind": "attacker_payment", "at": "2025-06-02T10:00:00", "amount": 50000,
        "disclosed_at": "never"}


def test_a_deal_buying_the_attackers_silence_kept_from_the_other_party_is_a_row(base):
    # CONC-002: the payment hid the breach from the provider from the moment it was made
    result = _concealed({**DEAL, "by": "client", "concealed_from": "provider"})
    row = _roots(result)["client:concealment:C-9"]
    assert row["tranches"] and row["culpability"]["factors"].get("concealed")
    assert row["findings"] == ["concealment.attacker_deal.client.C-9"]
    assert Decimal(result["allocation"]["client"]) > Decimal(base["allocation"]["client"])


def test_a_deal_kept_only_from_the_insurer_adds_no_row(base):
    result = _concealed({**DEAL, "by": "client", "concealed_from": "insurer"})
    assert "client:concealment:C-9" not in _roots(result)
    assert result["allocation"] == base["allocation"]
