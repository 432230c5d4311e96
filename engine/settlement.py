"""Settlement analysis: what each side should expect from a hearing, weighted by how likely each
version of the contested questions is, and the range in which both should prefer to settle.

The contested questions (engine/settlement_questions.py) span a decision tree whose leaves the
rule base evaluates (engine/settlement_tree.py); each side's estimates weigh it
(engine/settlement_weights.py) into a distribution of the award: expected value, median, 10th and
90th percentiles, the chance of nothing (engine/settlement_stats.py). Costs and the forum's fee
rule turn the award into each side's walk-away value and the settlement range
(engine/settlement_costs.py); engine/settlement_views.py says what moves the expectation.

The result is the JSON `settlement` section (docs/settlement.md). Same inputs and seed, same bytes.
"""
from __future__ import annotations

import hashlib
from fractions import Fraction

from engine.settlement_costs import load_costs
from engine.settlement_questions import (
    Odds,
    Question,
    carve_out_questions,
    disputed_questions,
    load_odds,
    unknown_question,
)
from engine.settlement_tree import (
    EXACT_LIMIT,
    NO_ROUTES,
    SAMPLES,
    SEED,
    Evaluator,
    Leaf,
    all_combinations,
    award,
    combination_count,
    drawn_combinations,
)
from engine.settlement_weights import Tree
from facts.errors import FaultlineInputError
from facts.loader import LoadedCase

MAX_SCREENED = 40   # unknown facts screened for an effect on the award (path order)


def settle(loaded: LoadedCase, params, odds_files: list[str], costs_file: str | None = None,
           seed: int = SEED, samples: int = SAMPLES, exact_limit: int = EXACT_LIMIT) -> dict:
    from engine.runner import engine
    from engine.settlement_views import assemble
    from facts.flatten import input_facts
    base_run = engine().run_case(loaded.case, input_facts(loaded), params)
    try:
        award(base_run)
    except FaultlineInputError:
        raise FaultlineInputError(loaded.path, "incident.harm.total", NO_ROUTES) from None
    if len(odds_files) > 2:
        raise FaultlineInputError("--odds", "", "at most two odds files: one per side, or one "
                                                "shared")
    facts = disputed_questions(loaded)
    carve_outs = carve_out_questions(loaded)
    evaluator = Evaluator(loaded, params, base_run, [], [])
    facts += screened_unknowns(loaded, base_run, evaluator, {q.id for q in facts})
    questions = facts + carve_outs
    extra = _extra(loaded, {q.id for q in questions})
    sides = [load_odds(path, questions, extra) for path in odds_files]
    facts = sorted([q for q in questions if q.kind != "carve_out"], key=lambda q: q.id)
    by_side = _sides(sides)
    costs = load_costs(costs_file, loaded.case)
    evaluator.facts, evaluator.carve_outs = facts, carve_outs
    total = combination_count(facts)
    trees = {}
    if total <= exact_limit:
        tree = Tree(facts, carve_outs, evaluator.evaluate(all_combinations(facts)))
        trees = {side: tree for side in by_side}
    else:
        cache: dict[tuple, Leaf] = {}
        for side, odds in by_side.items():
            draws = drawn_combinations(facts, odds, samples, seed)
            fresh = sorted(set(draws) - set(cache))
            cache.update(zip(fresh, evaluator.evaluate(fresh)))
            counts: dict[tuple, int] = {}
            for d in draws:
                counts[d] = counts.get(d, 0) + 1
            order = sorted(counts)
            trees[side] = Tree(facts, carve_outs, [cache[c] for c in order],
                               [counts[c] for c in order], odds)
    method = {"combinations": total, "exact_limit": exact_limit,
              "mode": "exact" if total <= exact_limit else "sampled", "runs": evaluator.runs,
              "seed": seed if total > exact_limit else None,
              "samples": samples if total > exact_limit else None}
    harm = Fraction(str(loaded.case.incident.harm.total)) if _known(loaded) else None
    out = assemble(loaded, questions, facts, carve_outs, by_side, trees, costs, method, harm)
    out["input_sha256"] = inputs_sha256(odds_files, costs_file, seed, samples)
    return out


def screened_unknowns(loaded: LoadedCase, base_run, evaluator: Evaluator,
                      taken: set[str]) -> list[Question]:
    """The unknown facts some rule read whose values, established alone, change the award."""
    from engine.result import _covering
    from facts.flatten import unknown_facts
    read = set()
    for firing, _ in base_run.firings:
        read |= firing.premises | set(firing.kinds) | {p[:-1] for p in firing.prefixes}
    base = award(base_run)
    out: list[Question] = []
    screened = 0
    for fact in unknown_facts(loaded):
        if fact.id in taken or fact.id.startswith("rulings.") or \
                not any(c in read for c in _covering(fact.id)):
            continue
        if screened >= MAX_SCREENED:
            break
        question = unknown_question(loaded, fact.id, f"unknown ({fact.why}); establishing it "
                                                     f"changes the award")
        if question is None:
            continue
        screened += 1
        awards = set()
        for answer in question.answers:
            try:
                awards.add(award(evaluator._run(_set(loaded.raw, fact.id, answer.value), {}, {})))
            except FaultlineInputError:
                continue
        if len(awards | {base}) > 1:
            out.append(question)
    return out


def _set(raw, path, value):
    from facts.overlay import apply_set
    return apply_set(raw, path, value)


def _extra(loaded: LoadedCase, taken: set[str]):
    """An odds file may estimate any unknown fact with representative values."""
    from facts.flatten import unknown_facts
    unknown = {f.id: f for f in unknown_facts(loaded)}

    def extra(qid: str) -> Question | None:
        if qid in taken or qid not in unknown:
            return None
        return unknown_question(loaded, qid, f"unknown ({unknown[qid].why}); named by an odds "
                                             f"file")
    return extra


def _sides(sides: list[Odds]) -> dict[str, Odds]:
    """{'client': odds, 'provider': odds}, or {'shared': odds} for one file (or none)."""
    if not sides:
        return {"shared": Odds("neutral", "no odds file: even odds on every question")}
    if len(sides) == 1:
        return {"shared": sides[0]}
    parties = sorted(s.party for s in sides)
    if parties != ["client", "provider"]:
        raise FaultlineInputError(sides[1].source, "estimates_of",
                                  f"two odds files must be one side's each (estimates_of: client "
                                  f"in one, provider in the other); these say "
                                  f"{' and '.join(parties)}")
    return {s.party: s for s in sorted(sides, key=lambda s: s.party)}


def _known(loaded: LoadedCase) -> bool:
    from facts.unknown import UNKNOWN
    total = loaded.case.incident.harm.total
    return total is not UNKNOWN and total is not None


def inputs_sha256(odds_files: list[str], costs_file: str | None, seed: int, samples: int) -> str:
    """Of what the settlement adds to the case's input: the odds and costs files' bytes, the
    seed and the sample size."""
    from facts.inputs import MAX_DOCUMENT_BYTES, read_input
    digest = hashlib.sha256()
    for path in [*odds_files, costs_file or ""]:
        data = read_input(path, "odds or costs file", MAX_DOCUMENT_BYTES) if path else b""
        digest.update(hashlib.sha256(data).hexdigest().encode() + b"\n")
    digest.update(f"{seed}\n{samples}\n".encode())
    return digest.hexdigest()


def settlement_result(loaded: LoadedCase, params, odds_files: list[str],
                      costs_file: str | None, seed: int | None = None,
                      samples: int | None = None, brief: bool = False) -> dict:
    """The analysis result with its `settlement` section, as the settle command writes it. The
    mediator brief (`brief`) also runs the sensitivity sweep, as `analyze --audience mediator`."""
    from engine.analyze import analyze
    # the settlement first: a bad odds or costs file is refused before the longer sweeps run
    settlement = settle(loaded, params, odds_files, costs_file, SEED if seed is None else seed,
                        SAMPLES if samples is None else samples)
    result = analyze(loaded, params, decisive=brief, unknowns=True)
    result["settlement"] = settlement
    return result
