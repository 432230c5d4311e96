"""Deciding from a case's facts whether a regime, and each of its duties, applies.

Profiles state applicability declaratively (`applies_when`, `threshold`); this module evaluates
those statements against the parties' statuses and the affected residents per jurisdiction, so the
rules never hard-code which regime a status or a head-count triggers.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping

from rules.legal_time.profiles import Duty, Profile

# EU member states (ISO 3166-1 alpha-2, with Greece as EL or GR): residents keyed by a member state
# count towards an EU-wide threshold.
EU_MEMBER_STATES = frozenset(
    "AT BE BG HR CY CZ DK EE FI FR DE GR EL HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split())
UK_PREFIXES = frozenset({"UK", "GB"})


def within(key: str, jurisdiction: str) -> bool:
    """Whether residents keyed `key` (e.g. US-FL, DE, GB-SCT) count for `jurisdiction`."""
    key, jurisdiction = key.upper(), jurisdiction.upper()
    top = key.split("-")[0]
    return (key == jurisdiction or key.startswith(jurisdiction + "-")
            or (jurisdiction == "EU" and top in EU_MEMBER_STATES)
            or (jurisdiction in UK_PREFIXES and top in UK_PREFIXES))


def residents_in(jurisdiction: str, residents: Mapping[str, int]) -> int:
    """Affected residents of a jurisdiction; keys are disjoint (a case lists each place once)."""
    return sum(count for key, count in sorted(residents.items()) if within(key, jurisdiction))


def statuses_of(status: object) -> frozenset[str]:
    """Status words from a case's status record: a true flag gives its name (`sec_registrant`), a
    word gives `field_word` (`hipaa_covered_entity`, `nis2_essential`); any NIS2 class also gives
    `nis2_entity`."""
    fields = status.model_dump() if hasattr(status, "model_dump") else dict(vars(status))
    words = set()
    for name, value in fields.items():
        if value is True:
            words.add(name)
        elif isinstance(value, str) and value != "none":
            words.add(f"{name}_{value}")
            if name == "nis2":
                words.add("nis2_entity")
    return frozenset(words)


def condition_holds(cond: Mapping, *, client_statuses: Iterable[str] = (),
                    provider_statuses: Iterable[str] = (),
                    residents: Mapping[str, int] | None = None) -> bool:
    key, value = next(iter(cond.items()))
    kwargs = {"client_statuses": frozenset(client_statuses),
              "provider_statuses": frozenset(provider_statuses), "residents": residents or {}}
    if key == "all":
        return all(condition_holds(item, **kwargs) for item in value)
    if key == "any":
        return any(condition_holds(item, **kwargs) for item in value)
    if key == "client_status":
        return value in kwargs["client_statuses"]
    if key == "provider_status":
        return value in kwargs["provider_statuses"]
    return residents_in(value["jurisdiction"], kwargs["residents"]) >= value["count"]


def applies(profile: Profile, **facts) -> bool:
    """Whether a regime applies, given client_statuses, provider_statuses and residents."""
    return condition_holds(profile.applies_when, **facts)


def threshold_met(profile: Profile, duty: Duty, residents: Mapping[str, int],
                  individuals: int | None = None) -> bool:
    """Whether a duty's threshold is met (always True without one). `individuals` is the total
    affected; by default the sum of residents."""
    rule = duty.threshold
    if rule is None:
        return True
    if rule.of == "individuals":
        count = individuals if individuals is not None else sum(residents.values())
    elif rule.of == "residents":
        count = residents_in(rule.jurisdiction or profile.jurisdiction, residents)
    else:
        states = [n for k, n in residents.items() if k.upper().startswith("US-")]
        count = max(states, default=0)
    return rule.met(count)
