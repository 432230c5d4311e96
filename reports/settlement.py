"""The settlement section of the mediator brief, read from the result's `settlement`.

Presentation only: every figure and sentence is the result's (engine/settlement*.py); this module
picks the order (the client's view before the provider's), formats money and chances, and keeps
the tornado to the questions that move the expectation.
"""
from __future__ import annotations

from decimal import Decimal

SIDE_TITLES = {"client": "On the client's estimates", "provider": "On the provider's estimates",
               "shared": "On the shared estimates"}
KIND_WORDS = {"disputed": "disputed fact", "carve_out": "arguable carve-out",
              "unknown": "unknown fact"}
FIGURES = (("expected", "expected recovery"), ("median", "median"),
           ("p10", "10th percentile"), ("p90", "90th percentile"),
           ("p_nothing", "chance of nothing"))


def settlement_context(result: dict, pictures: bool = True) -> dict | None:
    """The brief's settlement section; `pictures=False` leaves the decision trees undrawn (the
    workbench's panel, recomputed as a slider moves)."""
    s = result.get("settlement")
    if not s:
        return None
    currency = s.get("currency") or (result.get("case") or {}).get("currency") or "USD"

    def cash(text) -> str:
        return "—" if text is None else f"{currency} {Decimal(str(text)):,.2f}"
    sides = [side for side in ("client", "provider", "shared") if side in s["views"]]
    figures = [{"name": label, "values": [
        _pct(s["views"][side][key]) if key == "p_nothing" else cash(s["views"][side].get(key))
        for side in sides]} for key, label in FIGURES]
    questions = []
    for q in s["questions"]:
        questions.append({**q, "kind_words": KIND_WORDS.get(q["kind"], q["kind"]),
                          "estimates": [_estimates(q, side, len(sides) > 1) for side in sides],
                          "defaulted": [side for side in sides
                                        if side not in q["estimated_by"]]})
    tornado = {side: [t for t in s["tornado"][side] if Decimal(t["swing"]) != 0]
               for side in sides}
    still = {side: [t["label"] for t in s["tornado"][side] if Decimal(t["swing"]) == 0]
             for side in sides}
    method = s["method"]
    bound = next((s["views"][side].get("error_bound") for side in sides
                  if s["views"][side].get("error_bound")), None)
    return {"sides": sides, "side_titles": [SIDE_TITLES[side] for side in sides],
            "views": [s["views"][side] for side in sides], "figures": figures,
            "questions": questions, "defaults": s["defaults"], "not_open": s["not_open"],
            "tornado": [(SIDE_TITLES[side], tornado[side], still[side]) for side in sides],
            "walk_away": s.get("walk_away"), "range": s.get("range"),
            "closing": [c for c in (s.get("range") or {}).get("closing", [])][:5],
            "walk_away_shown": {k: cash((s.get("walk_away") or {}).get(k))
                                for k in ("client", "provider")},
            "range_shown": _range_shown(s.get("range"), cash),
            "pictures": _pictures(result, s, sides) if pictures else [],
            "costs": s["costs"], "costs_shown": {"client": cash(s["costs"]["client"]),
                                                 "provider": cash(s["costs"]["provider"])},
            "fee_rule": s["fee_rule"], "method": method, "bound": bound,
            "input_sha256": s.get("input_sha256", ""),
            "method_words": _method_words(method, bound, cash)}


def _method_words(method: dict, bound: dict | None, cash) -> str:
    runs = f"{method['runs']:,} runs of the rule base"
    if method["mode"] == "exact":
        text = (f"Every one of the {method['combinations']:,} combinations of answers was "
                f"evaluated ({runs}, carve-outs included).")
    else:
        text = (f"The {method['combinations']:,} combinations exceed the exact limit of "
                f"{method['exact_limit']:,}: {method['samples']:,} were drawn per side with seed "
                f"{method['seed']} ({runs}).")
        if bound:
            text += (f" At {_pct(bound['confidence'])} confidence every chance shown is within "
                     f"{_pct(bound['chance'])} of the exact one and the expected recovery within "
                     f"{cash(bound['expected'])} (Hoeffding's bound).")
    if method.get("ranges_left"):
        why = " ".join(method.get("ranges_why") or [])
        text += (f" {method['ranges_left']} branches of the tree still give a range, on a point "
                 f"no question settles; each counts its two ends at even odds"
                 + (f" ({why})" if why else "") + ".")
    return text + " Figures are risk-neutral expectations."


def _pct(text) -> str:
    value = Decimal(str(text)) * 100
    return f"{value:.0f}%" if value == value.to_integral_value() else f"{value:.1f}%"


def _range_shown(rng: dict | None, cash) -> str:
    if not rng:
        return "—"
    if rng["exists"]:
        return cash(rng["low"]) if rng["low"] == rng["high"] else \
            f"{cash(rng['low'])} to {cash(rng['high'])}"
    return cash(rng["gap"])


def _pictures(result: dict, s: dict, sides: list[str]) -> list[dict]:
    """Each side's decision-tree figure (SVG), or a note saying why there is none."""
    from reports.settlement_figure import tree_figure
    out = []
    for side in sides:
        tree = s.get("tree", {}).get(side) or {}
        try:
            svg = tree_figure(s, side, "svg")
        except ImportError:
            svg, note = None, "The decision tree is omitted: matplotlib is not installed."
        else:
            note = "" if svg else "No question moves the expected recovery, so there is no tree."
        left = len(tree.get("left_out", []))
        out.append({"name": f"settlement_tree_{side}", "svg": svg, "note": note,
                    "title": SIDE_TITLES[side].replace("On ", "on ", 1),
                    "left_out": left})
    return out


def _estimates(q: dict, side: str, named: bool) -> str:
    def answer(a: dict) -> str:
        return f"{a['key']}'s version" if q["kind"] == "disputed" else a["key"]
    text = ", ".join(f"{answer(a)} {_pct(q['estimates'][side][a['key']])}" for a in q["answers"])
    return f"{side}: {text}" if named else text
