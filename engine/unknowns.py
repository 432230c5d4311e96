"""Decisive unknowns: the facts the record does not establish that would change a finding, a share
or an exposure figure if they were established, ranked by effect. For an expert this is the list of
what to ask for in discovery; for a mediator, what the outcome still turns on.

Each unknown fact is established in turn with representative values, and the case is run again
(replayed from the analyzed run where it can, engine/replay.py; otherwise by the full engine):

- a disputed fact the run left unknown: each party's version;
- yes/no facts: yes and no; enumerations: each value (at most MAX_VALUES);
- a moment that may not have happened (an acknowledgement, a detection, a disclosure): at the
  moment it could first have happened (the alert, the outage's start, the intrusion's start, the
  discovery) and never;
- a date (a remediation, a report to the client, a last update): the day before the intrusion
  and never (or, for when a condition was first observed, 30 days before and the day after);
- a count: 0 and 100.

Unknown facts no rule read in the analyzed run cannot change the outcome by being established (as
in the sensitivity sweep) and are listed as not read. Amounts, texts and lists have no
representative values and are listed as not evaluated, as is every unknown beyond the first
MAX_FACTS (in path order). Two more bounds keep the ranking of a long case linear in it, each
named in `method.not_evaluated` for the facts it leaves out:

- in a list of more than LONG_LIST items read (engine/sample.py), the unknown fields of one item
  per group of items deciding the same findings are tried, as the sensitivity sweep perturbs them
  (3,000 copies of one alert play one part in the outcome);
- every run costs about what the case's list items cost, so the runs stop at MAX_WORK run-items
  (runs x list items): all MAX_FACTS facts for a case of up to about 120 list items (the bundled
  examples and scenarios need at most 1,349 run-items), one run for a case of 10,000.

Facts are ranked by the largest swing of
the provider's share between their values, then of any exposure figure, then by how many findings
change.
"""
from __future__ import annotations

import typing
from datetime import date, datetime, timedelta
from decimal import Decimal

from facts.errors import FaultlineInputError
from facts.flatten import unknown_facts
from facts.labels import field_at, unwrap
from facts.loader import LoadedCase, perturbed
from facts.overlay import apply_set

MAX_FACTS = 40    # unknown facts evaluated per analysis
MAX_VALUES = 4    # values tried per fact
MAX_WORK = 10_000   # runs x list items of the case, at most, for the whole ranking

METHOD = ("each unknown fact established in turn: yes and no; each value of an enumeration; a "
          "moment at the earliest it could have happened and never; a date the day before the "
          "intrusion and never; a count 0 and 100; a disputed fact in each party's version")


def decisive_unknowns(loaded: LoadedCase, params, base_run, read: set[str] | None = None) -> dict:
    """The JSON result's `decisive_unknowns`. `read`: the unknown facts some rule read in the base
    run; the others cannot change the outcome by being established (as in engine/sensitivity.py)
    and are listed as not read."""
    from engine.replay import Replayer
    from engine.sweep import run_all
    facts = unknown_facts(loaded)
    tried, skipped, unread = [], [], []
    stands_for = _sampled_items(base_run, [f.id for f in facts if read is None or f.id in read])
    items = sum(1 for i in base_run.inputs if i.kind)
    runs_left = MAX_WORK // max(1, items)
    for fact in facts:
        if read is not None and fact.id not in read:
            unread.append(fact.id)
            continue
        if _item_of(fact.id) in stands_for:
            skipped.append({"fact": fact.id, "why": stands_for[_item_of(fact.id)]})
            continue
        if len(tried) >= MAX_FACTS:
            skipped.append({"fact": fact.id, "why": f"beyond the {MAX_FACTS} evaluated"})
            continue
        values = representatives(loaded, fact.id)
        if values and len(values) > runs_left:
            skipped.append({"fact": fact.id, "why": f"beyond the work bound: {MAX_WORK:,} runs x "
                                                    f"list items, {items:,} items in this case"})
        elif values:
            runs_left -= len(values)
            tried.append((fact, values))
        else:
            skipped.append({"fact": fact.id, "why": "no representative values for this kind of "
                                                    "fact (an amount, a text or a list)"})
    jobs = [(fact, words, value) for fact, values in tried for words, value in values]
    base = _outcome(base_run)
    replayer = Replayer(base_run)

    def job(k: int) -> dict:
        fact, words, value = jobs[k]
        return _evaluate(loaded, params, base_run, replayer, base, fact.id, value)

    results = run_all(len(jobs), job, "unknown facts") if jobs else []
    by_fact: dict[str, list] = {}
    for (fact, words, value), outcome in zip(jobs, results):
        by_fact.setdefault(fact.id, []).append({"value": words, "set_to": _shown(value),
                                                **outcome})
    decisive, quiet = [], []
    for fact, _ in tried:
        rows = by_fact.get(fact.id, [])
        entry = _summary(fact, rows, base)
        (decisive if entry["decides"] else quiet).append(entry)
    decisive.sort(key=lambda e: (-Decimal(e["provider_share_swing"]),
                                 -Decimal(e["exposure_swing"]), -len(e["findings_changed"]),
                                 e["fact"]))
    return {"method": {"values": METHOD, "max_facts": MAX_FACTS, "max_work": MAX_WORK,
                       "unknown_facts": len(facts),
                       "evaluated": len(tried), "runs": len(jobs),
                       "replayed": sum(1 for r in results if r.get("replayed")),
                       "not_evaluated": skipped},
            "decisive": [{k: v for k, v in e.items() if k != "decides"} for e in decisive],
            "no_effect": [e["fact"] for e in quiet], "not_read": unread}


def _item_of(path: str) -> str:
    """'incident.alerts[AL-1].acknowledged_at' -> 'incident.alerts[AL-1]' ('' outside a list)."""
    end = path.find("]")
    return path[:end + 1] if end > 0 else ""


def _sampled_items(base_run, paths: list[str]) -> dict[str, str]:
    """Items of long lists whose unknown fields another item of their group stands for, with
    the reason in words (engine/sample.py's grouping, as the sensitivity sweep uses it)."""
    from engine.sample import sample_long_lists
    items = {_item_of(p) for p in paths} - {""}
    kept, notes = sample_long_lists(base_run, items)
    out = {}
    for note in notes:
        for fid in items - kept:
            if fid.startswith(note["list"] + "["):
                out[fid] = (f"{note['list']}: {note['why']}; the unknown fields of "
                            f"{', '.join(note['perturbed'])} are tried for the others")
    return out


def _evaluate(loaded, params, base_run, replayer, base, path, value) -> dict:
    from engine.runner import engine
    from engine.whatif import exposure_figures
    from facts.flatten import input_facts_after_change
    try:
        variant = perturbed(loaded, apply_set(loaded.plain, path, value))
    except FaultlineInputError as exc:
        return {"invalid": exc.one_line()}
    inputs = input_facts_after_change(variant, base_run.inputs, [path])
    run = replayer.run(variant.case, inputs, params)
    replayed = run is not None
    out = _outcome(run or engine().run_case(variant.case, inputs, params))
    flips = sorted(f for f in base["holds"].keys() | out["holds"].keys()
                   if base["holds"].get(f, False) != out["holds"].get(f, False))
    before = exposure_figures(base["exposure"])
    figures = exposure_figures(out["exposure"])
    return {"provider_share": str(out["allocation"].get("provider", "0")),
            "findings_changed": flips,
            # the exposure figures this value changes, with their new amounts
            "exposure": {k: str(figures.get(k, Decimal(0))) for k in sorted(set(figures) |
                         set(before)) if figures.get(k) != before.get(k)},
            "replayed": replayed}


def _outcome(run) -> dict:
    """What the comparison needs of a run, cheaply: which findings hold (one that any rule
    concludes holding holds, as in the result), the shares, the exposure."""
    holds: dict[str, bool] = {}
    for f in run.findings:
        holds[f["id"]] = holds.get(f["id"], False) or f["holds"]
    allocation = run.derived.get("derived.allocation", {}).get("value", {}) or {}
    exposure = {k.split(".")[-1]: v["value"] for k, v in sorted(run.derived.items())
                if k.startswith("derived.exposure.")}
    return {"holds": holds, "allocation": dict(allocation.get("shares", {}) or {}),
            "exposure": exposure}


def _summary(fact, rows: list[dict], base: dict) -> dict:
    from engine.whatif import exposure_figures
    valid = [r for r in rows if "invalid" not in r]
    shares = [Decimal(r["provider_share"]) for r in valid]
    base_share = Decimal(str(base["allocation"].get("provider", "0")))
    share_swing = (max(shares + [base_share]) - min(shares + [base_share])) if shares \
        else Decimal(0)
    base_figures = exposure_figures(base["exposure"])
    money = Decimal(0)
    for key in sorted({k for r in valid for k in r["exposure"]}):
        amounts = [Decimal(r["exposure"][key]) if key in r["exposure"] else
                   base_figures.get(key, Decimal(0)) for r in valid] + \
            [base_figures.get(key, Decimal(0))]
        money = max(money, max(amounts) - min(amounts))
    changed = sorted({f for r in valid for f in r["findings_changed"]})
    return {"fact": fact.id, "label": fact.label, "why_unknown": fact.why,
            "provider_share_swing": str(share_swing.quantize(Decimal("0.0001"))),
            "exposure_swing": str(money), "findings_changed": changed,
            "values": [{k: v for k, v in r.items() if k != "replayed"} for r in rows],
            "decides": bool(share_swing or money or changed)}


def representatives(loaded: LoadedCase, path: str) -> list[tuple[str, object]]:
    """(words, value as a case file writes it) for each value the fact is tried with."""
    dispute = loaded.notes.disputes.get(path)
    if dispute is not None:
        return [(f"as the {party} says", version) for party, version in dispute.versions.items()
                if not (isinstance(version, str) and version.strip().lower() == "unknown")]
    info, _ = field_at(path)
    if info is None:
        return []
    kind = unwrap(info.annotation)
    optional = _optional(info.annotation)
    if kind is bool:
        return [("yes", True), ("no", False)]
    if typing.get_origin(kind) is typing.Literal:
        options = [o for o in typing.get_args(kind) if o != "unknown"]
        return [(str(o).replace("_", " "), o) for o in options[:MAX_VALUES]]
    start = loaded.case.incident.timeline.intrusion_start
    if not isinstance(start, datetime):
        return []
    if kind is datetime:
        if not optional:
            return []
        words, anchor = _anchor(loaded, path, start)
        return [(words, anchor.isoformat()), ("never", "never")]
    if kind is date:
        if path.endswith((".first_observed", ".existed_since", ".known_since")):
            return [("30 days before the intrusion", (start.date() - timedelta(days=30))
                     .isoformat()), ("the day after the intrusion began",
                                     (start.date() + timedelta(days=1)).isoformat())]
        before = (start.date() - timedelta(days=1)).isoformat()
        return [("the day before the intrusion", before)] + \
            ([("never", "never")] if optional else [])
    if kind is int:
        return [("0", 0), ("100", 100)]
    return []


def _optional(annotation) -> bool:
    args = typing.get_args(annotation)
    return type(None) in args


def _anchor(loaded: LoadedCase, path: str, start: datetime) -> tuple[str, datetime]:
    """The earliest moment the event could have happened, in words."""
    item = _item(loaded, path)
    at = getattr(item, "at", None) if item is not None else None
    if isinstance(at, datetime):
        return "at the alert itself", at
    begun = getattr(item, "start", None) if item is not None else None
    if isinstance(begun, datetime):
        return "when the outage began", max(begun, start) if path.endswith(".end") else begun
    discovery = loaded.case.incident.timeline.discovery
    if path.endswith(("client_notified", "containment", "materiality_determined",
                      "notifiable_assessed")) and isinstance(discovery, datetime):
        return "at the discovery", discovery
    return "when the intrusion began", start


def _item(loaded: LoadedCase, path: str):
    """The list item a path lies in (an alert, an outage), from the validated case."""
    from facts.labels import split_path
    node = loaded.case
    for name, index in split_path(path)[:-1]:
        node = getattr(node, name, None)
        if index is not None and isinstance(node, list):
            node = next((i for i in node if getattr(i, "id", None) == index), None)
        if node is None:
            return None
    return node if hasattr(node, "id") else None


def _shown(value) -> object:
    return value.isoformat() if isinstance(value, (date, datetime)) else value
