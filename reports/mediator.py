"""The mediator's brief, read so it cannot contradict itself: the recovery routes as alternatives
with the strongest named once (the route the result names, else the one paying most), at most one statement of a resolution path (or none, with the reason),
and every headline in names and words.

Presentation only: each route's availability and figure, the pathway and its reasons, the facts
that move the outcome are the result's; this module picks which to headline and says them in
words (fact ids as labels, finding ids as the names of their elements).
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

from reports.format import CaseWords
from reports.student import _element_names, in_words

ROUTE_TITLES = {"contract": "Contract", "negligence": "Negligence",
                "disclosure": "Late-notice exposure"}
PATHWAY = "remedy.pathway"
STRONGEST = "exposure.strongest.provider"


def brief(result: dict, catalogue: dict, words: CaseWords, exposure: list[dict],
          views: list[dict], moves: dict, sides: list[dict]) -> dict:
    """The parts of the brief that need reading together: routes, moves, sides, remedies and the
    one pathway statement."""
    names = _element_names(catalogue)

    def say(text: str) -> str:
        return in_words(text, words, names)
    routes = routes_as_alternatives(exposure, result.get("exposure") or {}, say)
    named = next((v for v in views if v["id"] == STRONGEST and v["holds"]), None)
    return {"routes": routes, "strongest": strongest(routes, named),
            "moves": _moves(moves, names, words),
            "sides": [{**side, "weak": [_said(v, say) for v in side["weak"]],
                       "strong": [_said(v, say) for v in side["strong"]]} for side in sides],
            "remedies": [_said(v, say) for v in views if v["area"] == "remedy" and v["holds"]
                         and v["element"] != PATHWAY],
            "pathway": pathway(views, say)}


def _said(view: dict, say) -> dict:
    return {**view, "summary": say(view["summary"])}


# --- routes ---------------------------------------------------------------------------------

def _upper(figure) -> Decimal | None:
    if isinstance(figure, dict):
        figure = figure.get("max")
    try:
        return Decimal(str(figure)) if figure is not None else None
    except InvalidOperation:
        return None


def _available(item: dict) -> str:
    """'yes', 'no' or 'arguable', as the result gives it (an older result says barred)."""
    status = item.get("available")
    if isinstance(status, bool):
        return "yes" if status else "no"
    if status in ("yes", "no", "arguable"):
        return status
    return "no" if item.get("barred") in (True, "yes") else "yes"


def routes_as_alternatives(exposure: list[dict], raw: dict, say) -> list[dict]:
    """Each route with its title, whether it is open, what the provider would pay on it and the
    last step of its reasoning, in words."""
    out = []
    for e in exposure:
        item = raw.get(e["route"]) if isinstance(raw.get(e["route"]), dict) else {}
        status = _available(item)
        out.append({**e, "title": ROUTE_TITLES.get(e["route"], e["route"].replace("_", " ")
                                                   .capitalize()),
                    "available": status, "upper": _upper(item.get("provider_pays")),
                    "note": say(_deciding_step(e.get("steps") or [], status))})
    return out


def _deciding_step(steps: list[str], status: str) -> str:
    """The step a reader of one line needs: for a closed route, the rule's own statement of why
    it is not available (the steps after it say what the regime would do, which moves no
    figure); otherwise the last step, which gives the figure."""
    if status == "no":
        closed = [s for s in steps if s.startswith("Not available")]
        if closed:
            return closed[0]
    return steps[-1] if steps else ""


def strongest(routes: list[dict], named: dict | None = None) -> dict | None:
    """The route the result names the client's strongest (its finding `exposure.strongest`);
    without one, the open (or arguable) route on which the provider would pay most; None when no
    route gives the client anything."""
    route = ((named or {}).get("values") or {}).get("route")
    chosen = next((r for r in routes if route and r["route"] == route), None)
    if chosen is not None:
        return chosen
    open_routes = [r for r in routes if r["available"] != "no" and r["upper"]]
    if not open_routes:
        return None
    return max(open_routes, key=lambda r: (r["upper"], r["available"] == "yes", r["route"]))


# --- what moves the outcome ---------------------------------------------------------------------

def _moves(moves: dict, names: dict, words: CaseWords) -> dict:
    if moves.get("kind") != "decisive":
        return {**moves, "entries": [{**e, "label": words.label(e["fact"])}
                                     for e in moves.get("entries", [])]}
    entries = []
    for d in moves["entries"]:
        entries.append({**d, "label": d.get("label") or words.label(d["fact"]),
                        "low_words": d.get("low_words") or d.get("low_change", ""),
                        "high_words": d.get("high_words") or d.get("high_change", ""),
                        "reverses": [_finding_words(fid, names) for fid in d["findings_changed"]]})
    return {**moves, "entries": entries}


def _finding_words(fid: str, names: dict) -> str:
    from reports.data_words import regimes, value_in_words
    parts = fid.split(".")
    name = names.get(".".join(parts[:2])) or parts[1].replace("_", " ")
    subject = ".".join(parts[3:])
    said = regimes().get(subject) or value_in_words(subject)
    return name + (f" ({said})" if subject else "")


# --- the resolution path ----------------------------------------------------------------------

def pathway(views: list[dict], say) -> dict:
    """The one pathway statement: the suggested path and its reasons when the pathway finding
    holds; when it does not, that direct negotiation suffices and why; when the result has no
    pathway finding, that it makes no suggestion."""
    found = next((v for v in views if v["element"] == PATHWAY), None)
    if found is None:
        return {"kind": "none", "text": "The result makes no suggestion of a resolution path.",
                "reasons": [], "rule": ""}
    reasons = [say(f"{c['condition']}: {c['detail']}" if c.get("detail") else c["condition"])
               for c in found.get("checks", []) if c.get("holds") == found["holds"]]
    path = (found.get("values") or {}).get("path", "")
    return {"kind": "suggested" if found["holds"] else "negotiation", "path": path,
            "text": say(found["summary"]), "reasons": reasons, "rule": found["rule"]}
