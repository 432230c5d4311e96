"""Contract damages breach by breach: the harm each breach of promised performance caused.

Contract damages put the client where performance would have put it (the expectation measure): for
each breach, the losses that would not have happened had the provider performed that promise. Each
breach has its own counterfactual, the causal window of the root failure it is part of
(rules/apportionment/windows.py): a late notice answers for the harm after the notice was due and
containment would have followed; a handling lapse on one alert for the harm after a timely handling
of that alert would have contained the intrusion. The client recovers one loss once, so the route's
figure is the harm some breach caused, each tranche counted once however many breaches caused it.

Per head of loss, what the record says about it:
- a regulatory fine is assessed on the late-notice route alone (EXPO-003), never here;
- harm after the moment the client would have contained the intrusion, had it acted on a timely
  escalation, is an avoidable consequence of its own inaction and is not recoverable;
- whether a head is direct or consequential is an input (`incident.harm.heads[].loss_type`); a head
  the record does not classify, and harm not recorded as heads at all, is *unclassified*, and a
  consequential-loss exclusion's effect on it is given both ways, never assumed.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from facts.unknown import UNKNOWN
from rules.apportionment.roots import build_roots
from rules.apportionment.tranches import tranches as harm_tranches
from rules.apportionment.windows import windows

# Failures of promised performance. breach.detection_standard is the reasonable-provider standard
# where the contract is silent: a negligence matter, not a contract breach.
CONTRACT_BREACHES = ("breach.detection", "breach.triage", "breach.escalation",
                     "breach.monitoring_outage", "breach.testing", "breach.staffing",
                     "breach.containment", "breach.patching", "breach.identity_control",
                     "breach.detection_content", "disclosure.client")
CLASSES = ("direct", "consequential", "unclassified")
RESPONSE_ROOT = "client:response"


@dataclass
class HeadPart:
    """The part of one head of loss (or of the undated harm) some breach caused."""
    id: str                  # the head's id, or a tranche id where the record has no heads
    label: str
    kind: str                # the head's kind, '' where the record has no heads
    loss_type: str           # direct / consequential / unclassified
    caused: Decimal          # caused by some contract breach, fines left out
    avoidable: Decimal = Decimal(0)

    @property
    def recoverable(self) -> Decimal:
        return self.caused - self.avoidable


@dataclass
class BreachDamages:
    finding: str
    roots: list[str]
    tranches: list[str]
    amount: Decimal          # this breach's own damages (fines and avoidable harm left out)


@dataclass
class FailureDamages:
    """One root failure of the provider that is (part of) a breach of contract."""
    root: str
    title: str
    breaches: list[str]
    tranches: list[str]
    amount: Decimal


@dataclass
class ContractMeasure:
    breaches: list[BreachDamages] = field(default_factory=list)
    failures: list[FailureDamages] = field(default_factory=list)
    heads: list[HeadPart] = field(default_factory=list)
    fines_left_out: Decimal = Decimal(0)
    avoidable_from: str = ""  # why harm after a moment was the client's to avoid
    by_heads: bool = False

    @property
    def caused(self) -> Decimal:
        return sum((h.caused for h in self.heads), Decimal(0))

    @property
    def avoidable(self) -> Decimal:
        return sum((h.avoidable for h in self.heads), Decimal(0))

    @property
    def recoverable(self) -> Decimal:
        return sum((h.recoverable for h in self.heads), Decimal(0))

    def by_class(self, loss_type: str) -> Decimal:
        return sum((h.recoverable for h in self.heads if h.loss_type == loss_type), Decimal(0))


def contract_breaches(c) -> list[str]:
    return sorted({f["id"] for f in c.findings(party="provider")
                   if f["element"] in CONTRACT_BREACHES})


def measure(c) -> ContractMeasure:
    """Each contract breach's damages and the heads of loss the breaches caused."""
    breaches = contract_breaches(c)
    roots = build_roots(c)
    wins = windows(c, roots)
    cuts = sorted({t for w in wins.values() for t in (w.start, w.end) if t is not None})
    parts, _ = harm_tranches(c, cuts)
    by_root = {r.id: [t for t in parts if t.caused_by(wins[r.id])] for r in roots}
    response = by_root.get(RESPONSE_ROOT, []) if any(r.id == RESPONSE_ROOT for r in roots) \
        else []
    avoidable_ids = {t.id for t in response}
    total = Decimal(str(c.get("incident.harm.total") or 0))
    fines = Decimal(str(c.get("incident.harm.regulatory_fines") or 0))
    heads = {h["id"]: h for h in c.items("incident.harm.heads")}
    out = ContractMeasure(by_heads=bool(heads))
    if RESPONSE_ROOT in wins and wins[RESPONSE_ROOT].start is not None:
        out.avoidable_from = wins[RESPONSE_ROOT].how
    caused_ids: set[str] = set()
    for fid in breaches:
        mine = [r.id for r in roots if r.party == "provider" and fid in r.findings]
        tranche_ids = sorted({t.id for rid in mine for t in by_root[rid]})
        caused_ids.update(tranche_ids)
        amount = sum((_net(t, heads, total, fines) for t in parts
                      if t.id in tranche_ids and t.id not in avoidable_ids), Decimal(0))
        out.breaches.append(BreachDamages(fid, mine, tranche_ids, amount))
    for root in roots:
        named = [b.finding for b in out.breaches if root.id in b.roots]
        if named:
            ids = sorted(t.id for t in by_root[root.id])
            out.failures.append(FailureDamages(
                root.id, root.title, named, ids,
                sum((_net(t, heads, total, fines) for t in by_root[root.id]
                     if t.id not in avoidable_ids), Decimal(0))))
    caused = [t for t in parts if t.id in caused_ids]
    if heads:
        out.heads = _head_parts(parts, caused, avoidable_ids, heads)
        out.fines_left_out = sum((t.amount for t in caused if _is_fine(t, heads)), Decimal(0))
    else:
        for t in caused:
            net = _net(t, heads, total, fines)
            out.heads.append(HeadPart(t.id, t.label(), "", t.loss_type or "unclassified", net,
                                      net if t.id in avoidable_ids else Decimal(0)))
        out.fines_left_out = sum((t.amount for t in caused), Decimal(0)) - out.caused
    return out


def _is_fine(tranche, heads: dict) -> bool:
    head = heads.get(tranche.id.removeprefix("head:"))
    return head is not None and head.known("kind") == "regulatory_fine"


def _net(tranche, heads: dict, total: Decimal, fines: Decimal) -> Decimal:
    """A tranche's harm less the fines in it: a fine head is all fine; where the record gives the
    fines only as a total, they are taken out in proportion (their date is not recorded)."""
    if heads:
        return Decimal(0) if _is_fine(tranche, heads) else tranche.amount
    return tranche.amount * (total - fines) / total if total else Decimal(0)


def _loss_type(head) -> str:
    value = head.known("loss_type")
    return value if value in ("direct", "consequential") else "unclassified"


def _head_parts(parts, caused, avoidable_ids: set, heads: dict) -> list[HeadPart]:
    """Per head: a dated head is caused whole or not at all; an undated head was spread evenly
    over the impact window with the other undated harm, so the part of it caused is the caused
    part of that spread."""
    spread = [t for t in parts if t.basis == "even spread"]
    spread_total = sum((t.amount for t in spread), Decimal(0))
    caused_ids = {t.id for t in caused}
    spread_caused = sum((t.amount for t in spread if t.id in caused_ids), Decimal(0))
    spread_avoid = sum((t.amount for t in spread if t.id in caused_ids and t.id in avoidable_ids),
                       Decimal(0))
    out = []
    for hid in sorted(heads):
        head = heads[hid]
        kind = head.known("kind")
        if kind == "regulatory_fine":
            continue
        amount = Decimal(str(head["amount"]))
        label = head.get("what") or (kind if kind is not UNKNOWN else "loss")
        if head.known("accrued_at") not in (None, UNKNOWN):
            tid = f"head:{hid}"
            got = amount if tid in caused_ids else Decimal(0)
            avoid = got if tid in avoidable_ids else Decimal(0)
        else:
            got = amount * spread_caused / spread_total if spread_total else Decimal(0)
            avoid = amount * spread_avoid / spread_total if spread_total else Decimal(0)
        if got:
            out.append(HeadPart(hid, str(label), "" if kind is UNKNOWN else kind,
                                _loss_type(head), got, avoid))
    return out


def harm_classes(c) -> tuple[Decimal, Decimal]:
    """(the consequential part, the unclassified part) of the harm a route counts, as fractions of
    it (fines left out): for a route whose figure is not built head by head."""
    heads = [h for h in c.items("incident.harm.heads") if h.known("kind") != "regulatory_fine"]
    if not heads:
        return _accrual_classes(c)
    amounts = {h["id"]: Decimal(str(h["amount"])) for h in heads}
    total = sum(amounts.values(), Decimal(0))
    if not total:
        return Decimal(0), Decimal(0)
    share = {t: sum((amounts[h["id"]] for h in heads if _loss_type(h) == t), Decimal(0)) / total
             for t in CLASSES}
    return share["consequential"], share["unclassified"]


def _accrual_classes(c) -> tuple[Decimal, Decimal]:
    """As harm_classes, from the accrual entries' own loss_type where the harm has no heads (the
    fines, recorded only as a total, are then not dated: every entry is counted)."""
    entries = [a for a in (c.get("incident.harm.accrual") or [])
               if a.get("amount") not in (None, UNKNOWN)]
    total = sum((Decimal(str(a["amount"])) for a in entries), Decimal(0))
    if not total:
        return Decimal(0), Decimal(1)
    def part(kind):
        return sum((Decimal(str(a["amount"])) for a in entries
                    if (a.get("loss_type") if a.get("loss_type") in ("direct", "consequential")
                        else "unclassified") == kind), Decimal(0)) / total
    return part("consequential"), part("unclassified")
