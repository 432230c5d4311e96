"""Synthetic decision trees for the arithmetic tests: questions with fixed awards per answer,
no rule base involved (the engine's part is tested on the bundled examples)."""
from __future__ import annotations

from fractions import Fraction

from engine.settlement_questions import Answer, Odds, Question
from engine.settlement_tree import Branch, Leaf, all_combinations, drawn_combinations
from engine.settlement_weights import Tree


def yes_no(qid: str) -> Question:
    return Question(qid, "unknown", qid.replace("_", " "), "synthetic",
                    (Answer("yes", "yes", True), Answer("no", "no", False)))


def carve(qid: str = "rulings.gross_negligence") -> Question:
    return Question(qid, "carve_out", "whether a tribunal would find gross negligence",
                    "synthetic", (Answer("yes", "found", True), Answer("no", "not found", False)))


def odds(chances: dict[str, Fraction], party: str = "neutral") -> Odds:
    out = Odds(party, "test")
    for qid, p in chances.items():
        out.chances[qid] = {"yes": Fraction(p), "no": 1 - Fraction(p)}
        out.given.add(qid)
    return out


def additive_leaf(facts, answers, amounts, carve_amount=None) -> Leaf:
    """The award is the sum of amounts[q] over the questions answered yes; with `carve_amount`,
    a carve-out opened in every combination adds it when found."""
    award = sum((Fraction(amounts[q.id]) for q, a in zip(facts, answers) if a == "yes"),
                Fraction(0))
    if carve_amount is None:
        return Leaf(answers, (Branch((), award, award, "contract"),))
    found = award + Fraction(carve_amount)
    return Leaf(answers, (Branch((("rulings.gross_negligence", "no"),), award, award, "contract"),
                          Branch((("rulings.gross_negligence", "yes"),), found, found,
                                 "contract")))


def exact_tree(facts, amounts, carve_amount=None, carve_outs=()) -> Tree:
    leaves = [additive_leaf(facts, c, amounts, carve_amount) for c in all_combinations(facts)]
    return Tree(list(facts), list(carve_outs), leaves)


def sampled_tree(facts, amounts, drawn: Odds, samples: int, seed: int,
                 carve_amount=None, carve_outs=()) -> Tree:
    draws = drawn_combinations(facts, drawn, samples, seed)
    counts: dict[tuple, int] = {}
    for d in draws:
        counts[d] = counts.get(d, 0) + 1
    order = sorted(counts)
    return Tree(list(facts), list(carve_outs),
                [additive_leaf(facts, c, amounts, carve_amount) for c in order],
                [counts[c] for c in order], drawn)
