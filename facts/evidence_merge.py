"""Evidence files → facts in the case: alerts and silent periods land where the case keeps alerts
and outages; aggregates land under `evidence.*` with their provenance.

Where the case file and the evidence describe the same alert (same asset, within a minute) or the
same outage (same source, overlapping), and disagree, the evidence drives the rules unless the
evidence entry says `prefer: case`. Either way the disagreement is recorded with both values, so
the report can show it.
"""
from __future__ import annotations

import copy
import re
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

from pydantic import ValidationError

from facts.errors import FaultlineInputError
from facts.inputs import confined, regular_file_size, sha256_input
from facts.loader import LoadedCase, describe_error
from facts.model import Case
from facts.timeline_checks import check_timeline
from facts.types import parse_timestamp
from facts.unknown import UNKNOWN
from facts.vocabulary import SEVERITIES

SAME_ALERT = timedelta(minutes=1)
ALERT_FIELDS = ("severity", "acknowledged_at", "escalated_at")
OUTAGE_FIELDS = ("start", "end")


def attach_evidence(loaded: LoadedCase, base: Path) -> LoadedCase:
    """Read the case's evidence files (paths relative to `base`) and merge what they show."""
    case, plain = loaded.case, copy.deepcopy(loaded.plain)
    zone = plain.get("timezone")
    incident = plain.setdefault("incident", {})
    report: dict[str, dict] = {}
    for index, ref in enumerate(case.evidence):
        where = f"evidence[{ref.id}]"
        path = confined(base, ref.path, "evidence file", file=loaded.path, field=f"{where}.path")
        mapping = confined(base, ref.mapping, "mapping file", file=loaded.path,
                           field=f"{where}.mapping") if ref.mapping else None
        try:
            regular_file_size(path, "evidence file")
            if mapping:
                regular_file_size(mapping, "mapping file")
            summary = _summarize(
                str(path), ref.kind, mapping=str(mapping) if mapping else None,
                timezone=ref.timezone or zone, sla=_triage_windows(case),
                affected_assets=_assets(case),
                intrusion_window=_window(case),
                silence_threshold=ref.silence_threshold.as_timedelta() if ref.silence_threshold
                else None, id_prefix=f"EV-{ref.id}" if _shared_kind(case, ref) else "EV")
            digest = _digest(path)
            mapping_digest = _digest(mapping, "mapping file") if mapping else None
        except FaultlineInputError as exc:
            # Name the case file and its field: the user edits the case, and the message must
            # say which of its evidence entries points at the file in trouble.
            is_mapping = mapping is not None and exc.file == str(mapping)
            shown = ref.mapping if is_mapping else ref.path
            inner = f"{exc.field}: " if exc.field else ""
            raise FaultlineInputError(loaded.path, f"{where}.{'mapping' if is_mapping else 'path'}",
                                      f"{shown}: {inner}{exc.message}") from None
        items = summary.to_case_items()
        conflicts = _merge(incident, "alerts", items.get("incident.alerts", []), _same_alert,
                           ALERT_FIELDS, ref.prefer, zone)
        conflicts += _merge(incident, "outages", items.get("incident.outages", []), _same_outage,
                            OUTAGE_FIELDS, ref.prefer, zone)
        plain["evidence"][index]["derived"] = {
            d.id: {"value": d.value, "text": d.text, "provenance": d.provenance}
            for d in summary.derived}
        report[ref.id] = {"file": ref.path, "kind": ref.kind, "sha256": digest,
                          **({"mapping": ref.mapping, "mapping_sha256": mapping_digest}
                             if mapping else {}),
                          "rows": summary.rows, "unusable_rows": summary.unusable_rows,
                          "notes": list(summary.notes), "conflicts": conflicts,
                          "items": sorted(i["id"] for v in items.values() for i in v)}
    try:
        merged = Case.model_validate(plain, context={"timezone": zone})
    except ValidationError as exc:
        field, message = describe_error(exc.errors()[0], plain)
        raise FaultlineInputError(loaded.path, field, f"after merging evidence: {message}") \
            from None
    problem = check_timeline(merged)
    if problem:
        raise FaultlineInputError(loaded.path, problem[0], f"after merging evidence: {problem[1]}")
    return replace(loaded, case=merged, plain=plain, evidence=report)


# A what-if or a sweep of disputed versions attaches the same files again, mostly with the same
# case fields; one process reads and digests each file once per distinct set of arguments.
_SUMMARIES: dict[tuple, object] = {}
_DIGESTS: dict[tuple, str] = {}


def _file_key(path: Path) -> tuple:
    stat = path.stat()
    return (str(path), stat.st_mtime_ns, stat.st_size)


def _summarize(path: str, kind: str, **options):
    from facts.evidence import summarize
    mapping = options.get("mapping")
    key = (_file_key(Path(path)), _file_key(Path(mapping)) if mapping else None, kind,
           repr(sorted(options.items())))
    if key not in _SUMMARIES:
        _SUMMARIES[key] = summarize(path, kind, **options)
    return _SUMMARIES[key]


def _digest(path: Path, what: str = "evidence file") -> str:
    key = _file_key(path)
    if key not in _DIGESTS:
        _DIGESTS[key] = sha256_input(path, what)
    return _DIGESTS[key]


def _shared_kind(case: Case, ref) -> bool:
    return sum(1 for other in case.evidence if other.kind == ref.kind) > 1


def _triage_windows(case: Case) -> dict | None:
    triage = case.contract.sla.triage
    windows = {sev: getattr(triage, sev) for sev in SEVERITIES}
    return {sev: w for sev, w in windows.items() if w is not None and w is not UNKNOWN} or None


def _window(case: Case):
    """The intrusion window an export's rows are judged in; None where the record does not
    establish its bounds."""
    timeline = case.incident.timeline
    start, end = timeline.intrusion_start, timeline.containment
    if not isinstance(end, datetime):
        end = timeline.discovery
    if not isinstance(start, datetime) or not isinstance(end, datetime):
        return None
    return (start, end)


def _assets(case: Case) -> list | None:
    assets = case.incident.affected_assets
    return list(assets) if isinstance(assets, list) and assets else None


def _merge(incident: dict, name: str, found: list[dict], same, fields: tuple, prefer: str,
           zone: str | None) -> list[dict]:
    items = incident.setdefault(name, [])
    conflicts = []
    for item in found:
        match = next((existing for existing in items if same(existing, item, zone)), None)
        if match is None:
            items.append(item)
            continue
        for key in fields:
            case_value, evidence_value = match.get(key), item.get(key)
            if case_value is UNKNOWN or (key not in match and key in item):
                match[key] = evidence_value   # the case does not know; the export does
                continue
            if _equal(case_value, evidence_value, zone):
                continue
            used = "case" if prefer == "case" else "evidence"
            conflicts.append({"item": f"incident.{name}[{match['id']}]", "field": key,
                              "case": case_value, "evidence": evidence_value,
                              "evidence_item": item["id"], "used": used})
            if used == "evidence":
                match[key] = evidence_value
    return conflicts


def _instant(value, zone):
    if value is None:
        return None
    return parse_timestamp(value, zone) if isinstance(value, str) else value


def _equal(a, b, zone) -> bool:
    try:
        return _instant(a, zone) == _instant(b, zone)
    except (ValueError, TypeError):
        return a == b


def _same_alert(case_item: dict, item: dict, zone) -> bool:
    if case_item.get("asset") != item.get("asset"):
        return False
    a, b = _instant(case_item.get("at"), zone), _instant(item.get("at"), zone)
    return a is not None and b is not None and abs(a - b) <= SAME_ALERT


def _tokens(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", str(text).lower()))


def _same_outage(case_item: dict, item: dict, zone) -> bool:
    shared = _tokens(case_item.get("source", "")) & _tokens(item.get("source", ""))
    if len(shared) < 2:
        return False
    start_a, start_b = _instant(case_item.get("start"), zone), _instant(item.get("start"), zone)
    end_a = _instant(case_item.get("end"), zone) or start_a + timedelta(days=3650)
    end_b = _instant(item.get("end"), zone) or start_b + timedelta(days=3650)
    return start_a < end_b and start_b < end_a
