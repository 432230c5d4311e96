"""One call from a loaded case to a result: flatten, run, assemble."""
from __future__ import annotations

from engine.result import build_result
from engine.runner import engine
from facts.flatten import input_facts
from facts.loader import LoadedCase
from rules.parameters import Parameters


def analyze(loaded: LoadedCase, params: Parameters | None = None, ranges: bool = True) -> dict:
    """The JSON result. When the case has disputed facts (and `ranges`), `outcome_range` gives
    the spread of shares and exposure over every combination of the parties' versions."""
    params = params or Parameters.load()
    run = engine().run_case(loaded.case, input_facts(loaded), params)
    result = build_result(loaded, run, params)
    if ranges and loaded.notes.disputes:
        from engine.disputes import outcome_range
        result["outcome_range"] = outcome_range(loaded, params, result, run)
    return result
