"""Fines and late notice: which regulatory fines pass from the client to the provider, and why.

A fine is the client's: the regulator imposed it for the client's own violation. It passes to the
provider only (a) for a fine under a regime whose notice the client gave late *because* the
provider's own delay caused that lateness (NOTICE-005 names the regimes), or (b) where the
provider's indemnity in the contract covers fines. A fine recorded without its regime has no
shown basis, so nothing of it is shifted. Whether the governing law lets a fine be passed on at all
is flagged (England: ex turpi causa, Safeway v Twigger). The fines are counted on this route only;
the contract and negligence routes leave them out.
"""
from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal

from facts.unknown import UNKNOWN
from rules.authorities import citations_text, governing_law, modelling_choice
from rules.base import Salience, fact, rule
from rules.claims.indemnity import trigger as indemnity_trigger
from rules.claims.law import limitation_law
from rules.claims.limits import money

CENT = Decimal("0.01")
SUMMARY_ELEMENTS = ("disclosure.statutory",)


def _cents(amount: Decimal) -> str:
    return str(amount.quantize(CENT, ROUND_HALF_EVEN))


def fine_rows(c, total: Decimal) -> list[dict]:
    """The fines per regime: the harm's regulatory-fine heads where the case records them, else
    the total without a regime."""
    heads = [h for h in c.items("incident.harm.heads") if h.known("kind") == "regulatory_fine"]
    if heads:
        return [{"id": h["id"], "regime": h.known("regime"),
                 "amount": Decimal(h.known("amount")) if h.known("amount") is not UNKNOWN
                 else Decimal(0)} for h in heads]
    return [{"id": "", "regime": None, "amount": total}] if total else []


def late_regimes(c) -> dict[str, list[str]]:
    """Regime -> the client's late-notice findings under it (summaries and not-assessed excluded)."""
    late: dict[str, list[str]] = {}
    for f in c.findings(party="client"):
        if f["element"].startswith("disclosure.") and f["element"] not in SUMMARY_ELEMENTS \
                and f["subject"]:
            late.setdefault(f["subject"], []).append(f["id"])
    return late


@rule("EXPO-003", title="Late-notice fines and who carries them", area="allocation",
      concludes="exposure.disclosure", party="provider", salience=Salience.EXPOSURE,
      phase="allocate",
      authority=[modelling_choice("a regulator's fine is the client's to pay; the part the "
                                 "provider's own delay caused (the fines under the regimes whose "
                                 "notice the delay made late) can be passed back to it"),
                governing_law("notice deadlines of each applicable regime, and its rule on "
                              "passing fines on")],
      principle="A fine is the client's to pay. It passes to the provider only for the regimes "
                "whose notice the provider's own delay made late, or as far as the provider's "
                "indemnity covers fines; a fine whose regime and basis are not recorded stays with "
                "the client. Fines are counted on this route alone.",
      narrative="Late-notice exposure of {shifted} rests with the provider: {detail}",
      narrative_not="Late-notice exposure: {detail}",
      needs={"fines": fact("incident.harm.regulatory_fines"),
             "allocation": fact("derived.allocation")})
def disclosure(c, fines, allocation):
    currency = c.get("case.currency") or "USD"
    total = Decimal(fines)
    late = late_regimes(c)
    delay = c.findings("disclosure.delay_caused", party="provider")
    caused = set(filter(None, (delay[0]["values"].get("caused_regimes") or "").split(", "))) \
        if delay else set()
    steps, rows, shifted = [], [], Decimal(0)
    for row in fine_rows(c, total):
        regime, amount = row["regime"], row["amount"]
        if not isinstance(regime, str):
            why = ("the fines are not recorded per regime and legal basis, so no part of them is "
                   "shown to be for a late notice the provider's delay caused; they stay with the "
                   "client")
            moved = Decimal(0)
        elif regime not in late:
            why = (f"no late notice by the client is established under {regime}, so the fine is "
                   f"not shown to be for lateness; it stays with the client")
            moved = Decimal(0)
        elif regime in caused:
            why = (f"the client's late notice under {regime} ({', '.join(late[regime])}) was "
                   f"caused by the provider's late notice to it; the fine passes to the "
                   f"provider")
            moved = amount
        else:
            why = (f"the client's late notice under {regime} ({', '.join(late[regime])}) was its "
                   f"own: told on time, it would still have been late, or its clock ran from its "
                   f"own awareness; the fine stays with the client")
            moved = Decimal(0)
        shifted += moved
        rows.append({"id": row["id"], "regime": regime if isinstance(regime, str) else None,
                     "amount": _cents(amount), "shifted": _cents(moved), "why": why})
        steps.append(f"Fine {money(amount, currency)}"
                     f"{' under ' + regime if isinstance(regime, str) else ''}: {why}.")
    if not rows:
        steps.append("No regulatory fine is recorded, so no late-notice exposure arises.")
    low = high = shifted
    flags, rests = [], ["disclosure.delay_caused.provider"] if caused else []
    indemnified = _indemnity(c, total, currency, steps)
    if indemnified is not None:
        low, high = max(low, indemnified[0]), max(high, indemnified[1])
        rests.append("contract.clauses.indemnity.covers")
    legal = limitation_law(c.get("case.governing_law"))
    if high > 0 and legal and legal.fines:
        rule_ = legal.fines
        flags.append(f"Passing a fine on: {rule_['note']} "
                     f"({citations_text(rule_['citations'])}).")
        if rule_["recoverable"] == "arguable":
            low = Decimal(0)
        elif rule_["recoverable"] == "no":
            low = high = Decimal(0)
    elif high > 0:
        flags.append("Whether a fine can be passed on to the party whose conduct caused it is not "
                     "recorded for the governing law; some courts refuse it as against public "
                     "policy.")
    client_low, client_high = total - high, total - low
    c.derive("derived.exposure.disclosure", {
        "route": "disclosure", "available": "yes" if high > 0 else "no",
        "decided_by": "disclosure.delay_caused.provider",
        "provider_pays": {"min": _cents(low), "max": _cents(high)},
        "client_bears": {"min": _cents(client_low), "max": _cents(client_high)},
        "fines": rows, "rests_on": rests, "steps": steps, "flags": flags},
        f"disclosure: provider {money(low, currency)} to {money(high, currency)}")
    c.conclude(c.check("the provider carries late-notice exposure", high > 0, _cents(high)),
               values={"shifted": money(high, currency) if low == high else
                       f"{money(low, currency)} to {money(high, currency)}",
                       "fines": money(total, currency), "detail": " ".join(steps)})


def _indemnity(c, total: Decimal, currency: str, steps: list) -> tuple | None:
    """(low, high) the provider's indemnity shifts of the fines, or None where it covers none."""
    if c.known("contract.clauses.indemnity.by") != "provider" or not total:
        return None
    covers = c.known("contract.clauses.indemnity.covers") or []
    if not isinstance(covers, list) or not ({"regulatory_fines", "all_losses"} & set(covers)):
        return None
    set_off = indemnity_trigger(c)
    if set_off.status == "no":
        steps.append(f"The provider's indemnity covers regulatory fines but is not set off: "
                     f"{set_off.why}.")
        return None
    outside = c.known("contract.clauses.indemnity.outside_cap")
    cap = c.get("contract.liability.cap")
    if outside is True or cap is None or Decimal(cap) >= total:
        steps.append(f"The provider's indemnity covers regulatory fines: it shifts all "
                     f"{money(total, currency)}.")
        low, high = total, total
    else:
        low = high = Decimal(cap)
        steps.append(f"The provider's indemnity covers regulatory fines; whether the cap of "
                     f"{money(low, currency)} limits it is "
                     f"{'unknown' if outside is not False else 'answered by the clause: it does'}"
                     f".")
        if outside is not False:
            high = total
    if set_off.status == "arguable":
        steps.append(f"Whether the indemnity is set off is arguable: {set_off.why}; it shifts "
                     f"the fines only if it is.")
        low = Decimal(0)
    return low, high
