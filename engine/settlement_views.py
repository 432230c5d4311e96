"""The `settlement` section: each side's view of the tree, the walk-away values, the settlement
range or the gap, and what moves the expectation most, in figures and in words."""
from __future__ import annotations

from fractions import Fraction

from engine.settlement_questions import Odds, Question
from engine.settlement_stats import (
    CONFIDENCE,
    chance_text,
    distribution_written,
    expected,
    hoeffding_eps,
    money,
    summary,
    written,
)
from engine.settlement_weights import Tree

PICTURE_QUESTIONS = 4   # the decision-tree figure shows at most this many questions
SIDE_WORDS = {"client": "the client's estimates", "provider": "the provider's estimates",
              "shared": "the shared estimates"}


def assemble(loaded, questions: list[Question], facts: list[Question],
             carve_outs: list[Question], by_side: dict[str, Odds], trees: dict[str, Tree],
             costs, method: dict, harm: Fraction | None) -> dict:
    currency = loaded.case.case.currency or "USD"
    say = _Money(currency)
    some_tree = next(iter(trees.values()))
    opened = set().union(*(t.open_carve_outs() for t in trees.values()))
    asked = [q for q in carve_outs if q.id in opened]
    shown = sorted(facts, key=lambda q: q.id) + asked
    views = {side: _view(side, odds, trees[side], shown, say, harm)
             for side, odds in by_side.items()}
    out = {
        "currency": currency,
        "method": {**method, "questions": len(shown),
                   "carve_outs": "asked only in the combinations whose run opens them (the "
                                 "rule base finds the conduct arguable); elsewhere answered no",
                   "ranges_left": some_tree.ranges_left(),
                   "ranges_why": some_tree.range_reasons()[:5],
                   "ranges_rule": "a combination that still gives a range (an arguable point no "
                                  "question settles) counts its two ends at even odds",
                   "risk": "risk-neutral: expected values, without a premium for certainty",
                   "invalid": some_tree.invalid()},
        "questions": [_question(q, by_side) for q in shown],
        "defaults": _defaults(shown, by_side),
        "not_open": [{"question": q.id, "label": q.label,
                      "why": "the rule base does not find the conduct arguable in any "
                             "combination, so the answer is no throughout"}
                     for q in carve_outs if q.id not in opened],
        "estimates": {side: {"estimates_of": odds.party, "file": odds.source}
                      for side, odds in by_side.items()},
        "views": {side: view["figures"] for side, view in views.items()},
        "tornado": {side: view["tornado"] for side, view in views.items()},
        "tree": {side: view["tree"] for side, view in views.items()},
    }
    out.update(_walk_away(by_side, trees, costs, shown, say))
    return out


class _Money:
    def __init__(self, currency: str):
        self.currency = currency

    def __call__(self, x: Fraction) -> str:
        from decimal import Decimal
        return f"{self.currency} {Decimal(money(x)):,.2f}"


def _question(q: Question, by_side: dict[str, Odds]) -> dict:
    return {"id": q.id, "kind": q.kind, "label": q.label, "why": q.why,
            "answers": [{"key": a.key, "words": a.words} for a in q.answers],
            "estimates": {side: {k: chance_text(v) for k, v in odds.of(q).items()}
                          for side, odds in by_side.items()},
            "estimated_by": sorted(side for side, odds in by_side.items() if q.id in odds.given)}


def _defaults(shown: list[Question], by_side: dict[str, Odds]) -> list[dict]:
    out = []
    for q in shown:
        missing = sorted(side for side, odds in by_side.items() if q.id not in odds.given)
        if missing:
            out.append({"question": q.id, "label": q.label, "sides": missing,
                        "default": "even odds: " + ", ".join(
                            f"{a.key} {chance_text(Fraction(1, len(q.answers)))}"
                            for a in q.answers)})
    return out


def _view(side: str, odds: Odds, tree: Tree, shown: list[Question], say, harm) -> dict:
    found = tree.points(odds)
    pts, _ = found if found else ([], 0)
    stats = summary(pts)
    figures = {**written(stats), "distribution": distribution_written(pts),
               "words": _spread_words(stats, say, side)}
    if tree.sampled:
        eps = hoeffding_eps(tree.samples)
        reach = harm if harm is not None else stats.get("max", Fraction(0))
        figures["error_bound"] = {
            "confidence": chance_text(CONFIDENCE), "samples": tree.samples,
            "distinct_combinations": len(tree.leaves), "chance": f"{eps:.4f}",
            "expected": money(Fraction(eps).limit_denominator(10 ** 9) * reach),
            "rule": "Hoeffding: every chance within the bound, the expected value within the "
                    "bound times the largest possible award (the harm), at the confidence "
                    "stated"}
    base = stats.get("expected", Fraction(0))
    rows = []
    for q in shown:
        by_answer = []
        for a in q.answers:
            got = tree.points(odds, forced={q.id: a.key})
            by_answer.append((a, expected(got[0]) if got else None, got[1] if got else 0))
        known = [e for _, e, _ in by_answer if e is not None]
        swing = (max(known) - min(known)) if len(known) > 1 else Fraction(0)
        rows.append((swing, q, by_answer))
    rows.sort(key=lambda r: (-r[0], r[1].id))
    tornado = [{"question": q.id, "label": q.label, "swing": money(swing),
                "by_answer": [{"answer": a.key, "expected": money(e) if e is not None else None,
                               **({"samples": n} if tree.sampled else {})}
                              for a, e, n in by_answer],
                "words": _tornado_words(q, by_answer, odds, base, swing, say)}
               for swing, q, by_answer in rows]
    movers = [q for swing, q, _ in rows if swing]
    return {"figures": figures, "tornado": tornado, "tree": _picture(tree, odds, movers)}


def _picture(tree: Tree, odds: Odds, movers: list[Question]) -> dict:
    """The tree cut down to the questions that move the expectation most (at most
    PICTURE_QUESTIONS; facts before the carve-outs they may open), for the decision-tree figure."""
    shown = [q for q in movers if q.kind != "carve_out"][:PICTURE_QUESTIONS]
    shown += [q for q in movers if q.kind == "carve_out"][:PICTURE_QUESTIONS - len(shown)]
    order = {q.id: q.answer_keys() for q in shown}

    def rank(path):
        return tuple(len(order[q.id]) if a is None else order[q.id].index(a)
                     for q, a in zip(shown, path[0]))
    paths = sorted(tree.paths(odds, [q.id for q in shown]), key=rank)
    return {"questions": [{"id": q.id, "label": q.label,
                           "answers": {a.key: a.words for a in q.answers}} for q in shown],
            "paths": [{"answers": list(key), "chance": chance_text(c), "expected": money(x)}
                      for key, c, x in paths],
            "left_out": [q.id for q in movers if q not in shown]}


def _spread_words(stats: dict, say, side: str) -> str:
    if not stats:
        return "No combination gives a valid case, so there is no expectation."
    return (f"On {SIDE_WORDS[side]}, the client should expect to recover {say(stats['expected'])} "
            f"from the provider at a hearing, before costs. The median is "
            f"{say(stats['median'])}; the 10th and 90th percentiles are {say(stats['p10'])} and "
            f"{say(stats['p90'])}; the chance that it recovers nothing is "
            f"{_pct(stats['p_nothing'])}.")


def _tornado_words(q: Question, by_answer, odds: Odds, base, swing, say) -> str:
    if not swing:
        return f"{_cap(q.label)}: its answer does not move the expected recovery."
    parts = [f"{a.words}, {say(e)}" for a, e, _ in by_answer if e is not None]
    chances = odds.of(q)
    estimate = ", ".join(f"{a.key} {_pct(chances[a.key])}" for a in q.answers)
    return (f"{_cap(q.label)} moves the expected recovery by {say(swing)}: "
            f"{'; '.join(parts)} (at the estimate, {estimate}: {say(base)}).")


def _walk_away(by_side: dict[str, Odds], trees: dict[str, Tree], costs, shown, say) -> dict:
    client_side = "client" if "client" in by_side else "shared"
    provider_side = "provider" if "provider" in by_side else "shared"

    def net(a, route):
        return costs.outcome(a, route)[0]

    def outlay(a, route):
        return costs.outcome(a, route)[1]

    def value(side, fn, **kw):
        got = trees[side].points(by_side[side], fn, **kw)
        return expected(got[0]) if got else None

    client_wa = value(client_side, net)
    provider_wa = value(provider_side, outlay)
    client_award = value(client_side, None)
    out = {"costs": {"client": money(costs.client), "provider": money(costs.provider),
                     "recoverable": chance_text(costs.recoverable), "file": costs.source or None,
                     "offers": [{"by": o.by, "amount": money(o.amount)} for o in costs.offers],
                     "notes": list(costs.notes)},
           "fee_rule": costs.rule.as_dict()}
    if client_wa is None or provider_wa is None:
        return {**out, "walk_away": None, "range": None}
    out["walk_away"] = {
        "client": money(client_wa), "provider": money(provider_wa),
        "words": f"The client should accept no less than {say(client_wa)} now (its expected net "
                 f"outcome from a hearing, on {SIDE_WORDS[client_side]}); the provider should pay "
                 f"no more than {say(provider_wa)} (its expected outlay, on "
                 f"{SIDE_WORDS[provider_side]})."}
    below = _below_zero(client_wa, provider_wa, client_award, client_side, provider_side, say)
    if below:
        out["walk_away"]["below_zero"] = below
        out["walk_away"]["words"] += " " + " ".join(below.values())
    overlap = client_wa <= provider_wa
    rng = {"exists": overlap, "low": money(client_wa) if overlap else None,
           "high": money(provider_wa) if overlap else None,
           "gap": None if overlap else money(client_wa - provider_wa)}
    rng["words"] = (f"Both sides should prefer any settlement from {say(client_wa)} to "
                    f"{say(provider_wa)} to a hearing." if overlap else
                    f"There is no settlement range: the client's walk-away exceeds the "
                    f"provider's by {say(client_wa - provider_wa)}.")
    if overlap and client_wa < 0:
        rng["words"] += (f" A figure below zero would be a payment by the client to the "
                         f"provider, so any settlement from nothing up to {say(provider_wa)} is "
                         f"inside the range." if provider_wa >= 0 else
                         " Every figure in it is below zero: a payment by the client to the "
                         "provider.")
    if client_side != provider_side:
        rng["closing"] = _closing(by_side, trees, shown, net, outlay, client_wa, provider_wa, say)
    out["range"] = rng
    return out


def _below_zero(client_wa, provider_wa, client_award, client_side, provider_side,
                say) -> dict[str, str]:
    """Why a walk-away value below zero is not a slip: what it means for the side, in words."""
    out = {}
    if client_wa < 0:
        costs = client_award - client_wa
        out["client"] = (
            f"The client's walk-away value is below zero: on {SIDE_WORDS[client_side]} its "
            f"expected recovery at a hearing ({say(client_award)}) does not cover the costs it "
            f"expects to bear to get there ({say(costs)}, after any it would recover from the "
            f"provider), so going on is expected to leave it {say(-client_wa)} worse off than "
            f"stopping now. On those estimates it would gain by settling for any amount, or by "
            f"accepting nothing, rather than going on to a hearing (costs already spent are left "
            f"out: they are spent either way).")
    if provider_wa < 0:
        out["provider"] = (
            f"The provider's walk-away value is below zero: on {SIDE_WORDS[provider_side]} it "
            f"expects to recover more in costs from a hearing than the hearing and the award "
            f"cost it, so it would settle only if the client paid it at least "
            f"{say(-provider_wa)}.")
    return out


def _closing(by_side, trees, shown, net, outlay, client_wa, provider_wa, say) -> list[dict]:
    """Per question the sides estimate differently: how far the gap narrows (or the range
    widens) if each side took the other's estimate on it alone; largest first."""
    client, provider = by_side["client"], by_side["provider"]
    rows = []
    for q in shown:
        c_chances, p_chances = client.of(q), provider.of(q)
        if c_chances == p_chances:
            continue
        got_c = trees["client"].points(client, net, swapped={q.id: p_chances})
        got_p = trees["provider"].points(provider, outlay, swapped={q.id: c_chances})
        if got_c is None or got_p is None:
            continue
        client_drop = client_wa - expected(got_c[0])
        provider_rise = expected(got_p[0]) - provider_wa
        if client_drop or provider_rise:
            rows.append((client_drop + provider_rise, q, client_drop, provider_rise))
    rows.sort(key=lambda r: (-r[0], r[1].id))
    return [{"question": q.id, "label": q.label, "closes": money(total),
             "client_walk_away_falls": money(drop), "provider_walk_away_rises": money(rise),
             "words": f"On {q.label}: if the client took the provider's estimate its walk-away "
                      f"would {'fall' if drop >= 0 else 'rise'} by {say(abs(drop))}; if the "
                      f"provider took the client's, its walk-away would "
                      f"{'rise' if rise >= 0 else 'fall'} by {say(abs(rise))}."}
            for total, q, drop, rise in rows]


def _pct(x: Fraction) -> str:
    value = float(x) * 100
    return f"{value:.0f}%" if abs(value - round(value)) < 0.05 else f"{value:.1f}%"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]
