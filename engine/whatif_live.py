"""Live what-if: a scenario's column replayed from the case's own run.

The workbench holds one case and turns every change a mediator makes into a what-if column. The
column is `engine.whatif.scenario_column`'s (the command's `whatif`): the scenario merged onto the
case and validated again, then run. Here the run is replayed from the case's own run
(engine/replay.py: only the firings the change reaches fire again), and the full engine runs
only where the replay cannot tell (a change that adds or removes a fact a rule's pattern names,
settles a dispute, or makes a rule fired again put something else into the network). Either way
the column is the same; tests/whatif/test_whatif_live.py holds it equal to the full run on every
bundled example for the changes the what-if form offers, one and two at a time.
"""
from __future__ import annotations

from engine.whatif import Scenario, load_scenario_case, outcome_column, outcome_of_run
from facts.loader import LoadedCase


class LiveWhatIf:
    """One case's run and its replayer, built once; `column` for each scenario after."""

    def __init__(self, loaded: LoadedCase, params, base_run=None):
        from engine.replay import Replayer
        from engine.runner import engine
        from facts.flatten import input_facts
        self.loaded, self.params = loaded, params
        self.base_run = base_run or engine().run_case(loaded.case, input_facts(loaded), params)
        self.replayer = Replayer(self.base_run)
        self.replayed = 0      # columns replayed from the case's run
        self.full = 0          # columns that needed the full engine

    def run(self, scenario: Scenario):
        """The scenario's run (FaultlineInputError, as `whatif` gives it, for a change the case
        file would refuse) and whether it was replayed."""
        from engine.runner import engine
        from facts.flatten import input_facts, input_facts_after_change
        loaded = load_scenario_case(self.loaded, scenario)
        if scenario.overlay or not scenario.sets:
            inputs = input_facts(loaded)
        else:
            inputs = input_facts_after_change(loaded, self.base_run.inputs,
                                              [path for path, _ in scenario.sets])
        run = self.replayer.run(loaded.case, inputs, self.params)
        if run is not None:
            self.replayed += 1
            return run, True
        self.full += 1
        return engine().run_case(loaded.case, inputs, self.params), False

    def column(self, scenario: Scenario, base_out: dict) -> dict:
        """What `scenario_column(loaded, scenario, params, base_out)` gives."""
        run, _ = self.run(scenario)
        return outcome_column(scenario.name, scenario.description, scenario.changes(),
                       outcome_of_run(run), base_out)
