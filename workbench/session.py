"""What the server holds for one case: the analyzed case (the same result `analyze --format json`
gives), the what-if form's fields, the scenarios a mediator saved, and the report contexts and
the sensitivity sweep, each computed once when first asked for.

Wiring only: every figure and sentence comes from engine/ and reports/.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field

from facts.errors import FaultlineInputError
from facts.loader import LoadedCase

MAX_SAVED = 12           # scenarios kept side by side (a page wider than that is unreadable)
MAX_NAME = 80


@dataclass
class Evaluation:
    """One what-if: the answers given, the scenario they make and its column (or the errors
    that kept it from running: per field, and one not tied to a field)."""
    name: str
    answers: dict[str, str]
    sets: list = field(default_factory=list)
    column: dict | None = None
    errors: dict[str, str] = field(default_factory=dict)
    error: str = ""

    @property
    def ran(self) -> bool:
        return self.column is not None


class CaseSession:
    def __init__(self, number: int, loaded: LoadedCase, params):
        from engine.analyze import analyze
        from engine.explain import rule_catalogue
        from engine.whatif import outcome_of_result
        from engine.whatif_form import form_fields
        from reports.format import CaseWords
        from reports.plain_words import Plain
        from reports.student import _element_names
        self.number, self.loaded, self.params = number, loaded, params
        self.catalogue = rule_catalogue()
        self.result = analyze(loaded, params, unknowns=True)   # as `analyze --format json`
        self.base_out = outcome_of_result(self.result)
        self.fields = form_fields(loaded)
        self.by_path = {f.path: f for f in self.fields}
        self.words = CaseWords.of(self.result)
        self.names = _element_names(self.catalogue)
        self.plain = Plain(self.result, self.catalogue, self.words, {})
        self.saved: list[Evaluation] = []
        self.lock = threading.Lock()          # one engine per process: one run at a time
        self._contexts: dict[str, dict] = {}
        self._sensitivity: dict | None = None
        self._prepared = None
        self._live = None
        self._opened: set[str] | None = None
        # where the settlement panel starts: (estimates per side, the costs file's mapping)
        self.settle_start: tuple[dict, dict] | None = None

    @property
    def title(self) -> str:
        return self.result["case"].get("title") or self.result["case"].get("id", "")

    # --- what-if -----------------------------------------------------------------------------
    def evaluate(self, answers: dict[str, str], name: str = "what-if") -> Evaluation:
        from engine.whatif_form import answers_scenario
        kept = {k: v for k, v in answers.items() if k in self.by_path}
        scenario, errors = answers_scenario(self.loaded, self.fields, kept, name)
        found = Evaluation(name, kept, scenario.sets, None, errors)
        if errors or not scenario.sets:
            return found
        try:
            with self.lock:
                found.column = self.live().column(scenario, self.base_out)
        except FaultlineInputError as exc:
            if exc.field in self.by_path:
                found.errors[exc.field] = exc.message
            else:
                found.error = exc.one_line()
        return found

    def live(self):
        """The case's run and its replayer (engine/whatif_live.py), built at the first change."""
        if self._live is None:
            from engine.whatif_live import LiveWhatIf
            self._live = LiveWhatIf(self.loaded, self.params)
        return self._live

    def save(self, answers: dict[str, str], name: str) -> Evaluation:
        name = " ".join(str(name).split())[:MAX_NAME]
        if not name:
            raise FaultlineInputError("form", "name", "give the scenario a name")
        if any(s.name == name for s in self.saved):
            raise FaultlineInputError("form", "name", f"a scenario named {name!r} is already "
                                                      f"kept; choose another name")
        if len(self.saved) >= MAX_SAVED:
            raise FaultlineInputError("form", "name", f"at most {MAX_SAVED} scenarios are kept; "
                                                      f"remove one first")
        found = self.evaluate(answers, name)
        if not found.ran:
            raise FaultlineInputError("form", "name", "only a scenario that runs can be kept "
                                                      "(change a fact, and fix any field marked)")
        self.saved.append(found)
        return found

    def remove(self, index: int) -> None:
        if 0 <= index < len(self.saved):
            del self.saved[index]

    def scenario(self, index: int):
        from engine.whatif import Scenario
        kept = self.saved[index]
        return Scenario(kept.name, "", {}, list(kept.sets), kept.name)

    # --- reports and sweeps, once each ------------------------------------------------------
    def context(self, audience: str) -> dict:
        if audience not in self._contexts:
            from reports.context import build
            from reports.escape import visible_tree
            with self.lock:
                self._contexts[audience] = build(visible_tree(self.result), self.catalogue,
                                                 audience)
        return self._contexts[audience]

    def sensitivity(self) -> dict:
        if self._sensitivity is None:
            from engine.sensitivity import analyze_sensitivity
            with self.lock:
                self._sensitivity = analyze_sensitivity(self.loaded, self.params)
        return self._sensitivity

    # --- settlement: the tree evaluated once, weighed again for each set of estimates ---------
    def prepared(self):
        """engine.settlement.Prepared for this case (FaultlineInputError when it has none)."""
        if self._prepared is None:
            from engine.settlement import Prepared
            with self.lock:
                self._prepared = Prepared(self.loaded, self.params)
        return self._prepared

    def start_settlement(self, odds_files: list[str], costs_file: str | None) -> None:
        """Start the settlement panel at these odds and costs files' figures, checked as the
        settle command checks them (FaultlineInputError naming the file and field)."""
        from engine.settlement_costs import costs_from_mapping
        from facts.loader import read_raw
        if len(odds_files) > 2:
            raise FaultlineInputError("--odds", "", "at most two odds files: one per side, or "
                                                    "one shared")
        by_side = self.prepared().odds_files(odds_files)
        if "shared" in by_side:
            by_side = {"client": by_side["shared"], "provider": by_side["shared"]}
        raw = read_raw(costs_file, "costs file") if costs_file else {}
        costs_from_mapping(raw, self.loaded.case, costs_file or "")
        self.settle_start = (by_side, raw)

    def settle(self, by_side: dict, costs) -> dict:
        """The `settlement` section for the estimates and costs given (engine/settlement.py)."""
        prepared = self.prepared()
        with self.lock:
            return prepared.settlement(by_side, costs)

    def opened_carve_outs(self) -> set[str]:
        """The carve-outs some combination of the tree opens (the others are answered no)."""
        if self._opened is None:
            from engine.settlement_costs import costs_from_mapping
            prepared = self.prepared()
            even = {"shared": prepared.odds("neutral", {}, "even odds")}
            found = self.settle(even, costs_from_mapping(None, self.loaded.case, ""))
            self._opened = {q["id"] for q in found["questions"] if q["kind"] == "carve_out"}
        return self._opened
