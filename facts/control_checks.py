"""Cross-field contradictions in the control and audit facts of case format v2, each an input error
naming its field: parts of a shared domain for a domain the matrix does not share, and audit
findings whose dates of existence, knowledge and observation cannot all be true."""
from __future__ import annotations

from facts.model import Case
from facts.unknown import UNKNOWN


def _known(*values) -> bool:
    return all(v is not None and v is not UNKNOWN for v in values)


def check_controls(case: Case) -> tuple[str, str] | None:
    """(field path, message) for the first contradiction found, else None."""
    return _shared_parts(case) or _audit_dates(case)


def _shared_parts(case: Case) -> tuple[str, str] | None:
    matrix = case.contract.responsibilities
    for domain in sorted(case.contract.shared_parts):
        owner = matrix.get(domain)
        if owner is UNKNOWN or owner == "shared":
            continue
        says = f"gives {domain} to the {owner}" if owner else f"does not name {domain}"
        return (f"contract.shared_parts.{domain}",
                f"the responsibility matrix {says}; expected parts only for a domain it gives as "
                f"shared (contract.responsibilities.{domain}: shared)")
    return None


def _audit_dates(case: Case) -> tuple[str, str] | None:
    start = case.incident.timeline.intrusion_start
    for item in case.audit.findings:
        path = f"audit.findings[{item.id}]"
        since = item.existed_since
        for name in ("known_since", "first_observed"):
            when = getattr(item, name)
            if _known(when, since) and when < since:
                return (f"{path}.{name}", f"{when.isoformat()} is before the condition existed "
                                          f"(existed_since {since.isoformat()}); expected a date "
                                          f"on or after it")
        if _known(item.known_since, start) and item.known_before_incident is not UNKNOWN and \
                "known_before_incident" in item.model_fields_set:
            known = item.known_since <= start.date()
            if known != item.known_before_incident:
                return (f"{path}.known_before_incident",
                        f"{str(item.known_before_incident).lower()}, but known_since "
                        f"{item.known_since.isoformat()} is {'before' if known else 'after'} the "
                        f"intrusion ({start.date().isoformat()}); expected "
                        f"{str(known).lower()}, or leave it out")
    return None
