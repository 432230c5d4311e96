"""Building and running the claims test cases (one run each, no outcome ranges)."""
from __future__ import annotations

import copy
from pathlib import Path

from engine.analyze import analyze
from facts.loader import build_case, read_raw
from rules.parameters import Parameters
from tests.helpers import base_raw, set_path

MINIMAL = read_raw(Path(__file__).resolve().parents[1] / "allocation" / "minimal-case.yaml")


def minimal(**changes) -> dict:
    raw = copy.deepcopy(MINIMAL)
    for path, value in changes.items():
        set_path(raw, path.replace("__", "."), value)
    return raw


def harborview(**changes) -> dict:
    raw = base_raw()
    for path, value in changes.items():
        set_path(raw, path.replace("__", "."), value)
    return raw


def run(raw: dict, params: Parameters | None = None) -> dict:
    return analyze(build_case(raw, "test-case.yaml"), params, ranges=False)


def route(result: dict, name: str) -> dict:
    return result["exposure"][name]


def pays(result: dict, name: str) -> tuple[str, str]:
    p = result["exposure"][name]["provider_pays"]
    return p["min"], p["max"]


def client_share(weight: float) -> Parameters:
    """Client share 0.4 (2.0), 0.5 (3.0), 0.6 (4.5) on the minimal case (see tests/allocation)."""
    return Parameters.load(overrides={"weights.breach.triage": 3.0,
                                      "weights.breach.escalation": 0.0,
                                      "weights.governance.mfa": weight})
