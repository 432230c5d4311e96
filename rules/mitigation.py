"""Reasonable care shown and harm limited: testing, independent validation, warnings, candour,
post-incident conduct. Each established mitigation lowers the provider's share a little
(`mitigation.credit_each`, capped by `mitigation.credit_max`); none erases a breach."""
from __future__ import annotations

from datetime import timedelta

from rules.base import fact, rule


@rule("MIT-001", title="Independent validation of the monitoring stack", area="mitigation",
      concludes="mitigation.validation", party="provider",
      authority="Principle: periodic testing and independent validation of monitoring are "
                "evidence of reasonable care (DOMAIN.md §10); SOC 2 CC4.1 (ongoing and separate "
                "evaluations)",
      principle="A provider that had its detections tested by someone independent took the "
                "care a reasonable provider takes.",
      narrative="The monitoring stack was independently validated or tested in the year before "
                "the intrusion ({tests}).",
      narrative_not="No independent validation or test of the monitoring stack took place in "
                    "the year before the intrusion.",
      needs={"start": fact("incident.timeline.intrusion_start")})
def validation(c, start):
    since = (start - timedelta(days=365)).date()
    tests = [t for t in c.items("audit.tests")
             if t["by"] == "independent" and since <= t["date"] <= start.date()]
    c.conclude(c.check("an independent test in the year before", bool(tests),
                       ", ".join(f"{t['id']} {t['kind']} {t['date']}" for t in tests) or "none"),
               values={"tests": ", ".join(f"{t['kind'].replace('_', ' ')} {t['date']}"
                                          for t in tests)})


@rule("MIT-002", title="Prior written warnings to the client", area="mitigation",
      concludes="mitigation.warnings", party="provider",
      authority="Principle: prior written warnings about a weakness mitigate the provider's "
                "share (DOMAIN.md §5, §6)",
      principle="A provider that warned in writing of the weakness the attacker used did part of "
                "its duty even if the advice was refused.",
      narrative="The provider warned the client in writing before the intrusion ({recs}).",
      narrative_not="The provider gave no written warning before the intrusion that the client "
                    "left unheeded.",
      needs={"start": fact("incident.timeline.intrusion_start")})
def warnings(c, start):
    recs = [r for r in c.items("recommendations")
            if r["by"] == "provider" and r["in_writing"] and r["at"] <= start.date()
            and r["response"] in ("declined", "ignored", "pending")]
    c.conclude(c.check("a written recommendation preceded the intrusion", bool(recs),
                       ", ".join(r["id"] for r in recs) or "none"),
               values={"recs": ", ".join(f"{r['id']} on {r['at']}" for r in recs)})


@rule("MIT-003", title="Candour about monitoring gaps", area="mitigation",
      concludes="mitigation.candour", party="provider",
      authority="Principle: early candour about monitoring gaps and outages mitigates "
                "(DOMAIN.md §5)",
      principle="Telling the client about a gap lets the client protect itself; it counts in the "
                "provider's favour.",
      narrative="The provider was candid about its monitoring gaps ({detail}).",
      narrative_not="The provider did not disclose its monitoring gaps or outages to the client.",
      needs={"start": fact("incident.timeline.intrusion_start")})
def candour(c, start):
    statements = [s for s in c.items("incident.statements")
                  if s["by"] == "provider" and s["disclosed_monitoring_gaps"]]
    outages = [o for o in c.items("incident.outages") if o.get("disclosed_to_client")]
    detail = [f"statement {s['id']}" for s in statements] + \
        [f"outage {o['id']} disclosed" for o in outages]
    c.conclude(c.check("gaps or outages were disclosed to the client", bool(detail),
                       ", ".join(detail) or "none"),
               values={"detail": ", ".join(detail)})


@rule("MIT-004", title="Post-incident conduct", area="mitigation",
      concludes="mitigation.post_incident", party="provider",
      authority="Principle: fast containment, a remediation plan, cooperation with "
                "investigators, preserved logs and chain of custody lower a provider's share "
                "(DOMAIN.md §10); NIST CSF 2.0 RS.AN, RC.RP",
      principle="What a provider does after the breach is found shows whether it takes its duty "
                "seriously, and limits the harm.",
      narrative="After the incident the provider {did}.",
      narrative_not="After the incident the provider fell short: {missing}.",
      needs={"plan": fact("provider_conduct.post_incident.remediation_plan"),
             "coop": fact("provider_conduct.post_incident.cooperated_with_investigators"),
             "logs": fact("provider_conduct.post_incident.logs_preserved"),
             "custody": fact("provider_conduct.post_incident.chain_of_custody")})
def post_incident(c, plan, coop, logs, custody):
    parts = {"produced a remediation plan": plan, "cooperated with investigators": coop,
             "preserved logs": logs, "kept chain of custody": custody}
    checks = [c.check(name, ok, str(ok)) for name, ok in parts.items()]
    c.conclude(*checks, values={"did": ", ".join(n for n, ok in parts.items() if ok),
                                "missing": ", ".join(n.replace("produced", "no").replace(
                                    "cooperated", "did not cooperate") for n, ok in
                                    parts.items() if not ok)})
