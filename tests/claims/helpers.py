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


def harborview_heads(response: str | None = "consequential", rest: str | None = "direct") -> dict:
    """Harborview's harm as heads of loss (the same amounts and dates as its accrual), each
    classified as the arguments require: by default the response costs consequential and every
    other head direct; None leaves a head unclassified."""
    def head(hid, kind, amount, at, loss_type, **more):
        out = {"id": hid, "kind": kind, "amount": amount, "accrued_at": at, **more}
        if loss_type:
            out["loss_type"] = loss_type
        return out
    return {"records_affected": 212000, "heads": [
        head("H-1", "other", 400000, "2025-03-04T05:00:00", rest),
        head("H-2", "third_party_claims", 6300000, "2025-03-08T04:00:00", rest),
        head("H-3", "business_interruption", 2900000, "2025-03-11T23:00:00", rest),
        head("H-4", "response_costs", 3100000, "2025-03-11T23:00:00", response),
        head("H-5", "regulatory_fine", 1500000, "2025-03-11T23:00:00", None, regime="us-hipaa")]}
