"""Statutory notices, the assessment of one duty: which version of the law binds, when its clock
started and ran out, which notice (if any) answered it, and with what result.

The law is read as of the duty's trigger: a breach discovered in March 2025 is judged by the
notice statute as it stood in March 2025, not by an amendment in force from January 2026 (a duty
whose trigger came before its first version is reported as not yet in force). A follow-up report
(`previous_notice`) is read as of the trigger of the duty it follows. Each row says which version
applied and why, so a reader can check it. This module holds no rule; rules/notice_timeliness.py
turns the rows into findings.
"""
from __future__ import annotations

from datetime import datetime

from facts.durations import Duration
from rules.common import when
from rules.legal_time import assess, compute_deadline, load_profiles
from rules.legal_time.catalogue import law_day_of
from rules.legal_time.conditions import all_of, evaluate
from rules.notice_regimes import applicability_facts, duty_applies, owing_parties
from rules.legal_time.profiles import fmt_date

# Profile recipients that, in a provider/client case, mean the client.
CLIENT_RECIPIENTS = ("client", "covered_entity", "controller", "owner", "organisation")
NOTICE_TO_CLIENT = ("client", "covered_entity", "controller")
SKIPPED_TRIGGERS = {"ransom_payment": "ransom-payment reporting is not assessed"}


def record_reaches(c) -> datetime:
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


def _words(deadline: str) -> str:
    return Duration.parse(deadline).words()


def _root_duty(profile, duty):
    """The duty a chain of follow-up reports starts from."""
    seen = set()
    while duty.trigger == "previous_notice" and duty.id not in seen:
        seen.add(duty.id)
        duty = profile.duty(duty.after_duty)
    return duty


def choose_version(profile, duty_id: str, triggers, fallback: datetime):
    """(the version in force as of the duty's trigger or None, the day the law was read as of,
    the words saying which version applied and why)."""
    versions = profile.versions(duty_id)
    root = _root_duty(profile, versions[-1])
    moment, label = triggers(root, profile)
    if moment is None:
        moment, label = fallback, f"discovery at {when(fallback)} ({label})"
    day = law_day_of(profile, moment)
    chosen = profile.duty_on(duty_id, day)
    if len(versions) == 1 and chosen is not None:
        return chosen, day, ""
    read = f"the law as of {label}"
    if chosen is None:
        periods = "; ".join(v.period for v in versions)
        return None, day, (f"no version of this duty was in force on {fmt_date(day)}, {read} "
                           f"(its versions: {periods})")
    others = [v for v in versions if v is not chosen and v.effective_from is not None]
    later = [v for v in others if v.effective_from > day]
    words = f"the version in force {chosen.period}, {read}"
    if later:
        nxt = later[0]
        change = f"sets {_words(nxt.deadline)}" if nxt.deadline else "keeps no fixed number of days"
        words += f"; the version in force {nxt.period} {change}, but it came later"
    elif others:
        before = others[-1]
        was = f"set {_words(before.deadline)}" if before.deadline else "set no number of days"
        words += f"; before that, the version in force {before.period} {was}"
    return chosen, day, words


def assess_duties(c, party: str, regimes: list, triggers, extra: list | None = None) -> list[dict]:
    """One row per applicable duty of `party` with a fixed deadline (and per duty whose law moved
    between a fixed deadline and a standard): the version, the clock, the notice, the verdict."""
    profiles = load_profiles()
    notices = c.items("incident.notices") + list(extra or [])
    as_of = record_reaches(c)
    discovery = c.get("incident.timeline.discovery")
    facts = applicability_facts(c)
    rows = []
    for entry in regimes:
        profile = profiles[entry["regime"]]
        for duty_id in entry[party]:
            versions = profile.versions(duty_id)
            if all(v.deadline is None for v in versions):
                continue
            duty, day, why = choose_version(profile, duty_id, triggers, discovery)
            shown = versions[-1] if duty is None else duty
            needed, excuse = _applicability(profile, shown, party, facts)
            if needed.value is False or excuse.value is True:
                continue   # not triggered, or excused, under the version that binds
            row = _assess(c, party, profile, shown, duty, why, notices, triggers, as_of)
            _mark_conditions(row, needed, excuse)
            row["law_as_of"] = day.isoformat()
            rows.append(row)
    return rows


def _applicability(profile, duty, party: str, facts):
    """(what must still be shown for the duty to bind this party, what would excuse it)."""
    owes = next((v for p, v in owing_parties(profile, duty, facts) if p == party), None)
    trigger, excuse = duty_applies(profile, duty, party, facts)
    reach = evaluate(profile.applies_when, facts, connects=True)
    return all_of([reach, trigger] + ([owes] if owes is not None else [])), excuse


def _mark_conditions(row: dict, needed, excuse) -> None:
    """A duty whose trigger rests on an unknown fact applies only if that fact is shown: its
    lateness is stated conditionally and never concluded."""
    row["applies"] = "yes" if needed.value else "if"
    row["applies_if"] = list(needed.unknown)
    row["unless"] = list(excuse.unknown) if excuse.value is None else []
    row["applies_if_words"] = needed.words if needed.value is None else ""
    if needed.value is None:
        row["late_if"], row["late"] = row["late"], False
    if excuse.value is None:
        row["sentence"] += f" (unless it is shown that {excuse.words})"


def _assess(c, party, profile, shown, duty, why, notices, triggers, as_of) -> dict:
    """One duty's row; `duty` is the version in force (None where none was), `shown` what the row
    names."""
    to = shown.to or "assessment"
    cited = shown.citation + (f" ({why})" if why else "")
    row = {"regime": profile.id, "duty": shown.id, "to": to, "status": shown.status,
           "citation": shown.citation, "cites": list(shown.authority), "version": shown.period,
           "fixed": bool(duty is not None and duty.deadline), "trigger_kind": shown.trigger,
           "late": False, "assessed": False, "imputed": False}
    if duty is None:
        row["sentence"] = f"{cited}: no lateness is concluded"
        return row
    if duty.status == "pending":
        row["sentence"] = f"{cited} is not yet in force (pending); no lateness is concluded"
        return row
    if duty.deadline is None:
        row["sentence"] = (f"{cited}: {duty.standard}; no fixed number of days, so whether notice "
                           f"came in time is a question of fact")
        return row
    if duty.trigger in SKIPPED_TRIGGERS:
        row["sentence"] = f"{cited}: {SKIPPED_TRIGGERS[duty.trigger]}"
        return row
    same, other = _matching(notices, party, to, profile.id)
    if duty.trigger == "previous_notice":
        if len(same) < 2:
            row["sentence"] = (f"{cited}: the follow-up report after the first notice is not "
                               f"recorded, so its timeliness is not assessed")
            return row
        trigger, label, actual = same[0]["at"], f"the first notice {same[0]['id']}", same[1]
    else:
        trigger, label = triggers(duty, profile)
        if trigger is None:
            row["sentence"] = f"{cited}: {label}"
            return row
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
                   sentence=f"{cited}: {_words(duty.deadline)} from {label}: "
                            f"{deadline.sentence}; no "
                            f"notice under {profile.id} is recorded, but {deemed}")
        return row
    if actual is None and other:
        actual = other[0]   # the same recipients were told under another regime
    if actual is None:
        done = "notice was given"
    elif actual.get("id") == "the assessment":
        done = "the assessment was made"
    else:
        done = f"notice {actual['id']} was given"
    verdict = assess(deadline, actual["at"] if actual else None, as_of=as_of, done=done)
    late = verdict.status in ("late", "overdue")
    tag = " [status: verify — check the primary text]" if duty.status == "verify" else ""
    row.update(assessed=verdict.status != "pending", late=late, trigger=trigger,
               deadline=deadline.deadline, actual=actual["at"] if actual else None,
               sentence=f"{cited}{tag}: {_words(duty.deadline)} from {label}: "
                        f"{deadline.sentence}; "
                        f"{verdict.sentence}")
    return row


def _deemed(c, party, profile, duty, other) -> str:
    """A US state individual-notice duty met by a timely notice under HIPAA (deemed compliance,
    which several state statutes grant to entities following their federal regulator's rules)."""
    if party != "client" or duty.to != "individuals" or not profile.id.startswith("us-") or \
            profile.id == "us-hipaa" or c.known("parties.client.status.hipaa") != "covered_entity":
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
