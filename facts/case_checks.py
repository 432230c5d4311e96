"""Facts that contradict each other across fields are input errors, each naming the field: harm
totals that are not the sum of their heads, a statement whose speaker is no party, a correction
before the statement it corrects, concealment fields that do not fit their kind."""
from __future__ import annotations

from facts.model import Case
from facts.model.harm import sum_of
from facts.model.statements import CLAIM_TOPICS, makes_claim
from facts.unknown import UNKNOWN


def _known(*values) -> bool:
    return all(v is not None and v is not UNKNOWN for v in values)


def _amount(value) -> str:
    return f"{value:,}"


def check_case(case: Case) -> tuple[str, str] | None:
    """(field path, message) for the first contradiction found, else None."""
    return _harm(case) or _statements(case) or _concealment(case) or _engagement(case) or \
        _vector(case) or _acquisitions(case)


def _harm(case: Case) -> tuple[str, str] | None:
    harm, start = case.incident.harm, case.incident.timeline.intrusion_start
    if harm.total is None:
        return ("incident.harm.total", "required field is missing; give the total harm, or the "
                                       "heads of loss (incident.harm.heads) it is the sum of")
    for head in harm.heads:
        path = f"incident.harm.heads[{head.id}]"
        if head.regime is not None and head.kind not in ("regulatory_fine", UNKNOWN):
            return (f"{path}.regime", f"a regime is given for a {head.kind} head; expected a "
                                      f"regime only on a regulatory_fine head")
        if _known(head.accrued_at, start) and head.accrued_at < start:
            return (f"{path}.accrued_at", f"{head.accrued_at.isoformat()} precedes the intrusion "
                                          f"({start.isoformat()}); expected a loss after "
                                          f"intrusion_start")
    if not harm.heads:
        return None
    written = harm.model_fields_set
    if harm.accrual and not harm.accrual_from_heads and any(h.accrued_at is not UNKNOWN
                                                     for h in harm.heads):
        return ("incident.harm.accrual", "the heads of loss carry accrual dates; expected when "
                                         "each loss accrued recorded once, on its head "
                                         "(accrued_at), and accrual left out")
    for name, kinds in (("total", None), ("regulatory_fines", ("regulatory_fine",)),
                        ("response_costs", ("response_costs",))):
        value, expected = getattr(harm, name), sum_of(harm.heads, kinds)
        if name in written and _known(value, expected) and value != expected:
            what = "the heads of loss add up" if kinds is None else \
                f"the {kinds[0]} heads add up"
            hint = " (add an `other` head for losses not itemised)" if kinds is None else \
                " (leave it out to take the heads' sum)"
            return (f"incident.harm.{name}", f"{_amount(value)}, but {what} to "
                                             f"{_amount(expected)}; expected the sum of "
                                             f"incident.harm.heads{hint}")
    ransom = sum_of(harm.heads, ("ransom",))
    if "ransom_paid" in case.incident.model_fields_set and case.incident.ransom_paid is False \
            and _known(ransom) and ransom > 0:
        return ("incident.ransom_paid", f"false, but a ransom head of {_amount(ransom)} is "
                                        f"recorded; expected true, or no ransom head")
    return None


def _statements(case: Case) -> tuple[str, str] | None:
    speakers = {"provider", "client"} | {p.id for p in case.parties.non_parties}
    for s in case.incident.statements:
        path = f"incident.statements[{s.id}]"
        if _known(s.by) and s.by not in speakers:
            return (f"{path}.by", f"{s.by!r} is not a party of the case; expected provider, "
                                  f"client or a non-party id ({', '.join(sorted(speakers))})")
        for name, topic in CLAIM_TOPICS.items():
            if makes_claim(getattr(s, name)) and topic not in s.about:
                return (f"{path}.about", f"the statement records a {topic.replace('_', ' ')} "
                                         f"claim ({name}); expected {topic!r} in about, or "
                                         f"leave about out")
        for name in ("corrected_at", "relied_at"):
            when = getattr(s, name)
            if _known(when, s.at) and when < s.at:
                return (f"{path}.{name}", f"{when.isoformat()} is before the statement itself "
                                          f"({s.at.isoformat()}); expected a time after it")
        if _known(s.reliance_action) and s.relied_on is False:
            return (f"{path}.reliance_action", "a reliance action is recorded but relied_on is "
                                               "false; expected relied_on true, or no action")
    return None


def _concealment(case: Case) -> tuple[str, str] | None:
    for item in case.incident.concealment:
        path = f"incident.concealment[{item.id}]"
        if item.kind == "withheld":
            for name in ("at", "amount"):
                if getattr(item, name) not in (None, UNKNOWN):
                    return (f"{path}.{name}", f"{name} is for a payment or agreement with the "
                                              f"attacker; expected kind attacker_payment or "
                                              f"attacker_nda, or no {name}")
        if item.kind == "attacker_nda" and item.amount not in (None, UNKNOWN):
            return (f"{path}.amount", "an amount paid is kind attacker_payment; expected the "
                                      "payment as its own entry")
        if _known(item.disclosed_at, item.known_at) and item.disclosed_at < item.known_at:
            return (f"{path}.disclosed_at", f"{item.disclosed_at.isoformat()} is before the "
                                            f"party knew of the breach "
                                            f"({item.known_at.isoformat()}); expected a later "
                                            f"time, or never")
    return None


def _engagement(case: Case) -> tuple[str, str] | None:
    for item in case.contract.engagement:
        if _known(item.started, item.ended) and item.ended < item.started:
            return (f"contract.engagement[{item.id}].ended",
                    f"{item.ended.isoformat()} is before the engagement started "
                    f"({item.started.isoformat()}); expected a later time")
    return None


def _vector(case: Case) -> tuple[str, str] | None:
    vector = case.incident.vector
    if vector.target is not None and vector.type not in ("social_engineering", UNKNOWN):
        return ("incident.vector.target", f"a target is given for a {vector.type} vector; "
                                          f"expected one only when type is social_engineering")
    for kind in vector.also:
        if kind in (vector.type, "unknown"):
            what = "the type itself" if kind == vector.type else "not a kind"
            return ("incident.vector.also", f"{kind!r} is {what}; expected the other kinds the "
                                            f"same entry also was (e.g. zero_day for a "
                                            f"supply_chain type)")
    if vector.identity_verified is not None and vector.target != "service_desk":
        return ("incident.vector.identity_verified", "the service desk's check is recorded, but "
                                                     "the target is not service_desk; expected "
                                                     "target: service_desk, or no check")
    return None


def _acquisitions(case: Case) -> tuple[str, str] | None:
    for item in case.client_governance.acquisitions:
        if _known(item.acquired, item.connected) and item.connected < item.acquired:
            return (f"client_governance.acquisitions[{item.id}].connected",
                    f"{item.connected.isoformat()} is before the acquisition closed "
                    f"({item.acquired.isoformat()}); expected a later date, or never")
    return None
