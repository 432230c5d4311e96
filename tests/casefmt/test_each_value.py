"""Every control domain, audit category and vector the case format accepts is read by a finding:
it fires on the value and falls silent without it. The lists come from the model itself, so a value
added to the format without a rule that reads it fails here."""
from __future__ import annotations

import typing

import pytest

from facts.model.audit import AuditCategory
from facts.model.contract import ControlDomain
from tests.casefmt.support import base_raw, finding, run

HV = "harborview-missed-alerts"
# The monitoring domains are read by the monitoring duty (tests/casefmt/test_engagements.py and the
# scenarios); every other domain is a narrow-scope function the provider may be given.
MONITORING = {"endpoint_detection", "log_monitoring", "network_monitoring", "incident_response",
              "detection_content"}
NARROW = sorted(set(typing.get_args(ControlDomain)) - MONITORING)


@pytest.fixture(scope="module")
def without():
    return run(base_raw(HV))


def test_the_base_case_gives_the_provider_no_function_outside_monitoring(without):
    assert not finding(without, "duty.narrow_scope.provider")["holds"]


@pytest.mark.parametrize("domain", NARROW)
def test_a_domain_given_to_the_provider_brings_a_narrow_scope_duty_naming_it(domain):
    raw = base_raw(HV)
    raw["contract"]["responsibilities"][domain] = "provider"
    duty = finding(run(raw), "duty.narrow_scope.provider")
    assert duty["holds"] and domain.replace("_", " ") in duty["summary"]


def _client_condition(category: str, vector: str | None = None,
                      remediated: str = "never") -> dict:
    raw = base_raw(HV)
    if vector:
        raw["incident"]["vector"] = {"type": vector, "entry_point": "the way in"}
    raw["audit"]["findings"].append({
        "id": "X-1", "category": category, "responsible": "client", "severity": "high",
        "description": "a recorded condition", "existed_since": "2024-01-01",
        "remediated": remediated})
    return raw


@pytest.mark.parametrize("category", sorted(typing.get_args(AuditCategory)))
def test_each_audit_category_on_the_client_side_is_examined_and_named(category):
    f = finding(run(_client_condition(category)), "governance.audit.client.X-1")
    assert f["holds"] and f"({category.replace('_', ' ')}, high)" in f["summary"]
    # the same condition fixed before the intrusion began: nothing held against the client
    fixed = finding(run(_client_condition(category, remediated="2024-06-01")),
                    "governance.audit.client.X-1")
    assert not fixed["holds"] and "not open" in fixed["summary"]


def test_an_insider_vector_runs_through_access_control_and_is_an_entry_cause():
    insider = finding(run(_client_condition("access_control", "insider")),
                      "governance.audit.client.X-1")
    assert insider["values"]["link"] == "entry"
    # the same open condition, when the attacker came in through an unpatched flaw instead
    cve = finding(run(_client_condition("access_control", "known_cve")),
                  "governance.audit.client.X-1")
    assert cve["values"]["link"] != "entry"
