"""A large derivation collapsed to its decisive path, to read on one page: one node per doctrinal
element (rules/doctrine.py: duty, breach, causation in fact, proximate cause, the defences,
allocation, remedies) listing the conclusions that hold there and what the record measured for
them, linked (dashed) where a conclusion of one element rests on a conclusion of another, each
leading to the root (the allocation). Remedies follow from the findings and decide nothing, so
they are left out. Conclusions that do not hold are counted, not drawn: `explain` and the
why-not give them. Labels are wrapped at word boundaries, never cut inside a word; the picture
asks Graphviz to fit 7.5 × 10 inches.
"""
from __future__ import annotations

import textwrap

PAGE = "7.5,10"
WIDTH = 46          # characters per label line
NOT_DECISIVE = {"remedies"}   # what follows from the findings, not what decides the root
FILL = {"holds": "#d9f2d9", "root": "#dbe9f6", "none": "#eeeeee"}


def _wrap(text: str, indent: str = "") -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=indent, subsequent_indent=indent + "  ",
                         break_long_words=False, break_on_hyphens=False) or [text]


def _element_names() -> dict[str, str]:
    from rules.catalogue import element_titles
    return element_titles()


def _name(node: dict, names: dict) -> str:
    title = names.get(node.get("element", "")) or (node.get("rule") or {}).get("title") \
        or node["id"]
    parts = node["id"].split(".")
    about = [p for p in (parts[3] if len(parts) > 3 else "", node.get("party", "")) if p]
    return f"{title} ({', '.join(about)})" if about else title


def decisive_path(tree: dict) -> tuple[dict, dict, set]:
    """(section key → [holding conclusions], section key → count not holding, section links)
    over the tree below the root, each conclusion once."""
    from engine.explain import walk
    from rules.doctrine import section_of
    held: dict[str, dict[str, dict]] = {}
    not_held: dict[str, set] = {}
    links: set[tuple[str, str]] = set()
    for node in walk(tree):
        if node is tree or node["type"] != "finding":
            continue
        key = section_of(node["element"])
        if key in NOT_DECISIVE:
            continue
        if node.get("holds"):
            held.setdefault(key, {})[node["id"]] = node
        else:
            not_held.setdefault(key, set()).add(node["id"])
        for child in node.get("children", []):
            if child["type"] == "finding" and child.get("holds") and node.get("holds"):
                other = section_of(child["element"])
                if other != key:
                    links.add((other, key))
    counts = {k: len(v - set(held.get(k, {}))) for k, v in not_held.items()}
    return ({k: sorted(v.values(), key=lambda n: n["id"]) for k, v in held.items()}, counts,
            links)


def collapsed_dot(tree: dict) -> str:
    from rules.doctrine import order, section, section_of
    names = _element_names()
    held, counts, links = decisive_path(tree)
    esc = lambda s: s.replace("\\", "\\\\").replace('"', '\\"')  # noqa: E731
    root_key = section_of(tree["element"]) if tree["type"] == "finding" else "allocation"
    keys = sorted(set(held) | set(counts), key=order)
    out = [f'digraph "{esc(tree["id"])}" {{',
           f'  rankdir=LR; size="{PAGE}"; ratio=compress; nodesep=0.15; ranksep=0.35;',
           '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=10, '
           'nojustify=true];',
           '  edge [color="#666666", arrowsize=0.7];']
    for key in keys:
        lines = [section(key).title.upper()]
        for node in held.get(key, []):
            lines += _wrap("✓ " + _name(node, names))
        if counts.get(key):
            n = counts[key]
            lines.append(f"({n} more {'conclusion' if n == 1 else 'conclusions'} here "
                         f"{'does' if n == 1 else 'do'} not hold)")
        label = "\\l".join(esc(line) for line in lines) + "\\l"
        fill = FILL["holds"] if held.get(key) else FILL["none"]
        out.append(f'  s_{key} [label="{label}", fillcolor="{fill}"];')
    verdict = {True: "holds", False: "does not hold"}.get(tree.get("holds"), "")
    rule = (tree.get("rule") or {}).get("id", "")
    root_lines = _wrap(_name(tree, names)) + \
        [" · ".join(x for x in (verdict, rule) if x)] + _wrap(tree.get("summary", ""))
    root_label = "\\n".join(esc(x) for x in root_lines)
    out.append(f'  root [label="{root_label}", fillcolor="{FILL["root"]}", penwidth=1.5];')
    column = [k for k in keys if k != root_key or held.get(k)]
    if len(column) > 1:      # one column, in the law's order
        out.append("  { rank=same; " + " -> ".join(f"s_{k}" for k in column) +
                   " [style=invis]; }")
    # A conclusion of one element resting on another's: drawn, but left out of the layout so
    # the elements stay one column in the law's order.
    for src, dst in sorted(links, key=lambda e: (order(e[0]), order(e[1]))):
        if src in held and dst in held:
            out.append(f'  s_{src} -> s_{dst} [constraint=false, style=dashed, color="#999999"];')
    for key in keys:
        if held.get(key) and key != root_key:
            out.append(f"  s_{key} -> root;")
    return "\n".join(out) + "\n}\n"
