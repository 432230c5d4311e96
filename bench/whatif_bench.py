#!/usr/bin/env python3
"""What-if and sensitivity speed, timed as a user runs the commands (process start included).

Prints the median of several runs of: a single what-if change; a full sensitivity sweep (without
--flip) on the largest example; and scenarios per second (perturbations evaluated by the sweep
over its wall time, and over the time beyond a bare start-up). Each figure also gives the CPU
time the command and its forked helper used.

The machine this was built on (a shared 2-core VM) runs the same work up to twice as fast at one
hour as at another, so the bench first times a fixed pure-Python loop: compare figures from
different runs only together with that reference.

    .venv/bin/python bench/whatif_bench.py [--repeat 5]
"""
from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, str(ROOT / "cli.py")]


def timed(args: list[str], repeat: int) -> tuple[float, float, str]:
    """Median wall time, median CPU time (user + system, forked helpers included), stdout."""
    times, cpu, out = [], [], ""
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(CLI + args, capture_output=True, text=True, cwd=ROOT)
        times.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        if done.returncode != 0:
            sys.exit(f"failed: {' '.join(args)}\n{done.stderr}")
        out = done.stdout
    return statistics.median(times), statistics.median(cpu), done.stdout


def reference_loop() -> float:
    """Seconds for a fixed pure-Python loop (the machine's speed at this moment); best of 3."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        total = 0
        for i in range(3_000_000):
            total += i
        best = min(best, time.perf_counter() - start)
    return best


def single_runs(case: str, repeat: int) -> tuple[float, float]:
    """In this process: ms for one full engine run of the case, and ms for one perturbed run of
    the sweep (replayed where it can be), each the median over `repeat` passes."""
    sys.path.insert(0, str(ROOT))
    from engine.runner import engine
    from engine.sensitivity import Sweep
    from facts.flatten import input_facts
    from facts.loader import load_case
    from rules.parameters import Parameters
    loaded, params = load_case(ROOT / case), Parameters.load(None)
    inputs = input_facts(loaded)
    full, swept = [], []
    sweep = Sweep(loaded, params)
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(10):
            engine().run_case(loaded.case, inputs, params)
        full.append((time.perf_counter() - start) / 10)
        start = time.perf_counter()
        for p in sweep.candidates:
            sweep.evaluate((p,))
        swept.append((time.perf_counter() - start) / len(sweep.candidates))
    return statistics.median(full) * 1000, statistics.median(swept) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    repeat = parser.parse_args().repeat
    case = str(max((ROOT / "examples").glob("*.yaml"), key=lambda p: p.stat().st_size)
               .relative_to(ROOT))
    print(f"case: {case} (largest example); median of {repeat} runs each")
    print(f"reference: 3M-step Python loop      {reference_loop():6.2f} s  (machine speed now)")
    full_ms, swept_ms = single_runs(case, min(repeat, 3))
    print(f"one engine run (in process):       {full_ms:6.1f} ms (the full experta run)")
    print(f"one sweep perturbation:            {swept_ms:6.1f} ms (validate, flatten, replay or "
          f"run, compare)")
    startup, startup_cpu, _ = timed(["validate", case], repeat)
    print(f"start-up + load + validate:        {startup:6.2f} s  (CPU {startup_cpu:.2f} s)")
    single, single_cpu, _ = timed(["whatif", case, "--set",
                                   "client_governance.mfa.remote_access=false"], repeat)
    print(f"whatif, one --set change:          {single:6.2f} s  (CPU {single_cpu:.2f} s; base + "
          f"1 scenario, Markdown as a user reads it)")
    sweep, sweep_cpu, out = timed(["sensitivity", case, "--format", "json"], repeat)
    report = json.loads(out)
    count = report["method"]["perturbations"]
    print(f"sensitivity sweep (no --flip):     {sweep:6.2f} s  (CPU {sweep_cpu:.2f} s over 2 "
          f"processes; {count} perturbations of {report['method']['facts_read']} read facts, "
          f"{report['method']['replayed']} replayed; target <= 2 s)")
    print(f"scenarios per second:              {count / sweep:6.1f} /s whole command; "
          f"{count / max(1e-9, sweep - startup):6.1f} /s beyond start-up")


if __name__ == "__main__":
    main()
