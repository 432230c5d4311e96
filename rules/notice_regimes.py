"""Statutory notices, part 1: which notice regimes apply to the client and to the provider, and
which of each regime's duties each of them owes.

Applicability is data: each jurisdiction profile (rules/data/jurisdictions/) says when it applies,
in a small condition language over the parties' statuses and the affected residents per
jurisdiction. The deadlines themselves are assessed in rules/notice_timeliness.py; when the
client's clocks start, in rules/notice_clocks.py; whether the provider's delay caused the client's
lateness, in rules/notice_delay.py.
"""
from __future__ import annotations

from functools import lru_cache

from facts.labels import label
from facts.unknown import is_unknown
from rules.authorities import cite, governing_law, modelling_choice
from rules.base import Salience, fact, rule
from rules.legal_time import (Facts, Verdict, evaluate, load_profiles, statuses_of,
                              threshold_met, unknown_status_fields)
from rules.legal_time.conditions import YES, fact_ids


@lru_cache(maxsize=1)
def _condition_facts() -> tuple[str, ...]:
    """Every applicability fact any profile's conditions read."""
    ids: set[str] = set()
    for profile in load_profiles().values():
        for cond in (profile.applies_when, profile.applies_if, profile.unless):
            ids |= fact_ids(cond)
        for duty in profile.duties:
            ids |= fact_ids(duty.applies_if) | fact_ids(duty.unless)
    return tuple(sorted(ids))


def _status(c, party: str) -> dict:
    record = c.group(f"parties.{party}.status")
    return {key: record.known(key) for key in record}


def applicability_facts(c) -> Facts:
    """The statuses, residents and applicability facts the profiles' conditions read; an unknown
    status or fact stays unknown (it makes a condition undecided, never false)."""
    status = {p: _status(c, p) for p in ("client", "provider")}
    values = {fid: c.known(fid) for fid in _condition_facts()}
    return Facts(client_statuses=statuses_of(status["client"]),
                 provider_statuses=statuses_of(status["provider"]),
                 unknown_status={p: unknown_status_fields(status[p]) for p in status},
                 residents=residents(c), uncounted=uncounted(c), values=values,
                 labels={fid: label(fid) for fid in values})


def residents(c) -> dict[str, int]:
    """Affected residents per jurisdiction, as far as the record counts them: an entry whose
    number is unknown adds nothing here (uncounted() names it)."""
    out: dict[str, int] = {}
    for entry in c.get("affected") or []:
        if not is_unknown(entry["residents"]):
            out[entry["jurisdiction"]] = out.get(entry["jurisdiction"], 0) + int(entry["residents"])
    return out


def uncounted(c) -> dict[str, str]:
    """Jurisdiction -> the fact id of its affected-residents count, where the record says people
    there were affected but not how many. A threshold such a count would decide is not shown."""
    return {entry["jurisdiction"]: f"affected[{i}].residents"
            for i, entry in enumerate(c.get("affected") or []) if is_unknown(entry["residents"])}


def owing_parties(profile, duty, facts: Facts) -> list[tuple[str, Verdict]]:
    """Which party of this case may owe the duty, and whether its status shows that it does
    (undecided where the status is unknown)."""
    who = duty.who
    if who == "covered_entity" and profile.id == "us-hipaa":
        candidates = [("client", {"client_status": "hipaa_covered_entity"})]
    elif who == "business_associate":
        candidates = [("provider", {"provider_status": "hipaa_business_associate"}),
                      ("client", {"client_status": "hipaa_business_associate"})]
    elif who in ("processor", "third_party_agent", "data_intermediary"):
        candidates = [("provider", {"provider_status": "data_processor"})]
    elif who == "registrant":
        candidates = [("client", {"client_status": "sec_registrant"})]
    elif duty.party_role is not None:
        candidates = [(duty.party_role, None)]
    elif profile.id == "eu-nis2":
        candidates = [("client", {"client_status": "nis2_entity"}),
                      ("provider", {"provider_status": "nis2_entity"})]
    else:
        candidates = [("client", None)]
    found = [(party, evaluate(cond, facts, party)) for party, cond in candidates]
    return [(party, verdict) for party, verdict in found if verdict.value is not False]


def duty_applies(profile, duty, party: str, facts: Facts) -> tuple[Verdict, Verdict]:
    """(whether what triggers the duty is shown, whether what excuses it is shown) for the party
    owing it: the profile's conditions and the duty's own, both."""
    needed = [c for c in (profile.applies_if, duty.applies_if) if c]
    excuses = [c for c in (profile.unless, duty.unless) if c]
    trigger = evaluate({"all": needed}, facts, party) if needed else YES
    excuse = evaluate({"any": excuses}, facts, party) if excuses else Verdict(False)
    return trigger, excuse


@rule("NOTICE-001", title="Regimes that apply to the client and to the provider",
      area="disclosure", concludes="derived.applicable_regimes", salience=Salience.MEASURE,
      authority=[governing_law("notice regimes, each cited in its jurisdiction profile"),
                 cite("eu-gdpr", "Art. 3(1)"), cite("eu-gdpr", "Art. 3(2)(a)"),
                 cite("eu-gdpr", "Art. 3(2)(b)"), cite("eu-nis2", "Art. 26(1)"),
                 cite("eu-nis2", "Art. 23(3)"), cite("eu-dora", "Art. 18(1)"),
                 modelling_choice("a duty whose threshold or reach turns on an unknown fact is "
                                  "reported as applying if the fact is shown, never as "
                                  "applying or not applying")],
      principle="Which notice laws bind whom follows from facts: the client's and the provider's "
                "regulated status, where each was established and whom it served, how many "
                "residents of each place were affected, and how serious the incident was by each "
                "law's own threshold. A law whose reach turns on a fact the record does not give "
                "applies only if that fact is shown; it is never assumed from where the affected "
                "people live.",
      narrative="Applicable regimes: {regimes}.",
      needs={"discovery": fact("incident.timeline.discovery")})
def applicable_regimes(c, discovery):
    facts = applicability_facts(c)
    individuals = c.get("incident.harm.records_affected") or None
    found = []
    for profile in load_profiles().values():
        reach = evaluate(profile.applies_when, facts, connects=True)
        if reach.value is False:
            continue
        parties: dict[str, list[str]] = {"client": [], "provider": []}
        conditional: dict[str, list[str]] = {}
        for duty_id in profile.duty_ids():
            versions = profile.versions(duty_id)
            # which version binds is decided as of the duty's trigger (notice_duties.py); a
            # duty is listed when any of its versions' thresholds is met
            if not any(threshold_met(profile, v, facts.residents, individuals) for v in versions):
                continue
            for party, owes in owing_parties(profile, versions[-1], facts):
                trigger, excuse = duty_applies(profile, versions[-1], party, facts)
                if trigger.value is False or excuse.value is True:
                    continue
                parties[party].append(duty_id)
                open_ = [v for v in (reach, owes, trigger) if v.value is None]
                if open_:
                    conditional[f"{party}:{duty_id}"] = sorted({u for v in open_
                                                                for u in v.unknown})
        found.append({"regime": profile.id, "name": profile.name, "status": profile.status,
                      "client": parties["client"], "provider": parties["provider"],
                      "applies_if": conditional})
    c.derive("derived.applicable_regimes", found, "; ".join(
        f"{r['regime']} (client: {_listed(r, 'client')}; provider: {_listed(r, 'provider')})"
        for r in found) or "none")


def _listed(regime: dict, party: str) -> str:
    words = [f"{d} (applies if shown)" if f"{party}:{d}" in regime["applies_if"] else d
             for d in regime[party]]
    return ", ".join(words) or "—"
