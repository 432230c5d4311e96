"""What the governing fault regime says beyond the reduction or bar the recovery arithmetic
applies: whether liability is joint and several, whether the comparative-fault statute reaches
pure economic loss, and the exception a contributory-negligence state makes for gross or wilful
conduct. These are stated after the arithmetic and move no figure: the arithmetic gives the
provider's own part, and whether an exception is made out is a question of fact.
"""
from __future__ import annotations

from rules.authorities import citations_text
from rules.legal_time.fault_regimes import FaultRegime

LIABILITY = {
    "joint_and_several": "liability is joint and several: each liable defendant answers to the "
                         "client for the whole recoverable loss and seeks contribution from the "
                         "others",
    "several": "liability is several only: each defendant answers for its own share and no more",
    "joint_economic_only": "liability for economic loss is joint and several; for non-economic "
                           "loss a defendant answers only for its own share, within the limits "
                           "the statute sets",
    "mixed": "liability is joint for some losses or conduct and several for the rest",
}
ECONOMIC_LOSS = {
    "yes": "its comparative-fault statute reaches actions for pure economic loss",
    "no": "its comparative-fault statute does not reach pure economic loss, so the common law "
          "decides how the client's fault bears on this harm (the figures apply the statute's "
          "reduction as a modelling choice)",
    "unsettled": "whether its comparative-fault statute reaches pure economic loss is unsettled "
                 "(the figures apply it as though it does, a modelling choice)",
}
INTENTIONAL = {
    "compared": "the fault of an intentional wrongdoer such as the attacker is compared with the "
                "others'",
    "not_compared": "the fault of an intentional wrongdoer such as the attacker is not compared "
                    "with a negligent party's",
}
EXCEPTION = {"gross_negligence": "gross negligence", "wilful_wanton": "wilful or wanton conduct"}


def _cited(regime: FaultRegime, field: str, words: str) -> str:
    cites = citations_text(regime.field_citations.get(field) or ())
    return f"{words} ({cites})" if cites else f"{words} (not checked against an authority)"


def regime_terms(regime: FaultRegime, aggravated_shown: bool | None = None) -> list[str]:
    """One sentence per recorded term, in words, each with its authority or the mark that none
    supports it. `aggravated_shown`: whether the record shows an argument for the conduct the
    exception names (the provider's gross negligence), None where the question is not asked."""
    if regime.fallback_used:
        return []
    out = []
    if regime.liability == "joint_over_threshold":
        out.append(_cited(regime, "liability", f"Under {regime.name} law liability is joint and "
                                               f"several only for a defendant "
                                               f"{regime.joint_threshold}, and several otherwise"))
    elif regime.liability in LIABILITY:
        out.append(_cited(regime, "liability", f"Under {regime.name} law "
                                               f"{LIABILITY[regime.liability]}"))
    if regime.intentional_wrongdoers in INTENTIONAL:
        out.append(_cited(regime, "intentional_wrongdoers",
                          f"Under {regime.name} law {INTENTIONAL[regime.intentional_wrongdoers]}"))
    if regime.reaches_pure_economic_loss in ECONOMIC_LOSS:
        out.append(f"Under {regime.name} law "
                   f"{ECONOMIC_LOSS[regime.reaches_pure_economic_loss]}"
                   + (f"; {regime.note[0].lower()}{regime.note[1:]}" if regime.note else ""))
    if regime.kind == "pure_contributory" and regime.aggravated_exception in EXCEPTION:
        conduct = EXCEPTION[regime.aggravated_exception]
        shown = ("" if aggravated_shown is None else
                 "; the record makes an argument for it available" if aggravated_shown else
                 "; no argument for it is shown on this record")
        out.append(_cited(regime, "aggravated_exception",
                          f"{regime.name} keeps contributory negligence as a complete bar, but "
                          f"the client's ordinary negligence is no defence to the provider's "
                          f"{conduct}") + f"; whether the conduct was {conduct} is a question "
                   f"of fact and the figures apply the bar{shown}")
    return [s[0].upper() + s[1:] + "." for s in out]
