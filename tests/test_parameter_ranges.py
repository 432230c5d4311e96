"""Every number in rules/data/parameters.yaml has a range it may be set to, its default lies in it,
and an override outside it is refused (in it, accepted)."""
from __future__ import annotations

import pytest

from facts.errors import FaultlineInputError
from rules.parameters import Parameters


def _numbers():
    return [p for p in Parameters.load().entries()
            if isinstance(p.value, (int, float)) and not isinstance(p.value, bool)]


def test_every_number_has_a_range_holding_its_default():
    for p in _numbers():
        assert p.minimum is not None and p.maximum is not None, f"{p.key} ({p.unit}) has no range"
        assert p.minimum <= p.value <= p.maximum, f"{p.key}: {p.value} outside {p.range_text}"


def test_mitigation_can_never_erase_a_breach():
    entries = {p.key: p for p in _numbers()}
    assert entries["mitigation.credit_max"].maximum < 1


@pytest.mark.parametrize("key", ["culpability.known_unfixed", "culpability.concealed",
                                 "culpability.warned_declined", "culpability.deliberate"])
def test_an_aggravation_never_lowers_a_weight(key):
    with pytest.raises(FaultlineInputError, match="out of range"):
        Parameters.load(overrides={key: 0.9})
    assert Parameters.load(overrides={key: 1.0}).value(key) == 1.0


@pytest.mark.parametrize("value", [float("inf"), float("nan"), -0.01, 101])
def test_a_weight_outside_its_range_is_refused(value):
    with pytest.raises(FaultlineInputError, match="out of range"):
        Parameters.load(overrides={"weights.breach.triage": value})


def test_the_ends_of_a_range_are_accepted():
    params = Parameters.load(overrides={"mitigation.credit_each": 0.5,
                                        "weights.breach.triage": 0})
    assert params.value("mitigation.credit_each") == 0.5
    assert params.value("weights.breach.triage") == 0


@pytest.mark.parametrize("window", ["bogus", "-5h", "99999d", 5])
def test_a_default_window_must_be_a_duration(window):
    with pytest.raises(FaultlineInputError):
        Parameters.load(overrides={"default.triage_window": window})
