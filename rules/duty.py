"""Duty and its scope: whose function failed, and how heavy the provider's duty is.

The contract defines most of the duty; a professional who undertakes security work also owes the
care of a reasonably prudent provider of the same service, whatever the paperwork says.
"""
from __future__ import annotations

from rules.authorities import cite, contract_term, modelling_choice
from rules.base import Salience, each, fact, rule
from rules.common import ENTRY_CONTROL, MONITORING_DOMAINS, audit_owner


@rule("DUTY-001", title="Provider owes a monitoring duty", area="duty",
      concludes="duty.monitoring", party="provider",
      authority=[contract_term("the services and scope the contract describes"),
                cite("restatement-3d-economic-harm", "§4", "whether a security provider is a "
                     "professional is for the governing law"),
                cite("restatement-3d-economic-harm", "§3", "between contracting parties, economic loss "
                     "from negligent performance is generally left to the contract"),
                cite("uk-hedley-byrne", note="England"), cite("uk-henderson-v-merrett", note="England")],
      principle="Whoever undertakes to monitor must do so with the care of a reasonably prudent "
                "provider of the same service.",
      narrative="The provider undertook monitoring (engagement {engagement}) under a "
                "{control_level} engagement covering {domains}; it owed the client the care of a "
                "reasonably prudent provider of that service.",
      narrative_not="{why_not}, so no monitoring duty is established.",
      needs={"level": fact("contract.control_level")})
def monitoring_duty(c, level):
    # A duty only for what was engaged: the monitoring engagement (the default where the file
    # names none) is what the control level describes.
    engaged = [e for e in c.items("contract.engagement") if e["type"] == "monitoring"]
    others = [e["id"] for e in c.items("contract.engagement") if e["type"] != "monitoring"]
    matrix = c.group("contract.responsibilities")
    mine = sorted(d for d in MONITORING_DOMAINS if matrix.get(d) in ("provider", "shared"))
    unassigned = not any(d in matrix for d in MONITORING_DOMAINS)
    c.conclude(
        c.check("the provider was engaged to monitor", bool(engaged),
                ", ".join(e["id"] for e in engaged) or
                f"engaged only for {', '.join(others)}"),
        c.check("the provider operates or shares a monitoring function",
                bool(mine) or (unassigned and level != "advisory"),
                f"control level {level}; monitoring domains assigned to the provider: "
                f"{', '.join(mine) or 'none named'}"),
        values={"control_level": level.replace("_", " "),
                "engagement": ", ".join(e["id"] for e in engaged),
                "domains": ", ".join(d.replace("_", " ") for d in mine) or "monitoring generally",
                "why_not": f"The provider was not engaged to monitor (engagements: "
                           f"{', '.join(others)})" if not engaged else
                           "Neither the contract nor the responsibility matrix gives the "
                           "provider any monitoring function"})


@rule("DUTY-002", title="Control level sets the weight of the provider's duty", area="duty",
      concludes="duty.control_level", party="provider", salience=Salience.MEASURE,
      authority=modelling_choice("the weight of the provider's duty follows the control it exercised: a "
                               "provider that fully operates detection answers for more of what it "
                               "misses than one that only forwards alerts"),
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
      authority=modelling_choice("a vague or oral agreement does not remove the duty of care; it makes "
                               "scope a question of fact"),
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


@rule("DUTY-004", title="Entry control belongs to the provider under the matrix", area="duty",
      concludes="duty.failed_control", party="provider",
      authority=[cite("pci-dss-4-0-1", "12.8.5"), contract_term("the responsibility matrix")],
      principle="Whose failure a failed control is depends on who the responsibility matrix "
                "made responsible for it. A zero-day or supply-chain entry passes through a flaw "
                "in another's product, not through either party's control.",
      narrative="The standard is the responsibility matrix: the control the attacker got past "
                "first ({domain}) is assigned to the {owner}, so its failure is the provider's "
                "to answer for.",
      narrative_not="The standard is the responsibility matrix: {why_not}",
      needs={"vector": fact("incident.vector")})
def failed_control(c, vector):
    domain = ENTRY_CONTROL.get(vector["type"])
    if domain is None:
        c.conclude(c.check("the entry passed through a control either party operated", False,
                           f"vector {vector['type']}"),
                   values={"domain": "none", "owner": "nobody",
                           "why_not": f"the entry was a {vector['type'].replace('_', ' ')}, which "
                                      f"no control of either party could have stopped; missing "
                                      f"it is judged under causation, not as a failed control."})
        return
    owner = c.group("contract.responsibilities").get(domain, "unassigned")
    c.conclude(c.check("the provider owns or shares the failed control",
                       owner in ("provider", "shared"), f"{domain}: {owner}"),
               values={"domain": domain.replace("_", " "), "owner": owner,
                       "why_not": f"the control the attacker got past first "
                                  f"({domain.replace('_', ' ')}) is not the provider's (owner: "
                                  f"{owner}); the provider answers only for what its own "
                                  f"functions should have caught afterwards."})


def _covered(asset: str, coverage: list[str]) -> bool:
    if asset in coverage:
        return True
    return any(c.lower().startswith("all") and c.split("-", 1)[-1].rstrip("s") in asset.lower()
               for c in coverage if "-" in c)


@rule("DUTY-005", title="Compromised assets inside the contract's coverage", area="duty",
      concludes="duty.coverage", party="provider",
      authority=[contract_term("the coverage scope (assets and log sources)"),
                cite("pci-dss-4-0-1", "12.8.5")],
      principle="A monitoring duty reaches the assets and log sources the contract puts in scope; "
                "where the contract lists no assets, the whole estate the service watches is in "
                "scope.",
      narrative="The standard is the contract's coverage list: {covered} of the {total} "
                "compromised assets ({assets}) lie inside it, so the monitoring duty reached the "
                "intrusion.",
      narrative_not="The standard is the contract's coverage list: none of the compromised assets "
                    "({assets}) is inside it ({detail}), so whether the duty reached the intrusion "
                    "is a scope question.",
      needs={"assets": fact("incident.affected_assets")})
def coverage(c, assets):
    listed = c.get("contract.coverage.assets") or []
    excluded = c.get("contract.coverage.excluded") or []
    inside = [a for a in assets if a not in excluded and (not listed or _covered(a, listed))]
    c.conclude(c.check("a compromised asset lies inside coverage", bool(inside),
                       f"inside: {', '.join(inside) or 'none'}; coverage lists "
                       f"{', '.join(listed) or 'no assets (whole estate)'}; excluded: "
                       f"{', '.join(excluded) or 'none'}"),
               values={"covered": len(inside), "total": len(assets),
                       "assets": ", ".join(assets) or "none recorded",
                       "detail": f"excluded: {', '.join(excluded) or 'none'}"})


@rule("DUTY-006", title="Scope defence: a compromised asset or source outside coverage",
      area="duty", concludes="duty.scope_defence", party="provider", burden="provider",
      authority=[contract_term("the coverage scope and its exclusions"),
                modelling_choice("a scope defence is recorded, not assumed; an express exclusion is a "
                                 "contractual limitation the party relying on it must prove")],
      principle="An asset the contract excluded, or never listed, gives the provider a scope "
                "defence for harm that arose there; it is flagged for the trier of fact, not "
                "assumed to succeed.",
      narrative="A scope defence is available to the provider: {detail}. Whether it succeeds "
                "depends on what the parties agreed; the provider bears the burden of proving "
                "the exclusion.",
      narrative_not="No scope defence is available: every compromised asset ({assets}) lies "
                    "inside the contract's coverage.",
      needs={"assets": fact("incident.affected_assets")})
def scope_defence(c, assets):
    listed = c.get("contract.coverage.assets") or []
    excluded = c.get("contract.coverage.excluded") or []
    out = [a for a in assets if a in excluded]
    unlisted = [a for a in assets if listed and a not in excluded and not _covered(a, listed)]
    parts = ([f"{', '.join(out)} expressly excluded"] if out else []) + \
        ([f"{', '.join(unlisted)} not listed in coverage"] if unlisted else [])
    c.conclude(c.check("no compromised asset is excluded from coverage", not out,
                       ", ".join(out) or "none excluded"),
               c.check("every compromised asset is listed (or coverage is the whole estate)",
                       not unlisted, ", ".join(unlisted) or "all listed"),
               holds=bool(out or unlisted),
               values={"detail": "; ".join(parts), "assets": ", ".join(assets) or "none"})


NON_MONITORING = ("identity_access", "mfa", "patching", "vulnerability_scanning", "backup",
                  "email_security", "asset_inventory", "security_awareness", "threat_intelligence",
                  "network_segmentation", "vendor_access", "remote_access", "secrets_storage",
                  "service_desk_verification", "rmm_platform", "hosting_security",
                  "forensic_investigation", "database_operations", "regulatory_notification")


@rule("DUTY-007", title="A duty within a narrow scope is still a duty", area="duty",
      concludes="duty.narrow_scope", party="provider",
      authority=[contract_term("the responsibility matrix"),
                cite("restatement-3d-economic-harm", "§4", "whether a security provider is a "
                     "professional is for the governing law"),
                cite("uk-henderson-v-merrett", note="England")],
      principle="A provider hired only for a narrow task (a help desk's identity checks, patch "
                "deployment, backups) owes reasonable care in that task, even where it has no "
                "monitoring duty at all.",
      narrative="Beyond monitoring, the matrix gives the provider {domains}; within that narrow "
                "scope it owed the care of a reasonably prudent provider{relevant}.",
      narrative_not="The matrix gives the provider no function outside monitoring, so no "
                    "narrow-scope duty arises.",
      needs={"level": fact("contract.control_level"), "vector": fact("incident.vector")})
def narrow_scope(c, level, vector):
    matrix = c.group("contract.responsibilities")
    mine = sorted(d for d in NON_MONITORING if matrix.get(d) in ("provider", "shared"))
    entry = ENTRY_CONTROL.get(vector["type"])
    relevant = entry in mine or (entry == "identity_access" and "mfa" in mine)
    c.conclude(c.check("the provider operates a non-monitoring function", bool(mine),
                       ", ".join(mine) or "none"),
               c.check("the attacker's way in ran through that function", relevant,
                       f"entry control {entry or 'none'}"),
               holds=bool(mine),
               values={"domains": ", ".join(d.replace("_", " ") for d in mine),
                       "relevant": f", and the attacker's way in ({entry.replace('_', ' ')}) ran "
                                   f"through it" if relevant and entry else ""})


@rule("DUTY-008", title="Auditor's attribution differs from the responsibility matrix",
      area="duty", concludes="duty.attribution_conflict", party="provider",
      authority=[contract_term("the responsibility matrix, which governs over an auditor's label"),
                cite("pci-dss-4-0-1", "12.8.5")],
      principle="When an audit blames one party for a control the contract gave the other, the "
                "contract governs and the conflict is disclosed.",
      narrative="Audit finding {id} attributes a {domain} failure to the {auditor_says}, but the "
                "matrix assigns {domain} to the {matrix_says}; this analysis follows the matrix.",
      narrative_not="Audit finding {id} is attributed consistently with the responsibility "
                    "matrix ({detail}).",
      needs={"item": each("audit.findings")})
def attribution_conflict(c, item):
    matrix = c.group("contract.responsibilities")
    domain = item.get("control_domain")
    owner = audit_owner(item, matrix, c.group("contract.shared_parts"))
    conflict = bool(domain and domain in matrix and owner != item["responsible"])
    c.conclude(c.check("the auditor and the matrix agree on whose control it is", not conflict,
                       f"auditor: {item['responsible']}; matrix: "
                       f"{matrix.get(domain, 'silent') if domain else 'no domain named'}"),
               holds=conflict, subject=item["id"],
               values={"id": item["id"], "domain": (domain or "").replace("_", " "),
                       "auditor_says": item["responsible"], "matrix_says": owner,
                       "detail": f"auditor: {item['responsible']}; matrix: "
                                 f"{matrix.get(domain, 'silent') if domain else 'no domain'}"})
