"""Recipients are identities: a notice counts for the recipient it reached and for no other (the
review's hv-eu case counted the HHS notice as the GDPR and DORA notice); notices to the affected
people, the media or the client reach the same people whatever regime they were given under."""
from __future__ import annotations

from datetime import date

from rules.legal_time import get_profile
from tests.helpers import base_raw, finding, run
from tests.legal_time.test_dated_law import shifted


def test_every_notice_to_an_authority_names_who_receives_it():
    for regime in ("us-hipaa", "eu-gdpr", "uk-gdpr", "us-sec-8k", "us-tx", "eu-dora"):
        profile = get_profile(regime)
        for duty in profile.duties:
            if duty.to in ("regulator", "attorney_general", "sec"):
                assert duty.recipient_ids and all(r in profile.recipients
                                                  for r in duty.recipient_ids), (regime, duty.id)
    assert get_profile("us-hipaa").recipients_for("regulator") == ("us-hhs",)
    assert get_profile("eu-gdpr").recipients_for("individuals") == ("affected-individuals",)


def test_the_hhs_notice_is_not_the_notice_to_an_eu_supervisory_authority():
    raw = base_raw("harborview-missed-alerts")
    raw["affected"].append({"jurisdiction": "DE", "residents": 3})
    raw["applicability"] = {"client": {"eu_establishment": True},
                            "incident": {"risk_to_individuals": "risk"}}
    gdpr = finding(run(raw), "disclosure.regulator.client.eu-gdpr")
    assert gdpr["holds"]
    assert "no notice to the competent supervisory authority" in gdpr["summary"]
    assert "N-2" not in gdpr["summary"]
    hhs = finding(run(raw), "disclosure.regulator.client.us-hipaa")
    assert "N-2" in hhs["summary"]


def _crestline(**extra):
    raw = base_raw("crestline-client-governance")
    raw["affected"].append({"jurisdiction": "US-CA", "residents": 600})
    for key, value in extra.items():
        raw["incident"]["notices"].append({"id": key, **value})
    # a breach of 2026, so California's 30 and 15 days apply
    return shifted(raw, (date(2026, 2, 2) - date(2024, 10, 14)).days)


def test_a_letter_to_the_affected_people_reaches_them_under_every_regime():
    found = finding(run(_crestline()), "disclosure.individuals.client.us-ca")
    assert "notice N-1 (given under us-tx) was given" in found["summary"]


def test_the_texas_attorney_general_notice_is_not_the_california_one():
    ag = finding(run(_crestline()), "disclosure.attorney_general.client.us-ca")
    assert "no notice to the California Attorney General is recorded" in ag["summary"]
    assert "N-2" not in ag["summary"]   # the notice to the Texas attorney general


def test_a_notice_naming_its_recipient_counts_for_that_recipient():
    told = _crestline(**{"N-9": {"by": "client", "to": "attorney_general",
                                 "recipient": "us-ca-ag", "at": "2024-11-21T10:00:00"}})
    ag = finding(run(told), "disclosure.attorney_general.client.us-ca")
    assert "notice to the California Attorney General" in ag["summary"]
    assert "notice N-9 was given" in ag["summary"]


def test_a_notice_to_an_unnamed_regulator_counts_for_no_one():
    vague = _crestline(**{"N-9": {"by": "client", "to": "attorney_general",
                                  "at": "2024-11-21T10:00:00"}})
    ag = finding(run(vague), "disclosure.attorney_general.client.us-ca")
    assert "N-9" not in ag["summary"]
    assert "no notice to the California Attorney General is recorded" in ag["summary"]
