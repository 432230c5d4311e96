"""Responsibility within each tranche, and the allocation over the tranches.

Within a tranche, responsibility is split among the root failures that caused it (Restatement
(Third) of Torts: Apportionment of Liability §8): each root's points are its weight (what kind of
failure it is) × its culpability (awareness: inadvertent, known and left open, warned and declined,
deliberate; concealment) × the strength of its causal connection × (provider monitoring duties) the
control level. A party's responsibility in a tranche is its roots' points over all points there.
The allocation is each party's responsibility weighted by the tranches' harm, over the harm some
failure caused. No amount enters a share except as a proportion of the harm, so scaling every
amount leaves every share unchanged.
"""
from __future__ import annotations

from decimal import ROUND_FLOOR, Decimal

from rules.apportionment.windows import MONITORING, causal_strength

PLACES = Decimal("0.0001")
AWARENESS = {"known": "culpability.known_unfixed", "warned_declined": "culpability.warned_declined",
             "deliberate": "culpability.deliberate"}
# Evidence of care and the failure it bears on (it counts only against that failure).
CARE_TARGETS = {"care.validation": ("provider:testing",),
                "care.threat_intel": ("provider:detection-content",),
                "care.candour": ("provider:outage:",),
                "care.containment": ("provider:containment",),
                "care.ir_exercise": ("provider:containment",)}


def largest_remainder(points: dict[str, Decimal]) -> dict[str, Decimal]:
    """Shares of 1 to four places, summing exactly to 1; ties broken by party name."""
    total = sum(points.values())
    units = 10 ** 4
    raw = {p: v / total * units for p, v in points.items()}
    floors = {p: int(v.to_integral_value(rounding=ROUND_FLOOR)) for p, v in raw.items()}
    left = units - sum(floors.values())
    for party in sorted(raw, key=lambda p: (-(raw[p] - floors[p]), p))[:left]:
        floors[party] += 1
    return {p: (Decimal(n) / units).quantize(PLACES) for p, n in sorted(floors.items())
            if n or points[p]}


def attach_care(c, roots: list) -> list[dict]:
    """Each established item of evidence of care, and the root it counts against (none: it
    bears on no failure in this case and moves nothing)."""
    out = []
    for element in sorted(CARE_TARGETS) + ["care.warnings", "care.post_incident"]:
        for f in c.findings(element, party="provider"):
            targets = [r for r in roots if r.party == "provider" and
                       any(r.id.startswith(t) for t in CARE_TARGETS.get(element, ()))]
            for r in targets:
                if f["id"] not in r.care:
                    r.care.append(f["id"])
            out.append({"finding": f["id"], "counts_against": [r.id for r in targets]})
    return out


def culpability(c, root) -> dict:
    factors = {}
    levels = [(Decimal(str(c.param(AWARENESS[name]))), name) for name in AWARENESS
              if name in root.aggravations]
    if levels:
        value, name = max(levels)
        factors[name] = value
    if "concealed" in root.aggravations:
        factors["concealed"] = Decimal(str(c.param("culpability.concealed")))
    if root.care:
        credit = min(Decimal(str(c.param("care.credit_each"))) * len(root.care),
                     Decimal(str(c.param("care.credit_max"))))
        factors[f"evidence of care ({len(root.care)})"] = Decimal(1) - credit
    value = Decimal(1)
    for f in factors.values():
        value *= f
    return {"factors": factors, "value": value}


def apportion(c, roots: list, wins: dict, tranches: list, control: Decimal) -> dict:
    rows = {}
    for root in roots:
        win = wins[root.id]
        culp = culpability(c, root)
        strength = causal_strength(c, win)
        level = control if root.party == "provider" and win.kind in MONITORING else Decimal(1)
        points = root.weight * culp["value"] * strength * level
        caused = [t for t in tranches if t.caused_by(win)]
        rows[root.id] = {"root": root, "window": win, "culpability": culp, "strength": strength,
                         "control": level, "points": points,
                         "tranches": [t.id for t in caused if points > 0],
                         "contribution": Decimal(0)}
    per_tranche, harm = [], Decimal(0)
    for t in tranches:
        causes = [rid for rid, r in rows.items() if t.id in r["tranches"]]
        total = sum((rows[rid]["points"] for rid in causes), Decimal(0))
        per_tranche.append((t, causes, total))
        if causes and total > 0:
            harm += t.amount
    shares_raw: dict[str, Decimal] = {}
    details = []
    for t, causes, total in per_tranche:
        weight = t.amount / harm if harm and causes and total > 0 else Decimal(0)
        resp: dict[str, Decimal] = {}
        for rid in causes:
            row = rows[rid]
            part = row["points"] / total
            party = row["root"].party
            resp[party] = resp.get(party, Decimal(0)) + part
            row["contribution"] += weight * part
        for party, part in resp.items():
            shares_raw[party] = shares_raw.get(party, Decimal(0)) + weight * part
        details.append({"tranche": t, "weight": weight, "causes": causes,
                        "points": total, "responsibility": resp})
    shares_raw = {p: v for p, v in shares_raw.items() if v > 0}
    shares = largest_remainder(shares_raw) if shares_raw else {}
    all_harm = sum((t.amount for t in tranches), Decimal(0))
    caused_harm = {}
    for party in ("provider", "client"):
        part = sum((d["tranche"].amount for d in details
                    if any(rows[r]["root"].party == party for r in d["causes"])), Decimal(0))
        caused_harm[party] = (part / all_harm) if all_harm else Decimal(0)
    return {"rows": rows, "tranches": details, "shares": shares, "raw": shares_raw,
            "caused_harm": caused_harm}
