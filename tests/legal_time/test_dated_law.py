"""The law as it stood: the same breach dated before and after each dated change gives the old and
the new duty, and the finding says which version applied and why."""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from itertools import pairwise

import pytest

from rules.legal_time import NotInForce, get_profile, load_profiles, regime_deadline
from tests.helpers import base_raw, finding, run

CHANGED = [(p.id, duty_id) for p in load_profiles().values() for duty_id in p.duty_ids()
           if len(p.versions(duty_id)) > 1]
_STAMP = re.compile(r"^(\d{4}-\d{2}-\d{2})")


def shifted(raw, days: int):
    """Every date and timestamp in the case moved by `days` (same facts, another date)."""
    if isinstance(raw, dict):
        return {k: shifted(v, days) for k, v in raw.items()}
    if isinstance(raw, list):
        return [shifted(v, days) for v in raw]
    if isinstance(raw, str) and _STAMP.match(raw):
        day = date.fromisoformat(raw[:10]) + timedelta(days=days)
        return day.isoformat() + raw[10:]
    return raw


def crestline(on: date, *, field: str = "client_notified", residents: dict | None = None):
    """The Crestline breach moved so that timeline.`field` falls on `on`."""
    raw = base_raw("crestline-client-governance")
    at = date.fromisoformat(str(raw["incident"]["timeline"][field]["value"]
                                if isinstance(raw["incident"]["timeline"][field], dict)
                                else raw["incident"]["timeline"][field])[:10])
    raw = shifted(raw, (on - at).days)
    for place, count in (residents or {}).items():
        raw["affected"].append({"jurisdiction": place, "residents": count})
    return run(raw)


def test_every_changed_duty_has_contiguous_versions():
    assert ("us-ca", "individuals") in CHANGED and ("us-tx", "attorney-general") in CHANGED
    for regime, duty_id in CHANGED:
        versions = get_profile(regime).versions(duty_id)
        for old, new in pairwise(versions):
            assert old.effective_to == new.effective_from - timedelta(days=1), (regime, duty_id)


@pytest.mark.parametrize("regime, duty_id", CHANGED, ids=lambda v: v)
def test_the_day_before_a_change_reads_the_old_version_and_the_day_itself_the_new(regime,
                                                                                  duty_id):
    profile = get_profile(regime)
    for old, new in pairwise(profile.versions(duty_id)):
        change = new.effective_from
        assert profile.duty_on(duty_id, change - timedelta(days=1)) is old
        assert profile.duty_on(duty_id, change) is new
        assert ((old.deadline, old.standard, old.deemed_met_by)
                != (new.deadline, new.standard, new.deemed_met_by))


def test_a_duty_is_not_in_force_before_its_first_version():
    assert get_profile("us-tx").duty_on("attorney-general", date(2019, 12, 31)) is None
    with pytest.raises(NotInForce, match="us-tx attorney-general was not in force on 31 Dec 2019"):
        regime_deadline("us-tx", "attorney-general",
                        datetime.fromisoformat("2019-12-31T09:00:00-06:00"))


def test_deadline_reads_the_law_as_of_the_trigger_unless_told_otherwise():
    trigger = datetime.fromisoformat("2025-06-02T09:00:00-07:00")
    with pytest.raises(Exception, match="no fixed deadline"):
        regime_deadline("us-ca", "individuals", trigger)
    deadline, _ = regime_deadline("us-ca", "individuals", trigger, law_as_of=date(2026, 1, 1))
    assert deadline.duration.words() == "30 days"


def test_california_30_days_applies_only_to_a_breach_discovered_from_1_january_2026():
    """SB 446: the review's hv-ca case applied the 30-day limit to a March 2025 breach. The
    individuals were told 37 days after the client's awareness."""
    before = crestline(date(2025, 12, 15), residents={"US-CA": 600})
    after = crestline(date(2026, 1, 5), residents={"US-CA": 600})
    old = finding(before, "disclosure.individuals.client.us-ca")
    new = finding(after, "disclosure.individuals.client.us-ca")
    assert not old["holds"] and new["holds"]
    assert "the version in force from 1 Jul 2003 to 31 Dec 2025" in old["summary"]
    assert "the version in force from 1 Jan 2026 sets 30 days, but it came later" in old["summary"]
    assert "no fixed number of days" in old["summary"]
    assert "the version in force from 1 Jan 2026" in new["summary"]
    assert "30 days from the client's awareness" in new["summary"]


def test_new_york_30_days_applies_from_21_december_2024():
    before = crestline(date(2024, 12, 20), residents={"US-NY": 100})
    after = crestline(date(2024, 12, 21), residents={"US-NY": 100})
    assert not finding(before, "disclosure.individuals.client.us-ny")["holds"]
    assert finding(after, "disclosure.individuals.client.us-ny")["holds"]


def test_texas_attorney_general_60_then_30_days_and_none_before_2020():
    """Crestline told the Texas attorney general 33 days after its determination."""
    day = "notifiable_assessed"
    earlier = crestline(date(2023, 8, 31), field=day)
    later = crestline(date(2023, 9, 1), field=day)
    first = crestline(date(2019, 12, 31), field=day)
    assert not finding(earlier, "disclosure.attorney_general.client.us-tx")["holds"]
    assert "60 days from the client's determination" in finding(
        earlier, "disclosure.attorney_general.client.us-tx")["summary"]
    assert finding(later, "disclosure.attorney_general.client.us-tx")["holds"]
    before_duty = finding(first, "disclosure.attorney_general.client.us-tx")
    assert not before_duty["holds"]
    assert "no version of this duty was in force on 31 Dec 2019" in before_duty["summary"]


def test_the_row_records_the_day_the_law_was_read_as_of():
    result = crestline(date(2024, 10, 14))
    rows = result["derived"]["derived.client_notice_rows"]["value"]
    ag = next(r for r in rows if r["regime"] == "us-tx" and r["duty"] == "attorney-general")
    assert ag["law_as_of"] == "2024-10-18" and ag["version"] == "from 1 Sep 2023"


def test_the_deadline_command_reads_the_law_as_of_the_trigger_or_as_of_a_day():
    from click.testing import CliRunner

    from cli import cli
    runner = CliRunner()
    before = runner.invoke(cli, ["deadline", "us-ca", "--duty", "individuals",
                                 "--from", "2025-03-03T09:00-08:00"])
    assert before.exit_code == 2 and "no fixed deadline" in before.output
    after = runner.invoke(cli, ["deadline", "us-ca", "--duty", "individuals",
                                "--from", "2025-03-03T09:00-08:00", "--as-of", "2026-01-01"])
    assert after.exit_code == 0
    assert after.output.startswith("us-ca individuals: Cal. Civ. Code §1798.82(a); Cal. S.B. 446 "
                                   "(2025) (version from 1 Jan 2026)\n30 days after")
    bad = runner.invoke(cli, ["deadline", "us-ca", "--from", "2025-03-03T09:00-08:00",
                              "--as-of", "soon"])
    assert bad.exit_code == 2 and "--as-of" in bad.output
