"""The outcome of every combination of answers: what the client recovers from the provider.

A *combination* fixes the answer to every disputed-fact and unknown-fact question. Each is run
through the rule base (replayed from the case's own run where it can, engine/replay.py), first
with no carve-out found (every unruled `rulings.*` false). The carve-out questions the run opens
(its `breach.gross_negligence_available` or `claims.willful_misconduct_question` finding holds)
are then answered each way, one more run per way; a carve-out the run does not open is answered
no. Each *branch* so made is one leaf of the decision tree.

The award of a leaf is what the client recovers by its strongest route (EXPO-004: the routes are
alternatives, never added) plus the late-notice route where that stands beside it (it concerns
the fines alone). Where a leaf still gives a range (an arguable point no question settles: a
route whose opening turns on a list or a text), its two ends count at even odds, and the leaf
says so.

While the combinations number at most EXACT_LIMIT every one is evaluated; beyond it, SAMPLES
combinations are drawn with a fixed seed from the estimated chances (each draw counts once, the
same combination is run once), and the caller states the sample size and the error bound.
"""
from __future__ import annotations

import itertools
import random
from dataclasses import dataclass
from fractions import Fraction

from engine.settlement_questions import Odds, Question
from facts.errors import FaultlineInputError
from facts.loader import LoadedCase

EXACT_LIMIT = 1024      # combinations evaluated exhaustively (ten yes/no questions)
SAMPLES = 1000          # combinations drawn beyond it
SEED = 20261202
NO_ROUTES = ("the rule base computed no recovery route, so there is nothing to settle; the case "
             "must give the harm in money")
OPENED_BY = {"rulings.gross_negligence": "breach.gross_negligence_available.provider",
             "rulings.willful_misconduct": "claims.willful_misconduct_question.provider"}


@dataclass(frozen=True)
class Branch:
    carve: tuple[tuple[str, str], ...]   # (carve-out question, answer) for each one opened
    low: Fraction                        # the award; low < high only for a range left open
    high: Fraction
    route: str
    why: str = ""                        # for a range: the route's own words on what it turns on


@dataclass(frozen=True)
class Leaf:
    answers: tuple[str, ...]             # the answer key per fact question, in question order
    branches: tuple[Branch, ...] = ()
    invalid: str = ""                    # the combination is not a valid case (one line)

    @property
    def runs(self) -> int:
        """Runs of the rule base it took: one per branch (one for a combination refused)."""
        return len(self.branches) or 1


def combination_count(questions: list[Question]) -> int:
    total = 1
    for q in questions:
        total *= len(q.answers)
    return total


def all_combinations(questions: list[Question]) -> list[tuple[str, ...]]:
    return list(itertools.product(*[q.answer_keys() for q in questions]))


def drawn_combinations(questions: list[Question], odds: Odds, samples: int,
                       seed: int) -> list[tuple[str, ...]]:
    """`samples` combinations drawn from the estimated chances; the same seed, the same draws."""
    rng = random.Random(seed)
    tables = []
    for q in questions:
        chances = odds.of(q)
        cumulative, running = [], Fraction(0)
        for key in q.answer_keys():
            running += chances[key]
            cumulative.append((running, key))
        tables.append(cumulative)
    out = []
    for _ in range(samples):
        pick = []
        for cumulative in tables:
            # an exact comparison: a uniform draw of 2**53 steps against the exact cumulative chance
            u = Fraction(rng.getrandbits(53), 2 ** 53)
            pick.append(next((k for c, k in cumulative if u < c), cumulative[-1][1]))
        out.append(tuple(pick))
    return out


class Evaluator:
    """Runs combinations of one case (built once: the case's run, the replayer).

    `shortcuts` off runs every combination and branch as the engine runs a case file: a full run
    of the rule base on a validated case. tests/settlement/test_shortcuts.py requires the same
    bytes both ways."""

    shortcuts = True

    def __init__(self, loaded: LoadedCase, params, base_run, facts: list[Question],
                 carve_outs: list[Question]):
        from engine.replay import Replayer
        self.loaded, self.params, self.base_run = loaded, params, base_run
        self.facts, self.carve_outs = facts, carve_outs
        self.replayer = Replayer(base_run)
        self.runs = 0       # runs outside evaluate() (the screening); leaves count their own

    def evaluate(self, combos: list[tuple[str, ...]]) -> list[Leaf]:
        from engine.sweep import run_all
        return run_all(len(combos), lambda k: self.leaf(combos[k]), "settlement")

    def leaf(self, answers: tuple[str, ...]) -> Leaf:
        choice, raw = {}, self.loaded.raw
        try:
            for question, key in zip(self.facts, answers):
                answer = next(a for a in question.answers if a.key == key)
                if question.kind == "disputed":
                    choice[question.id] = answer.value
                else:
                    raw = _set(raw, question.id, answer.value)
            none_found = {q.id: False for q in self.carve_outs}
            version, run = self._run(raw, choice, none_found)
            opened = [q.id for q in self.carve_outs if _holds(run, OPENED_BY[q.id])]
            branches = [_branch(run, tuple((q, "no") for q in opened))]
            if opened:
                from engine.replay import Replayer
                # A ruling is read by the limitation clause alone: replayed from this
                # combination's own run, only the exposure rules fire again.
                local = Replayer(run)
            for found in itertools.product((True, False), repeat=len(opened)):
                if not any(found):
                    continue
                other = self._ruled(version, run, local, dict(zip(opened, found)))
                branches.append(_branch(other, tuple((q, "yes" if f else "no")
                                                     for q, f in zip(opened, found))))
        except FaultlineInputError as exc:
            return Leaf(answers, invalid=exc.one_line())
        return Leaf(answers, tuple(branches))

    def _run(self, raw: dict, choice: dict, rulings: dict):
        """(the combination as a case, its run)."""
        from engine.runner import engine
        from facts.flatten import input_facts
        from facts.loader import variant
        for qid, found in rulings.items():
            raw = _set(raw, qid, found)
        # an explicit choice (even an empty one): a combination's versions were checked with the case
        changed = choice or rulings or raw is not self.loaded.raw
        version = variant(self.loaded, raw, choice=choice) if changed else self.loaded
        inputs = input_facts(version)
        run = self.replayer.run(version.case, inputs, self.params) if self.shortcuts else None
        return version, run or engine().run_case(version.case, inputs, self.params)

    def _ruled(self, version, run, local, rulings: dict):
        """The combination's run with some carve-outs found (rulings set true)."""
        from engine.runner import engine
        from facts.flatten import input_facts_after_change
        from facts.loader import perturbed
        plain = version.plain
        for qid, found in rulings.items():
            plain = _set(plain, qid, found)
        ruled = _with_rulings(version, plain, rulings) if self.shortcuts else \
            perturbed(version, plain)
        inputs = input_facts_after_change(ruled, run.inputs, list(rulings))
        again = local.run(ruled.case, inputs, self.params) if self.shortcuts else None
        return again or engine().run_case(ruled.case, inputs, self.params)


def _with_rulings(version: LoadedCase, plain: dict, rulings: dict[str, bool]) -> LoadedCase:
    """The combination's case with these rulings (`rulings.<name>`: true or false) found, without
    validating it again: a ruling is a lone true/false field that no check of the case reads, so
    validation could neither refuse it nor change any other field."""
    from dataclasses import replace
    found = {qid.split(".", 1)[1]: bool(value) for qid, value in rulings.items()}
    case = version.case.model_copy(
        update={"rulings": version.case.rulings.model_copy(update=found)})
    return replace(version, case=case, plain=plain)


def _set(raw: dict, path: str, value) -> dict:
    from facts.overlay import apply_set
    return apply_set(raw, path, value)


def _holds(run, finding_id: str) -> bool:
    return any(f["id"] == finding_id and f["holds"] for f in run.findings)


def _branch(run, carve: tuple) -> Branch:
    low, high, route = award(run)
    return Branch(carve, low, high, route, range_reason(run, route) if low != high else "")


def range_reason(run, route: str) -> str:
    """The step of the route's reasoning that leaves its figure a range (else its last step)."""
    steps = ((run.derived.get(f"derived.exposure.{route}") or {}).get("value") or {}) \
        .get("steps") or []
    said = [s for s in steps if "range" in s.lower()]
    return (said or steps or [""])[-1]


def award(run) -> tuple[Fraction, Fraction, str]:
    """(low, high, route): the strongest route's figure, with the late-notice route beside it."""
    strongest = (run.derived.get("derived.claims.strongest") or {}).get("value")
    if not isinstance(strongest, dict):
        raise FaultlineInputError("case file", "incident.harm.total", NO_ROUTES)
    pays = strongest["provider_pays"]
    low, high = Fraction(str(pays["min"])), Fraction(str(pays["max"]))
    if strongest.get("beside") == "disclosure":
        fines = run.derived["derived.exposure.disclosure"]["value"]["provider_pays"]
        low, high = low + Fraction(str(fines["min"])), high + Fraction(str(fines["max"]))
    return low, high, str(strongest.get("route", ""))

