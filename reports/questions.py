"""Questions for discussion in the student walkthrough: fixed teaching text, chosen by the legal
elements the result evaluated. Nothing here depends on how an element came out."""
from __future__ import annotations

QUESTIONS: list[tuple[str, str]] = [
    ("duty.monitoring", "The provider's duty is read from the contract's scope. Should a monitoring "
     "provider owe a duty of care beyond what the contract lists, and on what principle?"),
    ("duty.failed_control", "The control that failed first belonged to the client. Why does that "
     "not end the provider's responsibility for what happened afterwards?"),
    ("duty.control_level", "A fully managed service weighs the provider's failures more heavily "
     "than a co-managed one. Is control the right measure of responsibility?"),
    ("duty.scope_disputed", "When the parties dispute what was in scope, who bears the burden of "
     "proving the scope, and why?"),
    ("breach.triage", "Service-level windows turn a standard of care into a stopwatch. What does a "
     "contractual SLA add to, or take away from, the reasonable-provider standard?"),
    ("breach.detection", "Detection never happened here, or happened late. How should a court treat "
     "a failure that is an absence of action rather than a wrong action?"),
    ("breach.escalation", "An alert was acknowledged but not escalated. Is escalation a separate "
     "duty from triage, or part of the same one?"),
    ("breach.monitoring_outage", "The provider knew a sensor was down. Why does knowledge change the "
     "weight of a monitoring outage?"),
    ("breach.systemic", "Several failures in different categories are treated as systemic. Should "
     "systemic failure increase a party's share, or only the likelihood of each failure?"),
    ("breach.gross_negligence_available", "Gross negligence can lift a liability cap. What facts "
     "would move this from an available argument to an established one?"),
    ("breach.misrepresentation", "A statement that the incident was contained proved untrue. Is "
     "this a breach of contract, a tort, or both, and does the answer change the remedy?"),
    ("causation.in_fact", "The but-for test here asks when the intrusion would have been contained. "
     "How certain must that counterfactual be, and who must prove it?"),
    ("causation.proximate", "The attacker was a criminal. Why is a criminal attack not a superseding "
     "cause when the defendant was hired to guard against it?"),
    ("causation.third_party_discovery", "A third party discovered the breach. What inference may a "
     "fact-finder draw from that, and how strong is it?"),
    ("governance.mfa", "Multi-factor authentication was the client's control. Should the client's "
     "failure reduce its recovery even if the provider should have caught the intrusion?"),
    ("governance.segmentation", "Flat networks let attacks spread. How should a failure that "
     "increased the harm, but did not cause the entry, be weighed?"),
    ("governance.recommendation", "A provider's recommendation was declined. When does a declined "
     "recommendation shift fault to the client?"),
    ("governance.credentials", "Stolen credentials were the entry point. Is credential hygiene a "
     "shared responsibility in a managed service?"),
    ("mitigation", "The provider's conduct after the incident is credited. Should conduct after the "
     "harm reduce a share of fault for the harm itself?"),
    ("disclosure", "Notification deadlines differ by jurisdiction. Should a provider bear part of a "
     "client's late-notice exposure if its own delay caused the lateness?"),
    ("allocation", "The allocation is arithmetic over disclosed weights. What are the strengths and "
     "dangers of expressing comparative fault as numbers?"),
    ("exposure", "Contract and negligence give different figures for the same harm. Why do the "
     "routes stay apart, and which would a claimant choose?"),
]


def questions_for(elements: set[str]) -> list[str]:
    """The questions whose element (or area) the result evaluated, in a fixed order."""
    chosen = []
    for key, text in QUESTIONS:
        if any(e == key or e.startswith(key + ".") for e in elements):
            chosen.append(text)
    return chosen
