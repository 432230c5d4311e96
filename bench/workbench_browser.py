#!/usr/bin/env python3
"""The workbench's what-if, timed in a real browser: from a change in the page to the new outcome
painted, over N changes on each bundled example (median and 95th percentile; the goal of issue 19
is median <= 100 ms and p95 <= 250 ms on this machine).

Starts `cli.py serve EXAMPLE --port 0` (as a user does), opens the what-if in Debian's Chromium
through Playwright, and flips one yes/no fact back and forth: the first of the "What decides it"
ranking that is a yes/no fact (so each change moves the outcome), else the first yes/no fact of
the form. Each change is timed in the page, from the change event to the first animation frame
after the answer has been swapped in.

    .venv/bin/python bench/workbench_browser.py [--changes 100] [EXAMPLE ...]
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TIMED_CHANGE = """([before, ranked]) => new Promise((done) => {
  const switches = [...document.querySelectorAll('#whatif-form select')].filter(
      (s) => ['yes', 'no'].includes(s.value) && s.querySelector('option[value="no"]'));
  const select = switches.find((s) => ranked.includes(s.name)) || switches[0];
  const start = performance.now();
  const watch = new MutationObserver(() => {
    if (document.body.getAttribute('data-ran') === before) { return; }
    watch.disconnect();
    requestAnimationFrame(() => done([performance.now() - start, select.name]));
  });
  watch.observe(document.body, {attributes: true});
  select.value = select.value === 'yes' ? 'no' : 'yes';
  select.dispatchEvent(new Event('change', {bubbles: true}));
})"""


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def time_example(example: Path, changes: int, chromium: str) -> tuple[list[float], str]:
    from playwright.sync_api import sync_playwright
    server = subprocess.Popen([sys.executable, str(ROOT / "cli.py"), "serve", str(example),
                               "--port", "0"], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        address = server.stdout.readline().strip()
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium,
                                                 args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page()
            page.goto(address + "c/0/decides")
            ranked = page.eval_on_selector_all(
                "ol.ranking a", "links => links.map(a => new URL(a.href).searchParams.keys()"
                                ".next().value)")
            page.goto(address + "c/0/whatif")
            timings, field = [], ""
            for _ in range(changes + 1):
                before = page.evaluate("document.body.getAttribute('data-ran')")
                elapsed, field = page.evaluate(TIMED_CHANGE, [before, ranked])
                timings.append(elapsed)
            browser.close()
        return timings[1:], field        # the first change warms the page's caches
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("examples", nargs="*", type=Path)
    parser.add_argument("--changes", type=int, default=100)
    args = parser.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("error: Chromium is not installed (apt-get install chromium)", file=sys.stderr)
        return 2
    examples = args.examples or sorted((ROOT / "examples").glob("*.yaml"))
    print(f"{'example':38} {'changes':>7} {'median ms':>10} {'p95 ms':>8}  field flipped")
    for example in examples:
        timings, field = time_example(example, args.changes, chromium)
        print(f"{example.name:38} {len(timings):>7} {statistics.median(timings):>10.1f} "
              f"{percentile(timings, 0.95):>8.1f}  {field[2:]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
