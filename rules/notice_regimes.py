"""Statutory notices, part 1: which notice regimes apply to the client and to the provider, and
which of each regime's duties each of them owes.

Applicability is data: each jurisdiction profile (rules/data/jurisdictions/) says when it applies,
in a small condition language over the parties' statuses and the affected residents per
jurisdiction. The deadlines themselves are assessed in rules/notice_timeliness.py; when the
client's clocks start, in rules/notice_clocks.py; whether the provider's delay caused the client's
lateness, in rules/notice_delay.py.
"""
from __future__ import annotations

from types import SimpleNamespace

from rules.authorities import governing_law, modelling_choice
from rules.base import Salience, fact, rule
from rules.legal_time import applies, load_profiles, statuses_of, threshold_met


def statuses(c, party: str) -> frozenset[str]:
    return statuses_of(SimpleNamespace(**c.group(f"parties.{party}.status")))


def residents(c) -> dict[str, int]:
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
    client, provider = statuses(c, "client"), statuses(c, "provider")
    affected = residents(c)
    individuals = c.get("incident.harm.records_affected") or None
    found = []
    for profile in load_profiles().values():
        if not applies(profile, client_statuses=client, provider_statuses=provider,
                       residents=affected):
            continue
        parties: dict[str, list[str]] = {"client": [], "provider": []}
        for duty_id in profile.duty_ids():
            versions = profile.versions(duty_id)
            # which version binds is decided as of the duty's trigger (notice_timeliness.py);
            # a duty is listed when any of its versions' thresholds is met
            if not any(threshold_met(profile, v, affected, individuals) for v in versions):
                continue
            for party in owing_parties(profile, versions[-1], client, provider):
                parties[party].append(duty_id)
        found.append({"regime": profile.id, "name": profile.name, "status": profile.status,
                      "client": parties["client"], "provider": parties["provider"]})
    c.derive("derived.applicable_regimes", found, "; ".join(
        f"{r['regime']} (client: {', '.join(r['client']) or '—'}; provider: "
        f"{', '.join(r['provider']) or '—'})" for r in found) or "none")
