"""Proportional allocation of fault: transparent arithmetic over disclosed weights.

points = weight × causal factor × (provider only: control level × degree multipliers)
         × (provider only: 1 − mitigation credit); share = points / total points.
Shares are rounded to four places by largest remainder so they sum to exactly 1.
"""
from __future__ import annotations

from decimal import ROUND_FLOOR, Decimal

from rules.authorities import cite, modelling_choice
from rules.base import Salience, fact, rule
from rules.causation import ENTRY_FAILURES

PROVIDER_FACTORS = {"breach.detection": "weights.breach.detection",
                    "breach.triage": "weights.breach.triage",
                    "breach.escalation": "weights.breach.escalation",
                    "breach.monitoring_outage": "weights.breach.monitoring_outage",
                    "breach.audit": "weights.breach.audit",
                    "breach.staffing": "weights.breach.staffing",
                    "breach.testing": "weights.breach.testing",
                   "breach.detection_standard": "weights.breach.detection_standard",
                   "breach.containment": "weights.breach.containment",
                   "breach.detection_content": "weights.breach.detection_content",
                   "breach.patching": "weights.breach.patching",
                   "breach.identity_control": "weights.breach.identity_control"}
CLIENT_FACTORS = {"governance.mfa": "weights.governance.mfa",
                  "governance.patching": "weights.governance.patching",
                  "governance.recommendation": "weights.governance.recommendation",
                  "governance.credentials": "weights.governance.credentials",
                  "governance.segmentation": "weights.governance.segmentation",
                  "governance.oversight": "weights.governance.oversight",
                  "governance.audit": "weights.governance.audit",
                  "governance.vendor_access": "weights.governance.vendor_access",
                  "governance.acquired_systems": "weights.governance.acquired_systems",
                  "governance.response": "weights.governance.response"}
MITIGATIONS = ("mitigation.validation", "mitigation.warnings", "mitigation.candour",
               "mitigation.post_incident", "mitigation.threat_intel", "mitigation.containment",
               "mitigation.ir_exercise")
PLACES = Decimal("0.0001")


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


@rule("ALLOC-001", title="Proportional allocation of fault", area="allocation",
      concludes="allocation.fault_established", party="provider", salience=Salience.AGGREGATE,
      phase="allocate",
      authority=[cite("restatement-3d-apportionment", "§8"),
                 modelling_choice("each party's share is the weight of its own causally relevant failures "
                                  "over disclosed weights anyone can change; a fact-finder assigns shares "
                                  "on a holistic weighing, which the figure informs but does not replace")],
      principle="Each party bears the share of the fault its own causally relevant failures "
                "represent; a failure that caused nothing moves no share.",
      narrative="Fault is allocated {shares}.",
      narrative_not="No causally relevant fault of either party is established, so no allocation "
                    "is made.",
      needs={"level_multiplier": fact("derived.control_multiplier")})
def allocate(c, level_multiplier):
    rows = []
    share = c.get("derived.attributable_share")
    caused = bool(c.findings("causation.in_fact", party="provider"))
    provider_causal = Decimal(share) if caused and share is not None else Decimal(0)
    multipliers = _provider_multipliers(c, Decimal(str(level_multiplier)))
    for f in c.findings(party="provider"):
        key = PROVIDER_FACTORS.get(f["element"])
        if key:
            causal = provider_causal
            if f["element"] in ENTRY_FAILURES:
                # A provider-owned control that let the attacker in caused the whole harm.
                causal = Decimal(1) if caused else Decimal(0)
            if f["element"] == "breach.monitoring_outage" and not f["values"].get("overlaps"):
                causal = Decimal(0)
            rows.append(_row(c, f, "provider", key, causal, multipliers))
    unrelated = Decimal(str(c.param("causation.client_unrelated_factor")))
    # A causal link not shown ("unknown") weighs as no link: the provider must prove it.
    link_factor = {"entry": Decimal(1),
                   "spread": Decimal(str(c.param("causation.client_spread_factor"))),
                   "none": unrelated, "unknown": unrelated}
    for f in c.findings(party="client"):
        key = CLIENT_FACTORS.get(f["element"])
        if key:
            link = f["values"].get("causal_link", "none")
            rows.append(_row(c, f, "client", key, link_factor[link], {}))
    rows += _non_party_rows(c)
    rows.sort(key=lambda r: (r["party"], r["finding"]))
    points: dict[str, Decimal] = {}
    for row in rows:
        points[row["party"]] = points.get(row["party"], Decimal(0)) + row["points"]
    points = {p: v for p, v in points.items() if v > 0}
    shares = largest_remainder(points) if points else {}
    c.derive("derived.allocation", {
        "shares": {p: str(v) for p, v in shares.items()},
        "points": {p: str(v.quantize(PLACES)) for p, v in sorted(points.items())},
        "factors": [{**r, "points": str(r["points"].quantize(PLACES)),
                     "causal": str(r["causal"].quantize(PLACES))} for r in rows],
        "multipliers": {k: str(v) for k, v in multipliers.items()},
    }, "fault allocation")
    c.conclude(c.check("some causally relevant fault is established", bool(points),
                       ", ".join(f"{p} {v.quantize(PLACES)} points" for p, v in
                                 sorted(points.items())) or "no points"),
               values={"shares": ", ".join(f"{p} {float(v):.2%}" for p, v in shares.items())})


def _provider_multipliers(c, level: Decimal) -> dict[str, Decimal]:
    out = {"control level": level}
    if c.findings("breach.systemic", party="provider"):
        out["systemic"] = Decimal(str(c.param("multiplier.systemic")))
    if c.findings("breach.gross_negligence_available", party="provider"):
        out["gross-negligence argument"] = Decimal(str(c.param("multiplier.gross_negligence_argument")))
    if c.findings("disclosure.concealment", party="provider") or \
            c.findings("breach.misrepresentation", party="provider"):
        out["concealment or misstatement"] = Decimal(str(c.param("multiplier.concealment")))
    credits = sum(1 for m in MITIGATIONS if c.findings(m, party="provider"))
    if credits:
        credit = min(Decimal(str(c.param("mitigation.credit_each"))) * credits,
                     Decimal(str(c.param("mitigation.credit_max"))))
        out[f"mitigation ({credits} established)"] = Decimal(1) - credit
    return out


def _row(c, f: dict, party: str, key: str, causal: Decimal, multipliers: dict) -> dict:
    weight = Decimal(str(c.param(key)))
    points = weight * causal
    for value in multipliers.values():
        points *= value
    return {"party": party, "finding": f["id"], "weight_key": key, "weight": str(weight),
            "causal": causal, "points": points}


def _non_party_rows(c) -> list[dict]:
    vector = c.get("incident.vector") or {}
    allocates = c.get("derived.nonparty_allocation")
    if vector.get("type") != "supply_chain" or not vector.get("vendor") or not allocates:
        return []
    weight = Decimal(str(c.param("weights.nonparty.supply_chain")))
    return [{"party": vector["vendor"], "finding": "causation.exploit_foreseeable.provider",
             "weight_key": "weights.nonparty.supply_chain", "weight": str(weight),
             "causal": Decimal(1), "points": weight}]
