#!/usr/bin/env python3
"""Evidence summary speed, timed as a user runs it (process start included).

Generates a synthetic alerts CSV (default 1,000,000 rows) under bench/data/ (gitignored), then
prints the median wall time of
  - the summary command: `python cli.py evidence summarize FILE --kind alerts` once the command
    line has it, `python -m facts.evidence FILE --kind alerts` until then;
  - a bare `pandas.read_csv(FILE, engine="pyarrow")` of the same file, also in its own process;
and their ratio (the goal is at most 1.5). `--rows 10000000` exercises the streaming path
(files over 200 MB); `--memory` adds the summary's peak resident memory (goal: under 2 GiB).

    .venv/bin/python bench/evidence_bench.py [--rows 1000000] [--repeat 3] [--memory]
"""
from __future__ import annotations

import argparse
import random
import resource
import statistics
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data"
SEED = 9
SEVERITIES = ["critical", "high", "medium", "low"]
SLA = "critical=15m,high=1h,medium=4h,low=24h"


def generate(rows: int) -> Path:
    """A CSV of `rows` alerts over 60 days; kept between runs, rebuilt only if missing."""
    path = DATA / f"alerts-{rows}.csv"
    if path.exists():
        return path
    DATA.mkdir(parents=True, exist_ok=True)
    rng = random.Random(SEED)
    start = datetime(2025, 1, 1, tzinfo=timezone(timedelta(hours=-5)))
    step = 60 * 86400 / rows
    assets = [f"host-{i:04d}" for i in range(2000)]
    rules = [f"Rule {i}" for i in range(150)]
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8") as out:
        out.write("timestamp,severity,rule,asset,status,acknowledged_at,escalated_at\n")
        for i in range(rows):
            at = start + timedelta(seconds=int(i * step))
            draw = rng.random()
            ack = (at + timedelta(seconds=rng.randrange(60, 20000))).isoformat() \
                if draw < 0.97 else ""
            esc = (at + timedelta(seconds=rng.randrange(600, 40000))).isoformat() \
                if draw < 0.05 else ""
            out.write(f"{at.isoformat()},{rng.choice(SEVERITIES)},{rng.choice(rules)},"
                      f"{rng.choice(assets)},{'closed' if ack else 'open'},{ack},{esc}\n")
    tmp.rename(path)
    return path


def summary_command(path: Path) -> list[str]:
    """The user's command: cli.py's if it exists, the module stand-in otherwise."""
    help_text = subprocess.run([sys.executable, str(ROOT / "cli.py"), "evidence", "--help"],
                               capture_output=True, text=True, cwd=ROOT)
    args = [str(path), "--kind", "alerts", "--sla", SLA,
            "--affected-assets", "host-0001,host-0002"]
    if help_text.returncode == 0 and "summarize" in help_text.stdout:
        return [sys.executable, str(ROOT / "cli.py"), "evidence", "summarize"] + args
    return [sys.executable, "-m", "facts.evidence"] + args


def timed(command: list[str], repeat: int) -> tuple[float, float]:
    """(median seconds, peak RSS MiB of the children) over `repeat` runs."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            sys.exit(f"failed: {' '.join(command)}\n{done.stderr}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return statistics.median(times), peak


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--memory", action="store_true", help="report peak memory")
    args = parser.parse_args()
    path = generate(args.rows)
    size = path.stat().st_size / 2**20
    print(f"file: {path.relative_to(ROOT)} ({args.rows:,} rows, {size:,.0f} MiB); "
          f"median of {args.repeat} runs, process start included")
    command = summary_command(path)
    summary, peak = timed(command, args.repeat)
    print(f"summary ({' '.join(command[1:3])} ...): {summary:6.2f} s")
    if args.memory:
        print(f"peak resident memory of the summary: {peak:,.0f} MiB")
    bare, _ = timed([sys.executable, "-c", "import sys, pandas; "
                     "pandas.read_csv(sys.argv[1], engine='pyarrow')", str(path)], args.repeat)
    print(f"bare pandas.read_csv(engine='pyarrow'):      {bare:6.2f} s")
    print(f"ratio summary / bare read:                   {summary / bare:6.2f} (goal <= 1.5)")


if __name__ == "__main__":
    main()
