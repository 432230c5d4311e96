"""Statutory notices, part 3: whether each notice the client and the provider owed was given in
time, one finding per regime and recipient and one for each party overall.

The rows come from rules/notice_duties.py, which reads each duty as the law stood at its trigger
and counts its deadline with the legal-time layer, whose arithmetic sentence every finding quotes.
Provider-to-client disclosure under the contract is in rules/disclosure.py.
"""
from __future__ import annotations

from rules.authorities import cite, governing_law
from rules.base import fact, rule
from facts.labels import label as fact_label
from rules.common import when
from rules.notice_clocks import client_triggers
from rules.notice_coverage import conclude_unassessed, unassessed_words, unprofiled
from rules.legal_time import load_profiles
from rules.notice_duties import assess_duties

DUTY_LATE = ("Under {regime} the {who}'s {what} came late or not at all. {sentences}")
DUTY_MET = ("Under {regime} the {who}'s {what} is not shown to be late. {sentences}")
DUTY_IF_LATE = ("Under {regime} the {who}'s {what} would have been late if the duty applied, but "
                "the record does not show that it applied. {sentences}")


def _conditional(row: dict) -> str:
    if not row.get("applies_if_words"):
        return row["sentence"]
    return f"applies only if it is shown that {row['applies_if_words']}; if it applies: " \
        f"{row['sentence']}"


def _sentences(rows: list[dict]) -> str:
    """The rows' sentences, each condition stated once: 'Applies only if it is shown that X. If
    it applies: A. B.'"""
    out, stated = [], None
    for row in rows:
        words = row.get("applies_if_words") or ""
        if words and words != stated:
            out.append(f"Applies only if it is shown that {words}. If it applies:")
        stated = words or None
        out.append(row["sentence"] + ".")
    return " ".join(out)


def standard_only(regimes: list, party: str) -> str:
    """' Owed by a standard, with no number of days (...): us-nj individuals, ...' or ''. These
    duties yield no lateness finding, so the summary is where a reader sees them."""
    profiles = load_profiles()
    found = [f"{entry['regime']} {duty_id}" for entry in regimes for duty_id in entry[party]
             if f"{party}:{duty_id}" not in entry["applies_if"]    # owed only if a fact is shown
             and all(v.deadline is None for v in profiles[entry["regime"]].versions(duty_id))]
    if not found:
        return ""
    return (f" Owed by a standard with no number of days (whether notice came in time is a "
            f"question of fact): {', '.join(found)}.")


def conclude_rows(c, party: str, rows: list[dict], standards: str = "") -> None:
    places = unprofiled(c)
    conclude_unassessed(c, party, places)
    groups: dict[tuple[str, str], list[dict]] = {}
    for row in rows:
        groups.setdefault((row["to"], row["regime"]), []).append(row)
    for (to, regime), items in sorted(groups.items()):
        late = [r for r in items if r["late"]]
        late_if = [r for r in items if r.get("late_if")]
        who = "client" if party == "client" else "provider"
        checks = [c.check(f"{r['regime']} {r['duty']} notice in time", not r["late"],
                          _conditional(r)) for r in items]
        checks += [c.unknown_check(f"the {regime} duty applies", fact_id)
                   for fact_id in dict.fromkeys(f for r in items for f in r.get("applies_if", ()))]
        checks += [c.unknown_check(f"the {regime} {r['duty']} clock can be started",
                                   r["unknown_trigger"]) for r in items if r.get("unknown_trigger")]
        template = DUTY_LATE if late else DUTY_IF_LATE if late_if else DUTY_MET
        c.conclude(*checks,
                   holds=bool(late), element=f"disclosure.{to}", subject=regime,
                   values={"regime": regime, "to": to.replace("_", " "),
                           "what": "assessment of whether the breach is notifiable"
                           if to == "assessment" else
                           "notice to the nationwide consumer reporting agencies"
                           if to == "consumer_reporting_agency" else
                           f"notice to {to.replace('_', ' ')}",
                           "sentences": _sentences(items),
                           "late": len(late), "status": ", ".join(sorted({r["status"]
                                                                          for r in items})),
                           "cites": "; ".join(sorted({c for r in items for c in r["cites"]})),
                           "applies_if": "; ".join(sorted({f for r in items
                                                           for f in r.get("applies_if", ())}))},
                   template=template.replace("{who}", who))
    late = [r for r in rows if r["late"]]
    fixed = [r for r in rows if r["fixed"] and r.get("applies") != "if"]
    c.conclude(*(c.check(f"{r['regime']} {r['duty']} in time", not r["late"], _conditional(r))
                 for r in rows) or (c.check("a fixed-deadline duty applies", False, "none"),),
               holds=bool(late),
               values={"count": len(fixed), "late": len(late),
                       "cites": "; ".join(sorted({c for r in rows for c in r["cites"]})),
                       "which": ", ".join(f"{r['regime']} {r['duty']}" for r in late),
                       "unassessed": standards + unassessed_words(places),
                       "all": ", ".join(f"{r['regime']} {r['duty']}" for r in fixed) or "none"})


@rule("NOTICE-003", title="Client's statutory notices given in time", area="disclosure",
      concludes="disclosure.statutory", party="client", burden="provider",
      authority=governing_law("notice deadlines of each applicable regime"),
      principle="Each notice law sets its own clock from its own trigger; a notice given after "
                "the deadline, or not at all, is late under that law whatever the reason. Why it "
                "was late (the provider's delay) is a separate question (NOTICE-005).",
      narrative="The client owed {count} notice(s) with a fixed deadline ({all}); {late} came "
                "late or not at all: {which}. Each is set out per regime and recipient."
                "{unassessed}",
      narrative_not="The client owed {count} notice(s) with a fixed deadline ({all}); none is "
                    "shown to be late.{unassessed}",
      needs={"regimes": fact("derived.applicable_regimes"),
             "aware": fact("derived.client_awareness")})
def client_notices(c, regimes, aware):
    rows = assess_duties(c, "client", regimes, client_triggers(c))
    c.derive("derived.client_notice_rows", [{k: (v.isoformat() if hasattr(v, "isoformat") else v)
                                              for k, v in r.items()} for r in rows],
             f"{len(rows)} client duties assessed")
    conclude_rows(c, "client", rows, standard_only(regimes, "client"))


@rule("NOTICE-004", title="Provider's own statutory notices given in time", area="disclosure",
      concludes="disclosure.statutory", party="provider",
      authority=[cite("us-hipaa-breach-rule", "164.410(b)"), cite("us-fl-501-171", "(6)"),
                  cite("eu-nis2", "Art. 23(4)(a)"), cite("eu-nis2", "Annex I"),
                  governing_law("notice deadlines of each applicable regime")],
      principle="A provider that is itself regulated (a HIPAA business associate, a NIS2 managed "
                "security service provider, a state-law third-party agent) owes notices of its "
                "own, on clocks that run from its own discovery.",
      narrative="The provider owed {count} statutory notice(s) of its own ({all}); {late} came "
                "late or not at all: {which}.{unassessed}",
      narrative_not="The provider owed {count} statutory notice(s) of its own ({all}); none is "
                    "shown to be late.{unassessed}",
      needs={"regimes": fact("derived.applicable_regimes"),
             "discovery": fact("incident.timeline.discovery")})
def provider_notices(c, regimes, discovery):
    detected = c.known("incident.timeline.provider_detection")
    told = c.known("incident.timeline.client_notified")
    if c.is_unknown(detected):
        fact_id = "incident.timeline.provider_detection"
        start, label, unknown = None, f"not shown: {fact_label(fact_id)} is unknown", fact_id
    else:
        start, unknown = detected or discovery, ""
        label = (f"the provider's detection at {when(detected)}" if detected else
                 f"discovery at {when(discovery)} (the provider is taken to have learned of the "
                 f"breach when it was found)")
    # The provider's notice to the client is the client_notified moment where the provider itself
    # found the breach; otherwise only recorded notices by the provider count.
    extra = [{"id": "timeline.client_notified", "by": "provider", "to": "client", "regime": None,
              "at": told}] if unknown == "" and detected is not None and told is not None \
        and not c.is_unknown(told) else []
    rows = assess_duties(c, "provider", regimes,
                         lambda duty, profile: (start, label, unknown), extra)
    conclude_rows(c, "provider", rows, standard_only(regimes, "provider"))
