"""Disputed facts: the outcome under every combination of the parties' versions.

A run takes each disputed fact in the version `choice` names; by default it takes neither, and
the fact is unknown in that run (`--assume client|provider` takes one party's versions and says
so). This module evaluates every combination of the parties' versions and reports, per party, the lowest and highest share, and
per exposure figure the lowest and highest amount, each with the combination that gives it; and
which disputed fact moves the provider's share most. Above LIMIT combinations it evaluates a
sample (the assumed combination plus LIMIT - 1 others, drawn with a fixed seed) and says so.
"""
from __future__ import annotations

import random
from decimal import Decimal

from facts.errors import FaultlineInputError
from facts.loader import LoadedCase, variant

LIMIT = 256   # combinations evaluated exhaustively; above it, a fixed-seed sample of this size
SEED = 20250303


def combinations(loaded: LoadedCase) -> tuple[list[str], list[list[str]], int, list[int], bool]:
    """(paths, versions per path, total, indices evaluated, sampled)."""
    paths = sorted(loaded.notes.disputes)
    versions = [sorted(loaded.notes.disputes[p].versions) for p in paths]
    total = 1
    for v in versions:
        total *= len(v)
    if total <= LIMIT:
        return paths, versions, total, list(range(total)), False
    assumed = _assumed(loaded, paths, versions)
    rng = random.Random(SEED)
    picked = {_index(assumed, versions)} if assumed else set()
    while len(picked) < LIMIT:
        picked.add(rng.randrange(total))
    return paths, versions, total, sorted(picked), True


def outcome_range(loaded: LoadedCase, params, base_result: dict | None = None,
                  base_run=None) -> dict:
    """`base_run`, the engine's run of the assumed combination, lets the other combinations be
    replayed from it (engine/replay.py) instead of run from scratch."""
    from engine.replay import Replayer
    from engine.runner import engine
    from engine.sweep import run_all
    from engine.whatif import exposure_figures, outcome_of_result, outcome_of_run
    from facts.flatten import input_facts
    paths, versions, total, indices, sampled = combinations(loaded)
    assumed = _assumed(loaded, paths, versions)
    combos = [_decode(i, paths, versions) for i in indices]
    replayer = Replayer(base_run) if base_run is not None else None

    def job(k: int):
        combo = combos[k]
        if base_result is not None and combo == assumed:
            return outcome_of_result(base_result)
        try:
            version = variant(loaded, loaded.raw, choice=combo)
        except FaultlineInputError as exc:
            return {"invalid": exc.one_line()}
        inputs = input_facts(version)
        run = replayer.run(version.case, inputs, params) if replayer else None
        return outcome_of_run(run or engine().run_case(version.case, inputs, params))

    results = run_all(len(combos), job, "disputed facts")
    valid = [(c, r) for c, r in zip(combos, results) if "invalid" not in r]
    report = {"disputed_facts": paths, "combinations": total, "evaluated": len(combos),
              "sampled": sampled, "limit": LIMIT, "assumed": assumed,
              "invalid": [{"combination": c, "error": r["invalid"]}
                          for c, r in zip(combos, results) if "invalid" in r]}
    if sampled:
        report["sample_seed"] = SEED
    parties = sorted({p for _, r in valid for p in r["allocation"]})
    report["shares"] = {p: _span([(c, Decimal(str(r["allocation"].get(p, "0"))))
                                  for c, r in valid], 4) for p in parties}
    figures: dict[str, list] = {}
    for c, r in valid:
        for key, amount in exposure_figures(r["exposure"]).items():
            figures.setdefault(key, []).append((c, amount))
    report["exposure"] = {k: _span(v, None) for k, v in sorted(figures.items())}
    report["holding_findings_vary"] = _varying_findings(valid)
    influence = _influence(paths, valid)
    report["influence"] = influence
    report["by_version"] = _by_version(paths, versions, valid, base_result)
    report["most_influential"] = influence[0] if influence else None
    return report


def _assumed(loaded, paths, versions) -> dict | None:
    """The combination the run took, or None when it took neither version of some fact (the
    neutral run is then no combination of the parties' versions)."""
    out = {}
    for path, options in zip(paths, versions):
        party = loaded.choice.get(path)
        if party not in ("client", "provider"):
            return None
        out[path] = party if party in options else options[0]
    return out


def _index(combo: dict, versions) -> int:
    index = 0
    for (path, party), options in zip(combo.items(), versions):
        index = index * len(options) + options.index(party)
    return index


def _decode(index: int, paths, versions) -> dict:
    chosen = []
    for options in reversed(versions):
        index, digit = divmod(index, len(options))
        chosen.append(options[digit])
    return dict(zip(paths, reversed(chosen)))


def _span(pairs: list, places: int | None) -> dict:
    """min and max with the first combination (in enumeration order) that gives each."""
    low = min(pairs, key=lambda p: p[1])
    high = max(pairs, key=lambda p: p[1])

    def fmt(x: Decimal) -> str:
        return str(x.quantize(Decimal(1).scaleb(-places))) if places is not None else str(x)
    return {"min": fmt(low[1]), "max": fmt(high[1]), "min_combination": low[0],
            "max_combination": high[0]}


def _varying_findings(valid: list) -> list[str]:
    """Findings that hold under some combinations and not under others."""
    ids = sorted({f for _, r in valid for f in r["findings"]})
    varying = []
    for fid in ids:
        verdicts = {bool(r["findings"].get(fid, {}).get("holds")) for _, r in valid}
        if len(verdicts) > 1:
            varying.append(fid)
    return varying


def _influence(paths: list[str], valid: list) -> list[dict]:
    """Per disputed fact, the largest change in the provider's share (and in any exposure figure)
    between two combinations that differ only in that fact; ranked, largest first."""
    from engine.whatif import exposure_figures
    rows = []
    for path in paths:
        groups: dict[tuple, list] = {}
        for combo, r in valid:
            rest = tuple(sorted((k, v) for k, v in combo.items() if k != path))
            groups.setdefault(rest, []).append(r)
        share_swing = money_swing = Decimal(0)
        for members in groups.values():
            if len(members) < 2:
                continue
            shares = [Decimal(str(r["allocation"].get("provider", "0"))) for r in members]
            share_swing = max(share_swing, max(shares) - min(shares))
            figs = [exposure_figures(r["exposure"]) for r in members]
            for key in sorted({k for f in figs for k in f}):
                amounts = [f.get(key, Decimal(0)) for f in figs]
                money_swing = max(money_swing, max(amounts) - min(amounts))
        flips = sorted({fid for members in groups.values() if len(members) > 1
                        for fid in {f for r in members for f in r["findings"]}
                        if len({bool(r["findings"].get(fid, {}).get("holds"))
                                for r in members}) > 1})
        rows.append({"fact": path, "provider_share_swing": str(share_swing.quantize(
            Decimal("0.0001"))), "exposure_swing": str(money_swing), "findings_changed": flips})
    rows.sort(key=lambda r: (-Decimal(r["provider_share_swing"]), -Decimal(r["exposure_swing"]),
                             -len(r["findings_changed"]), r["fact"]))
    return rows


def _by_version(paths: list[str], versions: list[list[str]], valid: list,
                base_result: dict | None) -> dict:
    """Per disputed fact and party, what the combinations taking that party's version give: the
    provider's share (lowest and highest) and the verdict of each finding that is not the same
    in every combination as in the main run ('holds', 'does not hold', or 'depends' on the other
    disputed facts), so a report can state an opinion under each party's version."""
    ids = sorted({f for _, r in valid for f in r["findings"]})
    base = {f["id"]: bool(f["holds"]) for f in (base_result or {}).get("findings", [])}
    out: dict = {}
    for path, options in zip(paths, versions):
        out[path] = {}
        for party in options:
            members = [r for c, r in valid if c.get(path) == party]
            if not members:
                continue
            shares = [Decimal(str(r["allocation"].get("provider", "0"))) for r in members]
            verdicts = {}
            for fid in ids:
                seen = {bool(r["findings"].get(fid, {}).get("holds")) for r in members}
                if len(seen) > 1:
                    verdicts[fid] = "depends"
                elif seen != {base.get(fid, False)} or fid not in base:
                    verdicts[fid] = "holds" if seen == {True} else "does not hold"
            out[path][party] = {"combinations": len(members),
                                "provider_share": {"min": str(min(shares)),
                                                   "max": str(max(shares))},
                                "findings": verdicts}
    return out
