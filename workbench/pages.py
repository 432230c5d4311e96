"""The workbench's pages: each a template over what engine/ and reports/ already hold.

Outcome reads the mediator brief's context (reports/context.py), the walkthrough the student's,
the why tree engine/explain.py's, the ranking engine/sensitivity.py's and the what-if
engine/whatif.py's columns. Presentation only: nothing here decides or computes an outcome.
"""
from __future__ import annotations

from pathlib import Path

from facts.errors import FaultlineInputError

TEMPLATES = Path(__file__).parent / "templates"
TABS = [("", "Outcome"), ("whatif", "What-if"), ("decides", "What decides it"),
        ("settle", "Settlement"), ("why", "Why"), ("walk", "Walkthrough")]
REPORT_FORMATS = {"md": "text/markdown; charset=utf-8", "html": "text/html; charset=utf-8",
                  "json": "application/json",
                  "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml."
                          "document",
                  "pdf": "application/pdf"}


class Pages:
    def __init__(self, app):
        from reports import filters
        from reports.templating import make_environment
        self.app = app
        self.env = make_environment(TEMPLATES, html=True)
        filters.register(self.env)
        self.env.filters["css_width"] = filters.pct_css

    def render(self, name: str, session=None, tab: str = "", **values) -> str:
        return self.env.get_template(name).render(
            app=self.app, s=session, tab=tab, tabs=TABS, token=self.app.token, **values)

    # --- routing -----------------------------------------------------------------------------
    def route(self, session, sub: str, args: dict, form: dict | None):
        from workbench import whatif_page
        from workbench.app import Refused, Response
        if sub in ("/", "") and form is None:
            return Response(self.outcome(session))
        if sub == "/whatif":
            return whatif_page.respond(self, session, args, form)
        if sub.startswith("/scenarios/") and form is None:
            return whatif_page.export(self, session, sub[len("/scenarios/"):])
        if sub == "/settle":
            from workbench import settle_page
            return settle_page.respond(self, session, args, form)
        if sub == "/decides" and form is None:
            return Response(self.decides(session))
        if sub == "/why" and form is None:
            return Response(self.why(session, args.get("finding", "")))
        if sub == "/walk" and form is None:
            return Response(self.walk(session, args.get("step", "1")))
        raise Refused("404 Not Found", "there is no such page")

    def index(self) -> str:
        return self.render("index.html.j2")

    def refusal(self, status: str, message: str) -> str:
        return self.render("refused.html.j2", status=status, message=message)

    # --- pages -------------------------------------------------------------------------------
    def outcome(self, session) -> str:
        ctx = session.context("mediator")
        areas = []
        for area in ctx["areas"]:
            if area["name"] in ("allocation", "proof"):
                continue
            rows = [finding_row(session, v) for v in area["findings"]]
            areas.append({"name": area["name"], "held": [r for r in rows if r["holds"]],
                          "not_held": [r for r in rows if not r["holds"]]})
        return self.render("outcome.html.j2", session, "", ctx=ctx, areas=areas)

    def decides(self, session) -> str:
        from workbench.whatif_page import ranking_rows
        report = session.sensitivity()
        return self.render("decides.html.j2", session, "decides", report=report,
                           rows=ranking_rows(session, report))

    def why(self, session, finding_id: str) -> str:
        from engine.explain import explain_tree, why_not
        if not finding_id:
            ctx = session.context("mediator")
            areas = [{"name": a["name"], "rows": [finding_row(session, v) for v in a["findings"]]}
                     for a in ctx["areas"]]
            return self.render("why_list.html.j2", session, "why", areas=areas)
        try:
            tree = explain_tree(session.result, finding_id, catalogue=session.catalogue)
        except FaultlineInputError:
            from workbench.app import Refused
            raise Refused("404 Not Found", "the result has no such finding") from None
        finding = next(f for f in session.result["findings"] if f["id"] == finding_id)
        reasons = [] if finding["holds"] else why_not(session.result, finding_id,
                                                       session.catalogue)
        return self.render("why.html.j2", session, "why", root=node_view(session, tree),
                           finding=finding_row(session, finding),
                           reasons=[reason_words(session, r) for r in reasons])

    def walk(self, session, step: str) -> str:
        sections = session.context("student")["sections"]
        number = int(step) if step.isdigit() else 1
        number = min(max(number, 1), len(sections)) if sections else 0
        section = sections[number - 1] if sections else None
        return self.render("walk.html.j2", session, "walk", sections=sections, number=number,
                           section=section,
                           authority={e["rule"]: session.catalogue.get(e["rule"], {})
                                      .get("authority", "") for e in
                                      (section["entries"] if section else [])})


# --- words -----------------------------------------------------------------------------------

def say(session, text) -> str:
    """A sentence of the result with every id in it in words: rule ids as rule titles, fact
    paths as labels (reports/plain_words.py), finding ids as their elements' names."""
    from reports.student import in_words
    return in_words(session.plain.text(str(text or "")), session.words, session.names)


def finding_name(session, finding_id: str) -> str:
    from reports.student import finding_name as name_of
    found = next((f for f in session.result["findings"] if f["id"] == finding_id), None)
    if found is None:
        parts = finding_id.split(".")
        found = {"element": ".".join(parts[:2]), "party": parts[2] if len(parts) > 2 else "",
                 "subject": ".".join(parts[3:])}
    return name_of(found, session.names, session.words)


def finding_row(session, f: dict) -> dict:
    from reports.student import verdict
    return {"id": f["id"], "name": finding_name(session, f["id"]), "holds": bool(f["holds"]),
            "verdict": verdict(f), "summary": say(session, f["summary"])}


def reason_words(session, reason: dict) -> str:
    """One reason of engine/explain.why_not in words (its kinds are documented there)."""
    from reports.student import _reason
    if reason["kind"] == "absent":
        return say(session, _reason(reason, session.words)["text"])
    if reason["kind"] == "summary":
        return say(session, reason["condition"])
    said = say(session, reason["condition"])
    detail = f": {say(session, reason['detail'])}" if reason.get("detail") else ""
    if reason["kind"] == "against":
        return f"met, and it defeats the element: {said}{detail}"
    return f"not met: {said}{detail}"


def node_view(session, node: dict, depth: int = 0) -> dict:
    """One node of a why tree in words: what it is, what it says, its exhibits, its children."""
    words = session.words
    kind = node["type"]
    view = {"kind": kind, "children": [node_view(session, c, depth + 1)
                                       for c in node.get("children", [])],
            "exhibits": list(node.get("exhibits") or []), "link": "", "depth": depth}
    if kind == "finding":
        from reports.student import verdict
        holds = node.get("holds")
        view.update(title=finding_name(session, node["id"]),
                    verdict=verdict({"holds": holds, "rule": node["rule"]["id"],
                                     "element": node["element"]}) if holds is not None else "",
                    holds=holds, text=say(session, node.get("summary", "")),
                    rule=node["rule"].get("title", ""), link=node["id"] if depth else "")
    elif kind == "derived":
        view.update(title=words.label(node["id"]), text=say(session, node.get("text", "")),
                    rule=node["rule"].get("title", ""), holds=None, verdict="")
    elif kind == "absent":
        view.update(title=words.label(node["id"]) if "." in node["id"] else node["id"],
                    text="not shown: " + say(session, node.get("summary", "")), rule="",
                    holds=False, verdict="not shown")
    else:
        shown = (f"{node['items']} items" if node.get("kind") == "list"
                 else words.value(node.get("value"), node["id"].rsplit(".", 1)[-1]))
        listed = (node.get("disputes") or {}) if node.get("kind") == "list" else {}
        for path, dispute in sorted(listed.items()):   # an item's exhibits, for a list read whole
            for party, source in sorted((dispute.get("sources") or {}).items()):
                said = f"{source} (the {party}'s version of {words.label(path)})"
                if source:
                    view["exhibits"].append(said)
        view.update(title=words.label(node["id"]), text=str(shown), rule="", holds=None,
                    verdict="disputed" if node.get("disputed") else "")
    return view
