"""Statutory notices, part 4: whether the provider's late notice to the client caused the
client's late statutory notice.

Where the client's clock ran from the provider's own knowledge (imputed to it), the provider's
silence used up the client's time; where it ran from the client's awareness, the provider's delay
postponed the clock with it and the lateness is the client's own.
"""
from __future__ import annotations

from datetime import datetime

from rules.authorities import cite, modelling_choice
from rules.base import Salience, fact, rule
from rules.common import elapsed, when


@rule("NOTICE-005", title="Provider's late notice caused the client's late statutory notice",
      area="disclosure", concludes="disclosure.delay_caused", party="provider",
      salience=Salience.COMPOSITE, phase="aggregate",
      authority=[cite("us-hipaa-breach-rule", "164.404(a)(2)"),
                  modelling_choice("where the provider's silence uses up or postpones the client's "
                                   "clock, its delay can cause the client's late-notice exposure")],
      principle="The provider caused the client's lateness only if the client would have been on "
                "time had the provider told it on time: where the client's clock ran from the "
                "provider's own knowledge, the provider's silence used up the client's time; where "
                "it ran from the client's awareness, the delay postponed the clock with it and "
                "the lateness is the client's own.",
      narrative="The provider's late notice caused the client's late notice: {detail}.",
      narrative_not="The provider's notice did not cause a late statutory notice by the client: "
                    "{detail}.",
      needs={"aware": fact("derived.client_awareness")})
def delay_caused(c, aware):
    provider_late = c.findings("disclosure.client", party="provider")
    rows = [r for r in (c.get("derived.client_notice_rows") or []) if r["late"]]
    due = c.get("derived.provider_notice_deadline")
    caused, reasons, caused_regimes = [], [], []
    for r in rows:
        label = f"{r['regime']} {r['duty']}"
        if not r["imputed"]:
            reasons.append(f"{label}: the clock ran from the client's own awareness, so the "
                           f"provider's delay postponed it and the lateness is the client's")
            continue
        if not provider_late or due is None or not r.get("actual"):
            reasons.append(f"{label}: " + ("the provider told the client in time"
                                           if not provider_late else
                                           "the client never gave the notice"))
            continue
        actual = datetime.fromisoformat(r["actual"])
        deadline = datetime.fromisoformat(r["deadline"])
        reaction = elapsed(actual, aware)
        would = due + reaction
        if would <= deadline:
            caused_regimes.append(r["regime"])
            caused.append(f"{label}: told by the provider's deadline {when(due)} and taking the "
                          f"same {reaction} it actually took, the client would have given notice "
                          f"at {when(would)}, before the statutory deadline {when(deadline)}")
        else:
            reasons.append(f"{label}: even told on time ({when(due)}) and taking the same "
                           f"{reaction}, the client would have given notice at {when(would)}, "
                           f"after the deadline {when(deadline)}")
    c.conclude(c.check("the provider notified the client late", bool(provider_late),
                       "disclosure.client.provider holds" if provider_late else "on time or "
                       "not established"),
               c.check("the client gave a statutory notice late", bool(rows),
                       ", ".join(f"{r['regime']} {r['duty']}" for r in rows) or "none"),
               c.check("the client would have been on time had the provider been", bool(caused),
                       "; ".join(caused + reasons) or "nothing to compare"),
               values={"caused_regimes": ", ".join(sorted(set(caused_regimes))),
                       "detail": "; ".join(caused) if caused else
                       "; ".join(reasons) or ("the client gave no statutory notice late"
                                              if provider_late else
                                              "the provider told the client in time, or its "
                                              "lateness is not established")})
