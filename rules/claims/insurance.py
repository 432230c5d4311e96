"""Insurance beside the routes: whether the client's insurer, once it pays, can pursue the provider
in the client's name (subrogation), and whether the client's own missing controls put the cover at
risk. Neither changes what the provider owes the client; both change who ends up paying."""
from __future__ import annotations

from facts.formatting import yes_no
from rules.authorities import cite, contract_term, modelling_choice
from rules.base import Salience, fact, rule

CONTROL_WORDS = {"mfa_remote_access": "MFA on remote access", "mfa_privileged": "MFA on privileged "
                 "accounts", "edr": "endpoint detection", "monitoring_24x7": "24x7 monitoring",
                 "offline_backup": "offline backup", "patching": "patching"}


@rule("CLAIM-006", title="Insurance: subrogation waiver and conditions of cover", area="remedies",
      concludes="claims.subrogation_barred", party="provider", salience=Salience.AGGREGATE,
      phase="aggregate",
      authority=[contract_term("the waiver of subrogation"),
                 cite("us-ny-abacus-v-adt", note="claims against a second alarm company dismissed "
                                                 "under a waiver-of-subrogation clause"),
                 modelling_choice("a required control the insured lacked, or a breach it kept from "
                                  "its insurer, may put its cover at risk; whether it does turns "
                                  "on the policy's terms")],
      principle="An insurer that pays its insured steps into the insured's claims against the "
                "party that caused the loss, unless the contract waived subrogation; a control the "
                "policy required and the insured lacked may put the cover at risk.",
      narrative="The contract waives subrogation: {insurer}, having paid the client, cannot pursue "
                "the provider in the client's name.{cover}",
      narrative_not="No waiver of subrogation is shown: {insurer}, having paid the client, may "
                    "pursue the provider in the client's name for what it paid, on the routes "
                    "above and never beyond them.{cover}",
      needs={"waiver": fact("contract.liability.subrogation_waiver")})
def subrogation(c, waiver):
    insurer = c.get("insurance.insurer") or "the client's insurer"
    lacking = c.findings("governance.insurance_controls", party="client")
    required = c.known("insurance.required_controls") or []
    cover = ""
    if lacking:
        names = ", ".join(CONTROL_WORDS.get(r, r) for r in required) if isinstance(required, list) \
            else "its required controls"
        cover = (f" The policy made {names} conditions of cover and the client lacked one: the "
                 f"cover itself may be at risk under the policy's terms.")
    hidden = _kept_from_insurer(c)
    if hidden:
        cover += (f" The client kept the breach from {insurer} ({', '.join(hidden)}): a policy's "
                  f"notice and cooperation conditions may put the cover at risk, under the "
                  f"policy's terms.")
    text = (f"subrogation {'waived' if waiver else 'not waived'}"
            + ("; cover at risk" if lacking or hidden else ""))
    c.derive("derived.claims.insurance", {"subrogation_waived": bool(waiver),
                                          "cover_at_risk": bool(lacking or hidden),
                                          "concealed_from_insurer": hidden, "insurer": insurer,
                                          "text": text}, text)
    c.conclude(c.check("the contract waives subrogation", waiver is True, yes_no(waiver)),
               values={"insurer": insurer, "cover": cover})


def _kept_from_insurer(c) -> list[str]:
    """Ids of the client's established concealments whose concealed party was its insurer."""
    ids = []
    for element in ("concealment.withheld", "concealment.attacker_deal"):
        for f in c.findings(element, party="client"):
            item = c.item("incident.concealment", f["subject"])
            if item is not None and item.known("concealed_from") == "insurer":
                ids.append(f["subject"])
    return sorted(set(ids))
