"""Plain data about the regimes for listings and the `deadline` / `jurisdictions` commands.

The command line and reports should not know pydantic or the YAML layout; they get dicts and
lists in a stable order, and one call that computes a regime's deadline and judges an act.
"""
from __future__ import annotations

from datetime import date, datetime

from rules.authorities import authority, parse_data_cite
from rules.legal_time.deadlines import Deadline, Timeliness, assess, compute_deadline
from rules.legal_time.profiles import Duty, Profile, fmt_date, get_profile, load_profiles


class NoFixedDeadline(ValueError):
    """The duty (or every duty of the regime) runs by a standard, not a number of days."""


class NotInForce(ValueError):
    """No version of the duty was the law on the day asked about."""


def profile_as_dict(profile: Profile) -> dict:
    """The profile as JSON-ready data, keys in file order, defaults included, with its citations
    and each duty's resolved from the table of authorities."""
    data = profile.model_dump(mode="json")
    data["citations"] = profile.citations
    for duty, raw in zip(profile.duties, data["duties"]):
        raw["citation"] = duty.citation
        raw["authorities"] = [c.resolved() for c in duty.citations]
    return data


_RANK = {"verified": 2, "secondary-source": 1, "unverified": 0}


def verification_of(profile: Profile) -> dict:
    """How far the profile's law has been checked: the weakest status among the authorities it
    and its duties cite (a pinpoint's own status where it has one), with the count of each."""
    cites = [parse_data_cite(text) for text in profile.authorities]
    cites += [c for duty in profile.duties for c in duty.citations]
    found: dict[str, str] = {}
    for c in cites:
        found[f"{c.key} {c.pinpoint}".strip()] = authority(c.key).verification_at(c.pinpoint).status
    weakest = min(found.values(), key=_RANK.__getitem__)
    unchecked = sorted({d.id for d in profile.duties if d.status == "verify"})
    return {"status": weakest, "counts": {s: list(found.values()).count(s) for s in _RANK
                                          if s in found.values()},
            "duties_to_verify": unchecked}


def duty_periods(profile: Profile) -> list[dict]:
    """Each version of each duty: its period, deadline or standard, and status."""
    return [{"duty": v.id, "period": v.period,
             "effective_from": v.effective_from.isoformat() if v.effective_from else None,
             "effective_to": v.effective_to.isoformat() if v.effective_to else None,
             "deadline": v.deadline, "standard": None if v.deadline else v.standard,
             "status": v.status, "reading": v.reading}
            for duty_id in profile.duty_ids() for v in profile.versions(duty_id)]


def list_rows() -> list[dict]:
    """One row per regime, sorted by id: what `jurisdictions` prints, with when the law took
    effect, when it changed, and how far it has been checked."""
    rows = []
    for profile in load_profiles().values():
        fixed = [f"{d.deadline} ({d.id})" for d in profile.duties if d.deadline is not None]
        start = profile.effective_from
        rows.append({"id": profile.id, "name": profile.name, "jurisdiction": profile.jurisdiction,
                     "status": profile.status, "duties": len(profile.duty_ids()),
                     "deadlines": ", ".join(dict.fromkeys(fixed)) or "no fixed deadline",
                     "citations": "; ".join(profile.citations),
                     "effective_from": start.isoformat() if start else None,
                     "in_force": (f"from {fmt_date(start)}" if start else "pending")
                     + "".join(f"; changed {fmt_date(d)}" for d in profile.changed_on),
                     "changed_on": [d.isoformat() for d in profile.changed_on],
                     "verification": verification_of(profile),
                     "versions": duty_periods(profile)})
    return rows


def _in_force(profile: Profile, duty_id: str, on: date) -> Duty | None:
    """The version in force on `on`; a pending duty (law not yet binding) stands for itself, so
    its deadline can be shown with the warning that it is pending."""
    latest = profile.duty(duty_id)
    return latest if latest.status == "pending" else profile.duty_on(duty_id, on)


def deadline_duty(profile: Profile, duty_id: str | None = None,
                  on: date | None = None) -> Duty:
    """The named duty as the law stood `on` that day (default: as it now stands), or the
    profile's first duty with a fixed deadline on that day."""
    if duty_id is not None:
        duty = profile.duty(duty_id) if on is None else _in_force(profile, duty_id, on)
        if duty is None:
            periods = "; ".join(v.period for v in profile.versions(duty_id))
            raise NotInForce(f"{profile.id} {duty_id} was not in force on {fmt_date(on)} "
                             f"(its versions: {periods})")
        if duty.deadline is None:
            raise NoFixedDeadline(f"{profile.id} {duty.id} has no fixed deadline: it runs "
                                  f"'{duty.standard}' ({duty.citation})")
        return duty
    current = [profile.duty(i) if on is None else _in_force(profile, i, on)
               for i in profile.duty_ids()]
    for duty in current:
        if duty is not None and duty.deadline is not None:
            return duty
    standards = "; ".join(f"{d.id}: '{d.standard}'" for d in current if d is not None)
    when = f" on {fmt_date(on)}" if on else ""
    raise NoFixedDeadline(f"{profile.id} has no fixed deadline{when}; its duties run by a "
                          f"standard ({standards or 'none in force'})")


def law_day_of(profile: Profile, moment: datetime) -> date:
    """The calendar day of `moment` on the regime's own clock (its zone_hint, else the moment's)."""
    from zoneinfo import ZoneInfo
    zone = ZoneInfo(profile.zone_hint) if profile.zone_hint else moment.tzinfo
    return moment.astimezone(zone).date()


def regime_duty(regime_id: str, duty_id: str | None, trigger: datetime,
                law_as_of: date | None = None) -> Duty:
    """The version of the duty `regime_deadline` counts: the law as of `law_as_of`, by default
    the trigger's day on the regime's clock."""
    profile = get_profile(regime_id)
    return deadline_duty(profile, duty_id, law_as_of or law_day_of(profile, trigger))


def regime_deadline(regime_id: str, duty_id: str | None, trigger: datetime,
                    actual: datetime | None = None, *, as_of: datetime | None = None,
                    zone: str | None = None, done: str = "done", law_as_of: date | None = None
                    ) -> tuple[Deadline, Timeliness | None]:
    """A regime duty's deadline from `trigger` (the regime's own calendar; the trigger's zone unless
    `zone` is given), and the act's timeliness when `actual` or `as_of` is given (`done` words the
    act in the sentence, e.g. 'the 8-K was filed'). The law is read as it stood on `law_as_of`,
    by default the day of the trigger on the regime's clock."""
    profile = get_profile(regime_id)
    duty = regime_duty(regime_id, duty_id, trigger, law_as_of)
    if zone:
        deadline = compute_deadline(trigger, duty.deadline, profile.calendar, zone)
    else:
        deadline = profile.deadline_of(duty, trigger)
    if actual is None and as_of is None:
        return deadline, None
    return deadline, assess(deadline, actual, as_of=as_of, done=done)
