#!/usr/bin/env python3
"""Settlement analysis speed, timed as a user runs it (process start included).

Builds two cases under bench/data/ (gitignored) from the Harborview example with extra disputed
alert acknowledgements, so that the case has 10 fact questions (1,024 combinations, evaluated
exactly) and 20 (1,048,576, sampled: 1,000 draws), and prints for each the median wall time of

    python cli.py settle CASE --format json -o OUT

with the runs of the rule base it made and the combinations (exact) or draws (sampled) per
second. Goals (issue #20): 10 questions under 5 s, 20 questions under 10 s.

    .venv/bin/python bench/settle_bench.py [--repeat 3]
"""
from __future__ import annotations

import argparse
import copy
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data"
sys.path.insert(0, str(ROOT))


def build(questions: int, folder: Path = DATA) -> Path:
    """Harborview (three disputed facts, two carve-outs) with `questions - 3` more disputed
    acknowledgements of alerts on the intrusion, so the case has `questions` fact questions
    (written to `folder`; tests/settlement/test_shortcuts.py builds small ones too)."""
    import yaml

    from facts.loader import read_raw
    raw = copy.deepcopy(read_raw(ROOT / "examples" / "harborview-missed-alerts.yaml"))
    # each head of loss recorded as direct: otherwise each unrecorded kind is one more question
    for head in raw["incident"]["harm"].get("accrual") or []:
        head["loss_type"] = "direct"
    for i in range(questions - 3):
        at = f"2025-03-0{5 + i % 4}T{(i * 2) % 24:02d}:10:00"
        ack = f"2025-03-0{5 + i % 4}T{(i * 2) % 24:02d}:40:00"
        raw["incident"]["alerts"].append({
            "id": f"AL-B{i:02d}", "at": at, "severity": "high", "rule": f"bench rule {i}",
            "asset": "ehr-db-01", "related_to_intrusion": True, "escalated_at": "never",
            "acknowledged_at": {"disputed": {"client": "never", "provider": ack},
                                "sources": {"client": "bench", "provider": "bench"}}})
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"settle-{questions}-questions.yaml"
    path.write_text(yaml.safe_dump(raw, sort_keys=False))
    return path


def timed(case: Path, out: Path) -> tuple[float, dict]:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, str(ROOT / "cli.py"), "settle", str(case),
                           "--format", "json", "-o", str(out)], capture_output=True, text=True,
                          check=False, timeout=1800)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"settle failed on {case}: {done.stderr.strip()}")
    return elapsed, json.loads(out.read_text())["settlement"]["method"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    for questions, goal in ((10, 5.0), (20, 10.0)):
        case = build(questions)
        out = DATA / f"settle-{questions}.json"
        times, method = [], {}
        for _ in range(args.repeat):
            elapsed, method = timed(case, out)
            times.append(elapsed)
        median = statistics.median(times)
        evaluated = method["combinations"] if method["mode"] == "exact" else method["samples"]
        print(f"{questions} questions: {method['mode']}, {method['combinations']:,} "
              f"combinations, {method['runs']:,} rule-base runs; median {median:.2f} s "
              f"(min {min(times):.2f}, max {max(times):.2f}, {len(times)} runs; goal "
              f"{goal:.0f} s) = {evaluated / median:,.0f} "
              f"{'combinations' if method['mode'] == 'exact' else 'draws'} per second, "
              f"{method['runs'] / median:,.0f} runs per second; load average "
              f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
