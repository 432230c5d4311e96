"""An affected jurisdiction with no notice profile is never dropped: its finding says 'not
assessed: no profile' and the statutory-notice summaries (and so the reports, where the notices
are listed) name it."""
from __future__ import annotations

from engine.analyze import analyze
from facts.loader import build_case
from reports.catalogue_data import rule_catalogue
from reports.render import render_markdown
from rules.legal_time import load_profiles
from rules.notice_coverage import covered
from tests.helpers import base_raw, finding, run

# A place no profile speaks for (and no regime reaches through its residents).
NOWHERE = "JP"


def _with(place: str, residents: int = 4100) -> dict:
    raw = base_raw("harborview-missed-alerts")
    raw["affected"].append({"jurisdiction": place, "residents": residents})
    return raw


def test_an_unprofiled_place_gets_a_not_assessed_finding_for_each_party():
    result = run(_with(NOWHERE))
    for party in ("client", "provider"):
        found = finding(result, f"disclosure.statutory.{party}.jp")
        assert found is not None and found["holds"] is False
        assert found["summary"].startswith("Not assessed: no profile.")
        assert "4,100 residents of JP" in found["summary"]
        assert found["values"]["assessed"] is False
        summary = finding(result, f"disclosure.statutory.{party}")["summary"]
        assert "Not assessed (no notice profile): JP, 4,100 residents" in summary


def test_without_the_unprofiled_place_no_such_finding_or_words():
    result = run(base_raw("harborview-missed-alerts"))
    assert not any(f["subject"] == "jp" for f in result["findings"])
    assert "JP" not in finding(result, "disclosure.statutory.client")["summary"]


def test_a_not_assessed_place_is_not_a_late_notice():
    """It must not count as the client's late notice (late-notice exposure reads holding
    disclosure findings) nor move the shares."""
    plain, more = run(base_raw("harborview-missed-alerts")), run(_with(NOWHERE))
    assert plain["allocation"] == more["allocation"]
    assert plain["exposure"] == more["exposure"]
    assert finding(plain, "disclosure.statutory.client")["holds"] == \
        finding(more, "disclosure.statutory.client")["holds"]


def test_the_report_says_so_where_the_notices_are_listed():
    result = analyze(build_case(_with(NOWHERE), "test-case.yaml"))
    text = render_markdown(result, rule_catalogue(), "expert")
    assert "Not assessed (no notice profile): JP, 4,100 residents" in text
    assert "Not assessed: no profile." in text


def test_regional_and_federal_profiles_cover_what_they_should():
    profiles = load_profiles()
    assert covered("DE", profiles) and covered("GB-SCT", profiles)   # EU and UK regimes
    assert not covered(NOWHERE, profiles)
    # HIPAA and the SEC bind by status: they are no state's own notice law
    assert all(covered(p.jurisdiction, profiles) for p in profiles.values())
    assert not covered("US-ZZ", profiles)


def test_harborviews_new_jersey_residents_are_not_dropped():
    """Before the New Jersey profile they were 'not assessed: no profile'; now its duties (all by
    a standard) are listed where the notices are, and nothing says 'not assessed'."""
    result = run(base_raw("harborview-missed-alerts"))
    assert finding(result, "disclosure.statutory.client.us-nj") is None
    summary = finding(result, "disclosure.statutory.client")["summary"]
    assert "us-nj individuals, us-nj state-police" in summary
    assert "Not assessed" not in summary
    provider = finding(result, "disclosure.statutory.provider")["summary"]
    assert "us-nj maintainer-to-owner" in provider
