"""A case's references into the rule base resolve: every notice names a regime the jurisdiction
profiles know (and, where it names one, a recipient that regime names). A typo such as `us-hipaax`
would otherwise leave a notice counted for no regime and conclude late notice where a notice was
given: refused, with the nearest id."""
from __future__ import annotations

from facts.errors import FaultlineInputError, did_you_mean
from facts.loader import LoadedCase


def check_case_references(loaded: LoadedCase) -> None:
    """Raise the one-line error of the first notice that names an unknown regime or recipient."""
    from rules.legal_time.duties import SHARED_NAMES
    from rules.legal_time.profiles import load_profiles
    profiles = load_profiles()
    for notice in loaded.case.incident.notices:
        where = f"incident.notices[{notice.id}]"
        regime = notice.regime
        if isinstance(regime, str) and regime not in profiles:
            raise FaultlineInputError(loaded.path, f"{where}.regime",
                                      f"unknown regime {regime!r}{did_you_mean(regime, profiles)};"
                                      f" known: {', '.join(sorted(profiles))}")
        recipient = notice.recipient
        if not isinstance(recipient, str):
            continue
        named = [profiles[regime]] if isinstance(regime, str) else list(profiles.values())
        known = sorted({r for p in named for r in p.recipients} | set(SHARED_NAMES))
        if recipient not in known:
            whose = regime if isinstance(regime, str) else "any regime"
            raise FaultlineInputError(
                loaded.path, f"{where}.recipient",
                f"{recipient!r} is not a recipient {whose} names"
                f"{did_you_mean(recipient, known)}; expected one of {', '.join(known)}")
