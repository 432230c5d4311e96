"""Legal time: deadline clocks, jurisdiction profiles and comparative-fault regimes.

The public API is re-exported here so callers (rules, reports, the CLI) need one import; see
docs/legal-time.md for the counting policies and the data formats.
"""
from __future__ import annotations

from rules.legal_time.applicability import (residents_in, statuses_of, threshold_met,
                                            unknown_status_fields)
from rules.legal_time.calendars import UnknownCalendar, business_calendar
from rules.legal_time.catalogue import (NoFixedDeadline, NotInForce, deadline_duty, list_rows,
                                        profile_as_dict, regime_deadline, regime_duty)
from rules.legal_time.conditions import Facts, Verdict, evaluate
from rules.legal_time.deadlines import Deadline, Timeliness, assess, compute_deadline
from rules.legal_time.fault_recovery import Recovery, recoverable
from rules.legal_time.fault_regimes import (FaultRegime, load_fault_regimes, regime_for,
                                            regime_versions)
from rules.legal_time.profiles import Duty, Profile, UnknownRegime, get_profile, load_profiles

__all__ = [
    "Deadline", "Duty", "Facts", "FaultRegime", "NoFixedDeadline", "NotInForce", "Profile",
    "Recovery", "Timeliness", "UnknownCalendar", "UnknownRegime", "Verdict", "assess",
    "business_calendar", "compute_deadline", "deadline_duty", "evaluate", "get_profile",
    "list_rows", "load_fault_regimes", "load_profiles", "profile_as_dict", "recoverable",
    "regime_deadline", "regime_duty", "regime_for", "regime_versions", "residents_in", "statuses_of",
    "threshold_met", "unknown_status_fields",
]
