"""The client's own audit findings (GOV-008): a condition the auditor found on a control the client
kept for itself, or on the client's part of a shared one, open when the intrusion began, and how it
bears on this incident (entry, spread or none), read from the control it sat in.
"""
from __future__ import annotations

from rules.authorities import cite, modelling_choice
from rules.base import each, fact, rule
from rules.common import audit_owner, dated, open_at, part_words, safeguard_link, shown


@rule("GOV-008", title="Audit finding against the client", area="governance",
      concludes="governance.audit", party="client",
      authority=[cite("nist-csf-2"), cite("cis-controls-v8"),
               modelling_choice("an audit finding against the client is evidence of a departure from "
                                "the standard for the controls it kept for itself")],
      principle="An organisation answers for the controls it kept for itself.",
      narrative="Audit finding {id} ({category}, {severity}) on the client's side{part}: "
                "{description} It was open when the intrusion began; causal link to this incident: {link}.",
      narrative_not="Audit finding {id} ({category}) was not open on the client's side when "
                    "the intrusion began.",
      needs={"item": each("audit.findings"), "start": fact("incident.timeline.intrusion_start")})
def client_audit_finding(c, item, start):
    parts = c.group("contract.shared_parts")
    if audit_owner(item, c.group("contract.responsibilities"), parts) not in ("client", "shared"):
        return   # the provider's control, or the provider's part of a shared one: BREACH-007
    existed, open_then = open_at(item, start)
    vector = c.get("incident.vector") or {}
    activity = c.get("incident.post_exploit_activity") or []
    link = _audit_link(item, vector, activity)
    c.conclude(c.check("the condition existed before the intrusion", existed, dated(item)),
               c.check("it was open when the intrusion began", open_then,
                       f"remediated {shown(item.known('remediated'))}"),
               subject=item["id"],
               values={"id": item["id"], "category": item["category"].replace("_", " "),
                       "part": part_words(parts, item.get("control_domain"), "client"),
                       "severity": item["severity"], "description": item["description"],
                       "link": link, "causal_link": link})


_DOMAIN_ENTRY = {"patching": ("known_cve",), "vulnerability_scanning": ("known_cve",),
                 "identity_access": ("stolen_credentials", "phishing", "insider"),
                 "mfa": ("stolen_credentials", "phishing"), "email_security": ("phishing",),
                 "security_awareness": ("phishing",),
                 "remote_access": ("stolen_credentials", "phishing"),
                 "vendor_access": ("stolen_credentials",),
                 "secrets_storage": ("stolen_credentials",),
                 "service_desk_verification": ("social_engineering",)}
_DOMAIN_SPREAD = {"endpoint_detection", "log_monitoring", "network_monitoring",
                  "incident_response", "identity_access", "asset_inventory", "backup",
                  "network_segmentation", "secrets_storage"}
# The control an audit category concerns, where the auditor named no control domain (categories
# with no single control, such as encryption or a procedure not followed, link to none).
CATEGORY_DOMAIN = {"segmentation": "network_segmentation", "credentials": "identity_access",
                   "access_control": "identity_access", "logging": "log_monitoring",
                   "backup": "backup"}


def _audit_link(item: dict, vector: dict, activity: list) -> str:
    """A client audit finding caused the entry if it sat in the control the vector beat, the
    spread if it sat in a control that would have limited or revealed the intrusion's growth."""
    domain = item.get("control_domain") or CATEGORY_DOMAIN.get(item.get("category"))
    return safeguard_link(domain, vector, activity, _DOMAIN_ENTRY, _DOMAIN_SPREAD,
                          patch_keys=("patching", "vulnerability_scanning"))
