"""Client governance failures: MFA, patching, declined recommendations, credentials, segmentation,
oversight, insurance-required controls, audit findings on the client's side.

Each finding records its causal link to this incident: `entry` (it let the attacker in), `spread`
(it let the intrusion grow) or `none` (a failure that caused nothing, which moves no share).
"""
from __future__ import annotations

from rules.base import each, fact, rule

SPREAD = ("lateral_movement", "privilege_escalation")


def _link(vector: dict, activity: list, entry: bool, spread_kinds=SPREAD) -> str:
    if entry:
        return "entry"
    return "spread" if any(a in activity for a in spread_kinds) else "none"


def _owner(c, *domains: str) -> str:
    matrix = c.group("contract.responsibilities")
    for domain in domains:
        if domain in matrix:
            return matrix[domain]
    return "client"  # a control nobody assigned stays with the organisation that owns the system


@rule("GOV-001", title="MFA missing on remote access or privileged accounts", area="governance",
      concludes="governance.mfa", party="client",
      authority="CIS Controls v8 safeguards 6.4 (MFA for remote network access) and 6.5 (MFA for "
                "administrative access); NIST CSF 2.0 PR.AA",
      principle="An organisation that leaves remote access or administration behind a password "
                "alone carries the consequences when a stolen password opens the door.",
      narrative="The client did not enforce MFA on {missing}, a control it was responsible for "
                "({owner}); causal link to this incident: {link}.",
      narrative_not="The client enforced MFA on remote access and privileged accounts, or MFA was "
                    "not its responsibility ({owner}).",
      needs={"remote": fact("client_governance.mfa.remote_access"),
             "privileged": fact("client_governance.mfa.privileged"),
             "vector": fact("incident.vector")})
def mfa(c, remote, privileged, vector):
    owner = _owner(c, "mfa", "identity_access")
    missing = [n for n, on in (("remote access", remote), ("privileged accounts", privileged))
               if not on]
    activity = c.get("incident.post_exploit_activity") or []
    credential_entry = vector["type"] in ("stolen_credentials", "phishing")
    entry = (not remote and credential_entry and vector.get("via_remote_access")) or \
        (not privileged and credential_entry and not vector.get("via_remote_access"))
    link = _link(vector, activity, entry, SPREAD + ("credential_theft",))
    c.conclude(c.check("MFA was missing somewhere it matters", bool(missing),
                       ", ".join(missing) or "enforced everywhere"),
               c.check("MFA was the client's responsibility", owner in ("client", "shared"),
                       f"owner: {owner}"),
               values={"missing": " and ".join(missing), "owner": owner, "link": link,
                       "causal_link": link})


@rule("GOV-002", title="Known vulnerability left unpatched by the client", area="governance",
      concludes="governance.patching", party="client",
      authority="CIS Controls v8 control 7 (continuous vulnerability management); CISA Binding "
                "Operational Directive 22-01 (remediation timelines for known exploited "
                "vulnerabilities) as a benchmark",
      principle="A patch available and not applied within a reasonable time, on a system the "
                "organisation was responsible for patching, is the organisation's own failure.",
      narrative="{cve} had a patch available from {patch}; it was still open when the intrusion "
                "began {days} days later, and patching was the {owner}'s responsibility.",
      narrative_not="The client is not shown to have left a known vulnerability open "
                    "unreasonably ({why_not}).",
      needs={"vector": fact("incident.vector"),
             "start": fact("incident.timeline.intrusion_start")})
def patching(c, vector, start):
    if vector["type"] != "known_cve":
        c.conclude(c.check("the vector was a known vulnerability", False, vector["type"]),
                   values={"cve": "no known CVE", "patch": "", "days": "", "owner": "",
                           "causal_link": "none",
                           "why_not": f"the vector was {vector['type'].replace('_', ' ')}, not a "
                                      f"known vulnerability"})
        return
    patch = vector.get("patch_available")
    owner = _owner(c, "patching", "vulnerability_scanning")
    grace = c.param("threshold.patch_grace_days")
    days = (start.date() - patch).days if patch else None
    late = days is not None and days > grace
    c.conclude(c.check(f"the patch had been available more than {grace} days", late,
                       f"patch {patch or 'not available'}; {days} days before the intrusion"),
               c.check("patching was the client's responsibility", owner in ("client", "shared"),
                       f"owner: {owner}"),
               values={"cve": vector.get("cve") or "the vulnerability", "patch": str(patch),
                       "days": days, "owner": owner, "causal_link": "entry",
                       "why_not": "patching was the provider's" if owner == "provider" else
                       f"{days} days is within the {grace}-day grace" if days is not None
                       else "no patch existed"})


_TOPIC_LINK = {  # which recommendation topics bear on which vectors (entry) or on spread
    "mfa_remote_access": ("stolen_credentials", "phishing"),
    "mfa_privileged": ("stolen_credentials", "phishing", "insider"),
    "patching": ("known_cve",),
    "credential_hygiene": ("stolen_credentials", "insider"),
}


@rule("GOV-003", title="Written recommendation declined or ignored", area="governance",
      concludes="governance.recommendation", party="client",
      authority="Principle: a client that declined in writing a safeguard its provider "
                "recommended carries the consequences of that choice (DOMAIN.md §6); the "
                "warning also mitigates the provider's share (DOMAIN.md §5)",
      principle="Advice given in writing and refused shifts responsibility for the risk it "
                "addressed to the one who refused it.",
      narrative="On {at} the provider recommended in writing: {what} The client {response} it; "
                "causal link to this incident: {link}.",
      narrative_not="Recommendation {id} ({topic}) {why_not}.",
      needs={"rec": each("recommendations"), "vector": fact("incident.vector"),
             "start": fact("incident.timeline.intrusion_start")})
def recommendation(c, rec, vector, start):
    if rec["by"] != "provider":
        return
    refused = rec["response"] in ("declined", "ignored")
    before = rec["at"] <= start.date()
    activity = c.get("incident.post_exploit_activity") or []
    entry = vector["type"] in _TOPIC_LINK.get(rec["topic"], ())
    link = _link(vector, activity, entry) if rec["topic"] in (*_TOPIC_LINK, "segmentation") \
        else "none"
    c.conclude(c.check("the recommendation was in writing", rec["in_writing"],
                       f"in writing: {rec['in_writing']}"),
               c.check("the client declined or ignored it", refused, rec["response"]),
               c.check("it was made before the intrusion", before, str(rec["at"])),
               subject=rec["id"],
               values={"id": rec["id"], "at": str(rec["at"]), "what": rec["what"].rstrip(".") + ".",
                       "response": rec["response"], "topic": rec["topic"], "link": link,
                       "causal_link": link,
                       "why_not": "was accepted" if not refused else
                       "was not in writing" if not rec["in_writing"] else
                       "came after the intrusion began"})


@rule("GOV-004", title="Credential hygiene", area="governance",
      concludes="governance.credentials", party="client",
      authority="CIS Controls v8 control 5 (account management), safeguard 5.3 (disable dormant "
                "accounts)",
      principle="Shared, stale and unreviewed vendor accounts are doors an attacker can walk "
                "through unnoticed.",
      narrative="Credential hygiene failed: {detail}; causal link: {link}.",
      narrative_not="Credential hygiene is not shown to have failed ({detail}).",
      needs={"shared": fact("client_governance.credentials.shared_accounts"),
             "stale": fact("client_governance.credentials.stale_accounts"),
             "vendor": fact("client_governance.credentials.vendor_accounts_reviewed"),
             "vector": fact("incident.vector")})
def credentials(c, shared, stale, vendor, vector):
    limit = c.param("threshold.stale_accounts")
    problems = [p for p, bad in (("shared accounts in use", shared),
                                 (f"{stale} stale accounts (limit {limit})", stale > limit),
                                 ("vendor accounts never reviewed", not vendor)) if bad]
    activity = c.get("incident.post_exploit_activity") or []
    link = _link(vector, activity, vector["type"] in ("stolen_credentials", "insider"))
    c.conclude(c.check("no shared, stale or unreviewed accounts", not problems,
                       "; ".join(problems) or "none"),
               holds=bool(problems),
               values={"detail": "; ".join(problems) or "no shared, stale or unreviewed accounts",
                       "link": link, "causal_link": link})


@rule("GOV-005", title="Segmentation and least privilege", area="governance",
      concludes="governance.segmentation", party="client",
      authority="CIS Controls v8 controls 6 (access control management) and 12 (network "
                "infrastructure management); NIST CSF 2.0 PR.AA-05, PR.IR-01",
      principle="A flat network with broad privileges turns one foothold into the whole estate.",
      narrative="The network {detail}, which let the intrusion spread; causal link: {link}.",
      narrative_not="Segmentation and least privilege were in place, or the intrusion did not "
                    "spread through their absence ({detail}).",
      needs={"segmented": fact("client_governance.segmentation"),
             "least": fact("client_governance.least_privilege"),
             "activity": fact("incident.post_exploit_activity")})
def segmentation(c, segmented, least, activity):
    spread = any(a in activity for a in SPREAD)
    gaps = [g for g, bad in (("was not segmented", not segmented),
                             ("did not enforce least privilege", not least)) if bad]
    c.conclude(c.check("segmentation and least privilege in place", not gaps,
                       " and ".join(gaps) or "both in place"),
               c.check("the intrusion spread (lateral movement or privilege escalation)", spread,
                       ", ".join(activity) or "no spread recorded"),
               holds=bool(gaps) and spread,
               values={"detail": " and ".join(gaps) or "was segmented with least privilege",
                       "link": "spread", "causal_link": "spread"})


@rule("GOV-006", title="Risk oversight", area="governance",
      concludes="governance.oversight", party="client",
      authority="NIST CSF 2.0 Govern function (GV.RM risk management strategy, GV.OV oversight)",
      principle="Security is governed from the top: without a current risk assessment and "
                "reporting to the board, gaps go unseen and unfunded.",
      narrative="Risk oversight was weak: {detail}. This is background, not a cause of this "
                "intrusion, and moves no share on its own.",
      narrative_not="Risk oversight was in place ({detail}).",
      needs={"start": fact("incident.timeline.intrusion_start"),
             "board": fact("client_governance.risk_oversight.board_reporting")})
def oversight(c, start, board):
    assessed = c.get("client_governance.risk_oversight.risk_assessment")
    max_age = c.param("threshold.risk_assessment_age_days")
    current = assessed is not None and (start.date() - assessed).days <= max_age
    gaps = [g for g, bad in ((f"no risk assessment within {max_age} days", not current),
                             ("no board reporting", not board)) if bad]
    c.conclude(c.check("a current risk assessment existed", current, f"last: {assessed}"),
               c.check("security was reported to the board", board, f"board reporting: {board}"),
               holds=len(gaps) == 2,
               values={"detail": "; ".join(gaps) or f"assessment {assessed}, board reporting",
                       "causal_link": "none"})


@rule("GOV-007", title="Insurance-required controls missing", area="governance",
      concludes="governance.insurance_controls", party="client",
      authority="Principle: a cyber policy's required controls corroborate what both parties "
                "expected, and a failed required control may cost the insured its cover "
                "(DOMAIN.md §11)",
      principle="Controls an insurer made a condition of cover show what the insured itself "
                "accepted as necessary.",
      narrative="The cyber policy required {required}; {missing} was not in place on the "
                "client's side, which may put cover at risk.",
      narrative_not="Every control the cyber policy required was in place ({required}).",
      needs={"required": fact("insurance.required_controls"),
             "remote": fact("client_governance.mfa.remote_access"),
             "privileged": fact("client_governance.mfa.privileged")})
def insurance_controls(c, required, remote, privileged):
    state = {"mfa_remote_access": remote, "mfa_privileged": privileged}
    missing = [r for r in required if state.get(r) is False]
    c.conclude(c.check("every required client control was in place", not missing,
                       ", ".join(missing) or "all in place"),
               holds=bool(missing),
               values={"required": ", ".join(required) or "nothing",
                       "missing": ", ".join(missing), "causal_link": "none"})


@rule("GOV-008", title="Audit finding against the client", area="governance",
      concludes="governance.audit", party="client",
      authority="NIST CSF 2.0 and CIS Controls v8 as the standard for the client's own controls; "
                "the audit finding as evidence of departure from it",
      principle="An organisation answers for the controls it kept for itself.",
      narrative="Audit finding {id} ({category}, {severity}) on the client's side: {description} "
                "It was open when the intrusion began.",
      narrative_not="Audit finding {id} ({category}) was not open on the client's side when "
                    "the intrusion began.",
      needs={"item": each("audit.findings"), "start": fact("incident.timeline.intrusion_start")})
def client_audit_finding(c, item, start):
    if item["responsible"] != "client":
        return
    remediated = item.get("remediated")
    observed = item.get("first_observed")
    existed = item["known_before_incident"] or (observed is not None and observed <= start.date())
    open_then = remediated is None or remediated > start.date()
    c.conclude(c.check("the condition existed before the intrusion", existed, str(observed)),
               c.check("it was open when the intrusion began", open_then, f"remediated {remediated}"),
               subject=item["id"],
               values={"id": item["id"], "category": item["category"].replace("_", " "),
                       "severity": item["severity"], "description": item["description"],
                       "causal_link": "spread"})
