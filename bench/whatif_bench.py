#!/usr/bin/env python3
"""What-if and sensitivity speed, timed as a user runs the commands (process start included).

Prints the median of several runs of: a single what-if change; a full sensitivity sweep (without
--flip) on the largest example; and scenarios per second (perturbations evaluated by the sweep
over its wall time, and over the time beyond a bare start-up).

    .venv/bin/python bench/whatif_bench.py [--repeat 5]
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, str(ROOT / "cli.py")]


def timed(args: list[str], repeat: int) -> tuple[float, str]:
    times, out = [], ""
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run(CLI + args, capture_output=True, text=True, cwd=ROOT)
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            sys.exit(f"failed: {' '.join(args)}\n{done.stderr}")
        out = done.stdout
    return statistics.median(times), out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    repeat = parser.parse_args().repeat
    case = str(max((ROOT / "examples").glob("*.yaml"), key=lambda p: p.stat().st_size)
               .relative_to(ROOT))
    print(f"case: {case} (largest example); median of {repeat} runs each")
    startup, _ = timed(["validate", case], repeat)
    print(f"start-up + load + validate:        {startup:6.2f} s")
    single, _ = timed(["whatif", case, "--set", "client_governance.mfa.remote_access=false",
                       "--format", "json"], repeat)
    print(f"whatif, one --set change:          {single:6.2f} s  (base + 1 scenario)")
    sweep, out = timed(["sensitivity", case, "--format", "json"], repeat)
    report = json.loads(out)
    count = report["method"]["perturbations"]
    print(f"sensitivity sweep (no --flip):     {sweep:6.2f} s  ({count} perturbations of "
          f"{report['method']['facts_read']} read facts; target <= 2 s)")
    print(f"scenarios per second:              {count / sweep:6.1f} /s whole command; "
          f"{count / max(1e-9, sweep - startup):6.1f} /s beyond start-up")


if __name__ == "__main__":
    main()
