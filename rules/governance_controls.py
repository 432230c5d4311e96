"""Client governance: the technical controls the client kept for itself — MFA, patching,
credential hygiene, segmentation and least privilege, vendor and third-party access.

Each finding records its causal link to this incident: `entry` (it let the attacker in), `spread`
(it let the intrusion grow) or `none` (a failure that caused nothing, which moves no share).
Decisions and oversight (declined advice, risk oversight, insurance-required controls, acting on an
escalation): rules/governance_oversight.py; the client's audit findings: rules/governance_audit.py.
"""
from __future__ import annotations

from facts.formatting import yes_no
from facts.unknown import UNKNOWN
from rules.authorities import cite
from rules.base import fact, rule
from rules.common import exploited_cve, mentions, negate, tally
from rules.shared_controls import domain_owner

SPREAD = ("lateral_movement", "privilege_escalation")


def _link(vector: dict, activity: list, entry: bool, spread_kinds=SPREAD) -> str:
    if entry:
        return "entry"
    return "spread" if any(a in activity for a in spread_kinds) else "none"


def client_control_owner(c, *domains: str, asset=None) -> str:
    """Who kept a control: one nobody assigned stays with the organisation that owns the system;
    a shared domain divided by asset gives the entry asset's side (rules/shared_controls.py)."""
    return domain_owner(c, domains, "client", asset)



@rule("GOV-001", title="MFA missing on remote access or privileged accounts", area="governance",
      concludes="governance.mfa", party="client",
      authority=[cite("cis-controls-v8", "safeguard 6.4"), cite("cis-controls-v8", "safeguard 6.5"),
               cite("nist-csf-2", "PR.AA")],
      principle="An organisation that leaves remote access or administration behind a password "
                "alone carries the consequences when a stolen password opens the door.",
      narrative="The standard is MFA on remote and administrative access (CIS Controls v8 6.4, "
                "6.5). The client did not enforce MFA on {missing}, a control it was responsible for "
                "({owner}); causal link to this incident: {link}.",
      narrative_not="The client enforced MFA on remote access and privileged accounts, or MFA was "
                    "not its responsibility ({owner}).",
      needs={"vector": fact("incident.vector")})
def mfa(c, vector):
    owner = client_control_owner(c, "mfa", "identity_access", asset=vector.known("entry_asset"))
    remote = c.known("client_governance.mfa.remote_access")
    privileged = c.known("client_governance.mfa.privileged")
    missing, unknown = tally(("remote access", negate(remote), "client_governance.mfa.remote_access"),
                             ("privileged accounts", negate(privileged),
                              "client_governance.mfa.privileged"))
    activity = c.get("incident.post_exploit_activity") or []
    credential_entry = vector["type"] in ("stolen_credentials", "phishing")
    via = vector.known("via_remote_access") if credential_entry else False
    # The gap that let a credential-based entry in: remote access for a remote entry, privileged
    # accounts otherwise. Where the way in is unknown, the link is not shown.
    if credential_entry and via is UNKNOWN and (remote is False or privileged is False):
        link = "unknown"
    else:
        entry = credential_entry and ((remote is False and via is True) or
                                      (privileged is False and via is False))
        link = _link(vector, activity, entry, SPREAD + ("credential_theft",))
    c.conclude(c.check("MFA was missing somewhere it matters", bool(missing),
                       ", ".join(missing) or ("enforced everywhere" if not unknown else
                                              "none shown missing")),
               *[c.unknown_check("MFA enforced", fid) for fid in unknown],
               c.check("MFA was the client's responsibility", owner in ("client", "shared"),
                       f"owner: {owner}"),
               holds=bool(missing) and owner in ("client", "shared"),
               unknown=unknown if owner in ("client", "shared") else (),
               values={"missing": " and ".join(missing), "owner": owner,
                       "link": "not shown (whether the attacker came in through remote access "
                               "is unknown)" if link == "unknown" else link,
                       "causal_link": link})


@rule("GOV-002", title="Known vulnerability left unpatched by the client", area="governance",
      concludes="governance.patching", party="client",
      authority=[cite("cis-controls-v8", "control 7"),
               cite("cisa-bod-22-01", note="remediation timelines as a benchmark")],
      principle="A patch available and not applied within a reasonable time, on a system the "
                "organisation was responsible for patching, is the organisation's own failure.",
      narrative="The standard is remediation of known vulnerabilities within {grace} days (CIS "
                "Controls v8 control 7). {cve} had a patch available from {patch}; it was still "
                "open when the intrusion began {days} days later, the attacker's way in ran "
                "through it, and patching was the {owner}'s responsibility.",
      narrative_not="The client is not shown to have left a known vulnerability open "
                    "unreasonably ({why_not}).",
      needs={"vector": fact("incident.vector"),
             "start": fact("incident.timeline.intrusion_start")})
def patching(c, vector, start):
    if not exploited_cve(vector):
        c.conclude(c.check("the entry exploited a known vulnerability", False, vector["type"]),
                   values={"cve": "no known CVE", "patch": "", "days": "", "owner": "",
                           "causal_link": "none",
                           "why_not": f"the vector was {vector['type'].replace('_', ' ')}, not a "
                                      f"known vulnerability"})
        return
    patch = vector.get("patch_available")
    owner = client_control_owner(c, "patching", "vulnerability_scanning",
                                 asset=vector.known("entry_asset"))
    grace = c.param("threshold.patch_grace_days")
    days = (start.date() - patch).days if patch else None
    late = days is not None and days > grace
    c.conclude(c.check(f"the patch had been available more than {grace} days", late,
                       f"patch {patch or 'not available'}; {days} days before the intrusion"),
               c.check("patching was the client's responsibility", owner in ("client", "shared"),
                       f"owner: {owner}"),
               values={"cve": vector.get("cve") or "the vulnerability", "patch": str(patch),
                       "days": days, "owner": owner, "causal_link": "entry", "grace": grace,
                       "why_not": "patching was the provider's" if owner == "provider" else
                       f"{days} days is within the {grace}-day grace" if days is not None
                       else "no patch existed"})


@rule("GOV-004", title="Credential hygiene", area="governance",
      concludes="governance.credentials", party="client",
      authority=[cite("cis-controls-v8", "control 5"), cite("cis-controls-v8", "safeguard 5.3")],
      principle="Shared and stale accounts are doors an attacker can walk through unnoticed. "
                "They caused the entry only where the attacker used such an account; otherwise "
                "they matter as a path for spread. (Vendor accounts: GOV-009.)",
      narrative="The standard is account management under CIS Controls v8 control 5. Credential "
                "hygiene failed: {detail}; causal link to this incident: {link}.",
      narrative_not="Credential hygiene is not shown to have failed ({detail}).",
      needs={"vector": fact("incident.vector")})
def credentials(c, vector):
    limit = c.param("threshold.stale_accounts")
    shared = c.known("client_governance.credentials.shared_accounts")
    stale = c.known("client_governance.credentials.stale_accounts")
    problems, unknown = tally(
        ("shared accounts in use", shared, "client_governance.credentials.shared_accounts"),
        (f"{stale} stale accounts (limit {limit})",
         UNKNOWN if stale in (None, UNKNOWN) else stale > limit,
         "client_governance.credentials.stale_accounts"))
    activity = c.get("incident.post_exploit_activity") or []
    entry = vector["type"] in ("stolen_credentials", "insider") and \
        mentions(vector.get("entry_point"), ("shared", "stale", "dormant", "former", "generic"))
    link = "entry" if entry else "spread" if any(
        a in activity for a in ("credential_theft", "persistence", "privilege_escalation",
                                "lateral_movement")) else "none"
    c.conclude(c.check("no shared or stale accounts", not problems,
                       "; ".join(problems) or "none shown"),
               *[c.unknown_check("account hygiene", fid) for fid in unknown],
               holds=bool(problems), unknown=unknown,
               values={"detail": "; ".join(problems) or
                       f"{'no shared accounts' if shared is False else 'shared accounts'}; "
                       f"{stale} stale accounts, within the limit of {limit}",
                       "link": link, "causal_link": link})


@rule("GOV-005", title="Segmentation and least privilege", area="governance",
      concludes="governance.segmentation", party="client",
      authority=[cite("cis-controls-v8", "control 6"), cite("cis-controls-v8", "control 12"),
               cite("nist-csf-2", "PR.AA-05"), cite("nist-csf-2", "PR.IR-01")],
      principle="A flat network with broad privileges turns one foothold into the whole estate.",
      narrative="The standard is a segmented network with least privilege (CIS Controls v8 6, 12). "
                "The network {detail}, which let the intrusion spread; causal link: {link}.",
      narrative_not="Segmentation and least privilege were in place, or the intrusion did not "
                    "spread through their absence ({detail}).",
      needs={"activity": fact("incident.post_exploit_activity")})
def segmentation(c, activity):
    spread = any(a in activity for a in SPREAD)
    segmented = c.known("client_governance.segmentation")
    least = c.known("client_governance.least_privilege")
    gaps, unknown = tally(("was not segmented", negate(segmented),
                           "client_governance.segmentation"),
                          ("did not enforce least privilege", negate(least),
                           "client_governance.least_privilege"))
    c.conclude(c.check("segmentation and least privilege in place", not gaps,
                       " and ".join(gaps) or "no gap shown"),
               *[c.unknown_check("segmentation and least privilege", fid) for fid in unknown],
               c.check("the intrusion spread (lateral movement or privilege escalation)", spread,
                       ", ".join(activity) or "no spread recorded"),
               holds=bool(gaps) and spread, unknown=unknown if spread else (),
               values={"detail": " and ".join(gaps) or "was segmented with least privilege",
                       "link": "spread", "causal_link": "spread"})


VENDOR_WORDS = ("vendor", "contractor", "third-party", "third party", "supplier", "partner",
                "msp", "consultant")


@rule("GOV-009", title="Vendor and third-party access not reviewed", area="governance",
      concludes="governance.vendor_access", party="client",
      authority=[cite("cis-controls-v8", "control 15"), cite("cis-controls-v8", "safeguard 5.3"),
               cite("nist-csf-2", "GV.SC")],
      principle="An organisation that lets vendors and contractors into its systems must review "
                "those accounts; an unreviewed vendor account the attacker used is the "
                "organisation's own open door.",
      narrative="The standard is periodic review of third-party access (CIS Controls v8 control "
                "15). The client never reviewed its vendor accounts, and the attacker came in "
                "through {entry}; causal link: {link}.",
      narrative_not="Vendor access is not shown to have failed in a way that bears on this "
                    "incident ({detail}).",
      needs={"vector": fact("incident.vector")})
def vendor_access(c, vector):
    via_vendor = mentions(vector.get("entry_point"), VENDOR_WORDS)
    owner = client_control_owner(c, "identity_access", asset=vector.known("entry_asset"))
    link = "entry" if via_vendor else "none"
    reviewed = c.known("client_governance.credentials.vendor_accounts_reviewed")
    decisive = via_vendor and owner in ("client", "shared") and reviewed is UNKNOWN
    c.conclude(c.check("vendor accounts were reviewed", reviewed is True,
                       f"reviewed: {yes_no(reviewed)}"),
               c.check("the attacker entered through a vendor or contractor account", via_vendor,
                       f"entry point: {vector.get('entry_point') or 'not recorded'}"),
               c.check("account management was the client's", owner in ("client", "shared"),
                       f"owner: {owner}"),
               holds=reviewed is False and owner in ("client", "shared") and via_vendor,
               unknown=["client_governance.credentials.vendor_accounts_reviewed"] if decisive
               else (),
               values={"entry": vector.get("entry_point") or "", "link": link,
                       "causal_link": link,
                       "detail": f"reviewed: {yes_no(reviewed)}; entry point "
                                 f"{vector.get('entry_point') or 'not recorded'}"})
