"""Client governance failures: MFA, patching, declined recommendations, credentials, segmentation,
oversight, insurance-required controls, audit findings on the client's side.

Each finding records its causal link to this incident: `entry` (it let the attacker in), `spread`
(it let the intrusion grow) or `none` (a failure that caused nothing, which moves no share).
"""
from __future__ import annotations

from facts.formatting import yes_no
from facts.unknown import UNKNOWN, NotShown
from rules.authorities import cite, modelling_choice
from rules.base import each, fact, rule
from rules.common import (add, audit_owner, first_notice, lateness, mentions,
                          negate, part_words, shown, sla_window, open_at, tally, topic_link, when,
                          exploited_cve)
from rules.containment_activity import still_active_after
from rules.shared_controls import domain_owner

SPREAD = ("lateral_movement", "privilege_escalation")


def _link(vector: dict, activity: list, entry: bool, spread_kinds=SPREAD) -> str:
    if entry:
        return "entry"
    return "spread" if any(a in activity for a in spread_kinds) else "none"


def _owner(c, *domains: str, asset=None) -> str:
    # A control nobody assigned stays with the organisation that owns the system; a shared domain
    # divided by asset gives the entry asset's side (rules/shared_controls.py).
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
    owner = _owner(c, "mfa", "identity_access", asset=vector.known("entry_asset"))
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
    owner = _owner(c, "patching", "vulnerability_scanning", asset=vector.known("entry_asset"))
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


@rule("GOV-003", title="Written recommendation declined or ignored", area="governance",
      concludes="governance.recommendation", party="client",
      authority=modelling_choice("a client that declined in writing a safeguard its provider recommended "
                              "carries the consequences of that choice"),
      principle="Advice given in writing and refused shifts responsibility for the risk it "
                "addressed to the one who refused it. Advice merely left unanswered counts only "
                "once the client has had a reasonable time to act on it.",
      narrative="On {at} the provider recommended in writing: {what} The client {response} it; "
                "causal link to this incident: {link}.",
      narrative_not="Recommendation {id} ({topic}) {why_not}.",
      needs={"rec": each("recommendations"), "vector": fact("incident.vector"),
             "start": fact("incident.timeline.intrusion_start")})
def recommendation(c, rec, vector, start):
    if rec["by"] != "provider":
        return
    days = c.param("threshold.recommendation_response_days")
    age = (start.date() - rec["at"]).days
    refused = rec["response"] == "declined" or (rec["response"] == "ignored" and age > days)
    before = rec["at"] <= start.date()
    activity = c.get("incident.post_exploit_activity") or []
    link = topic_link(rec["topic"], vector, activity)
    in_writing = rec.known("in_writing")
    c.conclude(c.check("the recommendation was in writing", in_writing is True,
                       f"in writing: {yes_no(in_writing)}"),
               c.check("the client declined it, or ignored it beyond a reasonable time", refused,
                       f"{rec['response']}; {age} days before the intrusion (reasonable time "
                       f"{days} days)"),
               c.check("it was made before the intrusion", before, str(rec["at"])),
               subject=rec["id"],
               unknown=[rec.path("in_writing")] if in_writing is UNKNOWN and refused and before
               else (),
               values={"id": rec["id"], "at": str(rec["at"]), "what": rec["what"].rstrip(".") + ".",
                       "response": rec["response"], "topic": rec["topic"], "link": link,
                       "causal_link": link,
                       "why_not": "was accepted" if rec["response"] == "accepted" else
                       "is still pending" if rec["response"] == "pending" else
                       "was not in writing" if in_writing is False else
                       "came after the intrusion began" if not before else
                       f"was left unanswered only {age} days, less than a reasonable "
                       f"{days} days to act"})


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


@rule("GOV-006", title="Risk oversight", area="governance",
      concludes="governance.oversight", party="client",
      authority=[cite("nist-csf-2", "GV.RM"), cite("nist-csf-2", "GV.OV")],
      principle="Security is governed from the top: without a current risk assessment and "
                "reporting to the board, gaps go unseen and unfunded.",
      narrative="Risk oversight was weak: {detail}. This is background, not a cause of this "
                "intrusion, and moves no share on its own.",
      narrative_not="Risk oversight was in place ({detail}).",
      needs={"start": fact("incident.timeline.intrusion_start")})
def oversight(c, start):
    assessed = c.known("client_governance.risk_oversight.risk_assessment")
    board = c.known("client_governance.risk_oversight.board_reporting")
    max_age = c.param("threshold.risk_assessment_age_days")
    current = UNKNOWN if assessed is UNKNOWN else \
        assessed is not None and (start.date() - assessed).days <= max_age
    gaps, unknown = tally((f"no risk assessment within {max_age} days", negate(current),
                           "client_governance.risk_oversight.risk_assessment"),
                          ("no board reporting", negate(board),
                           "client_governance.risk_oversight.board_reporting"))
    # Weak oversight needs both gaps shown; one part shown in place settles it the other way.
    settled = current is True or board is True
    c.conclude(c.check("a current risk assessment existed", current is True,
                       f"last: {shown(assessed)}"),
               c.check("security was reported to the board", board is True,
                       f"board reporting: {shown(board)}"),
               holds=len(gaps) == 2, unknown=() if settled else unknown,
               values={"detail": "; ".join(gaps) or f"assessment {shown(assessed)}, board "
                                                          f"reporting {shown(board)}",
                       "causal_link": "none"})


@rule("GOV-007", title="Insurance-required controls missing on the client's side",
      area="governance", concludes="governance.insurance_controls", party="client",
      authority=modelling_choice("controls a cyber policy requires corroborate what both parties "
                              "expected, and a failed required control may cost the insured its cover"),
      principle="Controls an insurer made a condition of cover show what the insured itself "
                "accepted as necessary. A required control the matrix gave to the provider is the "
                "provider's failure, not the client's.",
      narrative="The cyber policy required {required}; {missing} was not in place on the "
                "client's side, which may put cover at risk.",
      narrative_not="Every control the cyber policy required that the client owned was in place "
                    "({detail}).",
      needs={"required": fact("insurance.required_controls"),
             "start": fact("incident.timeline.intrusion_start")})
def insurance_controls(c, required, start):
    if not required:
        c.conclude(c.check("every required control the client owned was in place", True,
                           "the policy required none"), holds=False,
                   values={"required": "nothing", "missing": "", "causal_link": "none",
                           "detail": "the policy required no control"})
        return
    remote = c.known("client_governance.mfa.remote_access")
    privileged = c.known("client_governance.mfa.privileged")
    matrix = c.group("contract.responsibilities")
    parts = c.group("contract.shared_parts")
    open_client, unsure = [], []
    for a in c.items("audit.findings"):
        try:
            if audit_owner(a, matrix, parts) == "client" and open_at(a, start)[1]:
                open_client.append(a)
        except NotShown as signal:
            unsure += signal.fact_ids

    def client_gap(domains, categories=None) -> bool | None:
        owner = next((matrix[d] for d in domains if d in matrix), "client")
        if owner == "provider":
            return None  # the provider's control: its failure is judged under breach
        return any(a.get("control_domain") in domains and
                   (categories is None or a["category"] in categories) for a in open_client)

    vector = c.get("incident.vector") or {}
    grace = c.param("threshold.patch_grace_days")
    patch = vector.get("patch_available")
    state = {"mfa_remote_access": None if _owner(c, "mfa", "identity_access") == "provider"
             else negate(remote),
             "mfa_privileged": None if _owner(c, "mfa", "identity_access") == "provider"
             else negate(privileged),
             "edr": client_gap(("endpoint_detection",)),
             "monitoring_24x7": client_gap(("log_monitoring", "network_monitoring"),
                                           ("staffing", "monitoring_outage")),
             "offline_backup": client_gap(("backup",)),
             "patching": None if _owner(c, "patching") == "provider" else
             (vector.get("type") == "known_cve" and patch is not None and
              (start.date() - patch).days > grace)}
    missing = [r for r in required if state.get(r) is True]
    provider_side = [r for r in required if state.get(r) is None]
    unknown = [{"mfa_remote_access": "client_governance.mfa.remote_access",
                "mfa_privileged": "client_governance.mfa.privileged"}[r]
               for r in required if state.get(r) is UNKNOWN] + sorted(set(unsure))
    c.conclude(c.check("every required control the client owned was in place", not missing,
                       ", ".join(missing) or "all shown in place"),
               *[c.unknown_check("a required control in place", fid) for fid in unknown],
               holds=bool(missing), unknown=unknown,
               values={"required": ", ".join(required) or "nothing",
                       "missing": ", ".join(missing), "causal_link": "none",
                       "detail": ", ".join(required) + (
                           f"; provider-operated under the matrix: {', '.join(provider_side)}"
                           if provider_side else "")})


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
    owner = _owner(c, "identity_access", asset=vector.known("entry_asset"))
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


@rule("GOV-011", title="Client did not act on a timely escalation", area="governance",
      concludes="governance.response", party="client",
      authority=[cite("nist-csf-2", "RS.MA"), cite("nist-csf-2", "RS.MI"),
               modelling_choice("a client that kept response for itself answers for acting on what it "
                                "was told in time")],
      principle="Where the provider escalated in time and response was the client's job, harm "
                "that grew while the client sat on the warning is the client's to answer for.",
      narrative="The provider escalated at {escalated}, within its window; incident response was "
                "the {owner}'s{part}, and a client acting within {window} would have contained the "
                "intrusion by {deadline}, but containment came {outcome}.",
      narrative_not="The client is not shown to have sat on a timely escalation ({why_not}).",
      needs={"by": fact("derived.standard_escalation_by")})
def client_response(c, by):
    escalated, timely, unknown = first_notice(c, by)
    owner = _owner(c, "incident_response")
    window = sla_window(c, "contract.sla.containment", "default.containment_window")
    deadline = add(escalated, window) if escalated else None
    contained = c.known("incident.timeline.containment")
    if deadline is not None and contained is UNKNOWN:
        slow = UNKNOWN
        unknown = unknown + ["incident.timeline.containment"]
    else:
        slow = deadline is not None and (contained is None or contained > deadline)
        if slow is False and deadline is not None:
            # declared in time, but the attacker was active after it: contained only later
            later = still_active_after(c, contained)
            if later is UNKNOWN:
                slow, unknown = UNKNOWN, unknown + ["incident.timeline.active_after_containment"]
            elif later is not None and later > deadline:
                slow = True
    settled = owner not in ("client", "shared") or timely is False or slow is False
    c.conclude(c.check("the provider escalated within its standard", timely is True,
                       f"escalated {when(escalated)}; standard {when(by)}"),
               c.check("incident response was the client's (or shared)",
                       owner in ("client", "shared"), f"owner: {owner}"),
               c.check("containment came after a reasonable response time", slow is True,
                       f"deadline {when(deadline)}; contained {shown(contained)}"),
               unknown=() if settled else unknown,
               values={"escalated": when(escalated), "owner": owner, "window": window.words(),
                       "part": part_words(c.group("contract.shared_parts"), "incident_response",
                                          "client") if owner == "shared" else "",
                       "deadline": when(deadline),
                       "deadline_at": deadline.isoformat() if deadline else None,
                       "outcome": lateness(deadline, contained) if deadline and
                       contained is not UNKNOWN else "",
                       "link": "spread", "causal_link": "spread",
                       "why_not": "the provider did not escalate in time" if timely is not True else
                       f"incident response was the {owner}'s" if owner not in ("client", "shared")
                       else "the intrusion was contained promptly after escalation"})
