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


def test_evidence_of_care_can_never_erase_a_breach():
    entries = {p.key: p for p in _numbers()}
    assert entries["care.credit_max"].maximum < 1


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
    params = Parameters.load(overrides={"care.credit_each": 0.5,
                                        "weights.breach.triage": 0})
    assert params.value("care.credit_each") == 0.5
    assert params.value("weights.breach.triage") == 0


@pytest.mark.parametrize("window", ["bogus", "-5h", "99999d", 5])
def test_a_default_window_must_be_a_duration(window):
    with pytest.raises(FaultlineInputError):
        Parameters.load(overrides={"default.triage_window": window})


def test_a_parameters_file_with_the_old_names_of_evidence_of_care_still_loads(tmp_path):
    old = tmp_path / "old.yaml"
    old.write_text("mitigation.credit_each: 0.1\nmitigation:\n  credit_max: 0.2\n", "utf-8")
    params = Parameters.load(str(old))
    assert (params.value("care.credit_each"), params.value("care.credit_max")) == (0.1, 0.2)
    assert params.overridden == {"care.credit_each": 0.1, "care.credit_max": 0.2}


def test_an_old_and_a_new_name_for_one_parameter_are_refused_together(tmp_path):
    both = tmp_path / "both.yaml"
    both.write_text("mitigation.credit_each: 0.1\ncare.credit_each: 0.2\n", "utf-8")
    with pytest.raises(FaultlineInputError, match="old name of care.credit_each"):
        Parameters.load(str(both))
