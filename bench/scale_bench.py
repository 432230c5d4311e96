#!/usr/bin/env python3
"""Scaling: analyze and the mediator's brief on generated cases ×1 … ×1000, and evidence at
1M / 10M rows, measured side by side with the code before issue #23 in one run.

Each bundled example is scaled by repeating its alerts, audit findings and notices N times
(copies get ids `A-1-x7`, …), written as JSON under bench/data/scale/ (gitignored). The old code
is commit 3afcc08 (before issue #23) or `--old REV`, checked out as a temporary `git worktree`
outside the repository (removed at the end). Commands run as a user runs them, each in its own process, in alternating pairs
(old, new, old, new, …) so a drift in this shared machine's speed hits both alike; the bench
prints medians with their spread (min–max), CPU seconds, peak resident memory, result size, and
the growth exponent fitted to log(time) over log(size) from ×1 to the largest size.

    .venv/bin/python bench/scale_bench.py                    # everything (an hour or more)
    .venv/bin/python bench/scale_bench.py --sizes 1,10,100 --repeat 2 --examples crestline
    .venv/bin/python bench/scale_bench.py --only evidence --rows 1000000,10000000
    .venv/bin/python bench/scale_bench.py --old main~3 --sizes 1,1000 --examples crestline

A command that runs past --timeout seconds (default 300) is stopped and shown as "> N s"; a case
a version refuses (exit 2, e.g. over its per-list limit, facts/limits.py) is shown as refused with
its one line, and the bench goes on.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data" / "scale"
OLD_COMMIT = "3afcc08"
LISTS = (("incident", "alerts"), ("audit", "findings"), ("incident", "notices"))


# --- cases ----------------------------------------------------------------------------------

def scaled_case(example: Path, times: int, lists=LISTS, tag: str = "") -> Path:
    """The example with each list of `lists` repeated `times` times (written once, then kept)."""
    sys.path.insert(0, str(ROOT))
    from facts.loader import read_raw
    out = DATA / f"{example.stem}{tag}-x{times}.json"
    if out.exists():
        return out
    raw = read_raw(example)
    for section, name in lists:
        items = (raw.get(section) or {}).get(name) or []
        raw[section][name] = [dict(item, id=f"{item['id']}-x{k}" if k else item["id"])
                              for k in range(times) for item in items]
    if raw.get("evidence"):
        raise SystemExit(f"{example.name} reads evidence files; scale a case without them")
    DATA.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(raw, default=str, sort_keys=True))
    return out


def old_checkout(rev: str) -> Path:
    where = Path(tempfile.mkdtemp(prefix="faultline-old-")) / "tree"
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(where),
                    rev], check=True, capture_output=True)
    return where


def remove_checkout(where: Path) -> None:
    subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(where)],
                   capture_output=True)
    subprocess.run(["git", "-C", str(ROOT), "worktree", "prune"], capture_output=True)


# --- measuring ------------------------------------------------------------------------------

def run(tree: Path, args: list[str], timeout: float) -> dict:
    """One command in its own process: wall and CPU seconds, peak RSS (MiB), output bytes."""
    out = Path(tempfile.mkstemp(prefix="scale-", suffix=".out")[1])
    out.unlink()
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, str(tree / "cli.py"), *args, "-o", str(out)],
                            cwd=tree, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env={**os.environ, "PYTHONHASHSEED": "0"})
    deadline = start + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            proc.kill()
            os.wait4(proc.pid, 0)
            return {"wall": None, "timeout": timeout}
        time.sleep(0.02)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace")
    if os.waitstatus_to_exitcode(status) == 2:
        return {"wall": None, "refused": err.strip().splitlines()[-1] if err.strip() else "?"}
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed in {tree}: {' '.join(args)}\n{err}")
    size = out.stat().st_size
    out.unlink()
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime,
            "rss": usage.ru_maxrss / 1024, "bytes": size}


def paired(commands: list[tuple[str, Path, list[str]]], repeat: int, timeout: float) -> dict:
    """Each labelled command `repeat` times, interleaved; a label that timed out is not run
    again."""
    got: dict[str, list[dict]] = {label: [] for label, _, _ in commands}
    for _ in range(repeat):
        for label, tree, args in commands:
            if got[label] and got[label][-1]["wall"] is None:
                continue     # timed out or refused: once is enough
            got[label].append(run(tree, args, timeout))
    return got


def summary(samples: list[dict]) -> dict:
    walls = [s["wall"] for s in samples if s["wall"] is not None]
    if not walls:
        return {"median": None, **{k: v for k, v in samples[0].items() if k != "wall"}}
    return {"median": statistics.median(walls), "min": min(walls), "max": max(walls),
            "cpu": statistics.median(s["cpu"] for s in samples if s["wall"] is not None),
            "rss": max(s["rss"] for s in samples if s["wall"] is not None),
            "bytes": samples[0]["bytes"]}


def exponent(points: list[tuple[int, float]]) -> float | None:
    """Least-squares slope of log(time) over log(size)."""
    pts = [(math.log(n), math.log(t)) for n, t in points if t]
    if len(pts) < 2:
        return None
    mx, my = statistics.mean(x for x, _ in pts), statistics.mean(y for _, y in pts)
    return sum((x - mx) * (y - my) for x, y in pts) / sum((x - mx) ** 2 for x, _ in pts)


def show(s: dict) -> str:
    if s["median"] is None and "refused" in s:
        return f"refused: {s['refused'][:100]}"
    if s["median"] is None:
        return f"> {s['timeout']:.0f} s".ljust(44)
    return (f"{s['median']:7.2f} s ({s['min']:.2f}–{s['max']:.2f}) cpu {s['cpu']:6.2f} "
            f"{s['rss']:5.0f} MiB {s['bytes'] / 1e6:7.2f} MB")


# --- the parts ------------------------------------------------------------------------------

def scaling(old: Path, examples: list[Path], sizes: list[int], repeat: int, timeout: float,
            audience: str) -> None:
    fmt = "json" if audience == "expert" else "md"
    what = "analyze --format json" if audience == "expert" else "analyze --audience mediator"
    print(f"\n## {what} (median of {repeat}, alternating old/new)")
    for example in examples:
        print(f"\n{example.stem}")
        curve = {"old": [], "new": [], "old cpu": [], "new cpu": []}
        for n in sizes:
            case = scaled_case(example, n)
            args = ["analyze", str(case), "--format", fmt, "--audience", audience]
            got = paired([("old", old, args), ("new", ROOT, args)], repeat, timeout)
            old_s, new_s = summary(got["old"]), summary(got["new"])
            for label, got_s in (("old", old_s), ("new", new_s)):
                curve[label].append((n, got_s["median"]))
                curve[f"{label} cpu"].append((n, got_s.get("cpu")))
            print(f"  ×{n:<5} old {show(old_s)}\n         new {show(new_s)}", flush=True)
        for label in ("old", "new", "old cpu", "new cpu"):
            e = exponent(curve[label])
            print(f"  growth exponent {label}: " + (f"{e:.2f}" if e is not None else "n/a")
                  + ("" if all(t for _, t in curve[label]) else " (timed-out sizes left out)"))


def brief_of_findings(old: Path, example: Path, findings: int, repeat: int,
                      timeout: float) -> None:
    times = max(1, round(findings / 3))
    case = scaled_case(example, times, lists=(("audit", "findings"),), tag="-findings")
    args = ["analyze", str(case), "--audience", "mediator", "--format", "md"]
    got = paired([("old", old, args), ("new", ROOT, args)], repeat, timeout)
    print(f"\n## mediator brief, {example.stem} with {3 * times} audit findings (target < 15 s)")
    print(f"  old {show(summary(got['old']))}\n  new {show(summary(got['new']))}")


def evidence(old: Path, rows_list: list[int], repeat: int, timeout: float) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    from evidence_bench import generate
    print("\n## a case with an alerts export vs pandas.read_csv(engine='pyarrow') of the file")
    for rows in rows_list:
        export = generate(rows)
        case = export.parent / f"case-{rows}.json"     # beside the export: paths are confined
        if not case.exists():
            sys.path.insert(0, str(ROOT))
            from facts.loader import read_raw
            raw = read_raw(ROOT / "examples" / "harborview-from-logs.yaml")
            raw["evidence"] = [dict(e, path=export.name)
                               for e in raw["evidence"] if e["kind"] == "alerts"]
            case.write_text(json.dumps(raw, default=str))
        pandas = [sys.executable, "-c", "import sys, pandas; pandas.read_csv(sys.argv[1], "
                                        "engine='pyarrow')", str(export)]
        samples = {"old": [], "new": [], "pandas": []}
        for _ in range(repeat):
            for label, tree in (("old", old), ("new", ROOT)):
                samples[label].append(run(tree, ["analyze", str(case), "--format", "json"],
                                          timeout))
            start = time.perf_counter()
            proc = subprocess.Popen(pandas)
            _, _, usage = os.wait4(proc.pid, 0)
            samples["pandas"].append({"wall": time.perf_counter() - start,
                                      "cpu": usage.ru_utime + usage.ru_stime,
                                      "rss": usage.ru_maxrss / 1024, "bytes": 0})
        s = {k: summary(v) for k, v in samples.items()}
        print(f"\n  {rows:,} rows ({export.stat().st_size / 1e6:.0f} MB)")
        for label in ("old", "new", "pandas"):
            ratio = (f"  {s[label]['median'] / s['pandas']['median']:.2f}× pandas"
                     if s[label]["median"] and label != "pandas" else "")
            print(f"  {label:<6} {show(s[label])}{ratio}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1,10,100,1000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=300)
    parser.add_argument("--examples", default="crestline,harborview-missed,meridian",
                        help="comma-separated name prefixes of examples/*.yaml")
    parser.add_argument("--findings", type=int, default=1000)
    parser.add_argument("--rows", default="1000000,10000000")
    parser.add_argument("--only", choices=["analyze", "brief", "findings", "evidence"])
    parser.add_argument("--old", default=OLD_COMMIT, help="the old code's commit (default "
                        f"{OLD_COMMIT}, before issue #23)")
    a = parser.parse_args()
    sizes = [int(s) for s in a.sizes.split(",")]
    examples = [p for p in sorted((ROOT / "examples").glob("*.yaml"))
                if any(p.stem.startswith(x) for x in a.examples.split(","))]
    head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                          check=False, capture_output=True, text=True).stdout.strip()
    print(f"scale bench: new = {ROOT} (HEAD {head}), old = {a.old}; sizes ×{a.sizes}; "
          f"Python {sys.version.split()[0]}, {os.cpu_count()} cores; "
          f"{time.strftime('%Y-%m-%d %H:%M')}")
    old = old_checkout(a.old)
    try:
        if a.only in (None, "analyze"):
            scaling(old, examples, sizes, a.repeat, a.timeout, "expert")
        if a.only in (None, "brief"):
            scaling(old, examples, sizes, a.repeat, a.timeout, "mediator")
        if a.only in (None, "findings"):
            brief_of_findings(old, examples[0], a.findings, a.repeat, a.timeout)
        if a.only in (None, "evidence"):
            evidence(old, [int(r) for r in a.rows.split(",")], a.repeat, a.timeout)
    finally:
        remove_checkout(old)


if __name__ == "__main__":
    main()
