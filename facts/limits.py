"""The size of case the tool undertakes to analyze. Work grows with the lists of a case (each alert
and audit finding is read by several rules, and sweeps perturb them) and doubles with each disputed
fact (every combination of the parties' versions is an outcome). Beyond these limits a case is
refused in one line naming the limit, rather than left to run for an hour; the README states them.
"""
from __future__ import annotations

from facts.model import Case

# What a list item costs: Crestline scaled x1000 (3,000 alerts, 3,000 audit findings and 3,000
# notices, 9,000 items) analyzes to JSON at a 428 MiB peak and 9.7 s of CPU (2026-12-02,
# bench/scale_bench.py; about 40 KiB and 1 ms per item above the 60 MiB of start-up), and the work
# grows linearly with the items (issue #23). 5,000 in one list holds the largest case the issue
# asks for (x1000 of a bundled example); 15,000 in all bounds a run near 700 MiB.
MAX_LIST_ITEMS = 5_000     # audit findings, alerts, outages, notices, ... each
MAX_CASE_ITEMS = 15_000    # all the lists below together
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
    total = 0
    for path, items in _LISTS:
        count = len(items(case))
        total += count
        if count > MAX_LIST_ITEMS:
            return path, (f"{count:,} items; Faultline analyzes at most {MAX_LIST_ITEMS:,} per "
                          f"list (see the README's limits); split the case or summarise the "
                          f"items (an evidence file can hold any number of alerts)")
    if total > MAX_CASE_ITEMS:
        largest = max(_LISTS, key=lambda entry: len(entry[1](case)))[0]
        return largest, (f"{total:,} list items in the case; Faultline analyzes at most "
                         f"{MAX_CASE_ITEMS:,} in all (see the README's limits); split the case "
                         f"or summarise the items")
    return None


def check_disputes(count: int) -> str | None:
    """The message for a case with too many disputed facts, else None."""
    if count > MAX_DISPUTED_FACTS:
        return (f"{count:,} disputed facts; Faultline analyzes at most {MAX_DISPUTED_FACTS} "
                f"(see the README's limits); settle or drop the disputes that decide nothing")
    return None
