"""The standard of care where the contract is silent, and failures in functions other than
alert handling: baselines, the provider's own patching and identity functions, containment,
detection content that did not keep pace with a public threat. Misstatements of containment and
scope: rules/breach_misstatement.py.
"""
from __future__ import annotations

from datetime import timedelta

from facts.unknown import UNKNOWN
from rules.authorities import cite, contract_term, modelling_choice
from rules.base import Salience, fact, finding, rule
from rules.common import add, duration_of, exploited_cve, lateness, mentions, part_words, when
from rules.containment_activity import still_active_after
from rules.shared_controls import domain_owner

BASELINE_NAMES = {"nist-csf-2.0": "NIST CSF 2.0 DE.CM/DE.AE", "iso-27001-2022":
                  "ISO/IEC 27001:2022 A.8.15–8.16", "soc2": "SOC 2 CC7.2–CC7.3",
                  "cis-v8": "CIS Controls v8 control 8 (8.11 audit log reviews)",
                  "pci-dss-4.0.1": "PCI DSS v4.0.1 req. 10.4.1 (daily log review)"}


def _owner(c, *domains: str, asset=None) -> str:
    # A shared domain divided by asset: the entry asset decides whose part failed.
    return domain_owner(c, domains, "unassigned", asset)


@rule("BREACH-017", title="Standard of care from the named baselines", area="breach",
      concludes="derived.standard_review_window", salience=Salience.MEASURE,
      authority=[cite("pci-dss-4-0-1", "10.4.1", "where the contract adopts it"),
                  cite("nist-csf-2", "DE.CM"), cite("iso-27001-2022", "A.8.16"),
                  cite("aicpa-tsc-2017", "CC7.2"),
                  modelling_choice("where the contract names no baseline, the practice of a reasonable "
                                   "provider of the same service is the measure, and the standards are "
                                   "evidence of that practice")],
      principle="Where the contract sets no detection window, the measure is what the baselines "
                "it adopts, or a reasonable provider, would require.",
      narrative="Where the contract is silent, a reasonable provider reviews what its monitoring "
                "sees within {window} ({basis}).",
      needs={"start": fact("incident.timeline.intrusion_start")})
def standard_review_window(c, start):
    baselines = c.get("contract.baselines") or []
    window = duration_of(c.param("standard.detection_window"))
    basis = [BASELINE_NAMES[b] for b in baselines if b in BASELINE_NAMES] or \
        ["no baseline named: the practice of a reasonable provider"]
    if "pci-dss-4.0.1" in baselines:
        pci = duration_of(c.param("standard.log_review_window.pci"))
        if pci.as_timedelta() < window.as_timedelta():
            window = pci
    c.derive("derived.standard_review_window", str(window),
             f"{window.words()} ({'; '.join(basis)})")


@rule("BREACH-018", title="Detection against the baseline standard where the contract is silent",
      area="breach", concludes="breach.detection_standard", party="provider",
      authority=[cite("nist-csf-2", "DE.CM"), cite("nist-csf-2", "DE.AE"),
                  cite("iso-27001-2022", "A.8.16"), cite("aicpa-tsc-2017", "CC7.2"),
                  cite("pci-dss-4-0-1", "10.4.1", "where adopted"),
                  cite("us-2d-tj-hooper", note="custom is evidence of the standard of care, not its "
                                               "measure")],
      principle="A monitor owes reasonable care even where its contract names no detection "
                "window: an intrusion that leaves indicators must be noticed within the time a "
                "reasonable provider reviewing them would take.",
      narrative="The contract sets no usable detection window ({why_silent}), so the standard is "
                "the baseline: review within {window} of the first indicator at {indicator}, i.e. "
                "by {deadline}. The provider's detection came {outcome}.",
      narrative_not="The contract sets no usable detection window ({why_silent}); measured "
                    "against the baseline ({window} from the first indicator at {indicator}, "
                    "i.e. by {deadline}) the provider detected at {detected}, {outcome}.",
      needs={"indicator": fact("incident.timeline.first_indicator"),
             "window": fact("derived.standard_review_window"),
             "duty": finding("duty.monitoring.provider")})
def detection_standard(c, indicator, window, duty):
    contract_window = c.get("contract.sla.detection")
    clock = c.get("derived.sla_clock_start")
    if contract_window is not None and clock is not None:
        c.conclude(c.check("the contract sets no usable detection window", False,
                           f"window {contract_window}; clock started {when(clock)}"),
                   holds=False, template="Detection is measured by the contract's own window "
                   "(BREACH-003), not by the baseline standard.")
        return
    window = duration_of(window)
    deadline = add(indicator, window)
    detected = c.get("incident.timeline.provider_detection")
    on_time = detected is not None and detected <= deadline
    c.conclude(c.check("the provider detected within the baseline window", on_time,
                       f"deadline {when(deadline)}; detected {when(detected)}"),
               holds=not on_time,
               values={"why_silent": "no detection window agreed" if contract_window is None
                       else "the contractual clock never started: no alert fired",
                       "window": window.words(), "indicator": when(indicator),
                       "deadline": when(deadline), "detected": when(detected),
                       "outcome": lateness(deadline, detected) if detected else
                       "never: the provider did not detect the intrusion"})


@rule("BREACH-019", title="Known vulnerability left open on systems the provider patched",
      area="breach", concludes="breach.patching", party="provider",
      authority=[cite("cis-controls-v8", "control 7"),
                  cite("cisa-bod-22-01", note="remediation timelines as a benchmark"),
                  contract_term("the responsibility matrix")],
      principle="Where the provider took on patching, a patch available and not applied within a "
                "reasonable time is the provider's failure, not the client's.",
      narrative="Patching was the {owner}'s under the matrix; {cve} had a patch from {patch} and "
                "was still open {days} days later when the intrusion began, beyond the "
                "{grace}-day remediation period.",
      narrative_not="The provider is not shown to have left a known vulnerability open on "
                    "systems it patched ({why_not}).",
      needs={"vector": fact("incident.vector"),
             "start": fact("incident.timeline.intrusion_start")})
def provider_patching(c, vector, start):
    owner = _owner(c, "patching", "vulnerability_scanning", asset=vector.known("entry_asset"))
    grace = c.param("threshold.patch_grace_days")
    patch = vector.get("patch_available")
    days = (start.date() - patch).days if patch else None
    late = exploited_cve(vector) and days is not None and days > grace
    c.conclude(c.check("the entry exploited a known vulnerability with a patch",
                       exploited_cve(vector) and patch is not None,
                       f"{vector['type']}; patch {patch or 'none'}"),
               c.check(f"the patch was more than {grace} days old", late,
                       f"{days if days is not None else 'no'} days"),
               c.check("patching was the provider's (or shared)", owner in ("provider", "shared"),
                       f"owner: {owner}"),
               values={"owner": owner, "cve": vector.get("cve") or "the vulnerability",
                       "patch": str(patch), "days": days, "grace": grace,
                       "why_not": f"the vector was {vector['type'].replace('_', ' ')}"
                       if not exploited_cve(vector) else
                       f"patching was the {owner}'s" if owner not in ("provider", "shared") else
                       "the patch was recent or did not exist"})


HELP_DESK = ("help desk", "helpdesk", "service desk", "password reset", "mfa reset")


@rule("BREACH-020", title="Identity control operated by the provider failed", area="breach",
      concludes="breach.identity_control", party="provider",
      authority=[cite("cis-controls-v8", "safeguard 6.4"), cite("cis-controls-v8", "safeguard 6.5"),
                  cite("cis-controls-v8", "control 5"), cite("nist-csf-2", "PR.AA-01"),
                  cite("nist-csf-2", "PR.AA-02"), cite("nist-csf-2", "PR.AA-03"),
                  contract_term("the responsibility matrix")],
      principle="Where the provider ran identity (MFA, account resets, help-desk identity "
                "checks), a credential-based entry through that function is the provider's "
                "failure, however narrow its role.",
      narrative="Identity was {whose} under the matrix, and the attacker came in through it: "
                "{detail}.",
      narrative_not="No failure of an identity function the provider operated is shown "
                    "({detail}).",
      needs={"vector": fact("incident.vector")})
def identity_control(c, vector):
    entry = vector.known("entry_asset")
    owner = _owner(c, "mfa", "identity_access", asset=entry)
    help_desk = mentions(vector.get("entry_point"), HELP_DESK)
    owner_hd = _owner(c, "identity_access", "mfa", asset=entry) if help_desk else owner
    credential = vector["type"] in ("stolen_credentials", "phishing")
    mine = owner_hd in ("provider", "shared")
    if mine and credential and not help_desk:
        # Which MFA gap let a credential in turns on whether it came through remote access.
        remote = c.get("client_governance.mfa.remote_access")
        privileged = c.get("client_governance.mfa.privileged")
        via = vector.get("via_remote_access")
    else:
        remote = privileged = True
        via = False
    gaps = [g for g, bad in (("no MFA on remote access", not remote and via),
                             ("no MFA on privileged accounts", not privileged and not via),
                             (f"entry via {vector.get('entry_point')}", help_desk)) if bad]
    c.conclude(c.check("the entry used credentials", credential, vector["type"]),
               c.check("an identity safeguard failed at the entry", bool(gaps),
                       "; ".join(gaps) or "none"),
               c.check("identity was the provider's (or shared)", mine, f"owner: {owner_hd}"),
               values={"owner": owner_hd, "whose": "shared by both parties" if owner_hd == "shared"
                       else f"the {owner_hd}'s", "detail": "; ".join(gaps) or
                       f"owner {owner_hd}; vector {vector['type'].replace('_', ' ')}"})


@rule("BREACH-021", title="Containment within the contractual window", area="breach",
      concludes="breach.containment", party="provider",
      authority=[contract_term("the SLA's containment window"), cite("nist-csf-2", "RS.MI"),
                  cite("iso-27001-2022", "A.5.26")],
      principle="A provider that took on incident response and promised containment within a "
                "window breaches when containment comes later.",
      narrative="The contract required containment within {window} of the provider's detection "
                "at {detected}, i.e. by {deadline}, and incident response was the {owner}'s{part}; "
                "containment came {outcome}.",
      narrative_not="Containment is not shown to have breached the contract: {why_not}.",
      needs={"window": fact("contract.sla.containment"),
             "detected": fact("incident.timeline.provider_detection")})
def containment(c, window, detected):
    window = duration_of(window)
    deadline = add(detected, window)
    contained = c.get("incident.timeline.containment")
    owner = _owner(c, "incident_response")
    late = contained is None or contained > deadline
    # A containment declared in time but shown not achieved by later attacker activity came, if
    # at all, only after that activity (rules/containment_activity.py).
    later = None if late else still_active_after(c, contained)
    outcome = lateness(deadline, contained)
    unknown = ["incident.timeline.active_after_containment"] if later is UNKNOWN else []
    later = None if later is UNKNOWN else later
    if later is not None and later > deadline:
        late = True
        outcome = (f"only after {when(later)}: it was declared at {when(contained)}, but the "
                   f"attacker was still active at {when(later)}")
    c.conclude(c.check("incident response was the provider's (or shared)",
                       owner in ("provider", "shared"), f"owner: {owner}"),
               c.check("containment came after the window", late,
                       f"deadline {when(deadline)}; contained {when(contained)}" +
                       (f"; attacker still active at {when(later)}" if later else "")),
               unknown=unknown if owner in ("provider", "shared") else [],
               values={"window": window.words(), "detected": when(detected),
                       "deadline": when(deadline), "owner": owner,
                       "part": part_words(c.group("contract.shared_parts"), "incident_response",
                                          "provider") if owner == "shared" else "",
                       "outcome": outcome,
                       "why_not": f"incident response was the {owner}'s"
                       if owner not in ("provider", "shared") else
                       f"containment at {when(contained)} met the deadline {when(deadline)}"})


@rule("BREACH-022", title="Detection content behind a publicly known threat", area="breach",
      concludes="breach.detection_content", party="provider",
      authority=[cite("nist-csf-2", "DE.AE-07"), cite("cis-controls-v8", "control 13"),
                  modelling_choice("a reasonable provider keeps its detection content abreast of "
                                   "publicly known threats")],
      principle="Once a vulnerability or compromise is public, a provider running detection "
                "content must add coverage for it within a reasonable time; content older than "
                "the public warning fails that standard.",
      narrative="The threat became public on {public}, {days} days before the intrusion; the "
                "provider's detection content was last updated {updated}, so it did not cover a "
                "threat known for longer than the {grace}-day update period.",
      narrative_not="The provider's detection content is not shown to have lagged a public "
                    "threat ({why_not}).",
      needs={"vector": fact("incident.vector"), "start": fact("incident.timeline.intrusion_start")})
def detection_content(c, vector, start):
    public = vector.get("disclosed_publicly")
    grace = c.param("threshold.detection_content_update_days")
    owner = _owner(c, "detection_content", "endpoint_detection")
    days = (start.date() - public).days if public else None
    # The content's date matters only for a threat public long enough before the intrusion.
    updated = c.get("provider_conduct.detection_content_updated") \
        if days is not None and days > grace else None
    stale = public is not None and days > grace and \
        (updated is None or updated < public + timedelta(days=grace))
    c.conclude(c.check(f"the threat was public more than {grace} days before the intrusion",
                       days is not None and days > grace, f"public {public or 'never before'}"),
               c.check("detection content was not updated after it became public", stale,
                       f"last update {updated or 'not recorded'}"),
               c.check("detection content was the provider's (or shared)",
                       owner in ("provider", "shared"), f"owner: {owner}"),
               values={"public": str(public), "days": days, "updated": str(updated or "never"),
                       "grace": grace,
                       "why_not": "the threat was not public before the intrusion" if public is None
                       or public > start.date() else f"detection content was the {owner}'s"
                       if owner not in ("provider", "shared") else
                       "content was updated after the threat became public, or within the "
                       "update period"})
