"""Monotonicity in time: the provider doing what it had to do later (acknowledging or escalating an
alert, telling the client) never lowers the provider's share. The allocation properties add
failures; these move timestamps later, which is how the reliability review found that a late
acknowledgement could push the escalation deadline past discovery and clear the escalation."""
from __future__ import annotations

import copy
from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.helpers import finding, run
from tests.properties.test_allocation_properties import (BASES, SETTINGS, _moment, _value, cases,
                                                         provider_share)

LATER = st.integers(min_value=1, max_value=8 * 24 * 60)   # minutes, up to eight days


def _alerts_with(raw, key):
    return [a for a in raw["incident"].get("alerts") or []
            if _value(a.get(key)) not in (None, "never", "unknown")]


def _never_escalated(alert) -> bool:
    return _value(alert.get("escalated_at")) in (None, "never")


def _later(raw, draw, key):
    alerts = _alerts_with(raw, key)
    if key == "acknowledged_at":
        # With the escalation fixed, a later acknowledgement may rightly score lower: a provider
        # that looked at once and sat on the alert for days is worse than one that looked late and
        # escalated at once. The law's monotonicity is for the alert that was never escalated.
        alerts = [a for a in alerts if _never_escalated(a)]
    if not alerts:
        return None
    alert = draw(st.sampled_from(alerts))
    alert[key] = (_moment(alert[key]) + timedelta(minutes=draw(LATER))).isoformat()
    return raw


def _acknowledged_just_before_discovery(raw, draw):
    # The narrow band the review's search hit: within an escalation window of discovery.
    discovery = raw["incident"]["timeline"].get("discovery")
    alerts = [a for a in _alerts_with(raw, "acknowledged_at") if _never_escalated(a)]
    if not alerts or _value(discovery) in (None, "never", "unknown"):
        return None
    alert = draw(st.sampled_from(alerts))
    moved = _moment(discovery) - timedelta(minutes=draw(st.integers(min_value=1, max_value=90)))
    if moved <= _moment(alert["acknowledged_at"]) or moved < _moment(alert["at"]):
        return None
    alert["acknowledged_at"] = moved.isoformat()
    return raw


def _client_told_later(raw, draw):
    timeline = raw["incident"]["timeline"]
    if _value(timeline.get("client_notified")) in (None, "never", "unknown"):
        return None
    timeline["client_notified"] = (_moment(timeline["client_notified"])
                                   + timedelta(minutes=draw(LATER))).isoformat()
    return raw


MOVES = {"acknowledged later": lambda raw, draw: _later(raw, draw, "acknowledged_at"),
         "acknowledged just before discovery": _acknowledged_just_before_discovery,
         "escalated later": lambda raw, draw: _later(raw, draw, "escalated_at"),
         "client told later": _client_told_later}


@SETTINGS
@given(cases(), st.sampled_from(sorted(MOVES)), st.data())
def test_acting_later_never_lowers_the_provider_share(raw, which, data):
    later = MOVES[which](copy.deepcopy(raw), data.draw)
    if later is None:
        return
    before, after = provider_share(run(raw)), provider_share(run(later))
    assert after >= before, f"{which}: provider share {before} -> {after}"


RELATED_ALERT_BASES = ["minimal-case", "bad-input-base"]


@SETTINGS
@given(st.sampled_from(RELATED_ALERT_BASES), st.integers(min_value=0, max_value=5 * 24 * 60),
       st.integers(min_value=1, max_value=5 * 24 * 60))
def test_a_later_acknowledgement_of_an_intrusion_alert_never_lowers_the_provider_share(
        name, first, delay):
    # An intrusion alert never escalated, acknowledged at any time from the alert to a day after
    # discovery, against a later acknowledgement.
    raw = copy.deepcopy(BASES[name])
    alert = raw["incident"]["alerts"][0]
    alert["related_to_intrusion"], alert["escalated_at"] = True, "never"
    alert["acknowledged_at"] = (_moment(alert["at"]) + timedelta(minutes=first)).isoformat()
    earlier = run(raw)
    alert["acknowledged_at"] = (_moment(alert["at"]) + timedelta(minutes=first + delay)
                                ).isoformat()
    before, after = provider_share(earlier), provider_share(run(raw))
    assert after >= before, f"ack +{first} min -> +{first + delay} min: {before} -> {after}"


# The review's case: tests/allocation/minimal-case.yaml, AL-1 (high, raised 06-02 09:30, triage
# window 1h, escalation window 1h by default) never escalated; discovery 06-06 09:00. The review
# saw 0.6250 for the first two and 0.5000 (escalation cleared) for the next three.
LATE_ACKNOWLEDGEMENTS = ["2025-06-02T12:00:00", "2025-06-05T00:22:00", "2025-06-06T08:59:00",
                         "2025-06-06T09:01:00", "2025-06-07T00:22:00"]


def _acknowledged(ack: str) -> dict:
    raw = copy.deepcopy(BASES["minimal-case"])
    raw["incident"]["alerts"][0]["acknowledged_at"] = ack
    return run(raw)


@pytest.mark.parametrize("ack", LATE_ACKNOWLEDGEMENTS)
def test_a_late_acknowledgement_does_not_move_the_escalation_deadline_past_discovery(ack):
    result = _acknowledged(ack)
    escalation = finding(result, "breach.escalation.provider")
    assert escalation["holds"], f"acknowledged {ack}: escalation cleared"
    assert "after its triage window ended" in " ".join(c["detail"] for c in escalation["checks"])
    assert provider_share(result) == provider_share(_acknowledged("never"))


def test_an_acknowledgement_in_time_still_starts_the_escalation_clock():
    # Acknowledged within the triage window and never escalated: the escalation is late (its
    # clock ran from the acknowledgement), the triage is not.
    result = _acknowledged("2025-06-02T10:00:00")
    assert finding(result, "breach.escalation.provider")["holds"]
    assert not finding(result, "breach.triage.provider")["holds"]
    assert provider_share(result) < provider_share(_acknowledged("never"))


def test_an_escalation_window_still_open_at_discovery_is_no_breach():
    # Raised 20 minutes before discovery and acknowledged at once: neither the triage nor the
    # escalation window had run when the client found the breach, so neither is late.
    raw = copy.deepcopy(BASES["minimal-case"])
    alert = raw["incident"]["alerts"][0]
    alert["at"], alert["acknowledged_at"] = "2025-06-06T08:40:00", "2025-06-06T08:45:00"
    result = run(raw)
    assert not finding(result, "breach.escalation.provider")["holds"]
    assert not finding(result, "breach.triage.provider")["holds"]
