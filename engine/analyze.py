"""One call from a loaded case to a result: flatten, run, assemble."""
from __future__ import annotations

from engine.result import build_result
from engine.runner import engine
from facts.flatten import input_facts
from facts.loader import LoadedCase
from rules.parameters import Parameters


def analyze(loaded: LoadedCase, params: Parameters | None = None, ranges: bool = True,
            decisive: bool = False) -> dict:
    """The JSON result. When the case has disputed facts (and `ranges`), `outcome_range` gives
    the spread of shares and exposure over every combination of the parties' versions. With
    `decisive` (the mediator's brief), `decisive_facts` lists the facts whose change moves the
    outcome most, from a sensitivity sweep."""
    params = params or Parameters.load()
    run = engine().run_case(loaded.case, input_facts(loaded), params)
    result = build_result(loaded, run, params)
    if ranges and loaded.notes.disputes:
        from engine.disputes import outcome_range
        result["outcome_range"] = outcome_range(loaded, params, result, run)
    if decisive:
        from engine.sensitivity import decisive_facts
        found, basis = decisive_facts(loaded, params)
        if found:
            result["decisive_facts"] = found
        if basis["sampled_lists"]:
            result["decisive_basis"] = basis
    return result
