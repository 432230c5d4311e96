"""Degree of negligence: systemic versus isolated, and when a gross-negligence argument is open.

Gross negligence is usually a question of fact; the rule base therefore says only that the argument
is *available* on the facts and lets exposure show the cap both applied and lifted.
"""
from __future__ import annotations

from rules.authorities import cite, modelling_choice
from rules.base import Salience, rule


@rule("DEGREE-001", title="Systemic rather than isolated negligence", area="breach",
      concludes="breach.systemic", party="provider", salience=Salience.COMPOSITE,
      phase="aggregate",
      authority=modelling_choice("several categories of failure, repeated findings, or failures known "
                                 "and left open show systemic negligence, which weighs more than an "
                                 "isolated lapse"),
      principle="One missed alert can be a lapse; many kinds of failure, repeated or known and "
                "left open, show a service that was not working. Late detection, triage and "
                "escalation of the same intrusion are one lapse in handling it, not three.",
      narrative="The provider's failures are systemic: {categories} distinct categories "
                "({names}), {repeated} repeated and {known} known before the incident.",
      narrative_not="The provider's failures look isolated: {categories} categor(ies) "
                    "({names}), none repeated and none known and left open.")
def systemic(c):
    failures = c.findings("breach", party="provider")
    categories = sorted({_category(f) for f in failures} - {None})
    audits = [f for f in failures if f["element"] == "breach.audit"]
    repeated = sum(1 for f in audits if f["values"].get("repeated") is True)
    known = sum(1 for f in audits if f["values"].get("known_before") is True)
    threshold = c.param("threshold.systemic_categories")
    c.conclude(
        c.check(f"at least {threshold} distinct categories of failure",
                len(categories) >= threshold, f"{len(categories)}: {', '.join(categories)}"),
        c.check("a failure was repeated", repeated > 0, f"{repeated} repeated"),
        c.check("a failure was known before the incident and left open", known > 0,
                f"{known} known"),
        holds=len(categories) >= threshold or (repeated > 0 and known > 0),
        values={"categories": len(categories), "names": ", ".join(categories) or "none",
                "repeated": repeated, "known": known})


# Missing one intrusion's alerts shows up as late detection, triage and escalation at once: one
# lapse in handling this incident, counted once. Composite and aggravating findings are no category.
_HANDLING = ("breach.detection", "breach.triage", "breach.escalation",
             "breach.detection_standard", "breach.containment")
_NOT_CATEGORIES = ("breach.misrepresentation", "breach.systemic",
                   "breach.gross_negligence_available")
_ELEMENT_CATEGORY = {"breach.monitoring_outage": "monitoring outage",
                     "breach.staffing": "staffing", "breach.testing": "missing testing",
                     "breach.patching": "known vulnerability", "breach.identity_control":
                     "identity control", "breach.detection_content": "stale detections"}


def _category(f: dict) -> str | None:
    element = f["element"]
    if element in _NOT_CATEGORIES:
        return None
    if element in _HANDLING:
        return "handling of this incident"
    if element == "breach.audit":
        return f["values"].get("category")
    return _ELEMENT_CATEGORY.get(element, element.split(".", 1)[1].replace("_", " "))


@rule("DEGREE-002", title="Gross-negligence argument available", area="breach",
      concludes="breach.gross_negligence_available", party="provider",
      salience=Salience.COMPOSITE, phase="aggregate",
      authority=[cite("us-ny-abacus-v-adt"), cite("us-ny-sommer-v-federal-signal"),
                  cite("us-ny-kalisch-jarcho")],
      principle="A monitor that knew of a persistent, serious failure and neither fixed it nor "
                "told the customer may be grossly negligent (reckless disregard); whether it was "
                "is a question of fact, so the argument is flagged as available rather than "
                "decided. A known minor deficiency is ordinary negligence at most.",
      narrative="The standard for gross negligence is reckless disregard of the client's rights "
                "(in New York, conduct that smacks of intentional wrongdoing). An argument is "
                "available: the provider knew of {what}, left it open, and did not tell the "
                "client. Whether the conduct rises to gross negligence is a question of fact.",
      narrative_not="No gross-negligence argument is available on these facts: {why_not}.")
def gross_negligence(c):
    serious = c.param("threshold.gross_negligence_severities")
    candidates, minor = [], []
    for f in c.findings("breach.audit", party="provider"):
        v = f["values"]
        # Knowledge and silence must both be shown; unknown is neither.
        if v.get("known_before") is True and v.get("reported_before") is False:
            label = f"audit finding {v['id']} ({v['category']}, {v['severity']})"
            (candidates if v.get("severity") in serious else minor).append(label)
    for f in c.findings("breach.monitoring_outage", party="provider"):
        if f["values"].get("known_to_provider") is True and f["values"].get("candid") is False:
            candidates.append(f"the {f['values']['source']} outage")
    c.conclude(c.check("a serious failure was known to the provider, left open and not disclosed",
                       bool(candidates), "; ".join(candidates) or "none found"),
               c.check("known minor findings alone do not suffice", True,
                       "; ".join(minor) or "none"),
               holds=bool(candidates),
               values={"what": "; ".join(candidates),
                       "why_not": "no serious failure was both known to the provider and "
                                  "concealed from the client" + (
                                      f" (known but minor: {'; '.join(minor)})" if minor else "")})
