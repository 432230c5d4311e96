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
    """The `settlement` section for odds and costs files (the settle command)."""
    if len(odds_files) > 2:
        raise FaultlineInputError("--odds", "", "at most two odds files: one per side, or one "
                                                "shared")
    prepared = Prepared(loaded, params, exact_limit)
    by_side = prepared.odds_files(odds_files)
    costs = load_costs(costs_file, loaded.case)
    out = prepared.settlement(by_side, costs, seed, samples)
    out["input_sha256"] = inputs_sha256(odds_files, costs_file, seed, samples)
    return out


class Prepared:
    """A case made ready for settlement analyses: its questions found and, while the tree is
    exact, every combination evaluated once, so that other estimates (a workbench's sliders)
    weigh the same tree again without running the rule base."""

    def __init__(self, loaded: LoadedCase, params, exact_limit: int = EXACT_LIMIT):
        from engine.runner import engine
        from facts.flatten import input_facts
        self.loaded, self.exact_limit = loaded, exact_limit
        base_run = engine().run_case(loaded.case, input_facts(loaded), params)
        try:
            award(base_run)
        except FaultlineInputError:
            raise FaultlineInputError(loaded.path, "incident.harm.total", NO_ROUTES) from None
        facts = disputed_questions(loaded)
        self.carve_outs = carve_out_questions(loaded)
        self.evaluator = Evaluator(loaded, params, base_run, [], [])
        facts += screened_unknowns(loaded, base_run, self.evaluator, {q.id for q in facts})
        self.questions = facts + self.carve_outs
        self.extra = _extra(loaded, {q.id for q in self.questions})
        self.cache: dict[tuple, Leaf] = {}
        self.harm = Fraction(str(loaded.case.incident.harm.total)) if _known(loaded) else None

    def facts(self) -> list[Question]:
        """The fact questions (odds files may have added some), in id order."""
        return sorted([q for q in self.questions if q.kind != "carve_out"], key=lambda q: q.id)

    def odds_files(self, paths: list[str]) -> dict[str, Odds]:
        """{'client': .., 'provider': ..} from one file per side, or {'shared': ..} from one
        (or none: even odds), each checked against this case's questions."""
        return _sides([load_odds(path, self.questions, self.extra) for path in paths])

    def odds(self, side: str, chances: dict[str, dict[str, object]], source: str) -> Odds:
        """Estimates given as a mapping ({question: {answer: chance}}), checked as a file's."""
        from engine.settlement_questions import odds_from_mapping
        return odds_from_mapping(chances, self.questions, self.extra, side, source)

    def settlement(self, by_side: dict[str, Odds], costs, seed: int = SEED,
                   samples: int = SAMPLES) -> dict:
        from engine.settlement_views import assemble
        facts = self.facts()
        evaluator = self.evaluator
        evaluator.facts, evaluator.carve_outs = facts, self.carve_outs
        total = combination_count(facts)
        exact = total <= self.exact_limit
        combos_for = {side: all_combinations(facts) if exact
                      else drawn_combinations(facts, odds, samples, seed)
                      for side, odds in by_side.items()}
        wanted = sorted({c for combos in combos_for.values() for c in combos} - set(self.cache))
        self.cache.update(zip(wanted, evaluator.evaluate(wanted)))
        trees = {}
        for side, combos in combos_for.items():
            if exact:
                trees[side] = Tree(facts, self.carve_outs, [self.cache[c] for c in combos])
                continue
            counts: dict[tuple, int] = {}
            for c in combos:
                counts[c] = counts.get(c, 0) + 1
            order = sorted(counts)
            trees[side] = Tree(facts, self.carve_outs, [self.cache[c] for c in order],
                               [counts[c] for c in order], by_side[side])
        used = {c for combos in combos_for.values() for c in combos}
        method = {"combinations": total, "exact_limit": self.exact_limit,
                  "mode": "exact" if exact else "sampled",
                  # runs of the rule base: screening the unknown facts, then each combination's
                  "runs": evaluator.runs + sum(self.cache[c].runs for c in sorted(used)),
                  "seed": None if exact else seed, "samples": None if exact else samples}
        return assemble(self.loaded, self.questions, facts, self.carve_outs, by_side, trees,
                        costs, method, self.harm)


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
        evaluator.runs += len(question.answers)
        for answer in question.answers:
            try:
                awards.add(award(evaluator._run(_set(loaded.raw, fact.id, answer.value), {},
                                                {})[1]))
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
