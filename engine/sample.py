"""Which items of a long list a sweep perturbs: one per group of items that decide the same
findings, so a sweep of a case with thousands of alerts or audit findings costs what a sweep of
its kinds of item costs.

Every perturbation of a sensitivity sweep is one run of the case; perturbing each field of each
of 3,000 audit findings is tens of thousands of runs, each as long as the case. Items of a long
list (more than LONG_LIST items read by a rule) are grouped by what they decide in the base run:
the findings — element, party and verdict — whose premises name the item (the per-item findings
an item is the subject of, and the findings it decided as one of a list, e.g. the late alerts of
a triage breach). Items in one group play the same part in the outcome, so one of them (the
first by id) is perturbed for the group and stands for the others. At most MAX_GROUPS groups of a
list are perturbed, the largest first; the sweep's output names each such list, how many items
and groups it had and which items were perturbed. Lists of LONG_LIST items or fewer (every bundled
example's) are swept item by item as before.

What this gives up: two items of one group with different values (a high and a low severity) may
move the outcome by different amounts; the sweep shows the representative's effect. A mediator
who needs a particular item's effect runs `whatif` on it.
"""
from __future__ import annotations

LONG_LIST = 20     # lists with more items than this are sampled by group
MAX_GROUPS = 12    # groups of one list perturbed at most (the largest first)


def sample_long_lists(run, read: set[str]) -> tuple[set[str], list[dict]]:
    """(the facts to perturb: `read` without the items no group needs, a note per long list)."""
    by_kind: dict[str, list[str]] = {}
    for item in run.inputs:
        if item.kind and item.id in read:
            by_kind.setdefault(item.kind, []).append(item.id)
    long = {kind: sorted(ids) for kind, ids in by_kind.items() if len(ids) > LONG_LIST}
    if not long:
        return read, []
    members = {fid for ids in long.values() for fid in ids}
    decides: dict[str, set] = {}
    for f in run.findings:
        for premise in f["premises"]:
            if premise in members:
                decides.setdefault(premise, set()).add((f["element"], f["party"], f["holds"]))
    notes, left_out = [], set()
    for kind, ids in sorted(long.items()):
        groups: dict[tuple, list[str]] = {}
        for fid in ids:
            groups.setdefault(tuple(sorted(decides.get(fid, ()))), []).append(fid)
        ranked = sorted(groups.items(), key=lambda g: (-len(g[1]), g[1][0]))
        chosen = [group[0] for _, group in ranked[:MAX_GROUPS]]
        left_out |= set(ids) - set(chosen)
        notes.append({
            "list": kind, "items": len(ids), "groups": len(groups),
            "perturbed": chosen, "long_list": LONG_LIST, "max_groups": MAX_GROUPS,
            "why": f"{len(ids)} items read, more than {LONG_LIST}: one item stands for each group "
                   f"of items that decide the same findings (element, party, verdict); "
                   f"{len(groups)} group{'s' if len(groups) != 1 else ''}"
                   + (f", the {MAX_GROUPS} largest perturbed" if len(groups) > MAX_GROUPS
                      else "")})
    return read - left_out, notes
