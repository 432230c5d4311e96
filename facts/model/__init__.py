"""The case file's validated model: what was promised, what was found, what happened.

It holds raw facts only. Nothing here says `late`, `breached` or `at_fault`: the rules derive those.
Field names are the case-file paths that fact ids and `--set` use, so rename nothing lightly.
One module per section of the case file; this one assembles them into the `Case`.
"""
from __future__ import annotations

from typing import Optional

from pydantic import Field, model_validator

from facts.model.base import Severity, Strict  # noqa: F401
from facts.model.parties import (  # noqa: F401
    Affected, CaseInfo, Client, ClientStatus, NonParty, Parties, Provider, ProviderStatus)
from facts.model.contract import (  # noqa: F401
    Contract, ControlDomain, Coverage, Liability, SLA, TestingObligations, TriageWindows)
from facts.model.audit import (  # noqa: F401
    Audit, AuditCategory, AuditFinding, TestRecord)
from facts.model.incident import (  # noqa: F401
    Alert, Harm, HarmAccrual, Incident, Notice, Outage, Statement, Timeline, Vector)
from facts.model.conduct import (  # noqa: F401
    ClientGovernance, Credentials, EvidenceRef, Insurance, MFA, PostIncident,
    ProviderConduct, Recommendation, RiskOversight, Staffing)


class Case(Strict):
    timezone: Optional[str] = None
    case: CaseInfo
    parties: Parties
    affected: list[Affected] = []
    contract: Contract
    audit: Audit = Audit()
    incident: Incident
    client_governance: ClientGovernance
    recommendations: list[Recommendation] = []
    provider_conduct: ProviderConduct = ProviderConduct()
    insurance: Insurance = Insurance()
    evidence: list[EvidenceRef] = Field([], description="evidence files; see docs/evidence.md")

    @model_validator(mode="after")
    def _ids_unique(self) -> "Case":
        for path, items in (("audit.findings", self.audit.findings),
                            ("audit.tests", self.audit.tests),
                            ("incident.alerts", self.incident.alerts),
                            ("incident.outages", self.incident.outages),
                            ("incident.notices", self.incident.notices),
                            ("incident.statements", self.incident.statements),
                            ("recommendations", self.recommendations),
                            ("evidence", self.evidence),
                            ("parties.non_parties", self.parties.non_parties)):
            seen: set[str] = set()
            for item in items:
                if item.id in seen:
                    raise ValueError(f"{path}[{item.id}]: duplicate id {item.id!r}; ids must be "
                                     f"unique within a list")
                seen.add(item.id)
        return self
