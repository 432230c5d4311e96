"""Remedies and the dispute pathway: corrective actions and remediation mandates, each tied to
the findings that justify it, and a suggested path to resolution with its reason.

A report for a mediator should propose these: compensation is the exposure's
business; here are the remediation mandates, corrective action plans and contract amendments that
would stop the failure recurring. Each remedy holds only when a finding that calls for it holds.
"""
from __future__ import annotations

from rules.authorities import Citation, cite, governing_law, modelling_choice
from rules.base import Salience, fact, rule

TIED_TO_FINDINGS = modelling_choice("a remedy (a remediation mandate, a corrective action plan, a "
                                    "contract amendment) is proposed only where a finding "
                                    "justifies it")


def _justify(c, sources: list[tuple[str, str, str | None]]) -> list[str]:
    """Holding findings among (element, party, audit category or None)."""
    out = []
    for element, party, category in sources:
        for f in c.findings(element, party=party):
            if category is None or f["values"].get("category") == category:
                out.append(f["id"])
    return sorted(set(out))


def _remedy(c, action: str, sources: list[tuple[str, str, str | None]]) -> None:
    because = _justify(c, sources)
    names = sorted({e for e, _, _ in sources})
    c.conclude(c.check("a finding that calls for this remedy holds", bool(because),
                       ", ".join(because) or f"none of {', '.join(names)}"),
               values={"action": action, "because": ", ".join(because),
                       "sources": ", ".join(names)})


def remedy_rule(rule_id: str, item: str, party: str, title: str, action: str,
                authority: list[Citation], sources: list[tuple[str, str, str | None]]):
    @rule(rule_id, title=title, area="remedies", concludes=f"remedy.{item}", party=party,
          salience=Salience.AGGREGATE, phase="aggregate",
          burden="provider" if party == "client" else "client",   # whoever would seek it
          authority=[*authority, TIED_TO_FINDINGS],
          principle=f"A remedy follows from a finding: {action}",
          narrative="Proposed corrective action for the " + party + ": {action} Justified by "
                    "{because}.",
          narrative_not="No such corrective action is called for: none of the findings that "
                        "would justify it ({sources}) holds.")
    def body(c):
        _remedy(c, action, sources)
    body.__name__ = f"remedy_{item}"
    return body


remedy_rule("REM-001", "monitoring_health", "provider", "Monitoring-health alerting",
            "alert on every silent sensor, log source or expired certificate within hours, and "
            "report monitoring health to the client monthly.",
            [cite("aicpa-tsc-2017", "CC7.2")],
            [("breach.monitoring_outage", "provider", None),
             ("breach.audit", "provider", "monitoring outage")])
remedy_rule("REM-002", "disclosure_amendment", "provider", "Contract amendment: duty to disclose",
            "amend the contract to require written notice of any monitoring gap, outage or "
            "suspected incident within a fixed window, and truthful status statements during an "
            "incident.",
            [cite("nist-csf-2", "RS.CO")],
            [("disclosure.concealment", "provider", None),
             ("breach.misrepresentation", "provider", None),
             ("disclosure.client", "provider", None)])
remedy_rule("REM-003", "enforce_mfa", "client", "Enforce MFA",
            "enforce multi-factor authentication on all remote access and privileged accounts, "
            "and verify it quarterly.",
            [cite("cis-controls-v8", "safeguard 6.4"), cite("cis-controls-v8", "safeguard 6.5")],
            [("governance.mfa", "client", None), ("governance.insurance_controls", "client", None)])
remedy_rule("REM-004", "patch_management", "client", "Patch-management programme",
            "patch known exploited vulnerabilities within the benchmark period and track "
            "exceptions with a named owner.",
            [cite("cis-controls-v8", "control 7"), cite("cisa-bod-22-01")],
            [("governance.patching", "client", None)])
remedy_rule("REM-005", "detection_engineering", "provider", "Detection content and tuning",
            "restore disabled detections, update content against current threat intelligence, "
            "and review content currency with the client each quarter.",
            [cite("nist-csf-2", "DE.AE-07"), cite("cis-controls-v8", "control 13")],
            [("breach.detection_content", "provider", None),
             ("breach.audit", "provider", "stale detections"),
             ("breach.audit", "provider", "disabled detections"),
             ("breach.patching", "provider", None),
             ("breach.audit", "provider", "known vulnerability")])
remedy_rule("REM-006", "soc_operations", "provider", "Security-operations corrective plan",
            "staff the service 24x7 at a stated analyst ratio, adopt runbooks with an escalation "
            "path, and report SLA performance (triage, escalation, notice) monthly.",
            [cite("nist-csf-2", "RS.MA"), cite("iso-27001-2022", "A.5.24")],
            [("breach.detection", "provider", None), ("breach.triage", "provider", None),
             ("breach.escalation", "provider", None), ("breach.detection_standard", "provider",
                                                        None),
             ("breach.staffing", "provider", None), ("breach.containment", "provider", None),
             ("breach.audit", "provider", "staffing"), ("breach.audit", "provider", "planning")])
remedy_rule("REM-007", "independent_validation", "provider", "Independent validation mandate",
            "commission an independent validation of the monitoring stack now and at the "
            "contractual interval, shared with the client.",
            [cite("aicpa-tsc-2017", "CC4.1"), cite("cis-controls-v8", "control 18")],
            [("breach.testing", "provider", None),
             ("breach.audit", "provider", "missing validation"),
             ("breach.audit", "provider", "missing testing")])
remedy_rule("REM-008", "access_hardening", "client", "Access hardening",
            "segment the network, remove shared and stale accounts, review vendor access "
            "quarterly, and assess acquired systems before connecting them.",
            [cite("cis-controls-v8", "control 5"), cite("cis-controls-v8", "control 6"),
             cite("cis-controls-v8", "control 12"), cite("cis-controls-v8", "control 15")],
            [("governance.segmentation", "client", None), ("governance.credentials", "client",
                                                           None),
             ("governance.vendor_access", "client", None),
             ("governance.acquired_systems", "client", None)])
remedy_rule("REM-010", "notice_procedures", "client", "Breach-notice procedures",
            "adopt a notice calendar per regime (triggers, deadlines, recipients) and rehearse "
            "it, so statutory clocks are met.",
            [governing_law("notice deadlines of each applicable regime")],
            [("disclosure.statutory", "client", None)])
remedy_rule("REM-011", "identity_controls", "provider", "Identity-verification controls",
            "enforce MFA and out-of-band identity verification in every identity function the "
            "provider runs, including help-desk resets.",
            [cite("cis-controls-v8", "control 5"), cite("cis-controls-v8", "safeguard 6.4"),
             cite("cis-controls-v8", "safeguard 6.5"), cite("nist-csf-2", "PR.AA")],
            [("breach.identity_control", "provider", None)])
remedy_rule("REM-012", "responsibility_matrix", "provider", "Written responsibility matrix",
            "agree a written responsibility matrix per control domain and a coverage list of "
            "assets and log sources, so scope is never again a question of fact.",
            [cite("pci-dss-4-0-1", "12.8.5")],
            [("duty.scope_disputed", "provider", None), ("duty.scope_defence", "provider", None),
             ("duty.attribution_conflict", "provider", None)])


@rule("REM-009", title="Suggested dispute pathway", area="remedies",
      concludes="remedy.pathway", party="provider", salience=Salience.EXPOSURE,
      phase="allocate",
      authority=modelling_choice("negotiation, mediation and arbitration resolve such disputes faster "
                              "than litigation; disputed facts, and arguments that turn on questions "
                              "of fact, call for a neutral"),
      principle="Parties can settle between themselves when the facts are agreed and the "
                "allocation is clear; disputed facts or a shared allocation call for a mediator, "
                "and an argument that only a binding finding of fact can settle (gross negligence "
                "lifting a cap, a fraud-like misstatement) calls for arbitration.",
      narrative="Suggested path: {path}, because {reason}.",
      narrative_not="Suggested path: direct negotiation, because {reason}.",
      needs={"allocation": fact("derived.allocation")})
def pathway(c, allocation):
    disputed = c.disputed()
    gross = c.findings("breach.gross_negligence_available", party="provider")
    fraud = c.findings("breach.misrepresentation", party="provider")
    scope = c.findings("duty.scope_disputed", party="provider") + \
        c.findings("duty.scope_defence", party="provider")
    shares = sorted(float(v) for v in allocation.get("shares", {}).values())
    minority = shares[0] if len(shares) > 1 else 0.0
    limit = c.param("pathway.negotiation_max_minority_share")
    shared = minority > limit
    if gross or fraud:
        path = "arbitration"
        reason = ("the cap turns on " + (
            "a gross-negligence argument" if gross else "a fraud-like misstatement") +
            ", a question of fact that needs a binding decision on the evidence"
            + (f"; the parties also dispute {', '.join(disputed)}" if disputed else ""))
    elif disputed or scope or shared:
        path = "mediation"
        parts = ([f"the parties dispute {', '.join(disputed)}"] if disputed else []) + \
            (["the scope of the provider's duty is contested"] if scope else []) + \
            ([f"fault is shared (the lesser share is {minority:.0%})"] if shared else [])
        reason = "; ".join(parts) + ", which a mediator can help the parties weigh"
    else:
        path, reason = "negotiation", (
            "the facts are not disputed, no cap carve-out is argued and the allocation is "
            f"clear (the lesser share is {minority:.0%})")
    c.conclude(c.check("facts are disputed", bool(disputed), ", ".join(disputed) or "none"),
               c.check("a question of fact decides the cap (gross negligence or misstatement)",
                       bool(gross or fraud), ", ".join(f["id"] for f in gross + fraud) or "none"),
               c.check("scope is contested", bool(scope), ", ".join(f["id"] for f in scope)
                       or "none"),
               c.check(f"fault is shared (lesser share above {limit:.0%})", shared,
                       f"{minority:.2%}"),
               holds=path != "negotiation", values={"path": path, "reason": reason})
