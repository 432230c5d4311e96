"""The condition language of the jurisdiction profiles, evaluated in three values.

A profile says when it reaches a case (`applies_when`), and a duty when it is triggered
(`applies_if`) or excused (`unless`), in conditions over the parties' statuses, the affected
residents and the case's applicability facts:

    client_status: sec_registrant            provider_status: nis2_entity
    residents_at_least: {jurisdiction: EU, count: 1}
    fact: {id: applicability.client.eu_establishment, is: true}
    fact: {id: applicability.incident.risk_to_individuals, in: [risk, high_risk],
           says: "the breach was likely to result in a risk to individuals"}
    fact: {id: "applicability.{party}.eu_establishment", is: true}   # the party owing the duty
    all: [...]   any: [...]

A fact the record leaves unknown, or a status it leaves unknown, makes a condition undecided rather
than false: `evaluate` answers True, False or None, and for None the facts that would decide it
and the words of the undecided part ("the client had an establishment in the EU, or it offered
goods or services to people in the EU"), so a duty can be reported as applying *if* they are shown.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from facts.unknown import UNKNOWN
from rules.legal_time.applicability import residents_in, within

KEYS = ("all", "any", "client_status", "provider_status", "residents_at_least", "fact")
# Which case field a status word comes from (a word from an unknown field is undecided).
STATUS_FIELDS = {
    "client": {"sec_registrant": "sec_registrant", "hipaa_covered_entity": "hipaa",
               "hipaa_business_associate": "hipaa", "nis2_entity": "nis2",
               "nis2_essential": "nis2", "nis2_important": "nis2",
               "dora_financial_entity": "dora_financial_entity",
               "circia_covered": "circia_covered", "nydfs_covered": "nydfs_covered"},
    "provider": {"nis2_entity": "nis2", "nis2_essential": "nis2", "nis2_important": "nis2",
                 "hipaa_business_associate": "hipaa_business_associate",
                 "data_processor": "data_processor"},
}
STATUS_WORDS = {"sec_registrant": "the client was an SEC registrant",
                "hipaa_covered_entity": "the client was a HIPAA covered entity",
                "hipaa_business_associate": "{party} was a HIPAA business associate",
                "nis2_entity": "{party} was an essential or important entity under NIS2",
                "dora_financial_entity": "the client was a DORA financial entity",
                "nydfs_covered": "the client was a covered entity of the New York Department "
                                 "of Financial Services",
                "data_processor": "the provider processed the client's personal data"}


@dataclass(frozen=True)
class Facts:
    """What conditions are evaluated against."""
    client_statuses: frozenset[str] = frozenset()
    provider_statuses: frozenset[str] = frozenset()
    unknown_status: Mapping[str, frozenset[str]] = field(default_factory=dict)  # party -> fields
    residents: Mapping[str, int] = field(default_factory=dict)
    # jurisdiction -> fact id, where people there were affected but the record does not say how many
    uncounted: Mapping[str, str] = field(default_factory=dict)
    values: Mapping[str, object] = field(default_factory=dict)   # fact id -> value or UNKNOWN
    labels: Mapping[str, str] = field(default_factory=dict)      # fact id -> words


@dataclass(frozen=True)
class Verdict:
    value: bool | None
    unknown: tuple[str, ...] = ()     # fact ids that would decide an undecided condition
    words: str = ""                   # the undecided part, in words (for value None)

    def __bool__(self):   # a verdict is not a truth value: ask .value
        raise TypeError("read Verdict.value (True, False or None)")


YES, NO = Verdict(True), Verdict(False)


def all_of(verdicts) -> Verdict:
    """All of several verdicts: false if any is false, undecided if any is undecided."""
    verdicts = list(verdicts)
    if any(v.value is False for v in verdicts):
        return NO
    open_ = [v for v in verdicts if v.value is None]
    if not open_:
        return YES
    return Verdict(None, tuple(dict.fromkeys(u for v in open_ for u in v.unknown)),
                   ", and ".join(v.words for v in open_))


def validate(cond: object, path: str) -> None:
    if not isinstance(cond, dict) or len(cond) != 1 or next(iter(cond)) not in KEYS:
        raise ValueError(f"{path}: expected one of {', '.join(KEYS)}, got {cond!r}")
    key, value = next(iter(cond.items()))
    if key in ("all", "any"):
        if not isinstance(value, list) or not value:
            raise ValueError(f"{path}.{key}: expected a non-empty list of conditions")
        for index, item in enumerate(value):
            validate(item, f"{path}.{key}[{index}]")
    elif key == "residents_at_least":
        if (not isinstance(value, dict) or set(value) != {"jurisdiction", "count"}
                or not isinstance(value["count"], int)):
            raise ValueError(f"{path}.{key}: expected {{jurisdiction: ID, count: N}}")
    elif key == "fact":
        if (not isinstance(value, dict) or "id" not in value
                or len({"is", "in"} & set(value)) != 1
                or set(value) - {"id", "is", "in", "says"}):
            raise ValueError(f"{path}.fact: expected {{id: FACT, is: VALUE}} or "
                             f"{{id: FACT, in: [VALUES]}}, with an optional says: WORDS")
    elif not isinstance(value, str):
        raise ValueError(f"{path}.{key}: expected a status word")


def fact_ids(cond: dict | None) -> set[str]:
    """Every fact id a condition reads, with {party} expanded to both parties."""
    if not cond:
        return set()
    key, value = next(iter(cond.items()))
    if key in ("all", "any"):
        return set().union(*(fact_ids(item) for item in value))
    if key == "fact":
        return {value["id"].format(party=p) for p in ("client", "provider")}
    return set()


def evaluate(cond: dict | None, facts: Facts, party: str = "client", *,
             connects: bool = False) -> Verdict:
    """True, False, or None with the facts that would decide it; no condition is True.
    `connects=True` evaluates a profile's `applies_when`, which asks whether anything in the
    record connects the case to the regime: there an applicability fact the record leaves unknown
    connects nothing (a status left unknown still leaves the question open)."""
    if not cond:
        return YES
    key, value = next(iter(cond.items()))
    if key in ("all", "any"):
        parts = [evaluate(item, facts, party, connects=connects) for item in value]
        decisive = False if key == "all" else True
        if any(p.value is decisive for p in parts):
            return Verdict(decisive)
        open_ = [p for p in parts if p.value is None]
        if not open_:
            return Verdict(not decisive)
        if key == "all":
            words = ", and ".join(p.words for p in open_)
        else:
            words = (", or ".join(p.words.removeprefix("either ") for p in open_)
                     if len(open_) > 1 else open_[0].words)
            words = f"either {words}" if len(open_) > 1 else words
        return Verdict(None, tuple(dict.fromkeys(u for p in open_ for u in p.unknown)), words)
    if key in ("client_status", "provider_status"):
        whose = key.split("_")[0]
        held = facts.client_statuses if whose == "client" else facts.provider_statuses
        if value in held:
            return YES
        source = STATUS_FIELDS[whose].get(value)
        if source and source in facts.unknown_status.get(whose, ()):
            words = STATUS_WORDS.get(value, f"{whose} status {value}").format(
                party=f"the {whose}")
            return Verdict(None, (f"parties.{whose}.status.{source}",), words)
        return NO
    if key == "residents_at_least":
        if residents_in(value["jurisdiction"], facts.residents) >= value["count"]:
            return YES
        open_ = [fid for place, fid in sorted(facts.uncounted.items())
                 if within(place, value["jurisdiction"])]
        if open_:   # people there were affected, in a number the record does not give
            return Verdict(None, tuple(open_), f"at least {value['count']:,} residents of "
                           f"{value['jurisdiction']} were affected (their number is unknown)")
        return NO
    fact_id = value["id"].format(party=party)
    found = facts.values.get(fact_id, UNKNOWN)
    if found is UNKNOWN:
        return NO if connects else Verdict(None, (fact_id,), _words(value, fact_id, facts))
    wanted = value["in"] if "in" in value else [value["is"]]
    return Verdict(found in wanted)


def _words(value: dict, fact_id: str, facts: Facts) -> str:
    if value.get("says"):
        return value["says"].format(party="the " + fact_id.split(".")[1])
    label = facts.labels.get(fact_id, fact_id)
    if label.startswith("whether "):
        return label[len("whether "):]
    wanted = value.get("in") or [value["is"]]
    return f"{label} is {' or '.join(str(w).replace('_', ' ') for w in wanted)}"
