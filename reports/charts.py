"""Charts. matplotlib is imported inside each function (Agg backend, SVG out), so nothing pays for
it unless a chart is asked for."""
from __future__ import annotations

import warnings
from decimal import Decimal


def tornado_svg(report: dict, top: int = 15) -> str:
    """A tornado chart of the sensitivity ranking: for each fact, the lowest and highest provider
    share its perturbations gave, around the base share."""
    import io

    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    matplotlib.rcParams["svg.hashsalt"] = "faultline"   # stable ids: same input, same bytes
    matplotlib.rcParams["svg.fonttype"] = "none"
    base = float(Decimal(report["base"]["provider_share"])) * 100
    rows = [r for r in report["ranking"][:top]]
    rows.reverse()  # largest effect at the top
    height = max(2.5, 0.42 * len(rows) + 1.4)
    fig, ax = plt.subplots(figsize=(9, height))
    for y, row in enumerate(rows):
        low = float(Decimal(row["low"])) * 100
        high = float(Decimal(row["high"])) * 100
        if low < base:
            ax.barh(y, low - base, left=base, color="#3b6ea8")
        if high > base:
            ax.barh(y, high - base, left=base, color="#c0504d")
        if low == base == high:
            ax.plot([base], [y], marker="|", color="#888888")
    ax.axvline(base, color="#222222", linewidth=1)
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels([r["path"] for r in rows], fontsize=8)
    ax.set_xlabel("provider's share of fault (%)")
    ax.set_title(f"Sensitivity of the provider's share (base {base:.2f}%)", fontsize=10)
    with warnings.catch_warnings():   # a long label only loses its margin; stderr stays one line
        warnings.simplefilter("ignore", UserWarning)
        fig.tight_layout()
    out = io.StringIO()
    fig.savefig(out, format="svg", metadata={"Date": None, "Creator": "Faultline"})
    plt.close(fig)
    return out.getvalue()
