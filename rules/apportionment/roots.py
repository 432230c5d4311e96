"""Root failures: what each fault finding is a finding *about*.

A failure is one piece of risk-creating conduct (Restatement (Third) of Torts: Apportionment of
Liability §8 compares conduct, not findings). Late detection, triage and escalation of one alert
are one lapse in handling that alert; the audit finding on a blind sensor and the outage record of
that sensor are one failure; a missing MFA control, the audit finding that it was missing and the
declined recommendation to add it are one failure. Each becomes one row. What the other findings
add (the failure was known and left open, a written warning was declined, it was concealed) raises
that row's culpability instead of adding rows.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from rules.apportionment.concealment_roots import add_concealment_roots
from rules.common import knew_before

# Provider findings and the root they belong to (a callable decides per finding where it varies).
PROVIDER_ELEMENTS = {
    "breach.monitoring_outage": "outage", "breach.staffing": "staffing",
    "breach.testing": "testing", "breach.containment": "containment",
    "breach.detection_content": "detection-content", "breach.patching": "patching",
    "breach.identity_control": "identity-control", "breach.misrepresentation": "statement",
    "disclosure.client": "notice-to-client", "breach.detection": "detection",
    "breach.detection_standard": "detection", "breach.triage": "alerts",
    "breach.escalation": "alerts", "breach.audit": "audit"}
CLIENT_ELEMENTS = {
    "governance.mfa": "mfa", "governance.patching": "patching",
    "governance.credentials": "credentials", "governance.segmentation": "segmentation",
    "governance.oversight": "oversight", "governance.vendor_access": "vendor-access",
    "governance.acquired_systems": "acquired-systems", "governance.response": "response",
    "governance.recommendation": "recommendation", "governance.audit": "audit"}
# What each root's weight is read from, by the element that names it.
WEIGHT_KEYS = {
    "concealment.withheld": "weights.concealment.withheld",
    "concealment.attacker_deal": "weights.concealment.withheld",
    "breach.detection": "weights.breach.detection", "breach.triage": "weights.breach.triage",
    "breach.escalation": "weights.breach.escalation",
    "breach.monitoring_outage": "weights.breach.monitoring_outage",
    "breach.audit": "weights.breach.audit", "breach.staffing": "weights.breach.staffing",
    "breach.testing": "weights.breach.testing",
    "breach.detection_standard": "weights.breach.detection_standard",
    "breach.containment": "weights.breach.containment",
    "breach.detection_content": "weights.breach.detection_content",
    "breach.patching": "weights.breach.patching",
    "breach.identity_control": "weights.breach.identity_control",
    "breach.misrepresentation": "weights.breach.misrepresentation",
    "disclosure.client": "weights.disclosure.client",
    "statement.false": "weights.breach.misrepresentation",
    "governance.mfa": "weights.governance.mfa", "governance.patching": "weights.governance.patching",
    "governance.recommendation": "weights.governance.recommendation",
    "governance.credentials": "weights.governance.credentials",
    "governance.segmentation": "weights.governance.segmentation",
    "governance.oversight": "weights.governance.oversight",
    "governance.audit": "weights.governance.audit",
    "governance.vendor_access": "weights.governance.vendor_access",
    "governance.acquired_systems": "weights.governance.acquired_systems",
    "governance.response": "weights.governance.response"}
# A provider audit finding's category names the failure it records.
PROVIDER_AUDIT_ROOT = {"monitoring_outage": "outage", "stale_detections": "detection-content",
                       "disabled_detections": "detection-content", "staffing": "staffing",
                       "missing_testing": "testing", "missing_validation": "testing",
                       "known_vulnerability": "patching"}
# A client audit finding's control domain names the control that failed.
CLIENT_DOMAIN_ROOT = {"patching": "patching", "vulnerability_scanning": "patching",
                      "mfa": "mfa", "backup": "backup", "network_security": "segmentation"}
MFA_WORDS = ("mfa", "multi-factor", "multifactor", "two-factor", "2fa", "password-only",
             "password only", "single-factor")
VENDOR_WORDS = ("vendor", "contractor", "third-party", "third party", "supplier")
# A recommendation's topic names the control it would have added.
TOPIC_ROOT = {"mfa_remote_access": "mfa", "mfa_privileged": "mfa", "patching": "patching",
              "segmentation": "segmentation", "credential_hygiene": "credentials",
              "backup": "backup"}
RECORDS = ("breach.audit", "governance.audit", "governance.recommendation",
           "disclosure.concealment", "statement.known_false", "statement.reliance")
LINK_ORDER = {"entry": 3, "spread": 2, "none": 1, "unknown": 0}
TITLES = {"staffing": "thin staffing of the monitoring service",
          "testing": "the contractual testing programme not kept up",
          "containment": "slow containment of the intrusion",
          "detection-content": "detection content not kept current",
          "patching": "the known vulnerability left unpatched",
          "identity-control": "the identity control the provider operated",
          "notice-to-client": "late notice of the breach to the client",
          "detection": "detection of the intrusion from its first indicator",
          "mfa": "the missing MFA", "credentials": "credential hygiene",
          "segmentation": "the flat network without least privilege",
          "oversight": "weak risk oversight", "vendor-access": "vendor accounts never reviewed",
          "acquired-systems": "acquired systems connected unassessed",
          "response": "no response to a timely escalation", "backup": "backups"}


@dataclass
class Root:
    id: str                      # "alert:AL-1012", "outage:O-1", "mfa"
    party: str
    title: str
    kind: str = ""               # set by windows.py: entry, spread, handling, ...
    findings: list = field(default_factory=list)   # ids of the findings that are this failure
    items: list = field(default_factory=list)      # case items they rest on
    elements: list = field(default_factory=list)
    weight_key: str = ""
    weight: Decimal = Decimal(0)
    link: str = ""               # client roots: entry, spread, none
    aggravations: dict = field(default_factory=dict)   # name -> what shows it
    care: list = field(default_factory=list)            # evidence-of-care finding ids
    parts: list = field(default_factory=list)           # [finding id, the item it rests on here]

    def add(self, finding: dict, item: str = "") -> None:
        # A finding about several alerts (late triage of two alerts) is split by alert: each
        # alert's part belongs to that alert's row.
        if [finding["id"], item] not in self.parts:
            self.parts.append([finding["id"], item])
        if finding["id"] not in self.findings:
            self.findings.append(finding["id"])
        if finding["element"] not in self.elements:
            self.elements.append(finding["element"])
        if item and item not in self.items:
            self.items.append(item)

    def aggravate(self, name: str, why: str) -> None:
        self.aggravations.setdefault(name, why)


def build_roots(c) -> list[Root]:
    """The root failures of both parties, each with the findings that describe it."""
    roots: dict[str, Root] = {}
    _provider_roots(c, roots)
    _client_roots(c, roots)
    add_concealment_roots(c, roots,
                          lambda key, party, title: _get(roots, key, party, title))
    for root in roots.values():
        # A record of the failure (an audit finding, a declined recommendation) weighs only where
        # it is the failure's sole description; otherwise it aggravates the row.
        primary = [e for e in root.elements if e not in RECORDS] or root.elements
        keys = [WEIGHT_KEYS[e] for e in primary if e in WEIGHT_KEYS]
        weights = [(Decimal(str(c.param(k))), k) for k in keys]
        root.weight, root.weight_key = max(weights, key=lambda w: (w[0], w[1]),
                                           default=(Decimal(0), ""))
    return [roots[k] for k in sorted(roots, key=lambda k: (roots[k].party, k))]


def _get(roots: dict, key: str, party: str, title: str) -> Root:
    if key not in roots:
        roots[key] = Root(id=key, party=party, title=title)
    return roots[key]


def _provider_roots(c, roots: dict) -> None:
    audits = []
    for f in c.findings(party="provider"):
        kind = PROVIDER_ELEMENTS.get(f["element"])
        if kind is None:
            continue
        v = f["values"]
        if kind == "audit":
            audits.append(f)
        elif kind == "alerts":
            ids = [i for i in str(v.get("late_ids") or "").split(", ") if i] or \
                ([v["first_id"]] if v.get("first_id") else [])
            for alert in ids:
                _alert_root(roots, alert).add(f, f"incident.alerts[{alert}]")
        elif kind == "detection":
            first = c.get("derived.first_related_alert")
            if first:
                _alert_root(roots, first["id"]).add(f, f"incident.alerts[{first['id']}]")
            else:
                _get(roots, "provider:detection", "provider", TITLES["detection"]).add(
                    f, "incident.timeline.first_indicator")
        elif kind == "outage":
            _outage_root(roots, f["subject"], v.get("source", "")).add(
                f, f"incident.outages[{f['subject']}]")
        elif kind == "statement":
            _get(roots, f"provider:statement:{f['subject']}", "provider",
                 f"the status statement {f['subject']}").add(
                f, f"incident.statements[{f['subject']}]")
        else:
            _get(roots, f"provider:{kind}", "provider", TITLES[kind]).add(f)
    for element in ("statement.false", "statement.known_false", "statement.reliance"):
        # The case format's statement findings describe the same statement: one row.
        for f in c.findings(element, party="provider"):
            root = _get(roots, f"provider:statement:{f['subject']}", "provider",
                        f"the status statement {f['subject']}")
            root.add(f, f"incident.statements[{f['subject']}]")
            if element == "statement.known_false":
                root.aggravate("known", f"{f['id']}: the provider knew it was false")
    for f in c.findings("disclosure.concealment", party="provider"):
        key = f"provider:outage:{f['subject']}"
        if key in roots:
            roots[key].add(f)
            roots[key].aggravate("concealed", f["id"])
    outages = {k: r for k, r in roots.items() if k.startswith("provider:outage:")}
    for f in audits:
        v = f["values"]
        category = str(v.get("category", "")).replace(" ", "_")
        kind = PROVIDER_AUDIT_ROOT.get(category)
        item = f"audit.findings[{v['id']}]"
        if kind == "outage":
            root = _matching_outage(outages, v.get("description", ""))
        else:
            root = _get(roots, f"provider:{kind}", "provider", TITLES[kind]) if kind else None
        if root is None:
            root = _get(roots, f"provider:audit:{v['id']}", "provider",
                        f"audit finding {v['id']} ({v.get('category')})")
        root.add(f, item)
        if v.get("known_before") is True:
            root.aggravate("known", f"{item}: known before the incident and left open")
        if v.get("deliberate") is True:
            root.aggravate("deliberate", f"{item}: detections disabled deliberately")


def _alert_root(roots: dict, alert: str) -> Root:
    return _get(roots, f"provider:alert:{alert}", "provider", f"the handling of alert {alert}")


def _outage_root(roots: dict, outage: str, source: str) -> Root:
    return _get(roots, f"provider:outage:{outage}", "provider",
                f"the outage {outage}" + (f" ({source})" if source else ""))


def _tokens(text: str) -> set[str]:
    """Asset-like tokens ('fs-02', 'vpn-gw-01'): words with a digit or a hyphen."""
    return {t for t in re.findall(r"[a-z0-9][a-z0-9._-]*", str(text).lower())
            if any(ch.isdigit() for ch in t) or "-" in t}


def _matching_outage(outages: dict, description: str) -> Root | None:
    """The outage an audit finding of a monitoring outage records: the one whose source names an
    asset the finding names, or the only outage established."""
    named = [r for r in outages.values() if _tokens(r.title) & _tokens(description)]
    if len(named) == 1:
        return named[0]
    return next(iter(outages.values())) if len(outages) == 1 and not named else None


def _client_roots(c, roots: dict) -> None:
    deferred = []
    for f in c.findings(party="client"):
        kind = CLIENT_ELEMENTS.get(f["element"])
        if kind is None:
            continue
        if kind in ("recommendation", "audit"):
            deferred.append((kind, f))
            continue
        root = _get(roots, f"client:{kind}", "client", TITLES[kind])
        root.add(f)
        _link(root, f["values"].get("causal_link"))
    for kind, f in deferred:
        v = f["values"]
        if kind == "recommendation":
            target = TOPIC_ROOT.get(v.get("topic", ""))
            item = f"recommendations[{v['id']}]"
            root = roots.get(f"client:{target}") if target else None
            if root is None:
                root = _get(roots, f"client:recommendation:{v['id']}", "client",
                            f"recommendation {v['id']} ({str(v.get('topic')).replace('_', ' ')}) "
                            f"{v.get('response')}")
            root.add(f, item)
            root.aggravate("warned_declined", f"{item}: a written recommendation "
                                              f"{v.get('response')} before the intrusion")
        else:
            item = f"audit.findings[{v['id']}]"
            root = roots.get(f"client:{_client_audit_target(c, v)}")
            if root is None:
                root = _get(roots, f"client:audit:{v['id']}", "client",
                            f"audit finding {v['id']} ({v.get('category')})")
            root.add(f, item)
            known = _audit_item_known(c, v["id"])
            if known:
                root.aggravate("known", f"{item}: known before the incident and left open")
        _link(root, v.get("causal_link"))


def _client_audit_target(c, v: dict) -> str:
    domain = _audit_domain(c, v["id"])
    text = str(v.get("description", "")).lower()
    if domain in ("identity_access", "mfa", None) and any(w in text for w in MFA_WORDS):
        return "mfa"
    if domain == "identity_access":
        return "vendor-access" if any(w in text for w in VENDOR_WORDS) else "credentials"
    if str(v.get("category", "")).replace(" ", "_") == "known_vulnerability":
        return "patching"
    return CLIENT_DOMAIN_ROOT.get(domain or "", "")


def _audit_item(c, audit_id: str):
    return c.item("audit.findings", audit_id)


def _audit_domain(c, audit_id: str) -> str | None:
    item = _audit_item(c, audit_id)
    return item.known("control_domain") if item is not None else None


def _audit_item_known(c, audit_id: str) -> bool:
    item = _audit_item(c, audit_id)
    if item is None:
        return False
    return knew_before(item, c.known("incident.timeline.intrusion_start"))[0] is True


def _link(root: Root, link) -> None:
    link = link if link in LINK_ORDER else "none"
    if not root.link or LINK_ORDER[link] > LINK_ORDER[root.link]:
        root.link = link
