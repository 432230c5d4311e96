"""Client governance: decisions and oversight — written advice declined or ignored, risk
oversight, controls the cyber policy required, and acting on a timely escalation.

Each finding records its causal link to this incident (`entry`, `spread` or `none`). The technical
controls the client kept (MFA, patching, credentials, segmentation, vendor access):
rules/governance_controls.py.
"""
from __future__ import annotations

from facts.formatting import yes_no
from facts.unknown import UNKNOWN, NotShown
from rules.authorities import cite, modelling_choice
from rules.base import each, fact, rule
from rules.common import (add, audit_owner, first_notice, lateness, negate, open_at, part_words,
                          shown, sla_window, tally, topic_link, when)
from rules.containment_activity import still_active_after
from rules.governance_controls import client_control_owner


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
    mfa_provider = client_control_owner(c, "mfa", "identity_access") == "provider"
    state = {"mfa_remote_access": None if mfa_provider else negate(remote),
             "mfa_privileged": None if mfa_provider else negate(privileged),
             "edr": client_gap(("endpoint_detection",)),
             "monitoring_24x7": client_gap(("log_monitoring", "network_monitoring"),
                                           ("staffing", "monitoring_outage")),
             "offline_backup": client_gap(("backup",)),
             "patching": None if client_control_owner(c, "patching") == "provider" else
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
    owner = client_control_owner(c, "incident_response")
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
