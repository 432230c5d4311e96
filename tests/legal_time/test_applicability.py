"""Where the law applies: GDPR, NIS2, DORA and the risk thresholds reach a case only on their
nexus and threshold facts, never on where the affected people live alone; a fact the record leaves
unknown makes the duty apply only if it is shown, and its lateness is stated, not concluded."""
from __future__ import annotations

import pytest

from tests.helpers import base_raw, finding, run


def harborview(**applicability) -> dict:
    """Harborview (a New York hospital, notices given on 2 May 2025) with three German residents
    among the affected, and the applicability facts given."""
    raw = base_raw("harborview-missed-alerts")
    raw["affected"].append({"jurisdiction": "DE", "residents": 3})
    sections: dict = {}
    for path, value in applicability.items():
        section, _, name = path.partition("__")
        if name:
            sections.setdefault(section, {})[name] = value
        else:
            sections[section] = value
    raw["applicability"] = sections
    return raw


def regimes(result) -> dict:
    return {r["regime"]: r for r in result["derived"]["derived.applicable_regimes"]["value"]}


def unknown_ids(found: dict) -> set[str]:
    return {c["unknown"] for c in found["checks"] if c.get("unknown")}


def test_three_german_residents_alone_do_not_apply_the_gdpr():
    result = run(harborview())
    gdpr = finding(result, "disclosure.regulator.client.eu-gdpr")
    assert not gdpr["holds"]
    assert ("Applies only if it is shown that either the client had an establishment in the EU, "
            "or the client offered goods or services to people in the EU, or the client "
            "monitored the behaviour of people in the EU") in gdpr["summary"]
    assert "would have been late if the duty applied" in gdpr["summary"]
    assert unknown_ids(gdpr) == {"applicability.client.eu_establishment",
                                 "applicability.client.offers_to_eu",
                                 "applicability.client.monitors_in_eu"}
    assert "client:controller-to-authority" in regimes(result)["eu-gdpr"]["applies_if"]
    assert not finding(result, "disclosure.statutory.client")["summary"].count("eu-gdpr")


def test_the_gdpr_does_not_apply_where_the_nexus_facts_are_false():
    result = run(harborview(client={"eu_establishment": False, "offers_to_eu": False,
                                    "monitors_in_eu": False},
                            provider={"eu_establishment": False}))
    assert finding(result, "disclosure.regulator.client.eu-gdpr") is None
    assert regimes(result)["eu-gdpr"]["client"] == []


@pytest.mark.parametrize("nexus", [{"eu_establishment": True},
                                   {"eu_establishment": False, "offers_to_eu": True}])
def test_the_gdpr_applies_on_an_establishment_or_on_targeting(nexus):
    result = run(harborview(client=nexus, incident={"risk_to_individuals": "risk"}))
    gdpr = finding(result, "disclosure.regulator.client.eu-gdpr")
    assert gdpr["holds"] and "Applies only if" not in gdpr["summary"]


def test_a_breach_unlikely_to_result_in_a_risk_needs_no_gdpr_notice():
    result = run(harborview(client={"eu_establishment": True},
                            incident={"risk_to_individuals": "unlikely"}))
    assert finding(result, "disclosure.regulator.client.eu-gdpr") is None
    unknown_risk = run(harborview(client={"eu_establishment": True}))
    assert ("unless it is shown that the breach was unlikely to result in a risk"
            in finding(unknown_risk, "disclosure.regulator.client.eu-gdpr")["summary"])


def test_nis2_needs_a_significant_incident_and_the_providers_nexus_with_the_union():
    raw = harborview()
    raw["parties"]["provider"]["status"]["nis2"] = "essential"
    unknown = finding(run(raw), "disclosure.regulator.provider.eu-nis2")
    assert not unknown["holds"] and {"applicability.incident.nis2_significant",
                                     "applicability.provider.eu_establishment",
                                     "applicability.provider.offers_to_eu"} <= unknown_ids(unknown)
    raw["applicability"] = {"incident": {"nis2_significant": True},
                            "provider": {"eu_establishment": False, "offers_to_eu": False}}
    assert finding(run(raw), "disclosure.regulator.provider.eu-nis2") is None
    raw["applicability"] = {"incident": {"nis2_significant": False},
                            "provider": {"eu_establishment": True}}
    assert finding(run(raw), "disclosure.regulator.provider.eu-nis2") is None
    raw["applicability"] = {"incident": {"nis2_significant": True},
                            "provider": {"eu_establishment": True}}
    assert finding(run(raw), "disclosure.regulator.provider.eu-nis2")["holds"]


def test_dora_24_hours_needs_a_major_incident():
    raw = harborview()
    raw["parties"]["client"]["status"]["dora_financial_entity"] = True
    unknown = finding(run(raw), "disclosure.regulator.client.eu-dora")
    assert not unknown["holds"] and "applicability.incident.dora_major" in unknown_ids(unknown)
    raw["applicability"] = {"incident": {"dora_major": False}}
    assert finding(run(raw), "disclosure.regulator.client.eu-dora") is None
    raw["applicability"] = {"incident": {"dora_major": True}}
    major = finding(run(raw), "disclosure.regulator.client.eu-dora")
    assert major["holds"] and "24 hours from the client's awareness" in major["summary"]


def test_dora_4_hours_runs_from_the_recorded_classification():
    raw = harborview()
    raw["parties"]["client"]["status"]["dora_financial_entity"] = True
    raw["applicability"] = {"incident": {"dora_major": True,
                                         "dora_classified_at": "2025-03-12T10:00:00"}}
    summary = finding(run(raw), "disclosure.regulator.client.eu-dora")["summary"]
    assert "4 hours from the classification as major at Wed 2025-03-12 10:00" in summary


def test_hipaa_duties_need_unsecured_phi():
    base = base_raw("harborview-missed-alerts")
    base["applicability"] = {"incident": {"unsecured_phi": False}}
    result = run(base)
    assert "us-hipaa" in regimes(result)
    assert regimes(result)["us-hipaa"]["client"] == []
    assert finding(result, "disclosure.individuals.client.us-hipaa") is None
    base["applicability"] = {"incident": {"unsecured_phi": True}}
    shown = finding(run(base), "disclosure.individuals.client.us-hipaa")
    assert "Applies only if" not in shown["summary"]


def test_a_state_risk_of_harm_exception_and_the_encryption_safe_harbour():
    base = base_raw("harborview-missed-alerts")
    unknown = finding(run(base), "disclosure.attorney_general.client.us-fl")
    assert "(unless it is shown that either the breached information was encrypted" in \
        unknown["summary"]
    for facts in ({"harm_likely_to_residents": False}, {"data_encrypted": True}):
        base["applicability"] = {"incident": facts}
        assert finding(run(base), "disclosure.attorney_general.client.us-fl") is None, facts


def test_an_unknown_status_leaves_the_duty_open_instead_of_dropping_it():
    raw = base_raw("harborview-missed-alerts")
    raw["parties"]["client"]["status"]["hipaa"] = "unknown"
    raw["applicability"] = {"incident": {"unsecured_phi": True}}
    found = finding(run(raw), "disclosure.individuals.client.us-hipaa")
    assert found is not None and "the client was a HIPAA covered entity" in found["summary"]
    assert "parties.client.status.hipaa" in unknown_ids(found)
