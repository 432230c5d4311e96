"""The case file's validated model: what was promised, what was found, what happened.

It holds raw facts only. Nothing here says `late`, `breached` or `at_fault`: the rules derive those.
Field names are the case-file paths that fact ids and `--set` use, so rename nothing lightly.
One module per section of the case file; this one assembles them into the `Case`.
"""
from __future__ import annotations

from typing import Optional

from pydantic import model_validator

from facts.model.base import UNKNOWN, Severity, Strict, described  # noqa: F401
from facts.model.parties import (  # noqa: F401
    Affected, CaseInfo, Client, ClientStatus, NonParty, Parties, Provider, ProviderStatus)
from facts.model.contract import (  # noqa: F401
    Contract, ControlDomain, Engagement, Coverage, Liability, SLA, TestingObligations, TriageWindows)
from facts.model.audit import (  # noqa: F401
    Audit, AuditCategory, AuditFinding, TestRecord)
from facts.model.incident import (  # noqa: F401
    Alert, Concealment, Harm, HarmAccrual, HarmHead, Incident, Notice, Outage, Statement,
    Timeline, Vector)
from facts.model.regulatory import Applicability
from facts.model.clauses import Rulings
from facts.model.conduct import (  # noqa: F401
    Acquisition, ClientGovernance, Credentials, EvidenceRef, Insurance, MFA, PostIncident,
    ProviderConduct, Recommendation, RiskOversight, Staffing)


class Case(Strict):
    timezone: Optional[str] = described(
        "the case's time zone", "IANA zone completing timestamps written without an offset",
        None)
    case: CaseInfo = described("the case", "id, title, governing law, forum, currency")
    parties: Parties = described("the parties", "provider, client and non-parties")
    affected: list[Affected] = described("who was affected", "affected people per "
                                         "jurisdiction", [])
    contract: Contract = described("the contract", "what was promised")
    audit: Audit = described("the audit", "what the inspection found", Audit())
    incident: Incident = described("the incident", "what happened")
    client_governance: ClientGovernance = described("the client's governance",
                                                    "the client's own controls",
                                                    ClientGovernance())
    recommendations: list[Recommendation] = described(
        "the recommendations", "each written recommendation once, with the response", [],
        item_label="recommendation {id}")
    provider_conduct: ProviderConduct = described("the provider's conduct",
                                                  "how the provider ran the service",
                                                  ProviderConduct())
    insurance: Insurance = described("the insurance", "the client's cyber policy", Insurance())
    applicability: Applicability = described(
        "the facts the law's reach turns on", "establishment and targeting, incident severity "
        "by each regime's threshold, the action's filing date", Applicability())
    rulings: Rulings = described("what a tribunal has found", "findings of a court or "
                                 "arbitrator already made in this dispute", Rulings())
    evidence: list[EvidenceRef] = described("the evidence files", "evidence files; see "
                                            "docs/evidence.md", [], item_label="evidence {id}")

    @model_validator(mode="after")
    def _knowledge_from_dates(self) -> "Case":
        # An audit finding dated known_since says whether it was known before the intrusion; the
        # flag left out follows from the dates (facts/control_checks.py refuses a flag that
        # contradicts them).
        start = self.incident.timeline.intrusion_start
        for item in self.audit.findings:
            since = item.known_since
            if since is not None and since is not UNKNOWN and start is not UNKNOWN and \
                    "known_before_incident" not in item.model_fields_set:
                item.__dict__["known_before_incident"] = since <= start.date()
        return self

    @model_validator(mode="after")
    def _ids_unique(self) -> "Case":
        for path, items in (("audit.findings", self.audit.findings),
                            ("audit.tests", self.audit.tests),
                            ("incident.alerts", self.incident.alerts),
                            ("incident.outages", self.incident.outages),
                            ("incident.notices", self.incident.notices),
                            ("incident.statements", self.incident.statements),
                            ("contract.engagement", self.contract.engagement),
                            ("incident.concealment", self.incident.concealment),
                            ("incident.harm.heads", self.incident.harm.heads),
                            ("recommendations", self.recommendations),
                            ("client_governance.acquisitions",
                             self.client_governance.acquisitions),
                            ("evidence", self.evidence),
                            ("parties.non_parties", self.parties.non_parties)):
            seen: set[str] = set()
            for item in items:
                if item.id in seen:
                    raise ValueError(f"{path}[{item.id}]: duplicate id {item.id!r}; ids must be "
                                     f"unique within a list")
                seen.add(item.id)
        return self
