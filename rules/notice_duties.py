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
from rules.authorities import parse_data_cite
from rules.legal_time import assess, load_profiles
from facts.unknown import is_unknown
from rules.legal_time.catalogue import law_day_of
from rules.legal_time.duties import SHARED_RECIPIENTS
from rules.legal_time.conditions import all_of, evaluate
from rules.notice_regimes import applicability_facts, duty_applies, owing_parties
from rules.legal_time.profiles import fmt_date

CLIENT_RECIPIENTS = ("client", "covered_entity", "controller", "owner", "organisation")
SKIPPED_TRIGGERS = {"ransom_payment": "ransom-payment reporting is not assessed"}


def record_reaches(c) -> datetime:
    """How far the record reaches: the latest moment any fact of the incident names."""
    moments = [c.known(f"incident.timeline.{k}") for k in
               ("discovery", "client_notified", "containment", "materiality_determined",
                "notifiable_assessed", "provider_detection")]
    moments += [n.known("at") for n in c.items("incident.notices")]
    moments += [s.known("at") for s in c.items("incident.statements")]
    return max(m for m in moments if m is not None and not is_unknown(m))


def notice_recipients(notice, profiles) -> tuple[str, ...]:
    """Who a recorded notice reached, as identities: the recipient it names, else the shared
    identity of the affected people, the media or the client, else the recipient its regime
    names for that kind of notice. A notice to a regulator that names neither a regime nor a
    recipient reached no one the rule base can identify."""
    if notice.get("recipient"):
        return (notice["recipient"],)
    to = notice.known("to") if hasattr(notice, "known") else notice.get("to")
    if to is None or is_unknown(to):
        return ()
    if to in SHARED_RECIPIENTS:
        return (SHARED_RECIPIENTS[to],)
    regime = profiles.get(notice.get("regime") or "")
    return regime.recipients_for(to) if regime else ()


def _usable(notice, party: str) -> bool:
    by = notice.known("by") if hasattr(notice, "known") else notice.get("by")
    at = notice.known("at") if hasattr(notice, "known") else notice.get("at")
    return by == party and at is not None and not is_unknown(at)


def answering(notices, party: str, duty, profiles) -> dict[str, list]:
    """For each recipient the duty names, the notices by `party` that reached it, earliest
    first. A notice counts for the recipient it reached, whatever regime it was given under,
    and for no other."""
    return {recipient: sorted((n for n in notices if _usable(n, party)
                               and recipient in notice_recipients(n, profiles)),
                              key=lambda n: n["at"])
            for recipient in duty.recipient_ids}


def _first_complete(found: dict[str, list], after=None):
    """The notice that completed the duty (the last recipient told, each first told after
    `after`), or None with the recipients never told."""
    firsts, missing = [], []
    for recipient, items in found.items():
        items = [n for n in items if after is None or (n["at"] > after["at"] and n is not after
                                                        and n.get("id") != after.get("id"))]
        (firsts if items else missing).append(items[0] if items else recipient)
    if missing:
        return None, missing
    return (max(firsts, key=lambda n: n["at"]) if firsts else None), []


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
    moment, label, _ = triggers(root, profile)
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
    if duty is not None and duty.reading:
        cited += f" [unsettled; reading applied: {duty.reading}]"
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
    profiles = load_profiles()
    missing: list[str] = []
    if duty.trigger == "previous_notice":
        before = profile.duty(duty.after_duty)
        first, _ = _first_complete(answering(notices, party, before, profiles))
        if first is None:
            row["sentence"] = (f"{cited}: the notice it follows ({before.id}) is not recorded, "
                               f"so its timeliness is not assessed")
            return row
        trigger, label = first["at"], f"the notice {first['id']} ({before.id})"
        actual, missing = _first_complete(answering(notices, party, duty, profiles), first)
    else:
        trigger, label, unknown_fact = triggers(duty, profile)
        if trigger is None:
            row["sentence"] = f"{cited}: {label}"
            if unknown_fact:
                row["unknown_trigger"] = unknown_fact
            return row
        actual, missing = _first_complete(answering(notices, party, duty, profiles))
        assessed = c.known("incident.timeline.notifiable_assessed")
        if to == "assessment" and assessed is not None and not is_unknown(assessed):
            actual = {"id": "the assessment", "at": assessed}
    row["imputed"] = label.startswith("the provider's detection")
    deadline = profile.deadline_of(duty, trigger)
    knew = _already_knew(c, party, to, deadline.deadline, profile.id)
    if actual is None and knew:
        row.update(assessed=True, late=False, trigger=trigger, deadline=deadline.deadline,
                   sentence=f"{cited}: {_words(duty.deadline)} from {label}: "
                            f"{deadline.sentence}; no notice to the client is recorded, but "
                            f"{knew}")
        return row
    deemed = _deemed(c, party, profile, duty, actual, notices, triggers, as_of)
    if deemed:
        row.update(assessed=True, late=False, trigger=trigger, deadline=deadline.deadline,
                   actual=actual["at"], deemed=True, cites=row["cites"] + duty.deemed_authority,
                   sentence=f"{cited}: {_words(duty.deadline)} from {label}: "
                            f"{deadline.sentence}; {deemed}")
        return row
    if actual is None:
        done = "notice was given"
    elif actual.get("id") == "the assessment":
        done = "the assessment was made"
    else:
        done = f"notice {actual['id']}{_given_under(actual, profile)} was given"
    verdict = assess(deadline, actual["at"] if actual else None, as_of=as_of, done=done)
    reached = ", ".join(profile.recipient_name(r) for r in duty.recipient_ids)
    if missing:
        untold = ", ".join(profile.recipient_name(r) for r in missing)
        done_words = f"no notice to {untold} is recorded"
    else:
        done_words = f"notice to {reached}"
    late = verdict.status in ("late", "overdue")
    steps = ""
    if late and deadline.kind == "reasonable_steps":
        late, row["target_missed"] = False, True
        steps = ("; the law requires all reasonable steps to meet this period, not the date "
                 "itself, so whether taking longer breached the duty is a question of fact")
    tag = " [status: verify — check the primary text]" if duty.status == "verify" else ""
    row.update(assessed=verdict.status != "pending", late=late, trigger=trigger,
               deadline=deadline.deadline, actual=actual["at"] if actual else None,
               sentence=f"{cited}{tag}: {done_words}, {_words(duty.deadline)} from {label}: "
                        f"{deadline.sentence}; {verdict.sentence}{steps}")
    return row


def _given_under(notice, profile) -> str:
    """' (given under us-hipaa)' where a notice counted here was given under another regime."""
    regime = notice.get("regime")
    return f" (given under {regime})" if regime and regime != profile.id else ""


def _deemed(c, party, profile, duty, actual, notices, triggers, as_of) -> str:
    """Where the statute deems notice under the entity's federal regulator's rules (HIPAA)
    compliance: the notice that reached the recipient was given under that regime and was on
    time by that regime's own deadline."""
    if actual is None or not duty.deemed_met_by or actual.get("regime") not in duty.deemed_met_by:
        return ""
    other = load_profiles().get(actual["regime"])
    twin = next((d for d in other.duty_ids() if other.duty(d).to == duty.to), None) if other \
        else None
    if twin is None:
        return ""
    version, _, why = choose_version(other, twin, triggers, actual["at"])
    if version is None or version.deadline is None:
        return ""
    row = _assess(c, party, other, version, version, why, notices, triggers, as_of)
    if row["late"] or not row.get("assessed"):
        return ""
    basis = "; ".join(parse_data_cite(t).text() for t in duty.deemed_authority)
    return (f"notice {actual['id']} was given under {other.id} and was on time by its deadline "
            f"({row['sentence']}), which this statute deems compliance ({basis})")


# Regimes whose provider notice carries content the client needs for its own notices, so that a
# client told of the breach by someone else is still owed the notice: HIPAA's business associate
# must identify each affected individual and give what the covered entity needs (164.410(c)).
CONTENT_DUTIES = ("us-hipaa",)


def _already_knew(c, party: str, to: str, deadline, regime: str = "") -> str:
    """A provider's notice to its client serves to tell the client; where the client already knew
    (from the discoverer) by the provider's deadline, nothing was withheld, unless the notice
    carries content of its own (CONTENT_DUTIES)."""
    if regime in CONTENT_DUTIES:
        return ""
    aware = c.get("derived.client_awareness")
    detected = c.known("incident.timeline.provider_detection")
    if party != "provider" or to not in CLIENT_RECIPIENTS or aware is None or aware > deadline \
            or detected is not None:
        return ""
    return (f"the client already knew of the breach from the discoverer at {when(aware)}, before "
            f"the deadline, so the notice had nothing left to tell it")
