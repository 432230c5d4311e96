"""Questions for discussion in the student walkthrough, drawn from the outcome: each is attached
to one element and to how that element came out on this case (held, did not hold on the rule's
own test, or was not established on the record), and is asked only when it came out that way.
Its premise is the result's own sentence for that element; where a sensitivity run is part of
the result, the question adds the single change of a fact that would have reversed it.

A question states no fact beyond what its element's outcome means (docs/elements.md gives the
meaning of each); tests/reports/test_questions.py checks every question asked on every bundled
example and scenario against the result it was asked about.
"""
from __future__ import annotations

from dataclasses import dataclass

HOLDS, FAILS, NOT_SHOWN = "holds", "does not hold", "not established"


@dataclass(frozen=True)
class Question:
    element: str     # the element it is about ('breach.triage'), any party and subject
    when: str        # HOLDS, FAILS (its own rule decided it does not hold) or NOT_SHOWN
    text: str        # the question; its premise is only what `when` means for the element


QUESTIONS: tuple[Question, ...] = (
    Question("duty.monitoring", HOLDS,
             "The provider's duty here is read from what the contract gave it to operate. "
             "Should a monitoring provider owe a duty of care beyond the functions the contract "
             "lists, and on what principle?"),
    Question("duty.failed_control", HOLDS,
             "The control the attacker got past first was one the provider operated or shared. "
             "Does that make the provider's failure a cause of the entry, or only a failure to "
             "stop what followed?"),
    Question("duty.failed_control", FAILS,
             "The attacker's first step did not pass through a control the provider operated. "
             "Why might the provider still answer for what happened afterwards?"),
    Question("duty.control_level", HOLDS,
             "The contract's level of control sets the weight of the provider's failures here. "
             "Is control the right measure of responsibility?"),
    Question("duty.scope_disputed", HOLDS,
             "What the provider was hired to do is a question of fact on this record. Who bears "
             "the burden of proving the scope, and why?"),
    Question("duty.scope_defence", HOLDS,
             "A compromised asset lay outside the contract's coverage, so a scope defence is "
             "available. When should a scope exclusion protect a provider, and when does its "
             "duty follow the intrusion into systems it did not watch?"),
    Question("breach.triage", HOLDS,
             "An alert related to the intrusion was not triaged within its window. What does a "
             "contractual service level add to, or take away from, the reasonable-provider "
             "standard?"),
    Question("breach.triage", FAILS,
             "No alert related to the intrusion is shown to have missed its triage window. Can "
             "a provider that met its service levels still fall below the standard of care?"),
    Question("breach.detection", HOLDS,
             "Detection came after the contract's window, or never. How should a court treat a "
             "failure that is an absence of action rather than a wrong action?"),
    Question("breach.escalation", HOLDS,
             "An alert related to the intrusion was not escalated to the client within the "
             "window. Is escalation a duty separate from triage, or part of the same one?"),
    Question("breach.monitoring_outage", HOLDS,
             "A monitoring outage overlapped the intrusion and was not promptly disclosed. Why "
             "does telling the client, or not, change the weight of an outage?"),
    Question("breach.systemic", HOLDS,
             "Several kinds of failure, or repeated failures known and left open, are "
             "established against the provider. Should a pattern "
             "of failure weigh more than the sum of its failures, or only make each more likely?"),
    Question("breach.gross_negligence_available", HOLDS,
             "A gross-negligence argument is available on these facts but not established. What "
             "would move it from available to established, and what would that do to the cap?"),
    Question("breach.misrepresentation", HOLDS,
             "A statement by the provider claimed containment or a narrower scope and was untrue "
             "when made. Is this a breach of contract, a tort, or both, and does the answer "
             "change the remedy?"),
    Question("care.post_incident", HOLDS,
             "The provider's conduct after the incident is credited here. Should conduct after "
             "the harm bear on a share of fault for the harm itself?"),
    Question("care.warnings", HOLDS,
             "The provider warned the client in writing, before the intrusion, about the "
             "weakness the attacker used or the path it spread by. Does a warning discharge a "
             "duty of care, or only shift part of the responsibility?"),
    Question("causation.in_fact", HOLDS,
             "The but-for test here asks when a provider meeting the standard would have "
             "contained the intrusion. How certain must that counterfactual be, and who must "
             "prove it?"),
    Question("causation.in_fact", FAILS,
             "The provider is not shown to have caused any of the harm by a failure of its own. "
             "When a party's conduct made no difference to the outcome, why does the law not "
             "hold it liable?"),
    Question("causation.in_fact", NOT_SHOWN,
             "Causation in fact is not established on this record. What evidence would show "
             "that the harm, or part of it, would not have happened?"),
    Question("causation.exploit_foreseeable", FAILS,
             "The way in is not shown to have been known or knowable when the attacker used it. "
             "Is missing such an entry a question of breach (what a reasonable provider could "
             "detect) or of causation?"),
    Question("causation.proximate", HOLDS,
             "The attacker's crime is not treated as a superseding cause. Why not, when the "
             "provider was hired to guard against that kind of attack?"),
    Question("causation.third_party_discovery", HOLDS,
             "Someone other than the provider and the client discovered the breach. What "
             "inference may a fact-finder draw from that, and how strong is it?"),
    Question("governance.mfa", HOLDS,
             "Multi-factor authentication was missing on access the client was responsible for. "
             "Should that reduce the client's recovery even if the provider should have caught "
             "the intrusion?"),
    Question("governance.segmentation", HOLDS,
             "The client's network was not segmented and the intrusion spread. How should a "
             "failure that increased the harm, but did not cause the entry, be weighed?"),
    Question("governance.recommendation", HOLDS,
             "The client declined a written recommendation from the provider, or left it "
             "unanswered beyond a reasonable time. When does that shift fault to the client?"),
    Question("governance.credentials", HOLDS,
             "The client kept shared or stale accounts. Is credential hygiene a shared "
             "responsibility in a managed service?"),
    Question("causation.concurrent", HOLDS,
             "A failure of the client's is a concurrent cause of the entry or the spread. Under "
             "the governing law, does that reduce the client's recovery, bar it, or neither?"),
    Question("disclosure.statutory.client", HOLDS,
             "At least one of the client's statutory notices was late or missing. Should the "
             "provider bear part of that exposure if its own delay caused the lateness?"),
    Question("disclosure.delay_caused", HOLDS,
             "The provider's late notice to the client caused the client's late statutory "
             "notice. Should the late-notice exposure follow the delay, and on what basis?"),
    Question("disclosure.client", HOLDS,
             "The provider told the client after the window for doing so (the contract's, or "
             "a default one). What should a "
             "provider's notice to its client contain, and when does silence become a breach?"),
    Question("allocation.fault_established", HOLDS,
             "The shares here are a weighing over disclosed weights. What are the strengths and "
             "dangers of expressing comparative fault as numbers?"),
    Question("allocation.fault_established", FAILS,
             "No causally relevant fault of either party is established, so no share is "
             "allocated. What must be shown, beyond a failure, before a share of fault is "
             "allocated?"),
    Question("exposure.contract", HOLDS,
             "Contract, negligence and late-notice exposure are alternative routes to one loss. "
             "Why do they stay apart, and what decides which route a claimant would take?"),
)


def outcome(finding: dict) -> str:
    """How a finding came out: held, did not hold on its own rule's test, or not established
    (no rule could decide it on this record)."""
    if finding["holds"]:
        return HOLDS
    return NOT_SHOWN if finding["rule"] == "PROOF-001" else FAILS


def matches(question: Question, finding: dict) -> bool:
    element = question.element
    key = f"{finding['element']}.{finding['party']}"
    return (finding["element"] == element or key == element) and outcome(finding) == question.when


def questions_for(result: dict) -> list[dict]:
    """The questions the outcome calls for, each with the finding it is attached to (the first
    finding, by id, that came out as the question needs), the result's sentence for it and,
    where a sensitivity run is part of the result, the changes that would reverse it."""
    findings = sorted(result["findings"], key=lambda f: f["id"])
    reversals = result.get("reversals") or {}
    out = []
    for q in QUESTIONS:
        f = next((f for f in findings if matches(q, f)), None)
        if f is None:
            continue
        out.append({"element": q.element, "when": q.when, "text": q.text, "finding": f["id"],
                    "summary": f["summary"], "reversed_by": list(reversals.get(f["id"], []))})
    return out
