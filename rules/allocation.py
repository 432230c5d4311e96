"""The allocation of fault, as a tribunal apportions it (rules/apportionment/).

1. Every fault finding names its root failure; the findings of one failure are one row.
2. The harm is divided into tranches (accrual entries or dated heads of loss; otherwise an even
   spread over the impact window, a stated assumption).
3. Each root caused the tranches inside its own causal window (its own counterfactual).
4. Within a tranche responsibility is split among its causes by disclosed weights, culpability,
   causal strength and (provider monitoring duties) the control level.
5. `allocation` is each party's responsibility weighted by the tranches' harm; shares are rounded
   to four places by largest remainder so they sum to exactly 1.

An available gross-negligence argument changes the cap range (exposure), never a share; systemic
negligence describes the set of rows and adds none; a statement or conduct that caused no tranche
moves nothing.
"""
from __future__ import annotations

from decimal import Decimal

from rules.apportionment.nonparty import (
    attacker,
    attacker_both_ways,
    attacker_compared,
    attacker_root,
    empty_chair,
    vendor_fault,
    vendor_root,
)
from rules.apportionment.responsibility import (
    PLACES,
    apportion,
    attach_care,
    largest_remainder,  # noqa: F401  (largest_remainder re-exported)
)
from rules.apportionment.roots import build_roots
from rules.apportionment.tranches import tranches as harm_tranches
from rules.apportionment.windows import windows
from rules.authorities import cite, modelling_choice
from rules.base import Salience, fact, rule
from rules.common import when


def _q(value: Decimal) -> str:
    return str(Decimal(value).quantize(PLACES))


@rule("ALLOC-001", title="Apportionment of fault by tranche of harm", area="allocation",
      concludes="allocation.fault_established", party="provider", salience=Salience.AGGREGATE,
      phase="allocate",
      authority=[cite("restatement-3d-apportionment", "§26"),
                 cite("restatement-3d-apportionment", "§8"),
                 cite("us-co-barton-v-adams-rental", "534",
                      note="a non-party carries fault only on evidence of its own fault"),
                 modelling_choice("responsibility within a tranche is split by disclosed weights, "
                                  "culpability factors, causal strength and the control level; a "
                                  "fact-finder assigns shares on a holistic weighing, which the "
                                  "figure informs but does not replace")],
      principle="Harm that can be divided by causation is divided first: each failure answers "
                "only for the harm it caused. Within each part, responsibility is compared "
                "between the parties whose failures caused it, by the nature of each failure "
                "(how culpable) and the strength of its causal connection. One failure is "
                "counted once, however many findings describe it.",
      narrative="Fault is allocated {shares}: {method}.",
      narrative_not="No causally relevant fault of either party is established, so no allocation "
                    "is made.",
      needs={"level_multiplier": fact("derived.control_multiplier")})
def allocate(c, level_multiplier):
    roots = build_roots(c)
    care = attach_care(c, roots)
    wins = windows(c, roots)
    vendor = vendor_fault(c)
    if vendor and vendor[1] and vendor[2]:
        # The vendor's own fault is established and the law allocates to non-parties.
        root, window = vendor_root(c, vendor[0], vendor[1])
        roots, wins = roots + [root], {**wins, root.id: window}
    compared, designated = attacker_compared(c)
    if compared and designated is True:
        root, window = attacker_root(c)
        roots, wins = roots + [root], {**wins, root.id: window}
    cuts = sorted({t for w in wins.values() for t in (w.start, w.end) if t is not None})
    parts, how = harm_tranches(c, cuts)
    result = apportion(c, roots, wins, parts, Decimal(str(level_multiplier)))
    shares = result["shares"]
    detail = _detail(c, result, how, care, Decimal(str(level_multiplier)))
    detail["empty_chair"] = empty_chair(c, roots, wins, parts, Decimal(str(level_multiplier)))
    both = attacker_both_ways(c, roots, wins, parts, Decimal(str(level_multiplier)))
    detail["attacker"] = {**attacker(c), "both_ways": both}
    sentence = detail["attacker"]["sentence"]
    if both is not None:
        shown = both["shares_without" if both["counted"] else "shares_with"]
        sentence += (f" {'Without' if both['counted'] else 'With'} the attacker counted, the "
                     f"shares would be "
                     + ", ".join(f"{p} {Decimal(v):.2%}" for p, v in sorted(shown.items()))
                     + ".")
    detail["not_counted"].append(sentence)
    c.derive("derived.allocation", detail, "fault allocation")
    causing = [r for r in result["rows"].values() if r["tranches"]]
    c.conclude(c.check("some causally relevant fault is established", bool(shares),
                       "; ".join(f"{r['root'].id} caused {', '.join(r['tranches'])}"
                                 for r in causing) or "no failure caused any tranche of harm"),
               values={"shares": ", ".join(f"{p} {float(v):.2%}" for p, v in shares.items()),
                       "method": detail["method"]})


def _detail(c, result: dict, how: str, care: list, control: Decimal) -> dict:
    rows = result["rows"]
    roots_out, factors, root_of = [], [], {}
    for rid in sorted(rows, key=lambda k: (rows[k]["root"].party, k)):
        r = rows[rid]
        root, win = r["root"], r["window"]
        for fid in root.findings:
            root_of.setdefault(fid, []).append(rid)
        entry = {"id": rid, "party": root.party, "title": root.title, "kind": win.kind,
                 "findings": list(root.findings), "items": list(root.items),
                 "parts": [list(p) for p in root.parts],
                 "weight_key": root.weight_key, "weight": str(root.weight),
                 "culpability": {"factors": {k: str(v) for k, v in
                                             r["culpability"]["factors"].items()},
                                 "value": _q(r["culpability"]["value"])},
                 "aggravations": dict(sorted(root.aggravations.items())),
                 "care": list(root.care), "causal_strength": str(r["strength"]),
                 "control_level": str(r["control"]), "points": _q(r["points"]),
                 "window": {"from": win.start.isoformat() if win.start else None,
                            "to": win.end.isoformat() if win.end else None, "how": win.how},
                 "tranches": list(r["tranches"]), "contribution": _q(r["contribution"])}
        roots_out.append(entry)
        factors.append({"party": root.party, "finding": root.findings[0] if root.findings
                        else rid, "root": rid, "weight_key": root.weight_key,
                        "weight": str(root.weight), "causal": str(r["strength"]),
                        "points": _q(r["points"]), "contribution": _q(r["contribution"])})
    tranches_out = []
    for d in result["tranches"]:
        t = d["tranche"]
        tranches_out.append({
            "id": t.id, "label": t.label(), "basis": t.basis, "head": t.head, "what": t.what,
            "at": t.at.isoformat() if t.at else None,
            "from": t.start.isoformat() if t.start else None,
            "to": t.end.isoformat() if t.end else None,
            "amount": _q(t.amount), "weight": _q(d["weight"]), "causes": list(d["causes"]),
            "points": _q(d["points"]),
            "responsibility": {p: _q(v) for p, v in sorted(d["responsibility"].items())}})
    shares = result["shares"]
    method = (f"{len([r for r in roots_out if r['tranches']])} root failure(s) caused harm in "
              f"{len([t for t in tranches_out if t['causes']])} of {len(tranches_out)} "
              f"tranche(s) ({how or 'no harm recorded'}); each tranche is split among the "
              f"failures that caused it")
    return {
        "method": method, "division": how,
        "shares": {p: str(v) for p, v in shares.items()},
        "points": {p: _q(v) for p, v in sorted(result["raw"].items())},
        "caused_harm": {p: _q(v) for p, v in sorted(result["caused_harm"].items())},
        "roots": roots_out, "tranches": tranches_out, "factors": factors,
        "root_of": dict(sorted(root_of.items())), "care": care,
        "multipliers": {"control level": str(control)},
        "not_counted": _not_counted(c),
        "sentences": _sentences(roots_out, tranches_out, shares),
    }


def _not_counted(c) -> list[str]:
    out = []
    if c.findings("breach.gross_negligence_available", party="provider"):
        out.append("An available gross-negligence argument changes the range of the cap in "
                   "contract (exposure), not the shares: whether the conduct was grossly "
                   "negligent is a question of fact.")
    if c.findings("breach.systemic", party="provider"):
        out.append("Systemic negligence describes the set of the provider's failures, each of "
                   "which is already a row; it adds no weight of its own.")
    return out


def _sentences(roots: list, tranches: list, shares: dict) -> list[str]:
    out = []
    for t in tranches:
        if not t["causes"]:
            out.append(f"Tranche {t['id']} ({t['label']}, {t['amount']}) was caused by no "
                       f"established failure and is left out.")
            continue
        resp = ", ".join(f"{p} {Decimal(v):.2%}" for p, v in t["responsibility"].items())
        out.append(f"Tranche {t['id']} ({t['label']}; {Decimal(t['weight']):.2%} of the harm "
                   f"caused) was caused by {', '.join(t['causes'])}; within it, "
                   f"{t['points']} points in all give {resp}.")
    for r in roots:
        if not r["tranches"]:
            out.append(f"{r['title'][:1].upper()}{r['title'][1:]} ({r['id']}) caused no tranche of the harm "
                       f"({r['window']['how'] or 'no causal link'}) and moves no share.")
    if shares:
        out.append("Weighted by harm, fault is allocated " + ", ".join(
            f"{p} {float(v):.2%}" for p, v in shares.items()) + ".")
    return out


__all__ = ["allocate", "largest_remainder", "when"]
