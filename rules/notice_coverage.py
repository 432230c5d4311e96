"""Statutory notices, coverage: an affected jurisdiction the rule base has no notice profile for is
never dropped in silence.

Residents of a place were affected, so that place's notice law may bind the client (and, as the
one that maintains the data, the provider); without a profile the rule base cannot say what that
law requires or whether it was met. Each such jurisdiction gets a finding saying so ("not
assessed: no profile"), and the statutory-notice summaries name it where the notices are listed.
A federal or EU-wide regime does not stand in for a state's or a country's own law: residents of
US-NJ are covered only by a profile of US-NJ, while residents of a member state are covered by
the EU regimes.
"""
from __future__ import annotations

from facts.unknown import is_unknown
from rules.legal_time import load_profiles, regime_for
from rules.legal_time.applicability import within

# Profiles for a whole federation: they bind by the parties' status, not by where the affected
# people live, so they cover no state's own notice law.
FEDERAL = frozenset({"US"})


def covered(jurisdiction: str, profiles=None) -> bool:
    """Whether some notice profile speaks for residents keyed `jurisdiction`."""
    profiles = load_profiles() if profiles is None else profiles
    key = jurisdiction.upper()
    return any(within(key, p.jurisdiction) for p in profiles.values()
               if p.jurisdiction.upper() not in FEDERAL or key == p.jurisdiction.upper())


def place_name(jurisdiction: str) -> str:
    """'New Jersey (US-NJ)' where the fault-regime table knows the place, else the id."""
    regime = regime_for(jurisdiction)
    return jurisdiction if regime.fallback_used else f"{regime.name} ({jurisdiction})"


def unprofiled(c) -> list[tuple[str, int | None]]:
    """(jurisdiction, affected residents, None where the record does not say how many) for each
    affected place no profile covers, by id."""
    counts: dict[str, int | None] = {}
    for entry in c.get("affected") or []:
        key = str(entry["jurisdiction"]).upper()
        count = None if is_unknown(entry["residents"]) else int(entry["residents"])
        counts[key] = None if count is None or counts.get(key, 0) is None else \
            counts.get(key, 0) + count
    profiles = load_profiles()
    return sorted(((k, n) for k, n in counts.items() if (n is None or n > 0)
                   and not covered(k, profiles)), key=lambda kn: kn[0])


def _residents_words(count: int | None) -> str:
    return "an unknown number of residents" if count is None else \
        f"{count:,} resident{'s' if count != 1 else ''}"


def unassessed_words(places: list[tuple[str, int]]) -> str:
    """' Not assessed (no notice profile): New Jersey (US-NJ), 21,500 residents.' or ''."""
    if not places:
        return ""
    listed = "; ".join(f"{place_name(k)}, {_residents_words(n)}" for k, n in places)
    return f" Not assessed (no notice profile): {listed}."


NOT_ASSESSED = ("Not assessed: no profile. {residents} of {place} were affected, but "
                "the rule base has no notice profile for {jurisdiction}, so whether the {who} "
                "owed notice there (to the affected people, to a regulator, or as the one "
                "maintaining the data) and whether it gave it in time is not assessed. Check "
                "that jurisdiction's breach-notification law by hand.")


def conclude_unassessed(c, party: str, places: list[tuple[str, int]]) -> None:
    """One finding per unprofiled jurisdiction: it does not hold (no late notice is established,
    since nothing was assessed) and says why."""
    for key, count in places:
        c.conclude(c.check(f"a notice profile exists for {key}", False, "no profile"),
                   holds=False, element="disclosure.statutory", subject=key.lower(),
                   values={"jurisdiction": key, "place": place_name(key),
                           "residents": _residents_words(count).capitalize(), "who": party, "assessed": False,
                           "status": "not assessed: no profile"},
                   template=NOT_ASSESSED)
