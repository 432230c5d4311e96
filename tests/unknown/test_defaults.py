"""Defaults never assert fault: a fault-bearing fact left out is unknown, listed as unknown, and no
finding holds on it. Only a neutral state may be a default, and each one is named here with the
reason it is neutral, so a new default has to be argued for."""
from __future__ import annotations

import typing

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from facts.labels import unwrap
from facts.model import Case
from facts.unknown import UNKNOWN
from tests.helpers import run

NEUTRAL = {
    # what the case is about, not what anyone did
    "timezone": "no zone: every timestamp must carry its own",
    "case.forum": "descriptive", "case.currency": "the unit amounts are in",
    "case.summary": "descriptive", "parties.client.sector": "descriptive",
    "parties.client.employees": "descriptive", "parties.non_parties[].product": "descriptive",
    "contract.service_tier": "descriptive", "contract.signed": "descriptive",
    "contract.annual_fees": "no fee recorded: no figure derived from it",
    "audit.date": "descriptive", "audit.auditor": "descriptive",
    "audit.tests[].result": "descriptive", "incident.alerts[].rule": "descriptive",
    "incident.alerts[].asset": "descriptive", "incident.outages[].cause": "descriptive",
    "incident.harm.accrual[].what": "descriptive", "incident.notices[].regime": "descriptive",
    "incident.notices[].recipient": "descriptive",
    "recommendations[].response_at": "descriptive (no rule reads it)",
    "provider_conduct.staffing.analysts_per_shift": "descriptive (no rule reads it)",
    "insurance.insurer": "descriptive", "insurance.limit": "descriptive",
    # regulatory status: not a regime (applicability is issue #17's; no regime, no late notice)
    "parties.provider.status.nis2": "no regime", "parties.client.status.nis2": "no regime",
    "parties.provider.status.hipaa_business_associate": "no regime",
    "parties.client.status.sec_registrant": "no regime", "parties.client.status.hipaa": "no regime",
    "parties.client.status.dora_financial_entity": "no regime",
    "parties.client.status.circia_covered": "no regime",
    "parties.client.status.nydfs_covered": "no regime",
    # contract terms: a clause the file does not record is not in the contract
    "contract.form": "a written contract, the usual case; oral or vague scope is a dispute",
    # contract.engagement left out is [monitoring], the engagement the control level describes;
    # named in DUTY-001's finding and marked assumed (facts/model/engagement.py)
    "contract.engagement[].id": "its type", "contract.engagement[].basis": "descriptive",
    "contract.engagement[].ended": "still running at the end of the record",
    "contract.engagement[].scope": "descriptive",
    "contract.engagement[].assets": "not itemised (descriptive; no rule reads it yet)",
    "contract.responsibilities": "no domain assigned: the rules say what an unassigned domain means",
    "contract.disputed_scope": "no domain contested",
    "contract.shared_parts.assets": "a shared domain not divided by asset: a failure in it is "
                                    "examined against both parties, as the matrix's shared says",
    "contract.sla.clock_starts": "the clock starts at the alert, the later and more lenient start",
    "contract.sla.detection": "no contractual window: the reasonable-provider standard applies",
    "contract.sla.triage.critical": "as detection", "contract.sla.triage.high": "as detection",
    "contract.sla.triage.medium": "as detection", "contract.sla.triage.low": "as detection",
    "contract.sla.escalation": "as detection", "contract.sla.client_notification": "as detection",
    "contract.sla.containment": "as detection",
    "contract.coverage.log_sources": "no rule reads it",
    "contract.coverage.excluded": "no exclusion: an exclusion is the provider's defence to prove",
    "contract.baselines": "no baseline adopted: the reasonable-provider standard applies",
    "contract.testing.detection_testing": "no testing obligation",
    "contract.testing.independent_validation": "no validation obligation",
    "contract.testing.ir_exercise": "no exercise obligation",
    "contract.liability.cap": "no cap clause", "contract.liability.data_breach_supercap": "none",
    "contract.liability.consequential_damages_excluded": "no exclusion clause",
    "contract.liability.carve_outs": "no carve-out", "contract.liability.subrogation_waiver": "none",
    "contract.clauses.indemnity.covers": "an indemnity covers only the heads it names",
    # rulings: no tribunal has ruled unless the record says so (a ruling is a fact of the record)
    "rulings.gross_negligence": "no ruling", "rulings.willful_misconduct": "no ruling",
    # no designation sought or granted: the law then compares no share for the attacker, and the
    # report states the shares with it counted (allocation_detail.attacker.both_ways)
    "rulings.attacker_designated": "no ruling",
    # records of things that happened: an entry the file does not have did not happen
    "audit.findings[].control_domain": "the auditor named none; its attribution stands",
    "audit.findings[].occurrences": "found once", "audit.findings[].assessor": "descriptive",
    "audit.findings[].asset": "not recorded: a shared domain's division by asset then decides "
                              "nothing, and the auditor's attribution stands",
    "audit.findings[].existed_since": "not dated apart: first_observed and known_before_incident "
                                      "show existence, as before (each unknown by default)",
    "audit.findings[].known_since": "not dated apart: known_before_incident says (unknown by "
                                    "default)",
    "incident.vector.target": "no social engineering recorded",
    "incident.vector.identity_verified": "no desk reset recorded; unknown when the target is the "
                                         "service desk",
    "incident.vector.entry_asset": "not recorded: an entry through an acquired system is then "
                                   "not shown",
    "client_governance.acquisitions[].systems": "not itemised: an entry through them not shown",
    "client_governance.acquisitions[].what": "descriptive",
    "incident.vector.cve": "no CVE named", "incident.vector.patch_available": "no patch recorded",
    "incident.vector.entry_point": "descriptive", "incident.vector.vendor": "no vendor named",
    "incident.vector.disclosed_publicly": "not public before the intrusion, as far as recorded",
    "incident.post_exploit_activity": "no activity recorded",
    "incident.vector.also": "the entry was of its type alone",
    "incident.timeline.active_after_containment": "no later activity recorded (an event the "
                                                  "record gives when it happened)",
    "incident.timeline.vendor_advisory.by": "the vector's vendor",
    "incident.affected_assets": "no asset recorded",
    "incident.harm.records_affected": "none recorded", "incident.harm.regulatory_fines": "none",
    "incident.harm.response_costs": "none",
    "incident.statements[].claims_contained": "a statement says what it is recorded as saying",
    "incident.statements[].claims_scope_limited_to": "as above",
    "incident.statements[].disclosed_monitoring_gaps": "as above",
    "incident.statements[].claims_data_categories": "as above",
    "incident.statements[].claims_cause": "as above",
    "incident.statements[].what": "descriptive",
    "incident.statements[].about": "the topics of the claims recorded",
    "incident.statements[].reliance_action": "descriptive (whether it relied is relied_on)",
    "incident.concealment[].at": "a deal's moment is unknown when left out; no moment for withheld",
    "incident.concealment[].amount": "as above: unknown for a payment left without one",
    "incident.concealment[].described_as": "descriptive",
    "incident.concealment[].what": "descriptive",
    "incident.harm.total": "the sum of the heads; required without heads",
    "incident.harm.heads[].regime": "descriptive (the fine's regime)",
    "incident.harm.heads[].what": "descriptive",
    "incident.ransom_paid": "no payment recorded",
    "recommendations[].by": "the list records the provider's advice; a client's says by: client",
    "insurance.required_controls": "no policy condition recorded",
    # how the loader reads evidence files
    "evidence[].mapping": "loader setting", "evidence[].timezone": "loader setting",
    "evidence[].prefer": "loader setting", "evidence[].silence_threshold": "loader setting",
    "evidence[].derived": "filled by the loader",
}


def defaults(model: type[BaseModel], prefix: str = "", seen=None) -> dict[str, object]:
    seen = set() if seen is None else seen
    out = {}
    for name, info in model.model_fields.items():
        inner = unwrap(info.annotation)
        sub = next((unwrap(a) for a in (inner, *typing.get_args(inner))
                    if isinstance(unwrap(a), type) and issubclass(unwrap(a), BaseModel)), None)
        path = f"{prefix}{name}"
        if sub is not None:
            if (model, name) not in seen:
                seen.add((model, name))
                out |= defaults(sub, path + ("[]." if typing.get_origin(inner) is list else "."),
                                seen)
            continue
        if info.default is not PydanticUndefined and info.default is not UNKNOWN:
            out[path] = info.default
    return out


def test_every_default_is_unknown_or_a_declared_neutral_state():
    found = defaults(Case)
    undeclared = sorted(set(found) - set(NEUTRAL))
    assert not undeclared, f"defaults not argued to be neutral: {undeclared}"
    assert not sorted(set(NEUTRAL) - set(found)), "NEUTRAL names fields that have no default"


BARE = {
    "timezone": "UTC",
    "case": {"id": "bare", "title": "Only what is required", "governing_law": "US-NY"},
    "parties": {"provider": {"name": "P"}, "client": {"name": "C"}},
    "contract": {"control_level": "fully_managed",
                 "responsibilities": {"log_monitoring": "provider", "mfa": "client"}},
    "incident": {
        "vector": {"type": "stolen_credentials"},
        "post_exploit_activity": ["lateral_movement", "exfiltration"],
        "timeline": {"intrusion_start": "2025-01-06T01:00:00", "discovered_by": "client",
                     "discovery": "2025-01-20T09:00:00"},
        "alerts": [{"id": "AL-1", "at": "2025-01-06T01:30:00", "severity": "critical"}],
        "outages": [{"id": "O-1", "source": "edr", "start": "2025-01-05T00:00:00"}],
        "harm": {"total": 1000000},
    },
    "audit": {"findings": [{"id": "A-1", "category": "staffing", "responsible": "provider",
                            "severity": "high", "description": "Thin night shift."}]},
    "recommendations": [{"id": "R-1", "at": "2024-06-01", "topic": "mfa_remote_access",
                         "what": "Enforce MFA.", "response": "declined"}],
}

# Facts the issue names as fault-bearing: left out, each is unknown.
FAULT_BEARING = [
    "client_governance.risk_oversight.board_reporting",
    "client_governance.risk_oversight.internal_audit",
    "client_governance.credentials.vendor_accounts_reviewed",
    "client_governance.least_privilege", "client_governance.segmentation",
    "client_governance.mfa.remote_access", "client_governance.mfa.privileged",
    "provider_conduct.staffing.coverage_24x7", "provider_conduct.threat_intel_feeds",
    "provider_conduct.post_incident.remediation_plan",
    "provider_conduct.post_incident.logs_preserved",
    "incident.alerts[AL-1].related_to_intrusion", "incident.alerts[AL-1].acknowledged_at",
    "incident.timeline.provider_detection", "incident.timeline.containment",
    "incident.outages[O-1].end", "incident.outages[O-1].disclosed_to_client",
    "audit.findings[A-1].remediated", "audit.findings[A-1].known_before_incident",
    "recommendations[R-1].in_writing",
]

# What may hold with every fault-bearing fact unknown: that a duty exists, and what follows from
# facts the case does give (a stolen-credentials entry is foreseeable; an attack is the very risk
# a monitor is hired against). None of these is a failure of either party.
MAY_HOLD = ("duty.monitoring.provider", "duty.control_level.provider",
            "causation.exploit_foreseeable.provider", "causation.proximate.provider")


def test_no_finding_holds_on_a_defaulted_fault_bearing_fact():
    result = run(BARE)
    listed = {u["id"] for u in result["unknowns"]}
    assert set(FAULT_BEARING) <= listed, sorted(set(FAULT_BEARING) - listed)
    holding = sorted(f["id"] for f in result["findings"] if f["holds"]
                     and f["id"] not in MAY_HOLD)
    assert holding == [], holding
    assert result["allocation"] == {}
    not_shown = {f["id"] for f in result["findings"] if f["unknowns"]}
    # the elements these facts decide say so, naming the facts
    assert {"breach.triage.provider", "governance.mfa.client", "breach.staffing.provider",
            "governance.recommendation.client.R-1"} <= not_shown


def test_the_same_case_with_the_facts_given_finds_fault_on_both_sides():
    """The bare case is not fault-free by construction: give the facts and failures appear."""
    import copy
    raw = copy.deepcopy(BARE)
    raw["incident"]["alerts"][0].update(related_to_intrusion=True, acknowledged_at="never",
                                        escalated_at="never")
    raw["incident"]["timeline"].update(provider_detection="never", containment="never",
                                       first_indicator="2025-01-06T01:20:00",
                                       client_notified="never")
    raw["incident"]["vector"]["via_remote_access"] = True
    raw["client_governance"] = {"mfa": {"remote_access": False, "privileged": True}}
    raw["recommendations"][0]["in_writing"] = True
    result = run(raw)
    holding = {f["id"] for f in result["findings"] if f["holds"]}
    assert {"breach.triage.provider", "governance.mfa.client",
            "governance.recommendation.client.R-1"} <= holding
    assert set(result["allocation"]) == {"client", "provider"}


# Case format v2's fault-bearing facts, each left out: the bare case with the v2 entries added
# bare too (an engagement with no start, a statement, a concealment, a head of loss, an
# acquisition and a vendor advisory with nothing but what identifies them).
def _bare_v2() -> dict:
    import copy
    raw = copy.deepcopy(BARE)
    raw["parties"]["non_parties"] = [{"id": "vendor:acme", "name": "Acme", "role": "software_vendor"}]
    raw["contract"]["engagement"] = [{"type": "monitoring"}, {"type": "incident_response"}]
    incident = raw["incident"]
    incident["harm"] = {"heads": [{"id": "H-1", "kind": "response_costs", "amount": 1000000}]}
    incident["statements"] = [{"id": "S-1", "by": "provider", "at": "2025-01-21T00:00:00",
                               "to": "client", "claims_contained": True}]
    incident["concealment"] = [{"id": "C-1", "by": "provider", "kind": "withheld",
                                "concealed_from": "client"}]
    incident["timeline"]["vendor_advisory"] = {"published": "2024-12-01", "by": "vendor:acme"}
    raw["client_governance"] = {"acquisitions": [{"id": "ACQ-1", "acquired": "2024-06-01",
                                                  "systems": ["acq-01"]}]}
    return raw


FAULT_BEARING_V2 = [
    "contract.engagement[incident_response].started", "contract.engagement[monitoring].started",
    "incident.statements[S-1].known_false_at", "incident.statements[S-1].corrected_at",
    "incident.statements[S-1].relied_on", "incident.statements[S-1].relied_at",
    "incident.concealment[C-1].known_at", "incident.concealment[C-1].disclosed_at",
    "incident.harm.heads[H-1].accrued_at",
    "client_governance.acquisitions[ACQ-1].connected",
    "client_governance.acquisitions[ACQ-1].assessed",
    "incident.timeline.vendor_advisory.received", "incident.timeline.vendor_advisory.acted_on",
    "incident.data_categories",
]


def test_no_finding_holds_on_a_defaulted_v2_fault_bearing_fact():
    result = run(_bare_v2())
    listed = {u["id"] for u in result["unknowns"]}
    assert set(FAULT_BEARING_V2) <= listed, sorted(set(FAULT_BEARING_V2) - listed)
    # a duty the recorded engagement brings, and the question a recorded concealment (the
    # provider withheld the breach: that is the record, not a default) leaves open for the trier
    duties = ("duty.engagement.provider.incident_response",
              "claims.willful_misconduct_question.provider")
    holding = sorted(f["id"] for f in result["findings"] if f["holds"]
                     and f["id"] not in MAY_HOLD + duties)
    assert holding == [], holding
    assert result["allocation"] == {}
    not_shown = {f["id"] for f in result["findings"] if f["unknowns"]}
    assert {"governance.patching.client.advisory", "statement.false.provider.S-1"} <= not_shown
