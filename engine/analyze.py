"""One call from a loaded case to a result: flatten, run, assemble."""
from __future__ import annotations

from engine.result import build_result
from engine.runner import engine
from facts.flatten import input_facts
from facts.loader import LoadedCase
from rules.parameters import Parameters


def analyze(loaded: LoadedCase, params: Parameters | None = None) -> dict:
    params = params or Parameters.load()
    run = engine().run_case(loaded.case, input_facts(loaded), params)
    return build_result(loaded, run, params)
