"""The incident timeline as a picture: one row per moment the result holds (case-file timestamps,
alerts, outages, notices, derived SLA moments and deadlines), in time order. matplotlib is imported
here only; the SVG is byte-stable (fixed hash salt, no date), and case text is never parsed as
mathtext."""
from __future__ import annotations

import io
import re
import textwrap
from datetime import datetime

TIMELINE_LABELS = {
    "intrusion_start": "Intrusion begins", "first_indicator": "First indicator",
    "provider_detection": "Provider detects", "discovery": "Breach discovered",
    "containment": "Contained", "client_notified": "Client notified",
    "eradication": "Eradicated", "recovery": "Recovered",
}
DERIVED_LABELS = {
    "derived.sla_clock_start": "SLA clock starts",
    "derived.attributable_from": "Containment due had SLAs been met",
}
COLOURS = {"event": "#1f2937", "alert": "#d97706", "deadline": "#b91c1c", "notice": "#1d4ed8",
           "outage": "#6b7280", "derived": "#7c3aed"}
MARKERS = {"event": "o", "alert": "s", "deadline": "D", "notice": "^", "outage": "|",
           "derived": "D"}
MAX_ALERTS = 8
LABEL_WIDTH = 40   # characters of a label line before its time; wraps between words
SHOWN_FORMAT = "%a %Y-%m-%d %H:%M %z"


def _when(value) -> datetime | None:
    if not isinstance(value, str) or not re.match(r"^(\w{3} )?\d{4}-\d{2}-\d{2}[T ]\d", value):
        return None
    for parse in (datetime.fromisoformat,
                  lambda v: datetime.strptime(v[:-3] + v[-2:] if v[-3] == ":" else v,
                                              SHOWN_FORMAT)):
        try:
            moment = parse(value)
        except ValueError:
            continue
        return moment if moment.tzinfo else None
    return None


def _regime_name(result: dict, regime_id: str) -> str:
    """A regime as a reader names it ('US HIPAA Breach Notification Rule'), from the result's
    applicable regimes; the id where the result does not name it."""
    rows = (result.get("derived", {}).get("derived.applicable_regimes") or {}).get("value") or []
    name = next((r.get("name") for r in rows if isinstance(r, dict) and r.get("regime") == regime_id),
                None)
    return str(name).split(" — ")[0] if name else str(regime_id)


def events(result: dict) -> list[dict]:
    """The moments the result holds, as rows: label, kind, at (and end for spans)."""
    facts, rows = result.get("facts", {}), []
    first_alert = ((result.get("derived", {}).get("derived.first_related_alert") or {})
                   .get("value") or {})
    for fid, fact in sorted(facts.items()):
        value = fact.get("value")
        if fid.startswith("incident.timeline."):
            key = fid.rsplit(".", 1)[1]
            if _when(value):
                rows.append({"label": TIMELINE_LABELS.get(key, key.replace("_", " ").capitalize()),
                             "kind": "event", "at": _when(value)})
        elif fact.get("kind") == "incident.alerts" and isinstance(value, dict):
            if value.get("related_to_intrusion") is False or not _when(value.get("at")):
                continue
            first = " — first related alert" if value.get("id") == first_alert.get("id") else ""
            rows.append({"label": f"Alert {value.get('id')} ({value.get('severity', '')}){first}",
                         "kind": "alert", "at": _when(value["at"]), "first": bool(first)})
        elif fact.get("kind") == "incident.outages" and isinstance(value, dict):
            start, end = _when(value.get("start")), _when(value.get("end"))
            if start:
                until = "" if end else " (no end recorded)"
                rows.append({"label": f"Outage {value.get('id')}: {value.get('source', '')}{until}",
                             "kind": "outage", "at": start, "end": end})
        elif fact.get("kind") == "incident.notices" and isinstance(value, dict):
            if _when(value.get("at")):
                regime = f", {_regime_name(result, value['regime'])}" if value.get("regime") else ""
                from reports.data_words import value_in_words
                rows.append({"label": f"Notice {value.get('id')} to "
                                      f"{value_in_words(str(value.get('to', '')))}{regime}",
                             "kind": "notice", "at": _when(value["at"])})
    alerts = [r for r in rows if r["kind"] == "alert"]
    for extra in sorted(alerts, key=lambda r: r["at"])[MAX_ALERTS:]:
        rows.remove(extra)
    for did, item in sorted(result.get("derived", {}).items()):
        if _when(item.get("value")):
            label = DERIVED_LABELS.get(did) or did.removeprefix("derived.").replace("_", " ") \
                .capitalize()
            kind = "deadline" if "deadline" in did else "derived"
            rows.append({"label": label, "kind": kind, "at": _when(item["value"])})
    for f in result.get("findings", []):
        deadline = _when((f.get("values") or {}).get("deadline"))
        if deadline:
            parts = f["element"].split(".")
            what = parts[1].replace("_", " ") if len(parts) > 1 else parts[0]
            subject = f" ({f['subject']})" if f.get("subject") else ""
            rows.append({"label": f"Deadline: {what}{subject}, {f['party']}", "kind": "deadline",
                         "at": deadline})
    rows.sort(key=lambda r: (r["at"], r["label"]))
    return rows


def _draw(result: dict):
    from matplotlib import dates as mdates
    from matplotlib.figure import Figure
    from reports.format import CaseWords
    words = CaseWords.of(result)
    rows = events(result)
    if not rows:
        return None
    # a long label (a notice under a statute's full name) wraps between words, so the labels
    # never take the whole width from the plot
    labels = [textwrap.fill(r["label"], LABEL_WIDTH, break_long_words=False)
              + f"  ·  {words.time(r['at'])}" for r in rows]
    lines = max(label.count("\n") + 1 for label in labels)
    fig = Figure(figsize=(8, 1.0 + (0.3 + 0.16 * (lines - 1)) * len(rows)), layout="constrained")
    ax = fig.add_subplot()
    n = len(rows)
    for i, row in enumerate(rows):
        y = n - 1 - i
        colour = COLOURS[row["kind"]]
        if row.get("end"):
            ax.plot([row["at"], row["end"]], [y, y], color=colour, linewidth=5,
                    solid_capstyle="butt", alpha=0.7)
        else:
            ax.plot([row["at"]], [y], marker=MARKERS[row["kind"]], color=colour, markersize=7,
                    linestyle="none")
        if row["kind"] == "deadline":
            ax.axvline(row["at"], color=colour, linewidth=0.6, linestyle=":", alpha=0.6)
    ax.set_yticks(range(n))
    ax.set_yticklabels(list(reversed(labels)), fontsize=9)
    for tick, row in zip(ax.get_yticklabels(), list(reversed(rows))):
        tick.set_color(COLOURS[row["kind"]])
    ax.set_ylim(-0.7, n - 0.3)
    # the labels take most of the width: few dates, turned, so they never run into each other
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=2, maxticks=5))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%d %b", tz=words.zone))
    ax.tick_params(axis="x", labelsize=8.5, labelrotation=35)
    for tick in ax.get_xticklabels():
        tick.set_horizontalalignment("right")
    ax.grid(axis="x", color="#e5e7eb", linewidth=0.6)
    ax.grid(axis="y", color="#f3f4f6", linewidth=0.5)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    zone = f"times in {words.zone_label}" if words.zone else "times as recorded, axis in UTC"
    # over the whole figure, from its left edge: over the axes alone it would start right of
    # the labels and run off the page
    fig.suptitle(f"Timeline ({zone})", fontsize=10, x=0.01, ha="left")
    return fig


def _rc():
    import matplotlib
    return matplotlib.rc_context({"svg.hashsalt": "faultline", "svg.fonttype": "path",
                                  "text.parse_math": False, "font.family": "DejaVu Sans",
                                  "text.usetex": False})


def timeline_svg(result: dict) -> str | None:
    """Inline SVG (no XML prologue), byte-stable; None when the result holds no timestamps."""
    with _rc():
        fig = _draw(result)
        if fig is None:
            return None
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    text = buffer.getvalue()
    return text[text.index("<svg"):]


def timeline_png(result: dict, dpi: int = 150) -> bytes | None:
    with _rc():
        fig = _draw(result)
        if fig is None:
            return None
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    return buffer.getvalue()
