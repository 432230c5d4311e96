"""The decision-tree figure of the settlement section (matplotlib): SVG for HTML and PDF, PNG for
DOCX, byte-stable. It draws the result's `settlement.tree` (the tree cut down to the questions
that move the expectation most; engine/settlement_views.py) and derives nothing: each branch is an
answer with its chance, each leaf the expected award on the path and the chance of reaching it.
"""
from __future__ import annotations

import io
from decimal import Decimal

COLUMN = 2.35      # inches per question
ROW = 0.42         # inches per leaf


def _label(text: str, width: int = 26) -> str:
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "\n".join(lines + [line])


def _cash(text: str, currency: str) -> str:
    value = Decimal(text)
    if abs(value) >= 1_000_000:
        return f"{currency} {value / 1_000_000:,.2f}m"
    return f"{currency} {value:,.0f}"


def _pct(text: str) -> str:
    value = Decimal(text) * 100
    return f"{value:.0f}%" if value == value.to_integral_value() else f"{value:.1f}%"


def _draw(tree: dict, currency: str, chances: dict):
    from matplotlib.figure import Figure
    questions, paths = tree["questions"], tree["paths"]
    depth = len(questions)
    fig = Figure(figsize=(COLUMN * depth + 2.6, 0.9 + ROW * len(paths)))
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    width, height = depth + 1.1, len(paths) + 1.2
    ax.set_xlim(-0.12, width)
    ax.set_ylim(0, height)
    top = height - 0.35
    for level, q in enumerate(questions):
        ax.text(level + 0.05, top, _label(q["label"]), fontsize=7.5, va="top", ha="left",
                color="#1e3a8a", fontweight="bold")

    def y_of(row: int) -> float:
        return len(paths) - row - 0.2

    def node(prefix: tuple, rows: list[int], level: int) -> float:
        """Draw the subtree of the paths in `rows` that share `prefix`; return its y."""
        ys = [y_of(r) for r in rows]
        y = sum(ys) / len(ys)
        if level == depth:
            path = paths[rows[0]]
            ax.plot([level], [y], marker="s", color="#1e3a8a", markersize=4)
            ax.text(level + 0.06, y, f"{_cash(path['expected'], currency)}  ·  "
                                     f"{_pct(path['chance'])}", fontsize=7.5, va="center")
            return y
        answers = {}
        for r in rows:
            answers.setdefault(paths[r]["answers"][level], []).append(r)
        if list(answers) == [None]:   # a carve-out not open on this path: no node
            child = node(prefix + (None,), rows, level + 1)
            ax.plot([level, level + 1], [y, child], color="#9ca3af", linewidth=0.7,
                    linestyle=":")
            ax.text(level + 0.52, child + 0.12, "not open", fontsize=6.8, va="bottom",
                    color="#9ca3af")
            return y
        ax.plot([level], [y], marker="o", color="#b45309", markersize=4)
        for answer, members in answers.items():
            child = node(prefix + (answer,), members, level + 1)
            ax.plot([level, level + 0.5, level + 1], [y, child, child], color="#6b7280",
                    linewidth=0.7)
            if answer is None:
                text = "not open"
            else:
                text = f"{answer} {_pct(chances[questions[level]['id']][answer])}"
            ax.text(level + 0.52, child + 0.12, text, fontsize=6.8, va="bottom", color="#374151")
        return y
    node((), list(range(len(paths))), 0)
    return fig


def _rc():
    import matplotlib
    return matplotlib.rc_context({"svg.hashsalt": "faultline", "svg.fonttype": "path",
                                  "text.parse_math": False, "font.family": "DejaVu Sans",
                                  "text.usetex": False})


def tree_figure(settlement: dict, side: str, kind: str = "svg") -> str | bytes | None:
    """The figure for one side's view, or None when there is nothing to draw."""
    tree = (settlement.get("tree") or {}).get(side)
    if not tree or not tree["questions"] or not tree["paths"]:
        return None
    chances = {q["id"]: {k: Decimal(v) for k, v in q["estimates"][side].items()}
               for q in settlement["questions"]}
    with _rc():
        fig = _draw(tree, settlement.get("currency") or "USD", chances)
        if kind == "svg":
            buffer = io.StringIO()
            fig.savefig(buffer, format="svg", metadata={"Date": None})
            text = buffer.getvalue()
            return text[text.index("<svg"):]
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=150, metadata={"Software": None})
        return buffer.getvalue()


def pictures(result: dict, kind: str = "png") -> dict:
    """{'settlement_tree_<side>': figure} for each side's view (DOCX pictures by figure name)."""
    settlement = result.get("settlement") or {}
    out = {}
    for side in sorted(settlement.get("tree") or {}):
        figure = tree_figure(settlement, side, kind)
        if figure is not None:
            out[f"settlement_tree_{side}"] = figure
    return out
