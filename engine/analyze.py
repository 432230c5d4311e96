"""One call from a loaded case to a result: flatten, run, assemble."""
from __future__ import annotations

from engine.result import build_result
from engine.runner import engine
from facts.flatten import input_facts
from facts.loader import LoadedCase
from rules.parameters import Parameters


def analyze(loaded: LoadedCase, params: Parameters | None = None, ranges: bool = True,
            decisive: bool = False, unknowns: bool = False) -> dict:
    """The JSON result. When the case has disputed facts (and `ranges`), `outcome_range` gives
    the spread of shares and exposure over every combination of the parties' versions. With
    `unknowns` (every report and JSON result the analyze command writes), `decisive_unknowns`
    ranks the unknown facts by what establishing them would change. With
    `decisive` (the mediator's brief and the student's walkthrough), `decisive_facts` lists the
    facts whose change moves the outcome most, from a sensitivity sweep, and `reversals` the
    changes that reverse each finding (at most three each)."""
    params = params or Parameters.load()
    run = engine().run_case(loaded.case, input_facts(loaded), params)
    result = build_result(loaded, run, params)
    if ranges and loaded.notes.disputes:
        from engine.disputes import outcome_range
        result["outcome_range"] = outcome_range(loaded, params, result, run)
    if unknowns and result["unknowns"]:
        from engine.unknowns import decisive_unknowns
        read = {u["id"] for u in result["unknowns"] if u["read"]}
        result["decisive_unknowns"] = decisive_unknowns(loaded, params, run, read)
    if decisive:
        from engine.sensitivity import decisive_facts
        found, basis = decisive_facts(loaded, params)
        if found:
            result["decisive_facts"] = found
        if basis["reversals"]:
            result["reversals"] = basis["reversals"]
        if basis["sampled_lists"]:
            result["decisive_basis"] = {k: v for k, v in basis.items() if k != "reversals"}
    return result
