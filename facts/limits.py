"""The size of case the tool undertakes to analyze. Work grows with the lists of a case (each alert
and audit finding is read by several rules, and sweeps perturb them) and doubles with each disputed
fact (every combination of the parties' versions is an outcome). Beyond these limits a case is
refused in one line naming the limit, rather than left to run for an hour; the README states them.
"""
from __future__ import annotations

from facts.model import Case

MAX_LIST_ITEMS = 1_000     # audit findings, alerts, outages, notices, ... each
MAX_DISPUTED_FACTS = 64    # combinations beyond 256 are sampled (engine/disputes.py)

_LISTS = (("audit.findings", lambda c: c.audit.findings),
          ("audit.tests", lambda c: c.audit.tests),
          ("incident.alerts", lambda c: c.incident.alerts),
          ("incident.outages", lambda c: c.incident.outages),
          ("incident.notices", lambda c: c.incident.notices),
          ("incident.statements", lambda c: c.incident.statements),
          ("incident.harm.accrual", lambda c: c.incident.harm.accrual),
          ("incident.harm.heads", lambda c: c.incident.harm.heads),
          ("incident.concealment", lambda c: c.incident.concealment),
          ("recommendations", lambda c: c.recommendations),
          ("affected", lambda c: c.affected),
          ("parties.non_parties", lambda c: c.parties.non_parties),
          ("evidence", lambda c: c.evidence))


def check_size(case: Case) -> tuple[str, str] | None:
    """(list path, message) for the first list longer than the limit, else None."""
    for path, items in _LISTS:
        count = len(items(case))
        if count > MAX_LIST_ITEMS:
            return path, (f"{count:,} items; Faultline analyzes at most {MAX_LIST_ITEMS:,} per "
                          f"list (see the README's limits); split the case or summarise the "
                          f"items (an evidence file can hold any number of alerts)")
    return None


def check_disputes(count: int) -> str | None:
    """The message for a case with too many disputed facts, else None."""
    if count > MAX_DISPUTED_FACTS:
        return (f"{count:,} disputed facts; Faultline analyzes at most {MAX_DISPUTED_FACTS} "
                f"(see the README's limits); settle or drop the disputes that decide nothing")
    return None
