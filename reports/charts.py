"""Charts. matplotlib is imported inside each function (Agg backend, SVG out), so nothing pays for
it unless a chart is asked for."""
from __future__ import annotations

import textwrap
import warnings
from decimal import Decimal

LOWER, HIGHER, BASE = "#3b6ea8", "#c0504d", "#222222"
LABEL_WIDTH = 44


def _wrapped(text: str) -> str:
    """A label over lines at word boundaries, never cut inside a word."""
    return "\n".join(textwrap.wrap(text, LABEL_WIDTH, break_long_words=False,
                                   break_on_hyphens=False)) or text


def _row_label(row: dict, base: float) -> str:
    """The fact in words, then the change that moved it furthest: 'When alert AL-1007 was
    escalated to the client' / 'Mon 2025-03-03 03:47 EST (the record has none)'."""
    low, high = float(Decimal(row["low"])) * 100, float(Decimal(row["high"])) * 100
    words = row.get("low_words") if base - low >= high - base else row.get("high_words")
    fact = row.get("label") or row["path"]
    change = (words or "").split(": ", 1)[1] if ": " in (words or "") else ""
    return _wrapped(fact) + (f"\n→ {_wrapped(change)}" if change else "")


def tornado_svg(report: dict, top: int = 15) -> str:
    """A tornado chart of the sensitivity ranking: for each contestable fact whose change moves
    the provider's share, the lowest and highest share its changes gave, around the share as
    filed. Rows are the facts in words; each bar carries the share it reaches; a legend says
    which way each colour moves. A fact that moves no share has no bar, so it has no row."""
    import io

    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    matplotlib.rcParams["svg.hashsalt"] = "faultline"   # stable ids: same input, same bytes
    matplotlib.rcParams["svg.fonttype"] = "none"
    base = float(Decimal(report["base"]["provider_share"])) * 100
    moving = [r for r in report["ranking"] if Decimal(r["effect"]) > 0][:top]
    rows = list(reversed(moving))  # largest effect at the top
    labels = [_row_label(r, base) for r in rows]
    lines = sum(label.count("\n") + 1 for label in labels)
    height = max(2.6, 0.3 * lines + 0.25 * len(rows) + 1.9)
    fig, ax = plt.subplots(figsize=(10, height))
    for y, row in enumerate(rows):
        low = float(Decimal(row["low"])) * 100
        high = float(Decimal(row["high"])) * 100
        if low < base:
            ax.barh(y, low - base, left=base, color=LOWER, height=0.6)
            ax.text(low - 1, y, f"{low:.2f}%", va="center", ha="right", fontsize=8)
        if high > base:
            ax.barh(y, high - base, left=base, color=HIGHER, height=0.6)
            ax.text(high + 1, y, f"{high:.2f}%", va="center", ha="left", fontsize=8)
    ax.axvline(base, color=BASE, linewidth=1)
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels(labels, fontsize=8)
    ax.set_xlim(-12, 112)
    ax.set_xlabel("provider's share of fault (%)")
    title = f"What moves the provider's share (as filed: {base:.2f}%)"
    if not rows:
        ax.set_yticks([])
        ax.text(50, 0.5, "No single contestable change moves the provider's share.",
                ha="center", va="center", fontsize=10, transform=ax.transData)
        ax.set_ylim(0, 1)
    ax.set_title(title, fontsize=10, pad=22)
    ax.legend(handles=[Patch(color=LOWER, label="a change that lowers the provider's share"),
                       Patch(color=HIGHER, label="a change that raises it"),
                       Patch(color=BASE, label=f"share as filed ({base:.2f}%)")],
              loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=3, fontsize=8,
              frameon=False)
    with warnings.catch_warnings():   # a long label only loses its margin; stderr stays one line
        warnings.simplefilter("ignore", UserWarning)
        fig.tight_layout()
    out = io.StringIO()
    fig.savefig(out, format="svg", metadata={"Date": None, "Creator": "Faultline"},
                bbox_inches="tight")
    plt.close(fig)
    return out.getvalue()
