"""Jurisdiction profiles: every file validates, every fixed deadline computes to the exact expected
instant, applicability and thresholds evaluate as the statutes say, and bad data is refused."""
from __future__ import annotations

from datetime import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from pydantic import ValidationError

from rules.legal_time import (Facts, NoFixedDeadline, UnknownRegime, evaluate, get_profile,
                              list_rows,
                              load_profiles, profile_as_dict, regime_deadline, statuses_of,
                              threshold_met)
from rules.legal_time.datafiles import DataFileError, load_yaml
from rules.legal_time.profiles import Duty

# The profiles counted here to the instant; the other states' and territories' profiles (one
# each, tests/legal_time/test_us_coverage.py) are counted there against a hand count.
CORE = ["au-privacy", "ca-pipeda", "eu-dora", "eu-gdpr", "eu-nis2", "sg-pdpa", "uk-gdpr", "us-ca",
        "us-circia", "us-co", "us-fl", "us-hipaa", "us-ny", "us-nydfs", "us-sec-8k", "us-tx",
        "us-wa"]
STATES = sorted(p for p in load_profiles() if p not in CORE and len(p) == 5 and p[:3] == "us-")
IDS = sorted(CORE + STATES)

# Each fixed-deadline version of each duty, counted by its regime's convention (day periods end at
# the end of their last day; the SEC's fourth business day at the 17:30 filing cut-off; hours
# elapse), triggered at 09:00 on its regime's own zone_hint wall clock: on Mon 2025-06-02 for the versions in force that day, and on a Monday inside its period
# for a version the law has since replaced or not yet reached.
TRIGGER_DAY = {("us-ca", "2026-01-01"): (2026, 6, 1), ("us-tx", "2020-01-01"): (2022, 6, 6),
               ("us-wa", "2015-07-24"): (2018, 6, 4), ("us-nydfs", "2017-08-28"): (2022, 6, 6)}
EXPECTED = {
    ("au-privacy", "assessment"): "2025-07-02T23:59:59+10:00",
    ("eu-dora", "initial-notification"): "2025-06-02T13:00:00+02:00",
    ("eu-dora", "initial-notification-outer-limit"): "2025-06-03T09:00:00+02:00",
    ("eu-dora", "intermediate-report"): "2025-06-05T09:00:00+02:00",
    ("eu-dora", "final-report"): "2025-07-02T23:59:59+02:00",
    ("eu-gdpr", "controller-to-authority"): "2025-06-05T09:00:00+02:00",
    ("eu-nis2", "early-warning"): "2025-06-03T09:00:00+02:00",
    ("eu-nis2", "incident-notification"): "2025-06-05T09:00:00+02:00",
    ("eu-nis2", "final-report"): "2025-07-02T23:59:59+02:00",
    ("sg-pdpa", "commission"): "2025-06-05T23:59:59+08:00",
    ("uk-gdpr", "controller-to-authority"): "2025-06-05T09:00:00+01:00",
    ("us-ca", "individuals", "2026-01-01"): "2026-07-01T23:59:59-07:00",
    ("us-ca", "attorney-general", "2026-01-01"): "2026-06-16T23:59:59-07:00",
    ("us-circia", "covered-incident"): "2025-06-05T09:00:00-04:00",
    ("us-circia", "ransom-payment"): "2025-06-03T09:00:00-04:00",
    ("us-co", "individuals"): "2025-07-02T23:59:59-06:00",
    ("us-co", "attorney-general"): "2025-07-02T23:59:59-06:00",
    ("us-fl", "individuals"): "2025-07-02T23:59:59-04:00",
    ("us-fl", "attorney-general"): "2025-07-02T23:59:59-04:00",
    ("us-fl", "third-party-agent"): "2025-06-12T23:59:59-04:00",
    ("us-hipaa", "individuals"): "2025-08-01T23:59:59-04:00",
    ("us-hipaa", "hhs-500-or-more"): "2025-08-01T23:59:59-04:00",
    ("us-hipaa", "media"): "2025-08-01T23:59:59-04:00",
    ("us-hipaa", "business-associate"): "2025-08-01T23:59:59-04:00",
    ("us-ny", "individuals"): "2025-07-02T23:59:59-04:00",
    ("us-nydfs", "superintendent"): "2025-06-05T09:00:00-04:00",
    ("us-nydfs", "superintendent", "2017-08-28"): "2022-06-09T09:00:00-04:00",
    ("us-nydfs", "extortion-payment"): "2025-06-03T09:00:00-04:00",
    ("us-sec-8k", "form-8k"): "2025-06-06T17:30:00-04:00",
    ("us-tx", "individuals"): "2025-08-01T23:59:59-05:00",
    ("us-tx", "attorney-general", "2020-01-01"): "2022-08-05T23:59:59-05:00",
    ("us-tx", "attorney-general"): "2025-07-02T23:59:59-05:00",
    ("us-wa", "individuals", "2015-07-24"): "2018-07-19T23:59:59-07:00",
    ("us-wa", "individuals"): "2025-07-02T23:59:59-07:00",
    ("us-wa", "attorney-general", "2015-07-24"): "2018-07-19T23:59:59-07:00",
    ("us-wa", "attorney-general"): "2025-07-02T23:59:59-07:00",
}


def _key(profile, duty) -> tuple:
    """(regime, duty) for the version in force on 2 Jun 2025, else (regime, duty, first day)."""
    from datetime import date
    if duty.status == "pending" or duty.in_force_on(date(2025, 6, 2)):
        return (profile.id, duty.id)
    return (profile.id, duty.id, duty.effective_from.isoformat())


FIXED = [_key(p, d) for p in load_profiles().values() for d in p.duties
         if d.deadline and p.id in CORE]
STANDARD_ONLY = sorted(p.id for p in load_profiles().values()
                       if all(d.deadline is None for d in p.duties) and p.id in CORE)


def trigger_for(regime_id: str, version_from: str = "") -> datetime:
    day = TRIGGER_DAY.get((regime_id, version_from), (2025, 6, 2))
    return datetime(*day, 9, 0, tzinfo=ZoneInfo(get_profile(regime_id).zone_hint))


def test_all_profiles_load_sorted_and_match_their_file_names():
    assert list(load_profiles()) == IDS


def test_every_profile_names_a_holiday_calendar_the_library_knows():
    from rules.legal_time.calendars import business_calendar, calendar_known
    for profile in load_profiles().values():
        assert calendar_known(profile.calendar), profile.id
        assert business_calendar(profile.calendar).id, profile.id
    assert not calendar_known("XX")


def test_every_profile_is_covered_by_a_deadline_or_declares_only_standards():
    with_fixed = {regime for regime, *_ in FIXED}
    assert sorted(with_fixed | set(STANDARD_ONLY)) == CORE
    assert STANDARD_ONLY == ["ca-pipeda"]


@pytest.mark.parametrize("key", FIXED, ids=lambda k: "-".join(k))
def test_every_fixed_deadline_computes_exactly(key):
    regime_id, duty_id, *since = key
    trigger = trigger_for(regime_id, *since)
    deadline, timeliness = regime_deadline(regime_id, duty_id, trigger)
    assert deadline.deadline.isoformat() == EXPECTED[key]
    assert timeliness is None
    assert deadline.sentence.startswith(f"{deadline.duration.words()} after "
                                        f"{trigger:%a %Y-%m-%d} 09:00")


def test_expectations_cover_exactly_the_fixed_deadlines():
    assert sorted(EXPECTED) == sorted(FIXED)


def test_regime_without_duty_picks_its_first_fixed_deadline_and_judges_the_act():
    ny = ZoneInfo("America/New_York")
    deadline, timeliness = regime_deadline(
        "us-sec-8k", None, datetime(2025, 11, 26, 16, 0, tzinfo=ny),
        datetime(2025, 12, 5, 16, 0, tzinfo=ny), done="the 8-K was filed")
    assert deadline.deadline == datetime(2025, 12, 3, 17, 30, tzinfo=ny)   # the EDGAR cut-off
    assert timeliness.sentence.startswith("the 8-K was filed Fri 2025-12-05 16:00 EST, 2 business "
                                          "days late")
    gdpr, _ = regime_deadline("eu-gdpr", None, trigger_for("eu-gdpr"))
    assert gdpr.duration.words() == "72 hours"
    ny_deadline, _ = regime_deadline("us-ny", None, trigger_for("us-ny"))
    assert ny_deadline.duration.words() == "30 days"


def test_standard_only_duties_say_so():
    with pytest.raises(NoFixedDeadline, match="as soon as feasible"):
        regime_deadline("ca-pipeda", None, trigger_for("ca-pipeda"))
    with pytest.raises(NoFixedDeadline, match="without undue delay"):
        regime_deadline("eu-gdpr", "processor-to-controller", trigger_for("eu-gdpr"))
    from datetime import date
    ca = get_profile("us-ca").duty_on("individuals", date(2025, 3, 3))
    assert (ca.deadline, ca.standard) == (None, "in the most expedient time possible and "
                                                "without unreasonable delay")


def test_unknown_regime_suggests_the_nearest_id():
    with pytest.raises(UnknownRegime) as caught:
        get_profile("eu-gpdr")
    assert isinstance(caught.value, KeyError)
    assert caught.value.suggestion == "eu-gdpr"
    assert str(caught.value).startswith("unknown regime 'eu-gpdr' (did you mean 'eu-gdpr'?)")
    with pytest.raises(UnknownRegime, match="did you mean 'form-8k'"):
        get_profile("us-sec-8k").duty("form-8")


def test_statutory_details_recorded():
    hipaa = get_profile("us-hipaa")
    imputed = {d.id: d.imputed_knowledge for d in hipaa.duties}
    assert imputed == {"individuals": True, "hhs-500-or-more": True, "hhs-annual-log": True,
                       "media": True, "business-associate": False}
    assert hipaa.duty("business-associate").party_role == "provider"
    assert hipaa.duty("individuals").citation == "45 CFR 164.404(b)"
    assert get_profile("eu-gdpr").duty("processor-to-controller").party_role == "provider"
    assert {d.status for d in get_profile("us-circia").duties} == {"pending"}
    assert get_profile("us-circia").status == "pending"
    assert {d.status for d in get_profile("eu-dora").duties} == {"in_force"}
    assert [v.deadline for v in get_profile("us-tx").versions("attorney-general")] == ["60d",
                                                                                      "30d"]
    assert get_profile("eu-nis2").duty("final-report").after_duty == "incident-notification"
    assert get_profile("us-fl").duty("third-party-agent").deadline == "10d"


def test_applicability_from_case_statuses_and_residents():
    client = SimpleNamespace(sec_registrant=True, hipaa="covered_entity", nis2="none",
                             dora_financial_entity=False, circia_covered=False)
    provider = SimpleNamespace(nis2="important", hipaa_business_associate=True,
                               data_processor=True)
    client_words, provider_words = statuses_of(client), statuses_of(provider)
    assert client_words == {"sec_registrant", "hipaa_covered_entity"}
    assert provider_words == {"nis2_important", "nis2_entity", "hipaa_business_associate",
                              "data_processor"}
    facts = Facts(client_statuses=client_words, provider_statuses=provider_words,
                  residents={"US-FL": 12, "DE": 3})
    reach = {p.id: evaluate(p.applies_when, facts, connects=True).value
             for p in load_profiles().values()}
    assert sorted(k for k, v in reach.items() if v) == ["eu-gdpr", "eu-nis2", "us-fl",
                                                         "us-hipaa", "us-sec-8k"]


@pytest.mark.parametrize("regime_id, duty_id, residents, individuals, expected", [
    ("us-wa", "attorney-general", {"US-WA": 500}, None, False),
    ("us-wa", "attorney-general", {"US-WA": 501}, None, True),
    ("us-fl", "attorney-general", {"US-FL": 500}, None, True),
    ("us-tx", "attorney-general", {"US-TX": 249, "US-OK": 900}, None, False),
    ("us-hipaa", "media", {"US-NY": 500, "US-NJ": 400}, None, False),
    ("us-hipaa", "media", {"US-NY": 501}, None, True),
    ("us-hipaa", "hhs-500-or-more", {"US-NY": 300, "US-NJ": 200}, None, True),
    ("us-hipaa", "hhs-annual-log", {"US-NY": 300}, 499, True),
    ("us-hipaa", "individuals", {}, None, True),
])
def test_duty_thresholds(regime_id, duty_id, residents, individuals, expected):
    profile = get_profile(regime_id)
    assert threshold_met(profile, profile.duty(duty_id), residents, individuals) is expected


def test_listing_rows_and_plain_dicts():
    rows = list_rows()
    assert [row["id"] for row in rows] == IDS
    assert rows[IDS.index("ca-pipeda")]["deadlines"] == "no fixed deadline"
    assert rows[IDS.index("us-sec-8k")]["deadlines"] == "4 business days (form-8k)"
    data = profile_as_dict(get_profile("us-hipaa"))
    assert data["duties"][0]["id"] == "individuals" and data["calendar"] == "US"


def test_invalid_duties_are_refused():
    base = {"id": "x", "who": "controller", "to": "regulator", "trigger": "awareness",
            "authority": ["eu-gdpr Art. 33(1)"], "status": "in_force"}
    with pytest.raises(ValidationError, match="deadline or a standard"):
        Duty.model_validate(base)
    with pytest.raises(ValidationError, match="expected a duration"):
        Duty.model_validate({**base, "deadline": "soon"})
    with pytest.raises(ValidationError, match="previous_notice"):
        Duty.model_validate({**base, "deadline": "1d", "after_duty": "y"})
    with pytest.raises(ValidationError):
        Duty.model_validate({**base, "deadline": "1d", "who": "someone"})


def test_duplicate_yaml_keys_are_refused(tmp_path):
    path = tmp_path / "dup.yaml"
    path.write_text("id: a\nid: b\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="duplicate key 'id'"):
        load_yaml(path)
    path.write_text("flag: no\n", encoding="utf-8")
    assert load_yaml(path) == {"flag": "no"}
