"""Non-parties and the empty chair.

A non-party carries fault only on an established finding of its own fault, and only where the
governing law allocates fault to non-parties (Colorado, for one, also requires a timely
designation, C.R.S. §13-21-111.5(3)(b), and evidence of the non-party's fault before the fact-finder
may consider it). A vendor whose product was the way in may itself be a victim of the attack, so
the vector alone proves nothing about its care. Without such a finding the vendor carries none,
and the result names the empty-chair argument and shows the allocation both ways.

The attacker is an intentional wrongdoer; the allocation compares the parties' negligence and
gives the attacker no share (whether a regime compares intentional and negligent fault is a
question for the governing law, recorded here where the fault-regime data says it).
"""
from __future__ import annotations

from decimal import Decimal

from rules.apportionment.responsibility import apportion
from rules.apportionment.roots import Root
from rules.apportionment.windows import Window
from rules.common import vector_kinds, when


def vendor_fault(c) -> tuple[str, list, bool] | None:
    """(the vendor, findings of its own fault, whether the law allocates to non-parties) for a
    supply-chain entry through a named vendor's product; None otherwise."""
    vector = c.get("incident.vector") or {}
    vendor = vector.get("vendor")
    if "supply_chain" not in vector_kinds(vector) or not vendor:
        return None
    allocates = bool(c.get("derived.nonparty_allocation"))
    own_fault = [f["id"] for f in c.findings(party=vendor)
                 if f["element"].split(".")[0] in ("breach", "vendor", "nonparty")]
    return vendor, own_fault, allocates


def vendor_root(c, vendor: str, own_fault: list) -> tuple[Root, Window]:
    weight = Decimal(str(c.param("weights.nonparty.supply_chain")))
    start = c.get("incident.timeline.intrusion_start")
    root = Root(id=f"{vendor}:product", party=vendor, title=f"the compromised product of {vendor}",
                findings=list(own_fault), weight=weight,
                weight_key="weights.nonparty.supply_chain")
    return root, Window("entry", start, None, f"its product was the way in, from {when(start)}")


def empty_chair(c, roots: list, wins: dict, parts: list, control: Decimal) -> dict | None:
    found = vendor_fault(c)
    if found is None:
        return None
    vendor, own_fault, allocates = found
    counted = bool(own_fault) and allocates
    hypothetical, window = vendor_root(c, vendor, own_fault)
    others = [r for r in roots if r.id != hypothetical.id]
    windows = {**wins, hypothetical.id: window}
    with_vendor = apportion(c, others + [hypothetical], windows, parts, control)["shares"]
    without = apportion(c, others, wins, parts, control)["shares"]
    weight = hypothetical.weight
    why = []
    if not own_fault:
        why.append(f"no finding of {vendor}'s own fault is established from the record (the "
                   f"supply-chain vector shows only that its product was the way in)")
    if not allocates:
        why.append("the governing law does not allocate fault to non-parties (or it is not "
                   "recorded that it does)")
    else:
        why.append("where the governing law requires a non-party to be designated in time, "
                   "the designation must be shown too; the record does not show one")
    return {
        "party": vendor, "counted": counted, "allocates_to_nonparties": allocates,
        "own_fault_findings": own_fault,
        "argument": f"The empty chair: the provider may argue that {vendor}, whose product was "
                    f"the way in, should carry part of the fault. " + "; ".join(why) + ".",
        "shares_without": {p: str(v) for p, v in without.items()},
        "shares_with": {p: str(v) for p, v in with_vendor.items()},
        "weight_key": "weights.nonparty.supply_chain", "weight": str(weight),
    }


ATTACKER = "attacker"


def attacker_compared(c) -> tuple[bool, object]:
    """(whether the governing regime compares an intentional wrongdoer's fault with the parties',
    the recorded designation ruling: True, False, None or UNKNOWN)."""
    from rules.fault_regime_in_force import governing_regime
    regime = governing_regime(c, c.get("case.governing_law"))
    return regime.intentional_wrongdoers == "compared", c.known("rulings.attacker_designated")


def attacker_root(c) -> tuple[Root, Window]:
    weight = Decimal(str(c.param("weights.nonparty.attacker")))
    start = c.get("incident.timeline.intrusion_start")
    root = Root(id=f"{ATTACKER}:intrusion", party=ATTACKER, title="the attacker's intrusion",
                findings=[], weight=weight, weight_key="weights.nonparty.attacker")
    return root, Window("entry", start, None, f"the intrusion itself, from {when(start)}")


def attacker_both_ways(c, roots: list, wins: dict, parts: list, control: Decimal) -> dict | None:
    """Where the regime compares the attacker's fault: the shares with and without it, and
    whether it is counted (only on a recorded designation)."""
    compared, designated = attacker_compared(c)
    if not compared:
        return None
    root, window = attacker_root(c)
    others = [r for r in roots if r.id != root.id]
    with_attacker = apportion(c, others + [root], {**wins, root.id: window}, parts,
                              control)["shares"]
    without = apportion(c, others, {k: v for k, v in wins.items() if k != root.id}, parts,
                        control)["shares"]
    return {"counted": designated is True, "designated": designated,
            "shares_with": {p: str(v) for p, v in with_attacker.items()},
            "shares_without": {p: str(v) for p, v in without.items()},
            "weight_key": "weights.nonparty.attacker", "weight": str(root.weight)}


def attacker(c) -> dict:
    """What the governing regime does with the attacker's intentional fault, for the report; the
    shares compare the negligent parties and give the attacker a share only where the regime
    compares it and the attacker was designated as the regime requires."""
    from rules.authorities import authority
    from rules.fault_regime_in_force import governing_regime
    protector = authority("restatement-3d-apportionment").at("§14")
    law = c.get("case.governing_law")
    regime = governing_regime(c, law)
    rule = regime.intentional_wrongdoers
    cites = [x.text() for x in regime.field_citations.get("intentional_wrongdoers") or ()]
    source = "; ".join(cites) if cites else "not verified against an authority"
    designated = c.known("rulings.attacker_designated")
    if rule == "compared" and designated is True:
        sentence = (f"{regime.name} compares an intentional or criminal wrongdoer's fault with "
                    f"the parties' ({source}), and the court granted leave to designate the "
                    f"attacker as a responsible third party: the attacker carries a share, "
                    f"weighed by a stated parameter, for the trier of fact to fix; a provider hired to guard against that very risk may still answer "
                    f"for it ({protector}, where followed).")
    elif rule == "compared":
        sentence = (f"{regime.name} compares an intentional or criminal wrongdoer's fault with "
                    f"the parties' ({source}). The attacker is not allocated a share here: that "
                    f"needs the attacker designated as the regime requires (an unknown criminal: "
                    f"pleaded in an answer within 60 days of the original answer, with facts "
                    f"showing a reasonable probability the act was criminal; "
                    f"{_designation_cite()}), and no designation is recorded. A provider hired to guard against that very "
                    f"risk may still answer for the attacker's share ({protector}, where "
                    f"followed).")
    elif rule == "not_compared":
        sentence = (f"{regime.name} does not compare an intentional wrongdoer's fault with the "
                    f"negligent parties' ({source}); the attacker carries no share.")
    else:
        sentence = (f"Whether {regime.name} compares an intentional wrongdoer's fault with the "
                    f"parties' is not recorded; the attacker carries no share in this allocation, "
                    f"which compares the parties' negligence (a modelling choice).")
    return {"rule": rule or "not recorded", "authority": cites, "sentence": sentence}


def _designation_cite() -> str:
    from rules.authorities import authority
    return authority("us-tx-cprc-33").at("33.004(j)")
