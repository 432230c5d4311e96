"""Helpers for tests that build cases from a base example plus changes."""
from __future__ import annotations

import copy
from functools import lru_cache
from pathlib import Path

from engine.analyze import analyze
from facts.loader import build_case, read_raw
from rules.parameters import Parameters

ROOT = Path(__file__).resolve().parent.parent


def base_raw(name: str = "harborview-missed-alerts") -> dict:
    return copy.deepcopy(read_raw(ROOT / "examples" / f"{name}.yaml"))


def set_path(raw: dict, path: str, value) -> dict:
    """Set a dotted path (list items addressed as name[ID]) in raw case data."""
    node = raw
    parts = path.split(".")
    for part in parts[:-1]:
        node = _step(node, part)
    last = parts[-1]
    if "[" in last:
        name, item = last[:-1].split("[")
        items = node[name]
        for i, entry in enumerate(items):
            if entry.get("id") == item:
                items[i] = value
        return raw
    node[last] = value
    return raw


def _step(node, part):
    if "[" in part:
        name, item = part[:-1].split("[")
        return next(e for e in node[name] if e.get("id") == item or str(node[name].index(e)) == item)
    return node.setdefault(part, {})


def run(raw: dict, params: Parameters | None = None) -> dict:
    return analyze(build_case(raw, "test-case.yaml"), params)


def finding(result: dict, finding_id: str) -> dict | None:
    return next((f for f in result["findings"] if f["id"] == finding_id), None)


def holds(result: dict, finding_id: str) -> bool:
    f = finding(result, finding_id)
    return bool(f and f["holds"])


def fired(result: dict, rule_id: str) -> bool:
    return any(step["rule"] == rule_id for step in result["trace"])


# The engine's vocabulary, which student and expert texts (and the trace) keep out: they explain
# the law, not how experta orders rules (issue #21).
ENGINE_TERMS = ("salience", "agenda", "phase", "activation", "rete", "outrank", "depth first",
                "depth-first", "conflict resolution", "working memory", "tie-break")


def engine_terms_in(text: str) -> list[str]:
    import re
    low = text.lower()
    return [t for t in ENGINE_TERMS if re.search(rf"\b{re.escape(t)}", low)]


@lru_cache(maxsize=None)
def example_result(path) -> dict:
    """The analysis of a case file, once per test session (documents are rendered from it)."""
    from facts.loader import load_case
    return analyze(load_case(path))


@lru_cache(maxsize=1)
def catalogue() -> dict:
    from reports.catalogue_data import rule_catalogue
    return rule_catalogue()
