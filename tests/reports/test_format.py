"""One formatter for every output: each kind of value reads one way, in the case's zone, with its
currency, party names instead of ids, and never a Python repr."""
from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from facts import formatting as fmt
from reports.format import CaseWords
from tests.conftest import ROOT

NY = ZoneInfo("America/New_York")


def test_yes_no_and_the_two_kinds_of_missing():
    assert [fmt.yes_no(v) for v in (True, False, None, "unknown")] == [
        "yes", "no", "not recorded", "unknown"]


def test_a_time_reads_with_weekday_iso_date_and_the_zone_abbreviation():
    assert fmt.timestamp("2025-03-03T02:47:00-05:00", NY) == "Mon 2025-03-03 02:47 EST"
    assert fmt.timestamp("2025-03-12T12:40:00Z", NY) == "Wed 2025-03-12 08:40 EDT"
    assert fmt.timestamp(datetime(2025, 3, 3, 2, 47, 5, tzinfo=NY)) == "Mon 2025-03-03 02:47:05 EST"


def test_a_zone_without_a_lettered_abbreviation_reads_as_its_offset():
    fixed = datetime(2025, 3, 3, 2, 47, tzinfo=timezone(timedelta(hours=-5)))
    assert fmt.timestamp(fixed) == "Mon 2025-03-03 02:47 UTC-05:00"
    assert fmt.timestamp("2025-03-03T15:47:00+08:00", "Asia/Singapore") == \
        "Mon 2025-03-03 15:47 UTC+08:00"


def test_a_case_time_written_without_an_offset_takes_the_case_zone():
    assert fmt.timestamp("2025-03-12T12:00:00", NY) == "Wed 2025-03-12 12:00 EDT"
    assert fmt.timestamp(None) == "never"


def test_amounts_group_thousands_with_the_currency():
    assert fmt.money("14200000", "USD") == "USD 14,200,000.00"
    assert fmt.money(-1500.5, "GBP") == "-GBP 1,500.50"
    assert fmt.number("14200000") == "14,200,000"
    assert fmt.percent("0.9506") == "95.06%"


def test_durations_in_words():
    assert fmt.duration("30m") == "30 minutes"
    assert fmt.duration("1h") == "1 hour"
    assert fmt.duration("4 business days") == "4 business days"
    assert fmt.duration(timedelta(days=2, hours=3, minutes=5)) == "2 days, 3 hours and 5 minutes"
    assert fmt.duration(timedelta(seconds=40)) == "40 seconds"


def test_lists_read_as_a_sentence():
    assert fmt.listing([]) == "none"
    assert fmt.listing(["a"]) == "a"
    assert fmt.listing(["a", "b"]) == "a and b"
    assert fmt.listing(["a", "b", "c"], "or") == "a, b or c"


def test_any_value_in_words_never_a_repr():
    text = fmt.value({"at": "2025-03-03T02:47:00-05:00", "related_to_intrusion": True,
                      "escalated_at": None, "window": "1h", "tags": ["x", "y"]}, NY)
    assert text == ("at: Mon 2025-03-03 02:47 EST; related to intrusion: yes; tags: x and y; "
                    "window: 1 hour")
    assert fmt.value(["2025-06-01"]) == "Sun 2025-06-01"
    assert fmt.value("480000", currency="USD", key="cap") == "USD 480,000.00"
    assert fmt.value("188000", currency="USD", key="residents") == "188000"


def test_fact_labels_fall_back_to_words_from_the_path():
    assert fmt.fact_label("incident.alerts[AL-1007].acknowledged_at") == \
        "alert AL-1007: acknowledged at"
    assert fmt.fact_label("client_governance.mfa.remote_access") == "MFA remote access"
    assert fmt.fact_label("x.y", "whether MFA protected remote access") == \
        "whether MFA protected remote access"


def _result(name):
    from engine.analyze import analyze
    from facts.loader import load_case
    return analyze(load_case(str(ROOT / "examples" / name)))


def test_non_parties_read_by_the_name_the_case_gives_them():
    words = CaseWords.of(_result("meridian-zero-day.yaml"))
    assert words.party("vendor:ledgerline") == "Ledgerline Systems Corp."
    assert words.role("provider").endswith("(the provider)")
    assert words.zone_label == "America/Chicago" or words.zone is not None


@pytest.mark.parametrize("name", ["meridian-zero-day.yaml", "harborview-missed-alerts.yaml"])
def test_reports_carry_no_python_repr_and_no_raw_party_id(name):
    from reports.catalogue_data import rule_catalogue
    from reports.render import render
    result = _result(name)
    for audience in ("expert", "mediator", "student"):
        for fmt_name in ("md", "html"):
            text = render(result, rule_catalogue(), audience, fmt_name)
            assert not re.search(r"\{'|\['|': |\bTrue\b|\bFalse\b|\bNone\b", text), \
                (audience, fmt_name, re.search(r".{40}(\{'|\['|\bTrue\b|\bFalse\b|\bNone\b).{40}",
                                                text))
            assert not re.search(r"\d{2}:\d{2}(:\d{2})? ?[-+]\d{2}:?\d{2}\b", text), \
                (audience, fmt_name)
            assert not re.search(r"\bvendor:ledgerline\b(?!\])", text), (audience, fmt_name)
