"""Statutory notices: which regimes apply, who owes which notice by when, whether it was given in
time, and whether the provider's late notice to the client caused the client's lateness.

Deadlines come from the jurisdiction profiles (rules/data/jurisdictions/) and are counted by the
legal-time layer, whose arithmetic sentence every finding quotes. Provider-to-client disclosure
under the contract is in rules/disclosure.py.

Clocks. Each duty names its trigger. The client's awareness is when it was told (or found the
breach itself). Where the law imputes an agent's knowledge to its principal (HIPAA: 45 CFR
164.404(a)(2)), the covered entity's clock starts when its agent, the provider, knew of the breach,
i.e. the provider's detection. A monitoring outage or an unexamined alert is not knowledge of the
breach: it may support the argument that the provider should have known (the reasonable-diligence
limb), which is a question of fact this rule base does not decide.
"""
from __future__ import annotations

from types import SimpleNamespace

from rules.authorities import cite, governing_law, modelling_choice
from rules.base import Salience, fact, rule
from rules.common import elapsed, when
from rules.legal_time import (applies, assess, compute_deadline, load_profiles, statuses_of,
                              threshold_met)

# Profile recipients that, in a provider/client case, mean the client.
CLIENT_RECIPIENTS = ("client", "covered_entity", "controller", "owner", "organisation")
NOTICE_TO_CLIENT = ("client", "covered_entity", "controller")
DUTY_LATE = ("Under {regime} the {who}'s {what} came late or not at all. {sentences}")
DUTY_MET = ("Under {regime} the {who}'s {what} is not shown to be late. {sentences}")
SKIPPED_TRIGGERS = {"classification": "the time of classification as major is not recorded",
                    "ransom_payment": "ransom-payment reporting is not assessed"}


def _statuses(c, party: str) -> frozenset[str]:
    return statuses_of(SimpleNamespace(**c.group(f"parties.{party}.status")))


def _residents(c) -> dict[str, int]:
    out: dict[str, int] = {}
    for entry in c.get("affected") or []:
        out[entry["jurisdiction"]] = out.get(entry["jurisdiction"], 0) + int(entry["residents"])
    return out


def owing_parties(profile, duty, client: frozenset, provider: frozenset) -> list[str]:
    """Which party of this case owes the duty, given the parties' statuses."""
    who = duty.who
    if who == "covered_entity" and profile.id == "us-hipaa":
        return ["client"] if "hipaa_covered_entity" in client else []
    if who == "business_associate":
        return (["provider"] if "hipaa_business_associate" in provider else []) + \
            (["client"] if "hipaa_business_associate" in client else [])
    if who in ("processor", "third_party_agent", "data_intermediary"):
        return ["provider"] if "data_processor" in provider else []
    if who == "registrant":
        return ["client"] if "sec_registrant" in client else []
    if duty.party_role is not None:
        return [duty.party_role]
    if profile.id == "eu-nis2":
        return [p for p, s in (("client", client), ("provider", provider)) if "nis2_entity" in s]
    return ["client"]


@rule("NOTICE-001", title="Regimes that apply to the client and to the provider",
      area="disclosure", concludes="derived.applicable_regimes", salience=Salience.MEASURE,
      authority=[governing_law("notice regimes, each cited in its jurisdiction profile"),
                  modelling_choice("which notice laws bind whom follows from facts: the parties' "
                                   "regulated status and how many residents of each place were "
                                   "affected")],
      principle="Which notice laws bind whom follows from facts: the client's and the provider's "
                "regulated status, and how many residents of each place were affected.",
      narrative="Applicable regimes: {regimes}.",
      needs={"discovery": fact("incident.timeline.discovery")})
def applicable_regimes(c, discovery):
    client, provider = _statuses(c, "client"), _statuses(c, "provider")
    residents = _residents(c)
    individuals = c.get("incident.harm.records_affected") or None
    found = []
    for profile in load_profiles().values():
        if not applies(profile, client_statuses=client, provider_statuses=provider,
                       residents=residents):
            continue
        parties: dict[str, list[str]] = {"client": [], "provider": []}
        for duty in profile.duties:
            if not threshold_met(profile, duty, residents, individuals):
                continue
            for party in owing_parties(profile, duty, client, provider):
                parties[party].append(duty.id)
        found.append({"regime": profile.id, "name": profile.name, "status": profile.status,
                      "client": parties["client"], "provider": parties["provider"]})
    c.derive("derived.applicable_regimes", found, "; ".join(
        f"{r['regime']} (client: {', '.join(r['client']) or '—'}; provider: "
        f"{', '.join(r['provider']) or '—'})" for r in found) or "none")


@rule("NOTICE-002", title="When the client's notice clocks start", area="disclosure",
      concludes="derived.client_awareness", salience=Salience.MEASURE,
      authority=[cite("us-hipaa-breach-rule", "164.404(a)(2)"),
                  cite("eu-gdpr", "Art. 33(1)", "'after having become aware'"),
                  modelling_choice("elsewhere the clock runs from the client's own awareness")],
      principle="A client's clock runs from when it knew; where the law imputes its agent's "
                "knowledge, from when the provider knew of the breach. An outage the provider "
                "knew of is not knowledge of the breach.",
      narrative="The client became aware at {at}.",
      needs={"discovery": fact("incident.timeline.discovery"),
             "who": fact("incident.timeline.discovered_by")})
def client_awareness(c, discovery, who):
    told = c.get("incident.timeline.client_notified")
    candidates = [t for t in (told, discovery if who == "client" else None) if t is not None]
    if not candidates and who not in ("provider",):
        candidates = [discovery]   # the third party that found the breach told the client then
    if not candidates:
        return
    aware = min(candidates)
    c.derive("derived.client_awareness", aware,
             f"{when(aware)} ({'told by the provider or the discoverer' if told == aware else 'found it itself'})")
    detected = c.get("incident.timeline.provider_detection")
    agent = c.get("parties.provider.status.hipaa_business_associate")
    if agent and detected is not None:
        imputed = min(aware, detected)
        c.derive("derived.imputed_knowledge", imputed,
                 f"the provider, the client's HIPAA business associate and presumptive agent, "
                 f"detected the breach at {when(detected)}; its knowledge is imputed from "
                 f"{when(imputed)}")


def _as_of(c):
    """How far the record reaches: the latest moment any fact of the incident names."""
    moments = [c.get(f"incident.timeline.{k}") for k in
               ("discovery", "client_notified", "containment", "materiality_determined",
                "notifiable_assessed", "provider_detection")]
    moments += [n["at"] for n in c.items("incident.notices")]
    moments += [s["at"] for s in c.items("incident.statements")]
    return max(m for m in moments if m is not None)


def _matching(notices, by: str, to: str, regime: str) -> tuple[list, list]:
    """Notices by `by` to the recipient, under this regime (or none named), and under others."""
    targets = NOTICE_TO_CLIENT if to in CLIENT_RECIPIENTS else (to,)
    same = sorted((n for n in notices if n["by"] == by and n["to"] in targets
                   and n.get("regime") in (regime, None)), key=lambda n: n["at"])
    other = sorted((n for n in notices if n["by"] == by and n["to"] in targets
                    and n.get("regime") not in (regime, None)), key=lambda n: n["at"])
    return same, other


def assess_duties(c, party: str, regimes: list, triggers, extra: list | None = None) -> list[dict]:
    """One row per applicable fixed-deadline duty of `party`: the clock, the notice, the verdict."""
    profiles = load_profiles()
    notices = c.items("incident.notices") + list(extra or [])
    as_of = _as_of(c)
    rows = []
    for entry in regimes:
        profile = profiles[entry["regime"]]
        for duty_id in entry[party]:
            duty = profile.duty(duty_id)
            if duty.deadline is None:
                continue
            to = duty.to or "assessment"
            row = {"regime": profile.id, "duty": duty.id, "to": to, "status": duty.status,
                   "citation": duty.citation, "cites": list(duty.authority),
                   "trigger_kind": duty.trigger, "late": False,
                   "assessed": False, "imputed": False}
            rows.append(row)
            if duty.status == "pending":
                row["sentence"] = (f"{duty.citation} is not yet in force (pending); no lateness "
                                   f"is concluded")
                continue
            if duty.trigger in SKIPPED_TRIGGERS:
                row["sentence"] = f"{duty.citation}: {SKIPPED_TRIGGERS[duty.trigger]}"
                continue
            same, other = _matching(notices, party, to, profile.id)
            if duty.trigger == "previous_notice":
                if len(same) < 2:
                    row["sentence"] = (f"{duty.citation}: the follow-up report after the first "
                                       f"notice is not recorded, so its timeliness is not assessed")
                    continue
                trigger, label, actual = same[0]["at"], f"the first notice {same[0]['id']}", \
                    same[1]
            else:
                trigger, label = triggers(duty, profile)
                if trigger is None:
                    row["sentence"] = f"{duty.citation}: {label}"
                    continue
                actual = same[0] if same else None
                assessed = c.get("incident.timeline.notifiable_assessed")
                if to == "assessment" and assessed is not None:
                    actual = {"id": "the assessment", "at": assessed}
            row["imputed"] = label.startswith("the provider's detection")
            deadline = compute_deadline(trigger, duty.deadline, profile.calendar)
            deemed = _deemed(c, party, profile, duty, other) or \
                _already_knew(c, party, to, deadline.deadline)
            if actual is None and deemed:
                row.update(assessed=True, late=False, trigger=trigger, deadline=deadline.deadline,
                           sentence=f"{duty.citation}: {duty.deadline} from {label}: "
                                    f"{deadline.sentence}; no notice under {profile.id} is "
                                    f"recorded, but {deemed}")
                continue
            if actual is None and other:
                actual = other[0]   # the same recipients were told under another regime
            verdict = assess(deadline, actual["at"] if actual else None,
                             as_of=as_of, done=(f"notice {actual['id']} was given" if actual.get("id") != "the assessment"
                                   else "the assessment was made")
                             if actual else "notice was given")
            late = verdict.status in ("late", "overdue")
            tag = " [status: verify — check the primary text]" if duty.status == "verify" else ""
            row.update(assessed=verdict.status != "pending", late=late, trigger=trigger,
                       deadline=deadline.deadline, actual=actual["at"] if actual else None,
                       sentence=f"{duty.citation}{tag}: {duty.deadline} from {label}: "
                                f"{deadline.sentence}; {verdict.sentence}")
    return rows


def _deemed(c, party, profile, duty, other) -> str:
    """A US state individual-notice duty met by a timely notice under HIPAA (deemed compliance,
    which several state statutes grant to entities following their federal regulator's rules)."""
    if party != "client" or duty.to != "individuals" or not profile.id.startswith("us-") or \
            profile.id == "us-hipaa" or c.get("parties.client.status.hipaa") != "covered_entity":
        return ""
    hipaa = [n for n in other if n.get("regime") == "us-hipaa"]
    if not hipaa:
        return ""
    return (f"the individuals were notified under HIPAA ({hipaa[0]['id']}, "
            f"{when(hipaa[0]['at'])}); state laws that deem notice under the entity's federal "
            f"regulator's rules sufficient treat that as compliance [verify for this state]")


def _already_knew(c, party: str, to: str, deadline) -> str:
    """A provider's notice to its client serves to tell the client; where the client already knew
    (from the discoverer) by the provider's deadline, nothing was withheld."""
    aware = c.get("derived.client_awareness")
    if party != "provider" or to not in CLIENT_RECIPIENTS or aware is None or aware > deadline \
            or c.get("incident.timeline.provider_detection") is not None:
        return ""
    return (f"the client already knew of the breach from the discoverer at {when(aware)}, before "
            f"the deadline, so the notice had nothing left to tell it")


def _client_triggers(c):
    aware = c.get("derived.client_awareness")
    imputed = c.get("derived.imputed_knowledge")
    materiality = c.get("incident.timeline.materiality_determined")
    assessed = c.get("incident.timeline.notifiable_assessed")

    def trigger(duty, profile):
        if duty.trigger == "discovery" and duty.imputed_knowledge and imputed is not None:
            return imputed, (f"the provider's detection at {when(imputed)}, imputed to the client "
                             f"as its agent's knowledge")
        if duty.trigger in ("awareness", "discovery"):
            return aware, f"the client's awareness at {when(aware)}"
        if duty.trigger == "determination":
            if duty.who == "registrant":
                return (materiality, f"the materiality determination at {when(materiality)}") \
                    if materiality else (None, "no materiality determination is recorded")
            if assessed is not None:
                return assessed, f"the client's determination at {when(assessed)}"
            return aware, (f"the client's awareness at {when(aware)} (no separate determination "
                           f"is recorded; the earliest it could have determined the breach)")
        if duty.trigger == "assessment":
            return (assessed, f"the assessment at {when(assessed)}") if assessed else \
                (None, "no assessment of notifiability is recorded")
        return None, f"trigger {duty.trigger} not assessed"
    return trigger


def _findings(c, party: str, rows: list[dict]) -> None:
    groups: dict[tuple[str, str], list[dict]] = {}
    for row in rows:
        groups.setdefault((row["to"], row["regime"]), []).append(row)
    for (to, regime), items in sorted(groups.items()):
        late = [r for r in items if r["late"]]
        who = "client" if party == "client" else "provider"
        c.conclude(*(c.check(f"{r['regime']} {r['duty']} notice in time", not r["late"],
                             r["sentence"]) for r in items),
                   holds=bool(late), element=f"disclosure.{to}", subject=regime,
                   values={"regime": regime, "to": to.replace("_", " "),
                           "what": "assessment of whether the breach is notifiable"
                           if to == "assessment" else f"notice to {to.replace('_', ' ')}",
                           "sentences": " ".join(r["sentence"] + "." for r in items),
                           "late": len(late), "status": ", ".join(sorted({r["status"]
                                                                          for r in items})),
                           "cites": "; ".join(sorted({c for r in items for c in r["cites"]}))},
                   template=(DUTY_LATE if late else DUTY_MET).replace("{who}", who))
    late = [r for r in rows if r["late"]]
    c.conclude(*(c.check(f"{r['regime']} {r['duty']} in time", not r["late"], r["sentence"])
                 for r in rows) or (c.check("a fixed-deadline duty applies", False, "none"),),
               holds=bool(late),
               values={"count": len(rows), "late": len(late),
                       "cites": "; ".join(sorted({c for r in rows for c in r["cites"]})),
                       "which": ", ".join(f"{r['regime']} {r['duty']}" for r in late),
                       "all": ", ".join(f"{r['regime']} {r['duty']}" for r in rows) or "none"})


@rule("NOTICE-003", title="Client's statutory notices given in time", area="disclosure",
      concludes="disclosure.statutory", party="client", burden="provider",
      authority=governing_law("notice deadlines of each applicable regime"),
      principle="Each notice law sets its own clock from its own trigger; a notice given after "
                "the deadline, or not at all, is late under that law whatever the reason. Why it "
                "was late (the provider's delay) is a separate question (NOTICE-005).",
      narrative="The client owed {count} notice(s) with a fixed deadline ({all}); {late} came "
                "late or not at all: {which}. Each is set out per regime and recipient.",
      narrative_not="The client owed {count} notice(s) with a fixed deadline ({all}); none is "
                    "shown to be late.",
      needs={"regimes": fact("derived.applicable_regimes"),
             "aware": fact("derived.client_awareness")})
def client_notices(c, regimes, aware):
    rows = assess_duties(c, "client", regimes, _client_triggers(c))
    c.derive("derived.client_notice_rows", [{k: (v.isoformat() if hasattr(v, "isoformat") else v)
                                              for k, v in r.items()} for r in rows],
             f"{len(rows)} client duties assessed")
    _findings(c, "client", rows)


@rule("NOTICE-004", title="Provider's own statutory notices given in time", area="disclosure",
      concludes="disclosure.statutory", party="provider",
      authority=[cite("us-hipaa-breach-rule", "164.410(b)"), cite("us-fl-501-171", "(6)"),
                  cite("eu-nis2", "Art. 23(4)(a)"), cite("eu-nis2", "Annex I"),
                  governing_law("notice deadlines of each applicable regime")],
      principle="A provider that is itself regulated (a HIPAA business associate, a NIS2 managed "
                "security service provider, a state-law third-party agent) owes notices of its "
                "own, on clocks that run from its own discovery.",
      narrative="The provider owed {count} statutory notice(s) of its own ({all}); {late} came "
                "late or not at all: {which}.",
      narrative_not="The provider owed {count} statutory notice(s) of its own ({all}); none is "
                    "shown to be late.",
      needs={"regimes": fact("derived.applicable_regimes"),
             "discovery": fact("incident.timeline.discovery")})
def provider_notices(c, regimes, discovery):
    detected = c.get("incident.timeline.provider_detection")
    told = c.get("incident.timeline.client_notified")
    start = detected or discovery
    label = (f"the provider's detection at {when(detected)}" if detected else
             f"discovery at {when(discovery)} (the provider is taken to have learned of the "
             f"breach when it was found)")
    # The provider's notice to the client is the client_notified moment where the provider itself
    # found the breach; otherwise only recorded notices by the provider count.
    extra = [{"id": "timeline.client_notified", "by": "provider", "to": "client", "regime": None,
              "at": told}] if detected is not None and told is not None else []
    rows = assess_duties(c, "provider", regimes, lambda duty, profile: (start, label), extra)
    _findings(c, "provider", rows)


@rule("NOTICE-005", title="Provider's late notice caused the client's late statutory notice",
      area="disclosure", concludes="disclosure.delay_caused", party="provider",
      salience=Salience.COMPOSITE, phase="aggregate",
      authority=[cite("us-hipaa-breach-rule", "164.404(a)(2)"),
                  modelling_choice("where the provider's silence uses up or postpones the client's "
                                   "clock, its delay can cause the client's late-notice exposure")],
      principle="The provider caused the client's lateness only if the client would have been on "
                "time had the provider told it on time: where the client's clock ran from the "
                "provider's own knowledge, the provider's silence used up the client's time; where "
                "it ran from the client's awareness, the delay postponed the clock with it and "
                "the lateness is the client's own.",
      narrative="The provider's late notice caused the client's late notice: {detail}.",
      narrative_not="The provider's notice did not cause a late statutory notice by the client: "
                    "{detail}.",
      needs={"aware": fact("derived.client_awareness")})
def delay_caused(c, aware):
    provider_late = c.findings("disclosure.client", party="provider")
    rows = [r for r in (c.get("derived.client_notice_rows") or []) if r["late"]]
    due = c.get("derived.provider_notice_deadline")
    caused, reasons = [], []
    for r in rows:
        label = f"{r['regime']} {r['duty']}"
        if not r["imputed"]:
            reasons.append(f"{label}: the clock ran from the client's own awareness, so the "
                           f"provider's delay postponed it and the lateness is the client's")
            continue
        if not provider_late or due is None or not r.get("actual"):
            reasons.append(f"{label}: " + ("the provider told the client in time"
                                           if not provider_late else
                                           "the client never gave the notice"))
            continue
        from datetime import datetime
        actual = datetime.fromisoformat(r["actual"])
        deadline = datetime.fromisoformat(r["deadline"])
        reaction = elapsed(actual, aware)
        would = due + reaction
        if would <= deadline:
            caused.append(f"{label}: told by the provider's deadline {when(due)} and taking the "
                          f"same {reaction} it actually took, the client would have given notice "
                          f"at {when(would)}, before the statutory deadline {when(deadline)}")
        else:
            reasons.append(f"{label}: even told on time ({when(due)}) and taking the same "
                           f"{reaction}, the client would have given notice at {when(would)}, "
                           f"after the deadline {when(deadline)}")
    c.conclude(c.check("the provider notified the client late", bool(provider_late),
                       "disclosure.client.provider holds" if provider_late else "on time or "
                       "not established"),
               c.check("the client gave a statutory notice late", bool(rows),
                       ", ".join(f"{r['regime']} {r['duty']}" for r in rows) or "none"),
               c.check("the client would have been on time had the provider been", bool(caused),
                       "; ".join(caused + reasons) or "nothing to compare"),
               values={"detail": "; ".join(caused) if caused else
                       "; ".join(reasons) or ("the client gave no statutory notice late"
                                              if provider_late else
                                              "the provider told the client in time, or its "
                                              "lateness is not established")})
