"""A derivation tree as a picture: Graphviz DOT (rendered by `dot` where installed) or Mermaid.

The tree (engine/explain.py) repeats shared premises; the graph draws each conclusion once. Nodes
are grouped by legal element area (duty, breach, causation, ...), input facts form the evidence
group, edges run from premise to conclusion labelled with the rule that used the premise, and
input facts show their exhibits. Four or more input facts under one parent mapping (e.g. the nine
contract.responsibilities.*) are drawn as one node listing them, to keep 20–40 node chains legible.
"""
from __future__ import annotations

import shutil
import subprocess
import textwrap
from pathlib import Path

AREA_ORDER = ("duty", "breach", "causation", "disclosure", "governance", "care", "proof",
              "remedies", "exposure", "allocation", "evidence")
COLOURS = {"holds": "#d9f2d9", "not": "#f8d7da", "unknown": "#eeeeee", "derived": "#dbe9f6",
           "input": "#ffffff", "absent": "#fff3cd"}
GROUP_AT = 4
MAX_NODES = 40     # beyond this a node-by-node picture no longer reads on one page


def _short(value, limit: int = 48) -> str:
    """A value on at most two lines of about half `limit` each, cut only between words."""
    if isinstance(value, dict):
        text = ", ".join(f"{k}: {v}" for k, v in value.items() if v not in (None, "", []))
    elif isinstance(value, list):
        text = "; ".join(_short(v, limit) for v in value)
    else:
        text = str(value)
    if len(text) <= limit:
        return text
    lines = textwrap.wrap(text, max(16, limit // 2 + 4), break_long_words=False,
                          break_on_hyphens=False)
    shown = lines[:2]
    return "\n".join(shown) + (" …" if len(lines) > 2 else "")


def _parent(fact_id: str) -> str:
    cut = max(fact_id.rfind("."), fact_id.rfind("["))
    return fact_id[:cut] if cut > 0 else fact_id


def graph_model(tree: dict) -> tuple[dict, list]:
    """(nodes key -> {label lines, area, fill}, edges [(from, to, rule)]), each drawn once."""
    from engine.explain import walk
    inputs = {n["id"]: n for n in walk(tree) if n["type"] == "input"}
    groups: dict[str, list[str]] = {}
    for fid in sorted(inputs):
        groups.setdefault(_parent(fid), []).append(fid)
    group_of = {f: p for p, members in groups.items() if len(members) >= GROUP_AT for f in members}
    nodes, edges = {}, []

    def key(n: dict) -> str:
        if n["type"] == "input":
            return "in:" + group_of.get(n["id"], n["id"])
        return f"{n['type']}:{n['id']}@{n.get('step')}"

    def visit(n: dict) -> None:
        k = key(n)
        if k in nodes:
            return
        if n["type"] == "input" and n["id"] in group_of:
            parent = group_of[n["id"]]
            lines = [f"{parent} ({len(groups[parent])} facts)"]
            for fid in groups[parent]:
                lines.append(f"{fid[len(parent):].lstrip('.')} = {_short(inputs[fid]['value'], 30)}")
            lines += sorted({e for fid in groups[parent] for e in inputs[fid]["exhibits"]})
            nodes[k] = {"lines": lines, "area": "evidence", "fill": COLOURS["input"]}
        elif n["type"] == "input":
            nodes[k] = {"lines": [n["id"], _short(n["value"])] + n["exhibits"][:3],
                        "area": "evidence", "fill": COLOURS["input"]}
        elif n["type"] in ("absent", "unresolved"):
            nodes[k] = {"lines": [n["id"], f"ABSENT: needed by {n.get('rule', {}).get('id', '?')}",
                                  _short(n.get("summary", ""), 60)],
                        "area": "evidence", "fill": COLOURS["absent"]}
        elif n["type"] == "derived":
            nodes[k] = {"lines": [n["id"], _short(n.get("text") or n["value"]),
                                  f"{n['rule']['id']} · step {n['step']}"],
                        "area": n["area"] or "evidence", "fill": COLOURS["derived"]}
        else:
            verdict = {True: "holds", False: "does not hold"}.get(n.get("holds"), "earlier conclusion")
            rule = n.get("rule", {}).get("id", "")
            nodes[k] = {"lines": [n["id"], f"{verdict} · {rule} · step {n.get('step')}"],
                        "area": n.get("area", "evidence"),
                        "fill": COLOURS[{True: "holds", False: "not"}.get(n.get("holds"),
                                                                         "unknown")]}
        for child in n.get("children", []):
            visit(child)
            edge = (key(child), k, n.get("rule", {}).get("id", ""))
            if edge not in edges:
                edges.append(edge)
        if n.get("truncated"):
            nodes[k]["lines"].append(f"(+{n['truncated']} premises not shown)")

    visit(tree)
    return nodes, edges


def _lines(node: dict) -> list[str]:
    return [part for line in node["lines"] for part in str(line).split("\n")]


def _areas(nodes: dict) -> list[str]:
    present = {n["area"] for n in nodes.values()}
    return [a for a in AREA_ORDER if a in present] + sorted(present - set(AREA_ORDER))


def to_dot(tree: dict) -> str:
    """The derivation as DOT: node by node when it is small enough to read, else — and always for
    the allocation chain, which gathers every element — collapsed to the decisive path
    (graph_collapsed.py): one node per doctrinal element listing what holds there, in the order
    the law takes them, sized for a page."""
    nodes, edges = graph_model(tree)
    if len(nodes) > MAX_NODES or tree.get("element", "").startswith("allocation."):
        from reports.graph_collapsed import collapsed_dot
        return collapsed_dot(tree)
    names = {k: f"n{i}" for i, k in enumerate(nodes)}
    esc = lambda s: s.replace("\\", "\\\\").replace('"', '\\"')  # noqa: E731
    out = [f'digraph "{esc(tree["id"])}" {{', "  rankdir=LR; newrank=true; nodesep=0.2; ranksep=0.9; concentrate=true;",
           '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=10];',
           '  edge [fontname="Helvetica", fontsize=8, color="#666666"];']
    for i, area in enumerate(_areas(nodes)):
        label = "evidence (input facts)" if area == "evidence" else area
        out += [f"  subgraph cluster_{i} {{", f'    label="{esc(label)}"; style="rounded";',
                '    color="#999999"; fontname="Helvetica-Bold";']
        for k, n in nodes.items():
            if n["area"] == area:
                text = "\\n".join(esc(line) for line in _lines(n))
                out.append(f'    {names[k]} [label="{text}", fillcolor="{n["fill"]}"];')
        out.append("  }")
    for src, dst, rule in edges:
        out.append(f'  {names[src]} -> {names[dst]} [label="{esc(rule)}"];')
    return "\n".join(out) + "\n}\n"


def to_mermaid(tree: dict) -> str:
    nodes, edges = graph_model(tree)
    names = {k: f"n{i}" for i, k in enumerate(nodes)}
    esc = lambda s: s.replace('"', "#quot;").replace("<", "#lt;").replace(">", "#gt;")  # noqa: E731
    out = [f"# Derivation of {tree['id']}", "", "```mermaid", "flowchart LR"]
    for i, area in enumerate(_areas(nodes)):
        out.append(f'  subgraph g{i} ["{"evidence (input facts)" if area == "evidence" else area}"]')
        for k, n in nodes.items():
            if n["area"] == area:
                out.append(f'    {names[k]}["{"<br/>".join(esc(line) for line in _lines(n))}"]')
        out.append("  end")
    for src, dst, rule in edges:
        out.append(f"  {names[src]} -->|{rule}| {names[dst]}" if rule else
                   f"  {names[src]} --> {names[dst]}")
    for kind, colour in COLOURS.items():
        out.append(f"  classDef {kind} fill:{colour},stroke:#666666")
    for k, n in nodes.items():
        kind = next(name for name, c in COLOURS.items() if c == n["fill"])
        out.append(f"  class {names[k]} {kind}")
    return "\n".join(out) + "\n```\n"


def graph_outputs(tree: dict, path: str) -> tuple[list[tuple[str, str | bytes]], str]:
    """What to write for `--graph PATH`: [(path, content)] and a note for stderr ('' if none).

    .md → Mermaid in Markdown; .dot/.gv → DOT; .svg/.png/.pdf → rendered by Graphviz `dot`, or,
    without it, the DOT file beside PATH and how to render it.
    """
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix == "md":
        return [(path, to_mermaid(tree))], ""
    dot_text = to_dot(tree)
    if suffix in ("dot", "gv"):
        return [(path, dot_text)], ""
    if suffix not in ("svg", "png", "pdf"):
        from facts.errors import FaultlineInputError
        raise FaultlineInputError("--graph", path, "unknown picture type; use .svg, .png, .pdf, "
                                                   ".dot or .md (Mermaid)")
    dot = shutil.which("dot")
    if dot is None:
        beside = str(Path(path).with_suffix(".dot"))
        return [(beside, dot_text)], (f"note: Graphviz 'dot' is not installed; wrote {beside}; "
                                      f"render it with: dot -T{suffix} {beside} -o {path} "
                                      f"(install Graphviz, e.g. apt-get install graphviz)")
    done = subprocess.run([dot, f"-T{suffix}"], input=dot_text.encode(), capture_output=True,
                          timeout=120, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"dot failed: {done.stderr.decode(errors='replace').strip()}")
    return [(path, done.stdout)], ""
