"""Duty and its scope: whose function failed, and how heavy the provider's duty is.

The contract defines most of the duty; a professional who undertakes security work also owes the
care of a reasonably prudent provider of the same service, whatever the paperwork says.
"""
from __future__ import annotations

from rules.base import Salience, fact, rule
from rules.common import MONITORING_DOMAINS


@rule("DUTY-001", title="Provider owes a monitoring duty", area="duty",
      concludes="duty.monitoring", party="provider",
      authority="Contract scope; Restatement (Second) of Torts §324A (liability to third persons "
                "for negligent performance of an undertaking) as the principle that one who "
                "undertakes a service must perform it with reasonable care",
      principle="Whoever undertakes to monitor must do so with the care of a reasonably prudent "
                "provider of the same service.",
      narrative="The provider undertook monitoring under a {control_level} engagement covering "
                "{domains}; it owed the client the care of a reasonably prudent provider of that "
                "service.",
      narrative_not="Neither the contract nor the responsibility matrix gives the provider any "
                    "monitoring function, so no monitoring duty is established.",
      needs={"level": fact("contract.control_level")})
def monitoring_duty(c, level):
    matrix = c.group("contract.responsibilities")
    mine = sorted(d for d in MONITORING_DOMAINS if matrix.get(d) in ("provider", "shared"))
    unassigned = not any(d in matrix for d in MONITORING_DOMAINS)
    c.conclude(
        c.check("the provider operates or shares a monitoring function",
                bool(mine) or (unassigned and level != "advisory"),
                f"control level {level}; monitoring domains assigned to the provider: "
                f"{', '.join(mine) or 'none named'}"),
        values={"control_level": level.replace("_", " "),
                "domains": ", ".join(d.replace("_", " ") for d in mine) or "monitoring generally"})


@rule("DUTY-002", title="Control level sets the weight of the provider's duty", area="duty",
      concludes="duty.control_level", party="provider", salience=Salience.MEASURE,
      authority="Principle: the duty's weight follows the control exercised (tiered liability "
                "by level of control); DOMAIN.md §2",
      principle="A provider that fully operates detection answers for more of what it misses "
                "than one that only forwards alerts to a client who runs the controls.",
      narrative="Under a {control_level} engagement the provider's monitoring failures are "
                "weighted by a factor of {multiplier}.",
      needs={"level": fact("contract.control_level")})
def control_level(c, level):
    multiplier = c.param(f"multiplier.control_level.{level}")
    c.derive("derived.control_multiplier", multiplier,
             f"control level {level} → multiplier {multiplier}")
    c.conclude(c.check("control level recorded", True, f"{level} → ×{multiplier}"),
               values={"control_level": level.replace("_", " "), "multiplier": multiplier})


@rule("DUTY-003", title="Scope is disputed or rests on a vague agreement", area="duty",
      concludes="duty.scope_disputed", party="provider",
      authority="Principle: a vague or oral agreement does not remove the duty of care; it makes "
                "scope a question of fact (DOMAIN.md §2)",
      principle="Where the parties contest what the provider was hired to do, scope is a fact to "
                "be proved, not an assumption to be made.",
      narrative="Scope is contested ({detail}); the findings that depend on it hold only on the "
                "version of scope this analysis assumes, which the report discloses.",
      narrative_not="The contract is written and neither party contests the allocation of "
                    "control domains.",
      needs={"form": fact("contract.form")})
def scope_disputed(c, form):
    disputed = c.get("contract.disputed_scope", []) or []
    c.conclude(
        c.check("the agreement is written", form == "written", f"form: {form}"),
        c.check("no control domain is contested", not disputed,
                f"contested: {', '.join(disputed) or 'none'}"),
        holds=form != "written" or bool(disputed),
        values={"detail": f"agreement {form}; contested domains: {', '.join(disputed) or 'none'}"})


@rule("DUTY-004", title="Failed control belongs to the provider under the matrix", area="duty",
      concludes="duty.failed_control", party="provider",
      authority="PCI DSS v4.0.1 req. 12.8.5 (a documented split of responsibilities with service "
                "providers); contract responsibility matrix",
      principle="Whose failure a failed control is depends on who the responsibility matrix "
                "made responsible for it.",
      narrative="The control that failed first ({domain}) is assigned to the {owner} under the "
                "responsibility matrix.",
      narrative_not="The control that failed first ({domain}) is not the provider's under the "
                    "responsibility matrix (owner: {owner}).",
      needs={"vector": fact("incident.vector")})
def failed_control(c, vector):
    domain = {"known_cve": "patching", "stolen_credentials": "identity_access",
              "phishing": "email_security", "misconfiguration": "identity_access",
              "zero_day": "endpoint_detection", "supply_chain": "endpoint_detection",
              "insider": "identity_access"}.get(vector["type"], "endpoint_detection")
    owner = c.group("contract.responsibilities").get(domain, "unassigned")
    c.conclude(c.check("the provider owns or shares the failed control",
                       owner in ("provider", "shared"), f"{domain}: {owner}"),
               values={"domain": domain.replace("_", " "), "owner": owner})
