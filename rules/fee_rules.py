"""Who bears the costs of a hearing, by the law of the forum (rules/data/fee_rules.yaml).

Each side bears its own costs in the United States (the American rule), with the exceptions a
statute or the parties' agreement makes; in England and Wales the unsuccessful party pays the
successful party's costs as the general rule, and an unaccepted Part 36 offer shifts them. The
settlement analysis applies the rule; this module only finds it and says it, with its sources.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rules.authorities import citations_text, parse_data_cite

DATA = Path(__file__).resolve().parent / "data" / "fee_rules.yaml"
KINDS = ("own_costs", "loser_pays", "claimant_statute")


@dataclass(frozen=True)
class FeeRule:
    id: str
    name: str
    kind: str
    principle: str
    cites: tuple[str, ...]
    routes: tuple[str, ...] = ()          # claimant_statute: the routes the statute covers
    offers: str = ""                      # part36 where offers shift costs in the computation
    offer_rule: str = ""                  # the provision on a defendant's offer
    claimant_offer_rule: str = ""
    exceptions: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default=())
    recorded: bool = True
    # what a claimant's offer that the judgment matches or beats adds (CPR 36.17(4)): the
    # ceiling above base rate and the additional amount's bands and cap, with `source`
    claimant_offer: dict | None = field(default=None, compare=False)

    def sources(self) -> str:
        return citations_text(parse_data_cite(c) for c in self.cites)

    def as_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "kind": self.kind, "principle": self.principle,
                "authorities": [parse_data_cite(c).resolved() for c in self.cites],
                "sources": self.sources(), "routes": list(self.routes),
                "offers": self.offers or "not computed", "exceptions": list(self.exceptions),
                "notes": list(self.notes), "recorded": self.recorded}


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, FeeRule], dict]:
    from rules.legal_time.datafiles import load_yaml
    data = load_yaml(DATA)
    rules: dict[str, FeeRule] = {}
    for entry in data["rules"]:
        rule = FeeRule(entry["id"], entry["name"], entry["kind"], entry["principle"],
                       tuple(entry["cites"]), tuple(entry.get("routes", ())),
                       entry.get("offers", ""), entry.get("offer_rule", ""),
                       entry.get("claimant_offer_rule", ""), tuple(entry.get("exceptions", ())),
                       claimant_offer=_claimant_offer(entry.get("claimant_offer")))
        if rule.kind not in KINDS:
            raise ValueError(f"{DATA}: {rule.id}: kind {rule.kind!r} is not one of {KINDS}")
        for key in (rule.id, *entry.get("aliases", ())):
            rules[key.upper()] = rule
    return rules, data["arbitration"]


def _claimant_offer(entry: dict | None) -> dict | None:
    if entry is None:
        return None
    return {**entry, "source": citations_text(parse_data_cite(c) for c in entry["cites"])}


def fee_rule(law: str) -> FeeRule:
    """The fee rule of a forum whose law is `law` (a jurisdiction id: US-NY, UK)."""
    rules, _ = _table()
    key = (law or "").upper()
    if key in rules:
        return rules[key]
    country = key.split("-")[0]
    if country in rules:
        base = rules[country]
        return FeeRule(base.id, base.name, base.kind, base.principle, base.cites, base.routes,
                       base.offers, base.offer_rule, base.claimant_offer_rule, base.exceptions,
                       (f"{law} has no entry of its own; the rule of {country} applies",),
                       claimant_offer=base.claimant_offer)
    return FeeRule(key or "unknown", "not recorded", "own_costs",
                   f"the fee rule of {law or 'the forum'} is not recorded in this rule base; the "
                   f"analysis lets each side bear its own costs, which the costs file can change "
                   f"(fee_rule)", (), recorded=False)


def contract_clause(base: FeeRule) -> FeeRule:
    """A contract clause giving the prevailing party its fees (named in the costs file)."""
    return FeeRule("prevailing_party", "the contract's prevailing-party fee clause", "loser_pays",
                   "the parties agreed that the party who prevails recovers its fees from the "
                   "other; the costs file says the contract has such a clause", base.cites,
                   offers=base.offers, offer_rule=base.offer_rule,
                   claimant_offer_rule=base.claimant_offer_rule, claimant_offer=base.claimant_offer,
                   notes=(f"named in the costs file; {base.name} otherwise applies",))


def arbitration_note(forum: str | None) -> str:
    """A sentence on an arbitral forum's costs, or '' for a court."""
    _, arbitration = _table()
    text = (forum or "").lower()
    if not any(word in text for word in arbitration["match"]):
        return ""
    if any(name.lower() in text for name in arbitration["aaa"]):
        cited = citations_text(parse_data_cite(c) for c in arbitration["cites"])
        return (f"The forum is an arbitration under the AAA's rules: the award may include "
                f"lawyers' fees if all parties ask for them or the law or the arbitration "
                f"agreement authorises them ({cited}); the forum law's rule is applied as what "
                f"the law authorises.")
    return ("The forum is an arbitration: the tribunal's rules and the arbitration agreement govern "
            "costs; the forum law's rule is applied unless the costs file names another.")
