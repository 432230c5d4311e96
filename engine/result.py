"""The run's record → the JSON result of CONVENTIONS.md (case, facts, findings, allocation,
exposure, trace, stamps)."""
from __future__ import annotations

import hashlib
from functools import lru_cache
from typing import Any

from engine.canonical import dumps, plain
from engine.runner import Run
from facts.flatten import unknown_facts
from facts.loader import LoadedCase
from rules.authorities import parse_data_cite
from rules.catalogue import all_rules
from rules.legal_time import regime_for
from rules.parameters import Parameters
from rules.version import FAULTLINE_VERSION, rulebase_version



def _place_name(jurisdiction: str) -> str | None:
    """The governing law's place in words ('New York' for US-NY), from the fault-regime table;
    None where the table does not know the place (a report then prints the code alone)."""
    regime = regime_for(jurisdiction)
    return None if regime.fallback_used else regime.name


def input_sha256(loaded: LoadedCase, params: Parameters, extra: dict | None = None) -> str:
    """Hash of the fully resolved input: the case as run, the dispute choices, the parameters."""
    payload = {"case": loaded.raw, "choice": loaded.choice, "parameters": params.as_dict(),
               **(extra or {})}
    return hashlib.sha256(dumps(payload, indent=None).encode()).hexdigest()


def _evidence_digest(entry: dict):
    # A mapping file changes what the evidence says (which column is the time, what 'high'
    # means), so its content is part of the input; a file read without one keeps its old stamp.
    if entry.get("mapping_sha256"):
        return {"file": entry["sha256"], "mapping": entry["mapping_sha256"]}
    return entry["sha256"]


CLOSING_RULE = "PROOF-001"


@lru_cache(maxsize=1)
def _specs() -> tuple[dict, dict]:
    specs = {s.id: s for s in all_rules()}
    # An element closed for want of a premise keeps the burden of the rule that decides it.
    deciders: dict[tuple[str, str], object] = {}
    for spec in specs.values():
        if spec.id != CLOSING_RULE:
            deciders.setdefault((spec.concludes, spec.party), spec)
    return specs, deciders


def merge_findings(run: Run, authorities: bool = True) -> list[dict]:
    """One finding per id: holds if any rule concluded it holds; `rule` is the first such rule.
    A sweep, which compares verdicts and values only, skips resolving the authorities."""
    specs, deciders = _specs()
    cite = _authorities if authorities else (lambda spec, values: [])
    merged: dict[str, dict] = {}
    for f in run.findings:
        current = merged.get(f["id"])
        if current is None:
            spec = specs[f["rule"]]
            if spec.id == CLOSING_RULE:
                spec = deciders.get((f["element"], f["party"]), spec)
            merged[f["id"]] = current = {
                "id": f["id"], "element": f["element"], "party": f["party"],
                "subject": f["subject"], "holds": f["holds"], "rule": f["rule"],
                "rules": [], "summary": f["summary"], "checks": f["checks"],
                "values": f["values"], "premises": f["premises"], "step": f["step"],
                "unknowns": f.get("unknowns", []),
                "burden": spec.burden, "standard_of_proof": spec.standard,
                "authority": spec.authority if authorities else "",
                "authorities": cite(spec, f["values"])}
        elif f["holds"] and not current["holds"]:
            current.update(holds=True, rule=f["rule"], summary=f["summary"], checks=f["checks"],
                           values=f["values"], premises=f["premises"], step=f["step"],
                           unknowns=[],
                           authorities=cite(specs[f["rule"]], f["values"]))
        elif not f["holds"] and not current["holds"] and f["rule"] not in current["rules"]:
            # Each rule is one way the element could hold; "why not" must answer for every way
            # tried (a statement that claimed neither an untrue containment nor a narrower
            # scope), not only for the rule that happened to conclude first.
            if f["summary"] not in current["summary"]:
                current["summary"] = f"{current['summary']} {f['summary']}"
            current["checks"] = current["checks"] + [
                check for check in f["checks"] if check not in current["checks"]]
            current["unknowns"] = current["unknowns"] + [
                u for u in f.get("unknowns", []) if u not in current["unknowns"]]
        if f["rule"] not in current["rules"]:
            current["rules"].append(f["rule"])
    for f in merged.values():
        f["rules"] = sorted(f["rules"])
    return [merged[k] for k in sorted(merged)]


def _authorities(spec, values: dict) -> list[dict]:
    """The rule's own authorities, then the provisions of the governing law the finding applied
    (its `cites` value, data cites joined by '; ': a notice duty's statute, a fault regime's),
    each resolved from the table."""
    own = spec.resolved_authorities()
    applied = [parse_data_cite(text).resolved()
               for text in (values.get("cites") or "").split("; ") if text]
    seen, out = set(), []
    for entry in (*own, *applied):
        marker = (entry.get("key"), entry.get("pinpoint"), entry.get("text"))
        if marker not in seen:
            seen.add(marker)
            out.append(entry)
    return out


def table_of_authorities(findings: list[dict]) -> dict[str, dict]:
    """Every entry of the table of authorities a finding of this run cites, by key: the full
    citation, its verification, and which pinpoints the run cites for which findings."""
    table: dict[str, dict] = {}
    for finding in findings:
        for entry in finding.get("authorities", ()):
            if entry["kind"] != "authority":
                continue
            row = table.setdefault(entry["key"], {
                "citation": entry["citation"], "kind": entry["authority_kind"],
                "jurisdiction": entry["jurisdiction"], "url": entry["url"], "pinpoints": {}})
            pin = row["pinpoints"].setdefault(entry["pinpoint"], {
                "cite": entry["cite"], "status": entry["status"], "checked": entry["checked"],
                "against": entry["against"], "findings": []})
            if finding["id"] not in pin["findings"]:
                pin["findings"].append(finding["id"])
    return {key: table[key] for key in sorted(table)}
def dependencies(loaded: LoadedCase, run: Run, unknown_ids: list[str]) -> dict[int, dict]:
    """Per trace step, the disputed and the unknown input facts its conclusions rest on, through
    every derived fact and finding in between: which findings an answer to a disputed or unknown
    fact could change (for the expert's per-version opinions and the discovery list)."""
    flagged: dict[str, set] = {}
    # A path counts for every read that covers it: the fact itself, the item or record it lies
    # in, and the list or mapping read whole (`incident.alerts`, `contract.responsibilities`).
    for kind, paths in (("disputed", sorted(loaded.notes.disputes)), ("unknown", unknown_ids)):
        for path in paths:
            for cover in _covering(path):
                flagged.setdefault(cover, set()).add((kind, path))
    latest: dict[str, frozenset] = {}
    concluded: list[tuple[str, str, str]] = []   # (finding id, element, party) so far
    per_step: dict[int, dict] = {}
    empty: frozenset = frozenset()
    for step, (firing, _) in zip(run.trace, run.firings):
        rests: set = set()
        if firing.spec.id == CLOSING_RULE:
            # It reads every finding only to see what is undecided; what its findings rest on
            # is the unknown that kept the deciding rule from its premise.
            for conclusion in firing.conclusions:
                latest[conclusion.id] = frozenset(
                    ("unknown", u) for u in conclusion.value.get("unknowns", []))
            per_step[step.step] = {"disputed": [], "unknown": []}
            continue
        reads = firing.premises | set(firing.kinds) | {p[:-1] for p in firing.prefixes}
        for premise in reads:
            rests |= latest.get(premise, empty) or flagged.get(premise, empty)
        # A findings() query depends on every finding that could answer it, holding or not:
        # a finding that does not hold today may hold on the other version of a fact.
        for element, party, _holds in firing.queries:
            for fid, f_element, f_party in concluded:
                if (element is None or f_element == element or
                        f_element.startswith(element + ".")) and party in (None, f_party):
                    rests |= latest.get(fid, empty)
        frozen = frozenset(rests)
        for conclusion in firing.conclusions:
            latest[conclusion.id] = latest.get(conclusion.id, empty) | frozen
            if conclusion.kind == "finding":
                concluded.append((conclusion.id, conclusion.value["element"],
                                  conclusion.value["party"]))
        per_step[step.step] = {"disputed": sorted(p for k, p in frozen if k == "disputed"),
                               "unknown": sorted(p for k, p in frozen if k == "unknown")}
    return per_step


def _covering(path: str) -> list[str]:
    """'incident.alerts[AL-1].at' -> itself, 'incident.alerts[AL-1]', 'incident.alerts'."""
    out, probe = [], path
    while probe:
        out.append(probe)
        cut = max(probe.rfind("."), probe.rfind("["))
        probe = probe[:cut] if cut > 0 else ""
    return out[:-1] or out   # not the top-level section: no rule reads a whole section


def build_result(loaded: LoadedCase, run: Run, params: Parameters,
                 extra_input: dict | None = None) -> dict[str, Any]:
    case = loaded.case
    allocation = run.derived.get("derived.allocation", {}).get("value", {})
    unknowns = [vars(u) for u in unknown_facts(loaded)]
    read = set()
    for firing, _ in run.firings:
        read |= firing.premises | set(firing.kinds) | {p[:-1] for p in firing.prefixes}
    for u in unknowns:   # whether some rule read it (a fact no rule read decides nothing here)
        u["read"] = any(cover in read for cover in _covering(u["id"]))
    depends = dependencies(loaded, run, [u["id"] for u in unknowns])
    findings = merge_findings(run)
    for f in findings:
        f["depends_on"] = depends.get(f["step"], {"disputed": [], "unknown": []})
        if f["rule"] == CLOSING_RULE:
            f["depends_on"] = {"disputed": sorted(u for u in f["unknowns"]
                                                  if u in loaded.notes.disputes),
                               "unknown": list(f["unknowns"])}
    root_of = allocation.get("root_of") or {}
    for f in findings:   # the root failure(s) each fault finding is part of (rules/apportionment)
        if f["id"] in root_of:
            f["roots"] = list(root_of[f["id"]])
    exposure = {k.split(".")[-1]: v["value"] for k, v in sorted(run.derived.items())
                if k.startswith("derived.exposure.")}
    return plain({
        "faultline_version": FAULTLINE_VERSION,
        "rulebase_version": rulebase_version(),
        "input_sha256": input_sha256(loaded, params, {
            **(extra_input or {}),
            **({"evidence": {k: _evidence_digest(v) for k, v in sorted(loaded.evidence.items())}}
               if loaded.evidence else {})}),
        "parameters_sha256": params.sha256(),
        "parameters_overridden": params.overridden,
        # What the run took as given where the record does not decide: a disputed fact is
        # unknown unless the user chose a party's version (--assume), which is disclosed here.
        "assumptions": {"disputed_facts": loaded.assume or "neither"},
        "case": {"id": case.case.id, "title": case.case.title,
                 "governing_law": case.case.governing_law,
                 "governing_law_name": _place_name(case.case.governing_law),
                 "currency": case.case.currency,
                 "file": loaded.path.replace("\\", "/").split("/")[-1],
                 "provider": case.parties.provider.name, "client": case.parties.client.name},
        "facts": {f.id: {"value": f.value, "kind": f.kind, "source": f.source,
                         "assumed": f.assumed, "disputed": f.disputed, "unknown": f.unknown}
                  for f in run.inputs},
        "unknowns": unknowns,
        "derived": {k: run.derived[k] for k in sorted(run.derived)},
        "undetermined": {k: run.undetermined[k] for k in sorted(run.undetermined)},
        "disputes": {p: {"versions": d.versions, "sources": d.sources,
                         "assumed": loaded.choice.get(p)}
                     for p, d in sorted(loaded.notes.disputes.items())},
        "evidence": loaded.evidence,
        "findings": findings,
        "authorities": table_of_authorities(findings),
        "allocation": allocation.get("shares", {}),
        "allocation_detail": allocation,
        "exposure": exposure,
        "lists": list_digests(run),
        "trace": [vars(step) for step in run.trace],
    })


def list_digests(run: Run) -> dict[str, dict]:
    """Each list of items in the case (`incident.alerts`), and each mapping a rule read whole
    (`contract.responsibilities`), as the trace names it: how many items or entries, and the
    SHA-256 of their canonical JSON ([id, value] pairs in id order), so a premise naming the
    list pins down exactly what was read."""
    members: dict[str, list] = {}
    for item in run.inputs:
        if item.kind:
            members.setdefault(item.kind, []).append(item)
    prefixes = sorted({p for firing, _ in run.firings for p in firing.prefixes})
    if prefixes:
        for item in run.inputs:
            for prefix in prefixes:
                if item.id.startswith(prefix):
                    members.setdefault(prefix[:-1], []).append(item)
    out = {}
    for name in sorted(members):
        items = sorted(members[name], key=lambda f: f.id)
        payload = dumps([[f.id, f.value] for f in items], indent=None)
        out[name] = {"items": len(items), "sha256": hashlib.sha256(payload.encode()).hexdigest()}
    return out
