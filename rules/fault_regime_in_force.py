"""Which version of the governing comparative-fault regime applies: the one its transition rule
picks by the case's dates.

A state that changed its regime names the date that decides which version governs: the day the
cause of action arose (West Virginia, 2015) or the day the action was filed (Florida, 2023). The
case may record either (applicability.claim_accrued, applicability.action_filed; `never` for an
action not yet filed, which is then filed under the law as it now stands). Where it does not, the
incident
still bounds them: an action is not filed before the breach was discovered, and a claim is taken
to arise with the incident (its first recorded moment, a modelling choice). A regime that never
changed reads none of these facts.
"""
from __future__ import annotations

from datetime import date, datetime

from rules.legal_time import regime_for, regime_versions
from rules.legal_time.fault_regimes import NOT_FILED, FaultRegime

# The incident's moments, earliest first, that bound when a claim arose.
INCIDENT_MOMENTS = ("incident.timeline.intrusion_start", "incident.timeline.first_indicator",
                    "incident.timeline.discovery")


_ABSENT = object()


def _day(c, fact_id: str) -> date | None:
    value = c.known(fact_id)
    if value is None or c.is_unknown(value):
        return None
    return value.date() if isinstance(value, datetime) else value


def governing_regime(c, law: str) -> FaultRegime:
    """The governing law's regime in the version the case's dates pick."""
    plain = regime_for(law)
    if plain.fallback_used or len(regime_versions(plain.id)) == 1:
        return plain
    if plain.transition == "filing":
        # `never` says no action has been filed (a fact left out is unknown, and a `never` is
        # not carried as a fact at all); an unknown date says nothing
        never = c.known("applicability.action_filed", _ABSENT) is _ABSENT
        filed = NOT_FILED if never else _day(c, "applicability.action_filed")
        return regime_for(law, filed=filed, earliest=_day(c, "incident.timeline.discovery"))
    first = next((d for d in (_day(c, f) for f in INCIDENT_MOMENTS) if d is not None), None)
    return regime_for(law, accrued=_day(c, "applicability.claim_accrued"), earliest=first)
