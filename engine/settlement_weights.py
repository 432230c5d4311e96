"""The decision tree weighted by one side's estimates: its leaves as points (chance, value).

Exact trees weigh each combination by the product of its answers' chances. A sampled tree was
drawn from some estimates; weighed by other estimates that differ on a few questions (one question
forced to an answer, for the tornado; one question taken at the other side's estimate, for the
gap), each draw counts by the ratio of the new chance to the drawn one on those questions (an
importance weight, exact when the draw is exact), and where the new estimates give an answer that
was never drawn the figure cannot be estimated (None).

Within a combination the carve-outs it opens are weighed by their chances, and a range it leaves
open counts at even odds between its two ends.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

from engine.settlement_questions import Odds, Question
from engine.settlement_tree import Leaf

HALF = Fraction(1, 2)


@dataclass
class Tree:
    facts: list[Question]
    carve_outs: list[Question]
    leaves: list[Leaf]                # distinct combinations
    counts: list[int] | None = None   # draws per leaf when sampled
    drawn: Odds | None = None         # the estimates the draws came from

    @property
    def sampled(self) -> bool:
        return self.counts is not None

    @property
    def samples(self) -> int:
        return sum(self.counts) if self.counts else 0

    def chances_of(self, odds: Odds, forced: dict[str, str] | None,
                   swapped: dict[str, dict[str, Fraction]] | None) -> dict[str, dict]:
        out = {}
        for q in self.facts + self.carve_outs:
            table = dict(odds.of(q))
            if swapped and q.id in swapped:
                table = dict(swapped[q.id])
            if forced and q.id in forced:
                table = {k: Fraction(int(k == forced[q.id])) for k in q.answer_keys()}
            out[q.id] = table
        return out

    def points(self, odds: Odds, value: Callable[[Fraction, str], Fraction] | None = None,
               forced: dict[str, str] | None = None,
               swapped: dict[str, dict[str, Fraction]] | None = None
               ) -> tuple[list[tuple[Fraction, Fraction]], int] | None:
        """(points, draws behind them) for `odds` with `forced` answers and `swapped` chances;
        None when a sampled tree cannot estimate it. `value(award, route)` maps an award to the
        figure wanted (the award itself by default)."""
        table = self.chances_of(odds, forced, swapped)
        drawn = self.chances_of(self.drawn, None, None) if self.sampled else None
        changed = [i for i, q in enumerate(self.facts)
                   if drawn is not None and table[q.id] != drawn[q.id]]
        weights, behind = [], 0
        for k, leaf in enumerate(self.leaves):
            if self.sampled:
                w = Fraction(self.counts[k])
                for i in changed:
                    q, key = self.facts[i], leaf.answers[i]
                    w *= table[q.id][key] / drawn[q.id][key]
                if w:
                    behind += self.counts[k]
            else:
                w = Fraction(1)
                for q, key in zip(self.facts, leaf.answers):
                    w *= table[q.id][key]
            weights.append(w)
        if self.sampled and self._unseen(table, drawn, changed):
            return None
        pts = [(c, value(award, branch.route) if value else award)
               for c, award, _, branch in self._weighted(weights, table)]
        total = sum((c for c, _ in pts), Fraction(0))
        if not total:
            return None
        return [(c / total, a) for c, a in pts], behind

    def _weighted(self, weights: list[Fraction], table: dict):
        """(chance, award, leaf, branch) for every end of every branch, unnormalised."""
        for w, leaf in zip(weights, self.leaves):
            if not w or leaf.invalid:
                continue
            for branch in leaf.branches:
                bw = w
                for qid, key in branch.carve:
                    bw *= table[qid][key]
                if not bw:
                    continue
                ends = [(bw, branch.low)] if branch.low == branch.high else \
                    [(bw * HALF, branch.low), (bw * HALF, branch.high)]
                for c, award in ends:
                    yield c, award, leaf, branch

    def paths(self, odds: Odds, shown: list[str]) -> list[tuple[tuple, Fraction, Fraction]]:
        """The tree cut down to the `shown` questions: per path (the answer to each shown
        question, None where a carve-out is not open), its chance and the expected award on it,
        the other questions weighed in at their estimates."""
        table = self.chances_of(odds, None, None)
        drawn = self.chances_of(self.drawn, None, None) if self.sampled else None
        weights = []
        for k, leaf in enumerate(self.leaves):
            if self.sampled:
                w = Fraction(self.counts[k])
                for i, q in enumerate(self.facts):
                    if table[q.id] != drawn[q.id]:
                        w *= table[q.id][leaf.answers[i]] / drawn[q.id][leaf.answers[i]]
            else:
                w = Fraction(1)
                for q, key in zip(self.facts, leaf.answers):
                    w *= table[q.id][key]
            weights.append(w)
        index = {q.id: i for i, q in enumerate(self.facts)}
        groups: dict[tuple, list[Fraction]] = {}
        for c, award, leaf, branch in self._weighted(weights, table):
            carve = dict(branch.carve)
            key = tuple(leaf.answers[index[qid]] if qid in index else carve.get(qid)
                        for qid in shown)
            mass = groups.setdefault(key, [Fraction(0), Fraction(0)])
            mass[0] += c
            mass[1] += c * award
        total = sum((m for m, _ in groups.values()), Fraction(0))
        return [(key, m / total, x / m) for key, (m, x) in sorted(
            groups.items(), key=lambda kv: tuple("" if a is None else a for a in kv[0]))]

    def _unseen(self, table, drawn, changed) -> bool:
        """Whether the new chances give weight to an answer no draw took."""
        for i in changed:
            q = self.facts[i]
            seen = {leaf.answers[i] for leaf in self.leaves}
            if any(table[q.id][k] > 0 and (k not in seen or drawn[q.id][k] == 0)
                   for k in q.answer_keys()):
                return True
        return False

    def invalid(self) -> list[dict]:
        return [{"combination": dict(zip((q.id for q in self.facts), leaf.answers)),
                 "error": leaf.invalid} for leaf in self.leaves if leaf.invalid]

    def open_carve_outs(self) -> set[str]:
        return {qid for leaf in self.leaves for b in leaf.branches for qid, _ in b.carve}

    def ranges_left(self) -> int:
        """How many branches still give a range (counted at even odds between its ends)."""
        return sum(1 for leaf in self.leaves for b in leaf.branches if b.low != b.high)

    def range_reasons(self) -> list[str]:
        return sorted({b.why for leaf in self.leaves for b in leaf.branches if b.low != b.high})
