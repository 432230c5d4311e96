"""New York's Department of Financial Services: a covered entity tells the superintendent within 72
hours of determining a cybersecurity incident (23 NYCRR 500.17(a), as amended from 1 December
2023; before that, a reportable cybersecurity event); the notice goes to the superintendent and no
other recipient's notice stands in for it; New York's general statute also requires notice to the
attorney general, the department of state and the state police."""
from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from rules.legal_time import get_profile, regime_deadline
from tests.helpers import base_raw, finding, run
from tests.legal_time.test_dated_law import shifted

NY = ZoneInfo("America/New_York")


def _covered(**applicability):
    raw = base_raw("harborview-missed-alerts")
    raw["parties"]["client"]["status"]["nydfs_covered"] = True
    raw["applicability"] = {"incident": applicability}
    return raw


def test_72_hours_from_the_determination_to_the_minute():
    trigger = datetime(2025, 3, 14, 16, 30, tzinfo=NY)     # a Friday afternoon
    deadline, _ = regime_deadline("us-nydfs", "superintendent", trigger)
    assert deadline.deadline == datetime(2025, 3, 17, 16, 30, tzinfo=NY)   # no weekend roll


def test_the_version_follows_the_second_amendment():
    profile = get_profile("us-nydfs")
    before = profile.duty_on("superintendent", date(2023, 11, 30))
    after = profile.duty_on("superintendent", date(2023, 12, 1))
    assert "cybersecurity event" in before.standard and "(2017)" in before.authority[0]
    assert "third-party service provider" in after.standard
    assert profile.duty_on("superintendent", date(2017, 8, 27)) is None
    assert profile.duty_on("extortion-payment", date(2023, 11, 30)) is None


def test_a_covered_entity_that_told_no_one_is_late_if_the_incident_was_reportable():
    found = finding(run(_covered(nydfs_reportable=True)), "disclosure.regulator.client.us-nydfs")
    assert found["holds"] is True
    assert "no notice to the New York Superintendent of Financial Services" in found["summary"]
    assert "N-2" not in found["summary"]        # the HHS notice is not a notice to the DFS


def test_unknown_reportability_is_applies_if():
    found = finding(run(_covered()), "disclosure.regulator.client.us-nydfs")
    assert found["holds"] is False
    assert "Applies only if it is shown that" in found["summary"]
    assert "23 NYCRR 500.1(g)" in found["summary"] or "500.17" in found["summary"]


def test_not_a_covered_entity_no_duty():
    result = run(base_raw("harborview-missed-alerts"))
    assert finding(result, "disclosure.regulator.client.us-nydfs") is None
    regimes = {r["regime"] for r in result["derived"]["derived.applicable_regimes"]["value"]}
    assert "us-nydfs" not in regimes


def test_a_notice_to_the_superintendent_in_time_is_met():
    raw = _covered(nydfs_reportable=True)
    raw["incident"]["notices"].append({"id": "N-9", "by": "client", "to": "regulator",
                                       "recipient": "us-nydfs", "at": "2025-03-13T09:00:00"})
    found = finding(run(raw), "disclosure.regulator.client.us-nydfs")
    assert found["holds"] is False and "notice N-9 was given" in found["summary"]


def test_before_the_amendment_the_2017_text_applies():
    raw = shifted(_covered(nydfs_reportable=True), -2 * 365)     # a March 2023 breach
    found = finding(run(raw), "disclosure.regulator.client.us-nydfs")
    assert "500.17(a) (2017)" in found["summary"] or "the version in force from 28 Aug 2017" \
        in found["summary"]


def test_new_yorks_state_agency_notice_is_listed():
    profile = get_profile("us-ny")
    duty = profile.duty_on("state-agencies", date(2025, 3, 12))
    assert set(duty.recipient_ids) == {"us-ny-ag", "us-ny-dos", "us-ny-state-police"}
    assert duty.deadline is None
    regimes = run(base_raw("harborview-missed-alerts"))["derived"]["derived.applicable_regimes"]
    ny = next(r for r in regimes["value"] if r["regime"] == "us-ny")
    assert "state-agencies" in ny["client"]
    summary = finding(run(base_raw("harborview-missed-alerts")), "disclosure.statutory.client")
    assert "Owed by a standard with no number of days" in summary["summary"]
    assert "us-ny state-agencies" in summary["summary"]
