"""The pictures a report embeds: the incident timeline (matplotlib) and the reasoning graph
(reports/graph.py, rendered by Graphviz `dot` where installed). SVG for HTML and PDF, PNG for
DOCX. A picture that cannot be drawn is left out with a note saying why."""
from __future__ import annotations

import shutil
import subprocess

GRAPH_DEPTH = 1


def graph_root(result: dict) -> str | None:
    """The finding whose derivation the graph draws: the allocation, else the first holding one."""
    ids = [f["id"] for f in result.get("findings", [])]
    alloc = [i for i in ids if i.startswith("allocation.")]
    holding = [f["id"] for f in result.get("findings", []) if f["holds"]]
    return (alloc or holding or ids or [None])[0]


def _graph(result: dict, kind: str) -> tuple[bytes | None, str]:
    try:
        from engine.explain import explain_tree
        from reports.graph import to_dot
    except ImportError:
        return None, "The reasoning graph is not available in this version."
    dot = shutil.which("dot")
    if dot is None:
        return None, ("The reasoning graph is omitted: Graphviz `dot` is not installed "
                      "(apt-get install graphviz).")
    root = graph_root(result)
    if root is None:
        return None, "The reasoning graph is omitted: the result holds no finding."
    try:
        text = to_dot(explain_tree(result, root, depth=GRAPH_DEPTH))
    except Exception as exc:  # noqa: BLE001 — a picture that fails must not sink the report
        return None, f"The reasoning graph is omitted: it could not be built ({type(exc).__name__})."
    args = [dot, "-Tsvg"] if kind == "svg" else [dot, "-Tpng", "-Gdpi=110"]
    done = subprocess.run(args, input=text.encode(), capture_output=True, timeout=120,
                          check=False)
    if done.returncode != 0:
        return None, "The reasoning graph is omitted: Graphviz could not draw it."
    return done.stdout, ""


def figures(result: dict, kind: str = "svg") -> dict:
    """{timeline, graph (SVG text or PNG bytes, or None), graph_note, graph_root}."""
    from reports.timeline import timeline_png, timeline_svg
    timeline = timeline_svg(result) if kind == "svg" else timeline_png(result)
    graph, note = _graph(result, kind)
    if graph is not None and kind == "svg":
        text = graph.decode("utf-8")
        graph = text[text.index("<svg"):]
    return {"timeline": timeline, "graph": graph, "graph_note": note,
            "graph_root": graph_root(result), "graph_depth": GRAPH_DEPTH}
