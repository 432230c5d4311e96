"""The what-if page, the kept scenarios and their export, and the ranking's links into the form.

A change is a form answer (engine/whatif_form.py), run as `whatif --set` runs it
(engine/whatif.scenario_column); a kept scenario is exported as the overlay file `whatif
--scenario` reads, or as the what-if report (reports/whatif_render.py) of all kept scenarios.
"""
from __future__ import annotations

from decimal import Decimal
from urllib.parse import urlencode

from facts.errors import FaultlineInputError

FIELD = "f."          # form names: f.<case-file path>
SECTION_TITLES = {"": "Disputed facts"}


def respond(pages, session, args: dict, form: dict | None):
    from workbench.app import Response
    given = form if form is not None else args
    answers = {k[len(FIELD):]: v for k, v in given.items() if k.startswith(FIELD)}
    notice, save_error = "", ""
    if form is not None:
        action = form.get("action", "run")
        try:
            if action == "save":
                kept = session.save(answers, form.get("name", ""))
                notice = f"Kept as “{kept.name}”."
            elif action == "remove" and form.get("index", "").isdigit():
                session.remove(int(form["index"]))
        except FaultlineInputError as exc:
            save_error = exc.message
    evaluation = session.evaluate(answers)
    # the page's script asks for the outcome and the field marks only (whatif_partial)
    partial = form is not None and form.get("partial") == "1" and form.get("action") == "run"
    return Response(pages.render("whatif_partial.html.j2" if partial else "whatif.html.j2",
                                 session, "whatif",
                                 sections=form_sections(session, evaluation),
                                 ev=evaluation, view=column_view(session, evaluation.column),
                                 base=column_view(session, base_column(session)),
                                 changes=change_words(session, evaluation),
                                 kept=kept_view(session), notice=notice, save_error=save_error))


def base_column(session) -> dict:
    return {"allocation": session.base_out["allocation"], "exposure": session.base_out["exposure"],
            "changed_findings": []}


def form_sections(session, evaluation) -> list[dict]:
    from facts import formatting as fmt
    sections: dict[str, dict] = {}
    for number, f in enumerate(session.fields):
        key = "" if f.kind == "version" else f.section
        section = sections.setdefault(key, {"title": SECTION_TITLES.get(key) or
                                            fmt.humanize(key).capitalize(),
                                            "fields": [], "open": key == ""})
        answer = evaluation.answers.get(f.path, f.base)
        changed = answer.strip() != f.base
        error = evaluation.errors.get(f.path, "")
        section["open"] = section["open"] or changed or bool(error)
        section["fields"].append({"f": f, "answer": answer, "changed": changed, "error": error,
                                  "id": f"field-{number}", "name": FIELD + f.path})
    return list(sections.values())


def change_words(session, evaluation) -> list[str]:
    from engine.whatif_form import said
    out = []
    for path, value in evaluation.sets:
        f = session.by_path[path]
        if f.kind == "version":
            answer = evaluation.answers[path]
            words = next(o[1] for o in f.options if o[0] == answer)
            out.append(f"{f.label}: {words}")
            continue
        new = "not recorded" if value is None else said(value, session.loaded, path)
        old = said(f.base, session.loaded, path) if f.base else "not recorded"
        out.append(f"{f.label}: {new} instead of {old}")
    return out


def column_view(session, column: dict | None) -> dict | None:
    """A column's shares, routes and reversed findings in words."""
    if column is None:
        return None
    from reports.context import _exposure  # the reports' own reading of an exposure
    from reports.mediator import routes_as_alternatives
    from workbench.pages import finding_name, say
    words = session.words
    raw = column.get("exposure") or {}
    routes = routes_as_alternatives(_exposure(raw, words), raw, lambda t: say(session, t))
    shares = {p: str(v) for p, v in sorted((column.get("allocation") or {}).items())}
    reversed_ = [{"name": finding_name(session, c["finding"]), "id": c["finding"],
                  "after": c["after"], "before": c["before"],
                  "summary": say(session, c["summary"])}
                 for c in column.get("changed_findings", [])]
    return {"shares": shares, "parties": [(p, words.role(p)) for p in shares],
            "routes": {r["route"]: r for r in routes}, "route_order": [r["route"] for r in routes],
            "reversed": reversed_}


def kept_view(session) -> list[dict]:
    out = []
    for number, kept in enumerate(session.saved):
        out.append({"number": number, "name": kept.name, "view": column_view(session, kept.column),
                    "changes": change_words(session, kept),
                    "link": "?" + urlencode({FIELD + k: v for k, v in sorted(kept.answers.items())
                                             if v.strip() != session.by_path[k].base})})
    return out


def export(pages, session, name: str):
    """`N.yaml`: kept scenario N as an overlay file; `report.FMT`: the what-if report of the
    base and every kept scenario (md, html or json), as `whatif --scenario` would write it."""
    from workbench.app import Refused, Response
    from workbench.pages import REPORT_FORMATS
    stem, _, ext = name.rpartition(".")
    if ext == "yaml" and stem.isdigit() and int(stem) < len(session.saved):
        return Response(overlay_text(session, int(stem)), content_type="text/yaml; charset=utf-8",
                        headers=[("Content-Disposition",
                                  f'attachment; filename="scenario-{int(stem) + 1}.yaml"')])
    if stem == "report" and ext in REPORT_FORMATS and session.saved:
        from engine.whatif import compare
        from reports.whatif_render import render_whatif_document
        scenarios = [session.scenario(i) for i in range(len(session.saved))]
        with session.lock:
            comparison = compare(session.loaded, scenarios, session.params)
        return Response(render_whatif_document(comparison, ext),
                        content_type=REPORT_FORMATS[ext],
                        headers=[("Content-Disposition",
                                  f'attachment; filename="whatif.{ext}"')])
    raise Refused("404 Not Found", "there is no such scenario or format")


def overlay_text(session, index: int) -> str:
    import yaml

    from engine.canonical import plain
    from engine.whatif_form import overlay_of
    kept = session.saved[index]
    scenario = session.scenario(index)
    body = overlay_of(scenario.apply(session.loaded.raw), list(kept.sets))
    head = {"name": kept.name, "description": "; ".join(change_words(session, kept))}
    return yaml.safe_dump({**head, **plain(body)}, sort_keys=False, allow_unicode=True,
                          default_flow_style=False, width=100)


def ranking_rows(session, report: dict) -> list[dict]:
    """The ranking's facts that move something, in its order; under each, every change of it
    that moves the share or reverses a finding, in words, with the share it gives, the findings
    it reverses and the what-if link that makes it."""
    from engine.whatif_form import change_answers
    from workbench.pages import finding_name
    answers = change_answers(session.loaded, session.by_path)
    base = Decimal(report["base"]["provider_share"])
    by_path: dict[str, list[dict]] = {}
    for p in report["perturbations"]:
        if "invalid" in p:
            continue
        share = Decimal(p["provider_share"])
        if share == base and not p["findings_changed"]:
            continue
        answer = answers.get((p["path"], p["change"]))
        by_path.setdefault(p["path"], []).append({
            "words": p["words"], "share": p["provider_share"], "moved": share != base,
            "reverses": [finding_name(session, f) for f in p["findings_changed"]],
            "link": "" if answer is None else "whatif?" + urlencode({FIELD + p["path"]: answer})})
    return [{"label": r["label"], "moves": by_path[r["path"]], "base": str(base),
             "effect": r["effect"]} for r in report["ranking"] if r["path"] in by_path]
