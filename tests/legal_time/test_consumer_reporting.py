"""Notices to the nationwide consumer reporting agencies: owed only where the statute's head-count
threshold is met on the record (an unknown count shows no duty and fails nothing), answered only
by a notice that reached the agencies, and counted under the statute's own clock (Indiana's 45
days from P.L.171-2022, Ind. Code 24-4.9-3-3(a)). Also the counts of North Dakota's
attorney-general threshold (individuals, as 51-30-02 says)."""
from __future__ import annotations

from datetime import date

from rules.legal_time import get_profile, threshold_met
from tests.helpers import base_raw, finding, run

CRA = "disclosure.consumer_reporting_agency.client.us-in"


def _indiana(residents, *notices) -> dict:
    """Harborview (discovered Wed 12 Mar 2025) with only Indiana residents affected, the
    client's notices to the residents and the attorney general on day 30 (11 Apr 2025), and a
    record that reaches 10 May 2025 (a later notice to law enforcement)."""
    raw = base_raw("harborview-missed-alerts")
    raw["affected"] = [{"jurisdiction": "US-IN", "residents": residents}]
    raw["incident"]["notices"] = [
        {"id": "N-1", "by": "client", "to": "individuals", "at": "2025-04-11T10:00:00"},
        {"id": "N-2", "by": "client", "to": "attorney_general", "regime": "us-in",
         "at": "2025-04-11T10:00:00"},
        {"id": "N-9", "by": "client", "to": "law_enforcement", "at": "2025-05-10T10:00:00"},
        *notices]
    return run(raw)


def _owed(result, regime: str) -> list[str]:
    rows = result["derived"]["derived.applicable_regimes"]["value"]
    return next((r["client"] for r in rows if r["regime"] == regime), [])


def test_the_agencies_are_owed_notice_only_above_the_threshold_and_only_a_notice_to_them_counts():
    late = _indiana(1001)
    assert "consumer-reporting-agencies" in _owed(late, "us-in")
    assert finding(late, CRA)["holds"], "no notice reached the agencies within 45 days"
    assert not finding(late, "disclosure.attorney_general.client.us-in")["holds"]
    told = _indiana(1001, {"id": "N-3", "by": "client", "to": "consumer_reporting_agency",
                           "at": "2025-04-25T09:00:00"})           # day 44
    assert not finding(told, CRA)["holds"]
    below = _indiana(1000)
    assert "consumer-reporting-agencies" not in _owed(below, "us-in")
    assert finding(below, CRA) is None


def test_an_unknown_count_shows_no_agency_duty_and_fails_nothing():
    result = _indiana("unknown")
    assert finding(result, CRA) is None
    rows = result["derived"]["derived.applicable_regimes"]["value"]
    indiana = next(r for r in rows if r["regime"] == "us-in")
    # whether the statute reaches the case at all turns on the count: applies if shown
    assert indiana["applies_if"]["client:individuals"] == ["affected[0].residents"]
    assert not any(f["holds"] for f in result["findings"] if f["id"].endswith(".us-in"))


def test_an_unprofiled_place_with_an_unknown_count_is_listed_as_not_assessed():
    raw = base_raw("harborview-missed-alerts")
    raw["affected"].append({"jurisdiction": "JP", "residents": "unknown"})
    found = finding(run(raw), "disclosure.statutory.client.jp")
    assert found["summary"].startswith("Not assessed: no profile. An unknown number of residents "
                                       "of JP were affected")


def test_kansas_and_kentucky_agency_thresholds_count_residents():
    for regime, place in (("us-ks", "US-KS"), ("us-ky", "US-KY"), ("us-dc", "US-DC")):
        profile = get_profile(regime)
        duty = profile.duty_on("consumer-reporting-agencies", date(2025, 3, 12))
        assert threshold_met(profile, duty, {place: 1001})
        assert not threshold_met(profile, duty, {place: 1000, "US-TX": 5000})


def test_north_dakota_attorney_general_threshold_counts_individuals():
    profile = get_profile("us-nd")
    duty = profile.duty("attorney-general")
    assert threshold_met(profile, duty, {"US-ND": 10, "US-MN": 241})
    assert not threshold_met(profile, duty, {"US-ND": 10, "US-MN": 240})


def test_minnesota_agencies_are_told_within_48_hours_of_discovery_above_500():
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from rules.legal_time import regime_deadline
    central = ZoneInfo("America/Chicago")
    found = datetime(2025, 3, 14, 22, 30, tzinfo=central)          # a Friday evening
    deadline, _ = regime_deadline("us-mn", "consumer-reporting-agencies", found,
                                  law_as_of=found.date())
    assert deadline.deadline == datetime(2025, 3, 16, 22, 30, tzinfo=central)  # no weekend roll
    profile = get_profile("us-mn")
    duty = profile.duty("consumer-reporting-agencies")
    assert threshold_met(profile, duty, {"US-MN": 501})
    assert not threshold_met(profile, duty, {"US-MN": 500})


def test_every_agency_duty_has_a_head_count_and_reaches_the_agencies_only():
    from rules.legal_time import load_profiles
    duties = [(p.id, d) for p in load_profiles().values() for d in p.duties
              if d.to == "consumer_reporting_agency"]
    assert {regime for regime, _ in duties} >= {"us-ak", "us-md", "us-dc", "us-in", "us-ks",
                                                "us-ky", "us-mi", "us-mn", "us-mo", "us-nc", "us-nh", "us-sc",
                                                "us-va"}
    for regime, duty in duties:
        assert duty.threshold is not None, regime
        assert duty.recipient_ids == ("consumer-reporting-agencies",), regime


def test_pennsylvania_agency_threshold_fell_to_500_with_the_2024_amendment():
    profile = get_profile("us-pa")
    before = profile.duty_on("consumer-reporting-agencies", date(2024, 9, 25))
    after = profile.duty_on("consumer-reporting-agencies", date(2024, 9, 26))
    assert not threshold_met(profile, before, {"US-PA": 500})
    assert threshold_met(profile, before, {"US-PA": 1001})
    assert threshold_met(profile, after, {"US-PA": 500})
    assert not threshold_met(profile, after, {"US-PA": 499})


def test_the_finding_names_the_agencies_in_words():
    summary = finding(_indiana(1001), CRA)["summary"]
    assert "notice to the nationwide consumer reporting agencies came late" in summary
