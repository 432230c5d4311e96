"""The counts and statuses conditions are evaluated against: affected residents per
jurisdiction (EU member states count for the EU), the parties' status words, and a duty's
head-count threshold. The condition language itself is in conditions.py.
"""
from __future__ import annotations

from collections.abc import Mapping

from typing import TYPE_CHECKING

from facts.unknown import UNKNOWN

if TYPE_CHECKING:
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


def _fields(status: object) -> dict:
    if isinstance(status, dict):
        return dict(status)
    if hasattr(status, "model_fields"):
        return {name: getattr(status, name) for name in type(status).model_fields}
    return dict(vars(status))


def unknown_status_fields(status: object) -> frozenset[str]:
    """The status fields the record leaves unknown."""
    return frozenset(name for name, value in _fields(status).items() if value is UNKNOWN)


def statuses_of(status: object) -> frozenset[str]:
    """Status words from a case's status record: a true flag gives its name (`sec_registrant`), a
    word gives `field_word` (`hipaa_covered_entity`, `nis2_essential`); any NIS2 class also gives
    `nis2_entity`. Unknown fields give no word (see unknown_status_fields)."""
    fields = _fields(status)
    words = set()
    for name, value in fields.items():
        if value is UNKNOWN:
            continue
        if value is True:
            words.add(name)
        elif isinstance(value, str) and value != "none":
            words.add(f"{name}_{value}")
            if name == "nis2":
                words.add("nis2_entity")
    return frozenset(words)


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
