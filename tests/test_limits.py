"""The stated size limits (facts/limits.py): each list, and all lists together."""
from __future__ import annotations

from types import SimpleNamespace as NS

from facts import limits


def case(findings: int = 0, alerts: int = 0, notices: int = 0, recommendations: int = 0):
    items = lambda n: [None] * n   # only the counts are read
    return NS(audit=NS(findings=items(findings), tests=[]),
              incident=NS(alerts=items(alerts), outages=[], notices=items(notices),
                          statements=[], harm=NS(accrual=[], heads=[]), concealment=[]),
              recommendations=items(recommendations), affected=[], parties=NS(non_parties=[]), evidence=[])


def test_a_case_at_each_limit_is_accepted():
    assert limits.check_size(case(findings=limits.MAX_LIST_ITEMS)) is None
    per = limits.MAX_CASE_ITEMS // 3
    assert limits.check_size(case(per, per, limits.MAX_CASE_ITEMS - 2 * per)) is None


def test_one_list_over_its_limit_is_refused_by_name():
    path, message = limits.check_size(case(alerts=limits.MAX_LIST_ITEMS + 1))
    assert path == "incident.alerts"
    assert f"at most {limits.MAX_LIST_ITEMS:,} per list" in message


def test_lists_within_their_limit_but_over_the_total_are_refused():
    per = limits.MAX_LIST_ITEMS
    rest = limits.MAX_CASE_ITEMS - 3 * per + 1
    assert 0 < rest <= per
    path, message = limits.check_size(case(per, per, per, rest))
    assert path == "audit.findings"
    assert f"{3 * per + rest:,} list items" in message
    assert f"at most {limits.MAX_CASE_ITEMS:,} in all" in message
