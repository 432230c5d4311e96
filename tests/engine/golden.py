"""Golden results: what every bundled example and scenario concludes, written down once by a named
commit so that a change meant to be only faster (an index, a compacted trace, a streamed writer)
can be shown to leave every result as it was.

A golden file holds the parts of the JSON result a reader relies on: the findings (verdict,
rule, wording, checks, values, the citations they print, what they depend on), the derived
facts, the shares and their detail, the exposure, the unknowns (and for the examples their
ranking), the outcome range over disputed facts, and the table of authorities. It leaves out what legitimately changes when nothing is
decided differently: the version and hash stamps, the trace and each finding's trace step and
premises (their form is the engine's bookkeeping), the input facts and list digests (the case
itself, not what was concluded).

When doctrine changes on purpose, regenerate and read the diff:

    .venv/bin/python -m tests.engine.golden            # rewrite tests/engine/golden/*.json
    git diff --stat tests/engine/golden/               # which cases moved
    git diff tests/engine/golden/crestline-baseline.json

It prints which cases changed and names the commit that produced the files (INDEX.json).
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from engine.analyze import analyze
from engine.canonical import dumps
from facts.loader import load_case

GOLDEN = Path(__file__).resolve().parent / "golden"
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
SCENARIOS = sorted((ROOT / "tests" / "scenarios").glob("*.yaml"))

# Stamps and bookkeeping that change without any conclusion changing (see the docstring).
LEFT_OUT = ("faultline_version", "rulebase_version", "input_sha256", "parameters_sha256",
            "trace", "facts", "lists")
FINDING_LEFT_OUT = ("premises", "step")


def name_of(path: Path) -> str:
    return path.stem if path.parent.name == "examples" else f"scenario-{path.stem}"


def cases() -> list[Path]:
    return EXAMPLES + SCENARIOS


def _loaded(path: Path):
    if path.parent.name == "examples":
        return load_case(path)
    from tests.test_scenarios import scenario_case
    return scenario_case(path)


def _without_steps(entries: dict) -> dict:
    return {key: {k: v for k, v in entry.items() if k != "step"}
            for key, entry in entries.items()}


def _cites(entries: list[dict]) -> list[str]:
    return [entry.get("cite") or entry.get("text") or entry.get("key", "") for entry in entries]


def _finding(finding: dict) -> dict:
    """The finding without its bookkeeping; empty entries (no unknowns, no dependencies) are
    left out, so a golden file shows what a finding says rather than what it lacks."""
    out = {}
    for key, value in finding.items():
        if key == "authorities":
            value = _cites(value)
        elif key == "depends_on" and not any(value.values()):
            continue
        if key not in FINDING_LEFT_OUT and value not in ([], {}, ""):
            out[key] = value
    return out


def golden_of(result: dict) -> dict:
    """The parts of a result that must not move unless a conclusion does. A finding's
    authorities are kept as the citations it prints (the table of authorities holds each entry
    in full once), and the derived allocation is not written twice where it is the allocation
    detail."""
    out = {k: v for k, v in result.items() if k not in LEFT_OUT}
    out["findings"] = [_finding(f) for f in result["findings"]]
    out["derived"] = _without_steps(result["derived"])
    allocation = out["derived"].get("derived.allocation")
    if allocation and allocation["value"] == result.get("allocation_detail"):
        out["derived"]["derived.allocation"] = {**allocation, "value": "= allocation_detail"}
    out["undetermined"] = _without_steps(result["undetermined"])
    return out


def result_of(path: Path) -> dict:
    """The analyze command's JSON result, as data, with the outcome range over disputed facts.
    The ranking of decisive unknowns (a sweep of replays, most of the cost) is kept for the
    bundled examples, which the analyze command reports on, not for every scenario."""
    return analyze(_loaded(path), ranges=True, unknowns=path.parent.name == "examples")


def text_of(path: Path) -> str:
    return dumps(golden_of(result_of(path)))


def _commit() -> str:
    def git(*args: str) -> str:
        return subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True,
                              text=True, check=False).stdout.strip()
    head = git("rev-parse", "--short", "HEAD") or "unknown"
    dirty = git("status", "--porcelain", "--untracked-files=no", "--", ".",
                ":!tests/engine/golden")
    return head + (" with uncommitted changes" if dirty else "")


def regenerate() -> None:
    GOLDEN.mkdir(exist_ok=True)
    wanted = {f"{name_of(p)}.json": p for p in cases()}
    changed, added = [], []
    for file_name, path in wanted.items():
        target = GOLDEN / file_name
        text = text_of(path)
        if not target.exists():
            added.append(file_name)
        elif target.read_text(encoding="utf-8") != text:
            changed.append(file_name)
        target.write_text(text, encoding="utf-8")
    removed = sorted(p.name for p in GOLDEN.glob("*.json")
                     if p.name not in wanted and p.name != "INDEX.json")
    for name in removed:
        (GOLDEN / name).unlink()
    (GOLDEN / "INDEX.json").write_text(dumps({
        "produced_by": _commit(),
        "command": "python -m tests.engine.golden",
        "cases": sorted(wanted)}), encoding="utf-8")
    print(f"golden results of {len(wanted)} cases written by {_commit()}")
    for label, names in (("changed", changed), ("added", added), ("removed", removed)):
        if names:
            print(f"{label}: {', '.join(names)}")
    if not (changed or added or removed):
        print("no case changed")


if __name__ == "__main__":
    regenerate()
