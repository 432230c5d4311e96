"""Statements made during the incident, by anyone: whether each was false when made, whether its
speaker knew it, and whether its listener relied on it.

These are the separate questions a misrepresentation turns on (falsity, knowledge, reliance); each
is its own finding, so a claim built on them states which are shown and which are not. Falsity is
never read from the case file: each claim is compared with what the record establishes (the
containment time, the compromised assets, the categories of data reached, the vector). Who made the
statement is the finding's party: the provider, the client, or a non-party by its id.
"""
from __future__ import annotations

from facts.unknown import UNKNOWN
from rules.authorities import modelling_choice
from rules.base import each, rule
from rules.common import kinds_words, vector_kinds, when
from rules.containment_activity import ACTIVE

ELEMENTS = ("statement.false", "statement.known_false", "statement.reliance")


def _speaker(statement) -> tuple[str, list[str]]:
    by = statement.known("by")
    return ("unattributed", [statement.path("by")]) if by is UNKNOWN else (by, [])


def _names(text: str | None) -> list[str]:
    return [part.strip() for part in (text or "").split(",") if part.strip()]


def falsity(c, statement) -> tuple[list[str], list[str], list[str]]:
    """(what the statement got wrong, unknown facts that could still make it false, what it
    claimed), each claim compared with the record."""
    wrong, unknown, claims = [], [], []
    at = statement.known("at")
    contained = statement.known("claims_contained")
    if contained is UNKNOWN:
        unknown.append(statement.path("claims_contained"))
    elif contained:
        claims.append("the incident was contained")
        actual = c.known("incident.timeline.containment")
        if actual is UNKNOWN or at is UNKNOWN:
            unknown.append("incident.timeline.containment" if actual is UNKNOWN else
                           statement.path("at"))
        elif actual is None or actual > at:
            wrong.append(f"it said the incident was contained, but containment came "
                         f"{'never' if actual is None else 'only at ' + when(actual)}")
        else:
            # declared contained, but the attacker was active later: not contained when said
            later = c.known(ACTIVE)
            if later is UNKNOWN:
                unknown.append(ACTIVE)
            elif later is not None and later > max(at, actual):
                wrong.append(f"it said the incident was contained, but the attacker was still "
                             f"active at {when(later)}, after the declared containment")
    scope = statement.known("claims_scope_limited_to")
    if scope is UNKNOWN:
        unknown.append(statement.path("claims_scope_limited_to"))
    elif scope:
        claims.append(f"the incident was limited to {scope}")
        assets = c.known("incident.affected_assets")
        if assets is UNKNOWN:
            unknown.append("incident.affected_assets")
        else:
            beyond = [a for a in assets if a not in _names(scope)]
            if beyond:
                wrong.append(f"it limited the incident to {scope}, but {', '.join(beyond)} "
                             f"{'was' if len(beyond) == 1 else 'were'} compromised too")
    categories = statement.known("claims_data_categories")
    if categories is UNKNOWN:
        unknown.append(statement.path("claims_data_categories"))
    elif categories:
        claims.append(f"only {', '.join(categories)} data was affected")
        actual = c.known("incident.data_categories")
        if actual is UNKNOWN:
            unknown.append("incident.data_categories")
        else:
            said = {x.strip().lower() for x in categories}
            more = [x for x in actual if x.strip().lower() not in said]
            if more:
                wrong.append(f"it said only {', '.join(categories)} data was affected, but "
                             f"{', '.join(more)} data was reached too")
    cause = statement.known("claims_cause")
    if cause is UNKNOWN:
        unknown.append(statement.path("claims_cause"))
    elif cause:
        claims.append(f"the cause was {cause.replace('_', ' ')}")
        vector = c.known("incident.vector") or {}
        actual = vector.known("type") if hasattr(vector, "known") else UNKNOWN
        if actual is UNKNOWN or actual == "unknown":
            unknown.append("incident.vector")
        elif cause not in vector_kinds(vector):
            wrong.append(f"it gave the cause as {cause.replace('_', ' ')}, but the record "
                         f"establishes {kinds_words(vector)}")
    return wrong, unknown, claims


def _base_values(statement, speaker: str, wrong: list[str]) -> dict:
    to = statement.known("to")
    return {"id": statement["id"], "speaker": speaker.replace("_", " "),
            "at": when(statement.known("at")) if statement.known("at") is not UNKNOWN else
            "an unknown time", "to": "an unknown listener" if to is UNKNOWN else to,
            "what": f" (\u201c{statement['what']}\u201d)" if statement.get("what") else "",
            "wrong": "; ".join(wrong)}


@rule("STMT-001", title="A statement was false when made", area="disclosure",
      concludes="statement.false", burden="the listener",
      authority=modelling_choice("whether a statement was false is judged against what the record "
                                 "establishes happened, claim by claim (containment, scope, data "
                                 "categories, cause), never from a label in the case file; "
                                 "falsity alone is not misrepresentation: knowledge and reliance "
                                 "are separate elements"),
      principle="A statement about the incident is false when what it claimed (that the intrusion "
                "was contained, how far it reached, what data it touched, how it happened) differs "
                "from what the record shows was true at the time.",
      narrative="Statement {id} by the {speaker} to {to} at {at}{what} was false when made: "
                "{wrong}.",
      narrative_not="Statement {id} by the {speaker} at {at} {why_not}.",
      needs={"statement": each("incident.statements")})
def statement_false(c, statement):
    speaker, unknown = _speaker(statement)
    wrong, undecided, claims = falsity(c, statement)
    values = _base_values(statement, speaker, wrong)
    values["why_not"] = "made no claim about containment, scope, data or cause that the record " \
        "can test" if not claims else f"claimed {'; '.join(claims)}, which the record bears out"
    c.conclude(c.check("the statement made a claim about the incident", bool(claims),
                       "; ".join(claims) or "no claim recorded"),
               c.check("a claim differed from what the record shows", bool(wrong),
                       "; ".join(wrong) or "none shown"),
               party=speaker, subject=statement["id"], values=values,
               unknown=unknown + undecided)


@rule("STMT-002", title="The speaker knew the statement was false", area="disclosure",
      concludes="statement.known_false", burden="the listener",
      authority=modelling_choice("a speaker that knew its statement was false when it made it, or "
                                 "learned so later and left it uncorrected, made it knowingly; one "
                                 "that corrected it as soon as it knew did not"),
      principle="Knowledge is what separates a mistaken statement from a knowing one: the speaker "
                "knew the statement was untrue when it made it, or learned so and let it stand.",
      narrative="The {speaker} {how}: statement {id} of {at} was false ({wrong}).",
      narrative_not="The {speaker} is not shown to have made statement {id} knowingly: {why_not}.",
      needs={"statement": each("incident.statements")})
def statement_known_false(c, statement):
    speaker, unknown = _speaker(statement)
    wrong, undecided, _ = falsity(c, statement)
    values = _base_values(statement, speaker, wrong)
    at = statement.known("at")
    knew = statement.known("known_false_at")
    corrected = statement.known("corrected_at")
    knowing, how, why_not = False, "", "the statement is not shown to be false"
    if wrong:
        why_not = "the record does not say when, or whether, it knew the statement was false"
        if knew is None:
            why_not = "the record establishes that it never knew the statement was false"
        elif knew is not UNKNOWN and at is not UNKNOWN and knew <= at:
            knowing, how = True, f"knew the statement was false when it made it ({when(knew)})"
        elif knew is not UNKNOWN and at is not UNKNOWN:
            if corrected is UNKNOWN:
                unknown.append(statement.path("corrected_at"))
            elif corrected is None or corrected > knew:
                knowing = True
                how = (f"learned at {when(knew)} that the statement was false and left it "
                       f"standing until " + ("never corrected" if corrected is None else
                                             when(corrected)))
                how = how.replace("until never corrected", "without ever correcting it")
            else:
                why_not = f"it corrected the statement at {when(corrected)}, as soon as it knew"
        else:
            unknown.append(statement.path("known_false_at" if knew is UNKNOWN else "at"))
    values.update(how=how, why_not=why_not)
    c.conclude(c.check("the statement was false when made", bool(wrong),
                       "; ".join(wrong) or "not shown"),
               c.check("the speaker knew it was false when speaking, or left it uncorrected "
                       "after learning so", knowing, how or why_not),
               party=speaker, subject=statement["id"], values=values,
               unknown=unknown + ([] if wrong else undecided))


@rule("STMT-003", title="The listener relied on a false statement", area="disclosure",
      concludes="statement.reliance", burden="the listener",
      authority=modelling_choice("a false statement matters to the listener only if it acted, or "
                                 "held back, because of it before the statement was corrected; "
                                 "what it did is recorded as a fact, never assumed"),
      principle="Reliance links a false statement to a loss: the listener did something, or held "
                "back from something, because it believed the statement, before it was corrected.",
      narrative="{to} relied on statement {id} by the {speaker} ({wrong}): {action}.",
      narrative_not="Reliance on statement {id} by the {speaker} is not shown: {why_not}.",
      needs={"statement": each("incident.statements")})
def statement_reliance(c, statement):
    speaker, unknown = _speaker(statement)
    wrong, undecided, _ = falsity(c, statement)
    values = _base_values(statement, speaker, wrong)
    relied = statement.known("relied_on")
    action = statement.known("reliance_action")
    corrected = statement.known("corrected_at")
    before, why_not = False, "the statement is not shown to be false"
    if wrong:
        if relied is UNKNOWN:
            unknown.append(statement.path("relied_on"))
            why_not = "whether the listener relied on it is unknown"
        elif relied is False:
            why_not = "the listener did not rely on it"
        elif corrected is UNKNOWN:
            unknown.append(statement.path("corrected_at"))
            why_not = "whether it was corrected before the listener acted is unknown"
        elif corrected is None:
            before = True
        else:
            acted = statement.known("relied_at")
            if acted is UNKNOWN:
                unknown.append(statement.path("relied_at"))
                why_not = "whether the listener acted before the correction is unknown"
            elif acted < corrected:
                before = True
            else:
                why_not = f"the listener acted at {when(acted)}, after the correction at " \
                          f"{when(corrected)}"
    values.update(action=action if action not in (None, UNKNOWN) else
                  "what it did in reliance is not recorded", why_not=why_not,
                  to=str(values["to"])[:1].upper() + str(values["to"])[1:])
    c.conclude(c.check("the statement was false when made", bool(wrong),
                       "; ".join(wrong) or "not shown"),
               c.check("the listener relied on it before any correction", before,
                       why_not if not before else str(values["action"])),
               party=speaker, subject=statement["id"], values=values,
               unknown=unknown + ([] if wrong else undecided))
