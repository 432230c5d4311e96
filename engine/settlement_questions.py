"""The contested questions of a settlement analysis, and the odds files that estimate them.

A question is something a tribunal will decide one way or another that moves what the client
recovers:

- a **disputed fact**: which party's version prevails (answers: the parties' names);
- an **arguable carve-out**: whether a tribunal would find the conduct that lifts the limitation
  clause (gross negligence, wilful misconduct). The rule base can only say such conduct is
  *arguable* (a question of fact); the question is put as the tribunal's ruling
  (`rulings.gross_negligence: true|false`). It is asked only in the combinations of the other
  answers in which the rule base opens it; where it is not open the answer is no;
- a **decisive unknown**: a fact the record does not establish whose value, established alone,
  changes the award in the case as filed, tried with the representative values of
  engine/unknowns.py (yes/no, each value of an enumeration, a moment at the earliest it could have
  happened or never, ...). An odds file may add any other unknown fact that has such values.

An odds file (YAML or JSON) gives, per question, the chance of each answer:

    estimates_of: client          # client | provider | neutral
    questions:
      rulings.gross_negligence: {yes: 0.4}
      client_governance.mfa.remote_access: {client: 0.7, provider: 0.3}

A chance is a number from 0 to 1 or a percentage ("40%"). Answers left out share what the given
ones leave (so `{yes: 0.4}` means no is 0.6); given in full, the chances must add up to 1 (within
0.001, then scaled to exactly 1). A question the file does not estimate takes even odds, and the
analysis lists it with that default.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime
from fractions import Fraction

from facts.errors import FaultlineInputError, did_you_mean
from facts.labels import label
from facts.loader import LoadedCase

PARTIES = ("client", "provider", "neutral")
ODDS_KEYS = ("estimates_of", "questions", "note")
TOLERANCE = Fraction(1, 1000)
# The carve-out questions: the ruling that settles each, and the finding that opens it
# (rules/claims/limits.py: CONDUCT_QUESTION).
CARVE_OUTS = {"rulings.gross_negligence": ("gross_negligence", "gross negligence"),
              "rulings.willful_misconduct": ("willful_misconduct", "wilful misconduct")}


@dataclass(frozen=True)
class Answer:
    key: str            # how an odds file names it
    words: str          # in words, for sentences
    value: object       # the value set in the case (a party's name for a disputed fact)


@dataclass(frozen=True)
class Question:
    id: str             # the case-file path it settles
    kind: str           # disputed | carve_out | unknown
    label: str
    why: str
    answers: tuple[Answer, ...]

    def answer_keys(self) -> list[str]:
        return [a.key for a in self.answers]

    def even(self) -> dict[str, Fraction]:
        return {a.key: Fraction(1, len(self.answers)) for a in self.answers}


@dataclass
class Odds:
    """One side's estimates: per question id, the chance of each answer key."""
    party: str                      # client | provider | neutral
    source: str                     # the file, or "even odds" when none is given
    chances: dict[str, dict[str, Fraction]] = field(default_factory=dict)
    given: set[str] = field(default_factory=set)     # questions the file estimates

    def of(self, question: Question) -> dict[str, Fraction]:
        return self.chances.get(question.id) or question.even()


def disputed_questions(loaded: LoadedCase) -> list[Question]:
    out = []
    for path in sorted(loaded.notes.disputes):
        versions = loaded.notes.disputes[path].versions
        answers = tuple(Answer(party, f"as the {party} says", party) for party in sorted(versions))
        out.append(Question(path, "disputed", label(path), "the parties give different versions",
                            answers))
    return out


def carve_out_questions(loaded: LoadedCase) -> list[Question]:
    """The carve-outs a tribunal has not ruled on (each asked only where the record opens it)."""
    out = []
    rulings = loaded.case.rulings
    for qid, (conduct, words) in CARVE_OUTS.items():
        if getattr(rulings, conduct) is not None:
            continue   # ruled on: established either way, no longer a question
        out.append(Question(qid, "carve_out", f"whether a tribunal would find {words}",
                            f"{words} lifts the limitation clause where it is found; the record "
                            f"makes it arguable (a question of fact)",
                            (Answer("yes", f"{words} is found", True),
                             Answer("no", f"{words} is not found", False))))
    return out


def unknown_question(loaded: LoadedCase, path: str, why: str) -> Question | None:
    """The question an unknown fact poses, with the representative values it is tried with;
    None when it has none (an amount, a text or a list)."""
    from engine.unknowns import representatives
    values = representatives(loaded, path)
    if len(values) < 2:
        return None
    answers, seen = [], set()
    for words, value in values:
        key = answer_key(words, value)
        while key in seen:
            key += "_"
        seen.add(key)
        answers.append(Answer(key, words, value))
    return Question(path, "unknown", label(path), why, tuple(answers))


def answer_key(words: str, value: object) -> str:
    if value is True:
        return "yes"
    if value is False:
        return "no"
    if value == "never":
        return "never"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, (date, datetime)) or (isinstance(value, str) and value[:1].isdigit()):
        if "before" in words:
            return "before"
        if "after" in words:
            return "after"
        return "earliest"
    return str(value)


# --- odds files -----------------------------------------------------------------------------

def load_odds(path: str, questions: list[Question], extra) -> Odds:
    """Read and check an odds file. `extra(qid)` returns the Question for an unknown fact the
    file names that is not yet a question (or None): such a fact becomes one."""
    from facts.loader import read_raw
    raw = read_raw(path, "odds file")
    for key in raw:
        if key not in ODDS_KEYS:
            raise FaultlineInputError(path, str(key), f"not a key of an odds file"
                                      f"{did_you_mean(key, ODDS_KEYS)}; expected "
                                      f"{', '.join(ODDS_KEYS)}")
    party = raw.get("estimates_of", "neutral")
    if party not in PARTIES:
        raise FaultlineInputError(path, "estimates_of", f"{_shown(party)} is not a side; expected "
                                                        f"client, provider or neutral")
    return odds_from_mapping(raw.get("questions") or {}, questions, extra, party, path)


def odds_from_mapping(entries, questions: list[Question], extra, party: str, path: str) -> Odds:
    """Estimates as a mapping {question id: {answer: chance}} (an odds file's `questions`, or a
    workbench's sliders), checked; `path` names them in an error."""
    if not isinstance(entries, dict):
        raise FaultlineInputError(path, "questions", "expected a mapping of question ids to the "
                                                     "chance of each answer, e.g. "
                                                     "rulings.gross_negligence: {yes: 0.4}")
    by_id = {q.id: q for q in questions}
    odds = Odds(party, path)
    for qid, given in entries.items():
        qid = str(qid)
        question = by_id.get(qid)
        if question is None:
            question = extra(qid)
            if question is None:
                raise FaultlineInputError(path, f"questions.{qid}", f"not a contested question "
                                          f"of this case{did_you_mean(qid, by_id)}; the questions "
                                          f"are {', '.join(sorted(by_id)) or 'none'}")
            questions.append(question)
            by_id[qid] = question
        odds.chances[qid] = chances(path, question, given)
        odds.given.add(qid)
    return odds


def chances(path: str, question: Question, given) -> dict[str, Fraction]:
    field_ = f"questions.{question.id}"
    keys = question.answer_keys()
    if not isinstance(given, dict) or not given:
        raise FaultlineInputError(path, field_, f"expected the chance of each answer, e.g. "
                                                f"{{{keys[0]}: 0.6}}; the answers are "
                                                f"{', '.join(keys)}")
    out: dict[str, Fraction] = {}
    for key, value in given.items():
        key = "yes" if key is True else "no" if key is False else str(key)
        if key not in keys:
            raise FaultlineInputError(path, f"{field_}.{key}", f"not an answer to this question"
                                      f"{did_you_mean(key, keys)}; expected one of "
                                      f"{', '.join(keys)}")
        out[key] = chance(path, f"{field_}.{key}", value)
    total = sum(out.values(), Fraction(0))
    rest = [k for k in keys if k not in out]
    if total > 1 + TOLERANCE:
        raise FaultlineInputError(path, field_, f"the chances add up to {_decimal(total)}; they "
                                                f"must add up to 1 (or less, leaving the rest to "
                                                f"the answers not given)")
    if not rest:
        if total < 1 - TOLERANCE:
            raise FaultlineInputError(path, field_, f"the chances add up to {_decimal(total)}; "
                                                    f"with every answer given they must add up "
                                                    f"to 1")
        return {k: out[k] / total for k in keys}
    share = max(Fraction(0), 1 - total) / len(rest)
    scale = total if total > 1 else Fraction(1)
    return {k: (out[k] / scale if k in out else share) for k in keys}


def chance(path: str, field_: str, value) -> Fraction:
    expected = "expected a chance from 0 to 1 (0.35) or a percentage (\"35%\")"
    if isinstance(value, bool) or value is None:
        raise FaultlineInputError(path, field_, f"{_shown(value)} is not a chance; {expected}")
    try:
        if isinstance(value, str) and value.strip().endswith("%"):
            number = Fraction(value.strip()[:-1].strip()) / 100
        elif isinstance(value, float):
            if not math.isfinite(value):
                raise ValueError
            number = Fraction(repr(value))
        elif isinstance(value, (int, str)):
            number = Fraction(str(value).strip())
        else:
            raise ValueError
    except (ValueError, ZeroDivisionError):
        raise FaultlineInputError(path, field_, f"{_shown(value)} is not a chance; "
                                                f"{expected}") from None
    if not 0 <= number <= 1:
        raise FaultlineInputError(path, field_, f"{_decimal(number)} is outside 0 to 1; "
                                                f"{expected}")
    return number


def _decimal(x: Fraction) -> str:
    return f"{float(x):.4g}"


def _shown(value) -> str:
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= 40 else text[:37] + "..."
