"""The routes are alternatives: which is the client's strongest, and what may stand beside it.

Contract, negligence, misrepresentation and the provider's indemnity are routes to the same loss: the
client recovers it once, on the route that holds, never the sum of them. The late-notice route concerns the regulatory fines only, which
neither damages route counts, so it can stand beside the stronger of the two.
"""
from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal

from rules.authorities import governing_law, modelling_choice
from rules.base import Salience, fact, rule
from rules.claims.limits import apply_limits, money

DAMAGES_ROUTES = ("contract", "negligence", "misrepresentation", "indemnity")
CENT = Decimal("0.01")


@rule("EXPO-005", title="The misrepresentation route", area="allocation",
      concludes="exposure.misrepresentation", party="provider", salience=Salience.EXPOSURE,
      phase="allocate",
      authority=[governing_law("torts of negligent misrepresentation and fraud"),
                 modelling_choice("the loss a misstatement caused is the harm that accrued while "
                                  "the client relied on it, after it was made")],
      principle="A misstatement route recovers the harm that accrued after the statement while the "
                "client relied on it; it is open where negligent misrepresentation or fraud holds, "
                "arguable where only the inaccuracy is shown and reliance is not.",
      narrative="On the misrepresentation route the provider's exposure is {range}.",
      narrative_not="No misrepresentation route: {why}.",
      needs={"total": fact("incident.harm.total"), "fines": fact("incident.harm.regulatory_fines")})
def misrepresentation(c, total, fines):
    currency = c.get("case.currency") or "USD"
    total, fines = Decimal(total), Decimal(fines)
    net = (total - fines) / total if total else Decimal(0)
    opened = {f["subject"]: f for f in c.findings("claims.fraud", party="provider")}
    opened.update({f["subject"]: f for f in
                   c.findings("claims.negligent_misrepresentation", party="provider")
                   if f["subject"] not in opened})
    inaccurate = {f["subject"]: f for f in c.findings("claims.inaccurate_statement",
                                                      party="provider")}
    status = "yes" if opened else "arguable" if inaccurate else "no"
    source = opened or inaccurate
    steps, low, high, limited = [], Decimal(0), Decimal(0), None
    if source:
        sid, found = max(source.items(), key=lambda kv: (Decimal(kv[1]["values"]["harm_after"]),
                                                         kv[0]))
        after = Decimal(found["values"]["harm_after"]) * net
        steps.append(f"Statement {sid}: harm after it, less the fines counted on the late-notice "
                     f"route, {money(after, currency)}.")
        if status == "arguable":
            steps.append("Arguable: the statement was untrue, but reliance (or knowledge, for "
                         "fraud) is not shown; the figure holds only if it is.")
        limited = apply_limits(c, after, Decimal(0), currency, route="negligence")
        steps += limited.steps
        low, high = (Decimal(0) if status == "arguable" else limited.low), limited.high
    else:
        steps.append("No inaccurate statement by the provider is established.")
    low, high = low.quantize(CENT, ROUND_HALF_EVEN), high.quantize(CENT, ROUND_HALF_EVEN)
    decided = next(iter(sorted(f["id"] for f in source.values())), "") if source else ""
    c.derive("derived.exposure.misrepresentation", {
        "route": "misrepresentation", "available": status, "decided_by": decided,
        "provider_pays": {"min": str(low), "max": str(high)},
        "cap": limited.cap if limited else None,
        "cap_status": limited.cap_status if limited else "none",
        "rests_on": sorted(f["id"] for f in source.values()) + (limited.rests_on if limited
                                                                else []),
        "steps": steps, "flags": limited.flags if limited else []},
        f"misrepresentation ({status}): {money(low, currency)} to {money(high, currency)}")
    text = money(low, currency) if low == high else \
        f"{money(low, currency)} to {money(high, currency)}"
    c.conclude(c.check("a misstatement route gives something", high > 0, str(high)),
               values={"range": text, "why": steps[-1].rstrip(".") if not source else
                       "no harm accrued after the statement"})
ORDER = {"yes": 0, "arguable": 1, "no": 2}


def strength(route: dict) -> tuple:
    """Sort key: open before arguable before closed, then the figure the client can count on,
    then the most it may reach."""
    pays = route["provider_pays"]
    return (ORDER.get(route.get("available", "yes"), 2), -Decimal(pays["min"]),
            -Decimal(pays["max"]))


@rule("EXPO-004", title="The routes are alternatives: the client's strongest route",
      area="allocation", concludes="exposure.strongest", party="provider",
      salience=Salience.CLOSE, phase="allocate",
      authority=modelling_choice("contract and negligence are alternative routes to one loss, "
                                 "which is recovered once; the fines are counted on the "
                                 "late-notice route alone"),
      principle="A claimant pleads its routes in the alternative and recovers one loss once. The "
                "strongest route is the one open on the record that gives the most the client can "
                "count on; the late-notice route concerns the fines alone and can stand beside it.",
      narrative="The client's strongest route is {route}: {why}. The routes are alternatives for "
                "one loss, recovered once, never added{beside}.",
      narrative_not="No route gives the client anything on this record; the routes are "
                    "alternatives for one loss, recovered once, never added.",
      needs={"contract": fact("derived.exposure.contract"),
             "negligence": fact("derived.exposure.negligence"),
             "disclosure": fact("derived.exposure.disclosure")})
def strongest(c, contract, negligence, disclosure):
    currency = c.get("case.currency") or "USD"
    routes = {"contract": contract, "negligence": negligence}
    for name in ("misrepresentation", "indemnity"):     # only where the record opens them
        other = c.known(f"derived.exposure.{name}")
        if isinstance(other, dict):
            routes[name] = other
    best = min(routes, key=lambda name: (strength(routes[name]), name))
    chosen = routes[best]
    pays = chosen["provider_pays"]
    low, high = Decimal(pays["min"]), Decimal(pays["max"])
    figure = money(low, currency) if low == high else \
        f"{money(low, currency)} to {money(high, currency)}"
    state = {"yes": "open on the record", "arguable": "arguable", "no": "not available"}
    why = f"{state.get(chosen.get('available', 'yes'), 'open on the record')}, {figure}"
    fines = Decimal(disclosure["provider_pays"]["max"])
    beside = (f"; the late-notice route ({money(fines, currency)} of fines) concerns the fines "
              f"alone, which neither damages route counts, so it may stand beside it"
              if fines > 0 else "")
    c.derive("derived.claims.strongest", {"route": best, "available": chosen.get("available"),
                                          "provider_pays": dict(pays),
                                          "beside": "disclosure" if fines > 0 else None},
             f"strongest route: {best} ({why})")
    c.conclude(c.check("a route gives the client something", high > 0, f"{best}: {figure}"),
               values={"route": best, "why": why, "beside": beside})
