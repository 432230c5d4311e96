"""Sensitivity: which facts move the outcome, and the smallest change that reverses a finding.

Each candidate perturbation (engine/perturb.py) changes one fact; the sweep runs them all on the
process's engine (over two forked processes when that helps) and ranks the changed fields by how
far they move the provider's share, then by how many findings they reverse. Facts no fired rule
read — and fields of list items no rule looked up (engine/probe.py) — are skipped: changing
their value cannot change the outcome. Of a list longer than 20 items, one item per group of items
that decide the same findings is perturbed (engine/sample.py; the report's
`method.sampled_lists` names them). `flip` searches breadth-first by set size (1, 2, 3) over
the same candidates for the smallest set that reverses a finding, or moves the provider's share
across 50% (`allocation`).
"""
from __future__ import annotations

from decimal import Decimal

from engine.perturb import (Perturbation, candidates, dispute_versions, fact_label,
                            not_contestable)
from engine.sample import sample_long_lists
from facts.errors import FaultlineInputError, did_you_mean
from facts.loader import LoadedCase, perturbed
from facts.overlay import apply_set

HALF = Decimal("0.5")
MAX_SET = 3
MAX_COMBINATIONS = 1500   # evaluations the flip search may spend beyond the sweep


class Sweep:
    """The base run and the evaluation of change sets, shared by the sweep and the flip search."""

    def __init__(self, loaded: LoadedCase, params):
        from engine.probe import read_sets, tracking
        from engine.replay import Replayer
        from engine.runner import engine
        from engine.whatif import outcome_of_run
        from facts.flatten import input_facts
        self.loaded, self.params = loaded, params
        inputs = input_facts(loaded)
        with tracking(inputs) as reads:
            run = engine().run_case(loaded.case, inputs, params)
        self.base, self.base_run = outcome_of_run(run, False), run
        self.replayer = Replayer(run)
        self.read, self.fields = read_sets(run, reads)
        self.all_inputs = {f.id for f in inputs}
        self.closure = _closure(run)
        perturbable, self.sampled = sample_long_lists(run, self.read)
        self.candidates, self.not_contestable = [], {}
        for p in candidates(loaded.case, perturbable):
            if not self._field_read(p):
                continue
            why = not_contestable(p, loaded.case)
            if why:
                self.not_contestable[why] = self.not_contestable.get(why, 0) + 1
            else:
                self.candidates.append(p)
        self.disputed = dispute_versions(loaded, self.read)
        self.candidates += self.disputed

    def _field_read(self, p: Perturbation) -> bool:
        keys = self.fields.get(p.fact)
        if keys is None or "*" in keys or p.path == p.fact:
            return True
        field = p.path[len(p.fact) + 1:].split(".")[0].split("[")[0]
        return field in keys

    def evaluate(self, changes: tuple[Perturbation, ...]) -> dict:
        """The change set's effect against the base; `replayed` says whether the run was replayed
        from the base run (engine/replay.py) or needed the full engine."""
        from engine.runner import engine
        from engine.whatif import outcome_of_run
        from facts.flatten import input_facts_after_change
        plain = self.loaded.plain
        try:
            for p in changes:
                plain = apply_set(plain, p.path, p.value)
            loaded = perturbed(self.loaded, plain)
        except FaultlineInputError as exc:
            return {"invalid": exc.one_line()}
        inputs = input_facts_after_change(loaded, self.base_run.inputs, [p.path for p in changes])
        run = self.replayer.run(loaded.case, inputs, self.params)
        replayed = run is not None
        if run is None:
            run = engine().run_case(loaded.case, inputs, self.params)
        return {**delta(self.base, outcome_of_run(run, False)), "replayed": replayed}


def delta(base: dict, out: dict) -> dict:
    """What changed against the base, compactly (it crosses a process boundary)."""
    flips = sorted(f for f in set(base["findings"]) | set(out["findings"])
                   if bool(base["findings"].get(f, {}).get("holds"))
                   != bool(out["findings"].get(f, {}).get("holds")))
    touched = {f for f in set(base["findings"]) | set(out["findings"])
               if base["findings"].get(f) != out["findings"].get(f)}
    touched |= {d for d in set(base["derived"]) | set(out["derived"])
                if base["derived"].get(d) != out["derived"].get(d)}
    return {"share": str(out["allocation"].get("provider", "0")), "flips": flips,
            "touched": sorted(touched)}


def analyze_sensitivity(loaded: LoadedCase, params, flip: str | None = None,
                        top: int = 15) -> dict:
    from engine.sweep import run_all
    sweep = Sweep(loaded, params)
    target = _target(sweep, flip) if flip else None
    cands = sweep.candidates
    results = run_all(len(cands), lambda i: sweep.evaluate((cands[i],)), "sensitivity")
    base_share = Decimal(str(sweep.base["allocation"].get("provider", "0")))
    report = {
        "case": loaded.case.case.id,
        "base": {"provider_share": str(base_share),
                 "allocation": sweep.base["allocation"],
                 "findings_holding": sorted(f for f, v in sweep.base["findings"].items()
                                            if v["holds"])},
        "method": {"perturbations": len(cands), "facts_in_case": len(sweep.all_inputs),
                   "facts_read": len(sweep.read),
                   "facts_skipped_unread": len(sweep.all_inputs - sweep.read),
                   "invalid": sum(1 for r in results if "invalid" in r),
                   "replayed": sum(1 for r in results if r.get("replayed")),
                   "sampled_lists": sweep.sampled,
                   "disputed_versions": len(sweep.disputed),
                   "not_contestable": dict(sorted(sweep.not_contestable.items()))},
        "perturbations": [{"path": p.path, "fact": p.fact, "change": p.label, "words": p.words,
                           **({"invalid": r["invalid"]} if "invalid" in r else
                              {"provider_share": r["share"], "findings_changed": r["flips"]})}
                          for p, r in zip(cands, results)],
    }
    report["ranking"] = _ranking(cands, results, base_share)
    report["by_finding"] = _by_finding(cands, results)
    if target:
        report["flip"] = _flip(sweep, target, results)
    return report


def decisive_facts(loaded: LoadedCase, params, top: int = 5) -> tuple[list[dict], dict]:
    """The facts whose change, one at a time, moves the provider's share most or reverses
    findings: the head of the sensitivity ranking, for the mediator's brief; and what it was
    drawn from (how many changes, and which long lists were sampled by group)."""
    report = analyze_sensitivity(loaded, params)
    base = report["base"]["provider_share"]
    basis = {"perturbations": report["method"]["perturbations"],
             "sampled_lists": report["method"]["sampled_lists"],
             "reversals": {fid: changes[:3] for fid, changes in report["by_finding"].items()}}
    return [{"fact": r["path"], "label": r["label"], "base": base, "low": r["low"],
             "low_change": r["low_change"], "low_words": r["low_words"], "high": r["high"],
             "high_change": r["high_change"], "high_words": r["high_words"],
             "findings_changed": r["findings_changed"]}
            for r in report["ranking"] if Decimal(r["effect"]) or r["findings_changed"]][:top], \
        basis


def _ranking(cands, results, base_share: Decimal) -> list[dict]:
    rows: dict[str, dict] = {}
    for p, r in zip(cands, results):
        row = rows.setdefault(p.path, {"path": p.path, "fact": p.fact, "label": fact_label(p.path),
                                       "low": base_share, "high": base_share, "low_change": "",
                                       "high_change": "", "low_words": "", "high_words": "",
                                       "findings_changed": set(), "perturbations": 0,
                                       "changes": []})
        row["perturbations"] += 1
        if "invalid" in r:
            continue
        share = Decimal(r["share"])
        if share != base_share or r["flips"]:
            row["changes"].append({"words": p.words, "provider_share": r["share"],
                                   "findings_changed": r["flips"]})
        if share < row["low"]:
            row["low"], row["low_change"], row["low_words"] = share, p.label, p.words
        if share > row["high"]:
            row["high"], row["high_change"], row["high_words"] = share, p.label, p.words
        row["findings_changed"] |= set(r["flips"])
    ranked = []
    for row in rows.values():
        effect = max(base_share - row["low"], row["high"] - base_share)
        ranked.append({**row, "effect": effect, "findings_changed": sorted(row["findings_changed"])})
    ranked.sort(key=lambda r: (-r["effect"], -len(r["findings_changed"]), r["path"]))
    return [{**r, "low": str(r["low"]), "high": str(r["high"]), "effect": str(r["effect"]),
             "rank": i + 1} for i, r in enumerate(ranked)]


def _by_finding(cands, results) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for p, r in zip(cands, results):
        for fid in r.get("flips", []):
            out.setdefault(fid, []).append({"path": p.path, "change": p.label,
                                            "words": p.words})
    return {k: out[k] for k in sorted(out)}


# --- the flip search ----------------------------------------------------------------------------

def _target(sweep: Sweep, flip: str) -> dict:
    if flip == "allocation":
        return {"kind": "allocation", "id": "allocation"}
    findings = sweep.base["findings"]
    if flip not in findings:
        raise FaultlineInputError("--flip", flip, f"no such finding{did_you_mean(flip, findings)}"
                                                  f"; use a finding id from the result, or "
                                                  f"'allocation'")
    return {"kind": "finding", "id": flip, "holds": bool(findings[flip]["holds"])}


def _reverses(target: dict, base_share: Decimal, r: dict) -> bool:
    if "invalid" in r:
        return False
    if target["kind"] == "allocation":
        new = Decimal(r["share"])
        return (base_share - HALF) * (new - HALF) < 0 or (base_share == HALF and new != HALF)
    return target["id"] in r["flips"]


def _flip(sweep: Sweep, target: dict, singles: list[dict]) -> dict:
    from itertools import combinations
    from engine.sweep import run_all
    cands = sweep.candidates
    base_share = Decimal(str(sweep.base["allocation"].get("provider", "0")))
    describe = {"target": target["id"],
                "base": (f"provider share {base_share}" if target["kind"] == "allocation"
                         else ("holds" if target["holds"] else "does not hold"))}
    found = [(i,) for i, r in enumerate(singles) if _reverses(target, base_share, r)]
    if found:
        return _flip_result(describe, cands, found, singles, 1, len(cands), True)
    # Only changes that moved something the target depends on are combined.
    relevant = sweep.closure.get(target["id"], set()) | {target["id"]}
    pool = [i for i, r in enumerate(singles) if "invalid" not in r and (
        set(r["touched"]) & relevant or (target["kind"] == "allocation" and (
            r["flips"] or Decimal(r["share"]) != base_share)))]
    spent = len(cands)
    for size in range(2, MAX_SET + 1):
        sets = [c for c in combinations(pool, size)
                if len({cands[i].path for i in c}) == size]
        exhausted = spent + len(sets) <= len(cands) + MAX_COMBINATIONS
        sets = sets[:max(0, len(cands) + MAX_COMBINATIONS - spent)]
        if not sets:
            break
        results = run_all(len(sets), lambda k: sweep.evaluate(tuple(cands[i] for i in sets[k])),
                          f"flip search ({size} changes)")
        spent += len(sets)
        found = [s for s, r in zip(sets, results) if _reverses(target, base_share, r)]
        if found:
            by_set = dict(zip(sets, results))
            return _flip_result(describe, cands, found, by_set, size, spent, exhausted)
        if not exhausted:
            break
    return {**describe, "found": False, "evaluated": spent, "candidates_combined": len(pool),
            "complete": spent < len(cands) + MAX_COMBINATIONS,
            "note": f"no set of up to {MAX_SET} candidate changes reverses it"
                    if spent < len(cands) + MAX_COMBINATIONS else
                    f"search stopped after {spent} evaluations without a reversal"}


def _flip_result(describe, cands, found, results, size, spent, complete) -> dict:
    def one(s):
        r = results[s] if isinstance(results, dict) else results[s[0]]
        return {"changes": [{"path": cands[i].path, "change": cands[i].label,
                             "words": cands[i].words,
                             "value": cands[i].value} for i in s],
                "provider_share": r["share"], "findings_changed": r["flips"]}
    return {**describe, "found": True, "size": size, "evaluated": spent,
            "smallest": one(found[0]), "alternatives": [one(s) for s in found[1:10]],
            "alternatives_total": len(found) - 1}


def _closure(run) -> dict[str, set]:
    """For each conclusion id, every fact and finding it (transitively) rests on."""
    direct: dict[str, set] = {}
    for step, (firing, _) in zip(run.trace, run.firings):
        reads = run.read_by(firing)
        for c in step.conclusions:
            direct.setdefault(c, set()).update(reads)
    memo: dict[str, set] = {}

    def walk(node, seen):
        if node in memo:
            return memo[node]
        out = set()
        for p in direct.get(node, ()):
            if p not in seen:
                out.add(p)
                out |= walk(p, seen | {p})
        memo[node] = out
        return out
    return {c: walk(c, {c}) for c in direct}


# --- text ---------------------------------------------------------------------------------------

def sensitivity_text(report: dict, top: int) -> str:
    from engine.sensitivity_text import render
    return render(report, top)
