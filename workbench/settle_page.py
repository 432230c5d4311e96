"""The settlement panel: each side's estimate of every contested question as a slider, the costs
to a hearing as inputs, and what the client should expect, its spread, the walk-away values and
the settlement range, recomputed as a slider moves.

Wiring only: the questions, the checks on every estimate and cost, and every figure and sentence
are engine/settlement*.py's (a Prepared case weighed again, without running the rule base while
the tree is exact); reports/settlement.py formats them as the mediator brief does.
"""
from __future__ import annotations

from fractions import Fraction

from facts.errors import FaultlineInputError

ODDS = "o~"            # o~<side>~<answer>~<question id>: that side's chance of the answer, in %
COSTS = "c~"           # c~<key>: a costs-file key
SIDES = ("client", "provider")
SOURCE = "the panel"   # how an error names what it was given
COST_INPUTS = (("client", "costs_to_hearing.client", "The client's costs to a hearing"),
               ("provider", "costs_to_hearing.provider", "The provider's costs to a hearing"),
               ("recoverable", "recoverable",
                "Share of a winner's costs recovered where costs shift (%)"))
FEE_RULE_WORDS = (("forum", "the forum's rule"), ("own_costs", "each side bears its own"),
                  ("loser_pays", "loser pays"),
                  ("prevailing_party", "a contract's prevailing-party clause"))


def respond(pages, session, args: dict, form: dict | None):
    from workbench.app import Response
    given = form if form is not None else args
    partial = form is not None and form.get("partial") == "1"
    template = "settle_partial.html.j2" if partial else "settle.html.j2"
    try:
        prepared = session.prepared()
    except FaultlineInputError as exc:
        return Response(pages.render(template, session, "settle", unavailable=exc.message,
                                     groups=[], costs=[], errors={}, ctx=None, rules=[]))
    errors: dict[str, str] = {}
    start_odds, start_costs = session.settle_start or (None, {})
    if start_odds and not any(str(k).startswith((ODDS, COSTS)) for k in given):
        # first opened (serve --odds/--costs): the files' estimates and costs
        by_side = dict(start_odds)
        costs_raw, costs_shown = dict(start_costs), _shown(start_costs)
    else:
        by_side = {side: _odds(prepared, side, given, errors) for side in SIDES}
        costs_raw, costs_shown = _costs_raw(given, start_costs)
    costs = None
    try:
        from engine.settlement_costs import costs_from_mapping
        costs = costs_from_mapping(costs_raw, session.loaded.case, SOURCE)
    except FaultlineInputError as exc:
        errors[_cost_field(exc.field)] = exc.message
    ctx, settlement = None, None
    if not errors:
        settlement = session.settle(by_side, costs)
        ctx = _context(session, settlement)
    return Response(pages.render(
        template, session, "settle", unavailable="", ctx=ctx, settlement=settlement,
        errors=errors, groups=_groups(session, prepared, by_side, given, errors),
        costs=_cost_inputs(costs_shown, errors), rules=FEE_RULE_WORDS,
        fee_rule=costs_raw.get("fee_rule", "forum")))


def _odds(prepared, side: str, given: dict, errors: dict):
    """One side's estimates from the sliders; each question checked as an odds file's would be,
    so each wrong value is marked beside its own slider. Only this case's questions are read."""
    known = {q.id: q for q in prepared.questions}
    entries: dict[str, dict[str, str]] = {}
    for name, value in given.items():
        parts = name.split("~", 3)
        if len(parts) != 4 or parts[0] + "~" != ODDS or parts[1] != side or \
                parts[3] not in known or not str(value).strip():
            continue
        entries.setdefault(parts[3], {})[parts[2]] = f"{str(value).strip()}%"
    valid = {}
    for qid, chances in sorted(entries.items()):
        try:
            prepared.odds(side, {qid: chances}, SOURCE)
        except FaultlineInputError as exc:
            key = exc.field.rpartition(".")[2] if exc.field != f"questions.{qid}" else ""
            errors[slider_name(side, key or known[qid].answer_keys()[0], qid)] = exc.message
            continue
        valid[qid] = chances
    return prepared.odds(side, valid, SOURCE)


def slider_name(side: str, key: str, qid: str) -> str:
    return f"{ODDS}{side}~{key}~{qid}"


def _shown(raw: dict) -> dict:
    """Each input's text for a costs file's mapping (the panel's starting point)."""
    spent = raw.get("costs_to_hearing") or {}
    shown = {side: str(spent.get(side, "")) for side in SIDES}
    shown["recoverable"] = ""
    if "recoverable" in raw:
        from engine.settlement_questions import chance
        shown["recoverable"] = _percent(chance(SOURCE, "recoverable", raw["recoverable"]))
    return shown


def _costs_raw(given: dict, start: dict | None = None) -> tuple[dict, dict]:
    """The costs-file mapping the inputs make (over the starting costs file's other keys:
    offers, the forum's law, dates and rates), and each input's text as typed."""
    shown = {key: str(given.get(COSTS + key, "")).strip() for key, _, _ in COST_INPUTS}
    raw: dict = {k: v for k, v in (start or {}).items()
                 if k not in ("costs_to_hearing", "recoverable", "fee_rule")}
    raw["costs_to_hearing"] = {}
    for side in SIDES:
        raw["costs_to_hearing"][side] = shown[side] or "0"
    if shown["recoverable"]:
        raw["recoverable"] = f"{shown['recoverable']}%"
    rule = str(given.get(COSTS + "fee_rule", "")).strip()
    if rule:
        raw["fee_rule"] = rule
    return raw, shown


def _cost_field(field: str) -> str:
    for key, where, _ in COST_INPUTS:
        if field == where:
            return COSTS + key
    return COSTS + "fee_rule" if field == "fee_rule" else COSTS + "client"


def _cost_inputs(shown: dict, errors: dict) -> list[dict]:
    return [{"name": COSTS + key, "label": words, "value": shown[key],
             "placeholder": "100" if key == "recoverable" else "0",
             "error": errors.get(COSTS + key, "")} for key, _, words in COST_INPUTS]


def _groups(session, prepared, by_side: dict, given: dict, errors: dict) -> list[dict]:
    """Per question the rule base can ask: its label, and per side a slider for each answer
    but the last (which takes what the others leave), at the estimate in force."""
    from engine.settlement_stats import chance_text
    from reports.settlement import KIND_WORDS
    out = []
    for number, q in enumerate(_asked(session, prepared)):
        sides = []
        for side in SIDES:
            table = by_side[side].of(q)
            sliders = []
            for a in q.answers[:-1]:
                name = slider_name(side, a.key, q.id)
                typed = str(given.get(name, "")).strip()
                value = typed if name in errors else _percent(table[a.key])
                sliders.append({"name": name, "words": a.words, "value": value,
                                "error": errors.get(name, ""),
                                "id": f"q{number}-{side}-{len(sliders)}"})
            rest = q.answers[-1]
            sides.append({"side": side, "sliders": sliders, "rest_words": rest.words,
                          "rest": _percent(table[rest.key]),
                          "id": f"q{number}-{side}", "chance": chance_text(table[rest.key])})
        out.append({"q": q, "kind_words": KIND_WORDS.get(q.kind, q.kind), "sides": sides})
    return out


def _asked(session, prepared) -> list:
    """The fact questions, then the carve-outs some combination opens (the others are answered
    no throughout, so a slider on them would move nothing)."""
    opened = session.opened_carve_outs()
    return prepared.facts() + [q for q in prepared.carve_outs if q.id in opened]


def _percent(x: Fraction) -> str:
    value = x * 100
    return str(value.numerator) if value.denominator == 1 else f"{float(value):.1f}"


def _context(session, settlement: dict) -> dict:
    from reports.settlement import settlement_context
    result = {"settlement": settlement, "case": session.result.get("case") or {}}
    return settlement_context(result, pictures=False)
