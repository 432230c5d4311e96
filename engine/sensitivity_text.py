"""The sensitivity report as plain text for a terminal."""
from __future__ import annotations

from decimal import Decimal


def _pct(value) -> str:
    return f"{Decimal(str(value)) * 100:.2f}%"


def render(report: dict, top: int) -> str:
    m = report["method"]
    lines = [f"Sensitivity of {report['case']}: provider share {_pct(report['base']['provider_share'])}",
             f"{m['perturbations']} perturbations of the {m['facts_read']} facts fired rules read "
             f"({m['facts_skipped_unread']} of {m['facts_in_case']} facts unread, skipped; "
             f"{m['invalid']} perturbations gave an impossible case)"]
    for note in m.get("sampled_lists", []):
        lines.append(f"{note['list']}: {note['why']}; perturbed "
                     f"{', '.join(note['perturbed'][:6])}"
                     + (f" and {len(note['perturbed']) - 6} more" if len(note['perturbed']) > 6
                        else ""))
    lines.append("")
    lines.append(f"{'#':>3}  {'fact':<52} {'provider share range':<22} findings reversed")
    for row in report["ranking"][:top]:
        span = f"{_pct(row['low'])} – {_pct(row['high'])}"
        changed = ", ".join(row["findings_changed"][:3])
        more = len(row["findings_changed"]) - 3
        if more > 0:
            changed += f" (+{more})"
        lines.append(f"{row['rank']:>3}  {row['path']:<52} {span:<22} {changed or '—'}")
    if report["by_finding"]:
        lines += ["", "Findings one change reverses:"]
        for fid, changes in report["by_finding"].items():
            shown = "; ".join(f"{c['path']} ({c['change']})" for c in changes[:3])
            more = f" (+{len(changes) - 3} more)" if len(changes) > 3 else ""
            lines.append(f"  {fid}: {shown}{more}")
    flip = report.get("flip")
    if flip:
        lines += ["", f"Smallest change reversing {flip['target']} (base: {flip['base']}):"]
        if flip["found"]:
            best = flip["smallest"]
            for c in best["changes"]:
                lines.append(f"  - {c['path']}: {c['change']}")
            lines.append(f"  → provider share {_pct(best['provider_share'])}; findings reversed: "
                         f"{', '.join(best['findings_changed']) or 'none'}")
            if flip["alternatives_total"]:
                lines.append(f"  ({flip['alternatives_total']} other sets of {flip['size']} "
                             f"change{'s' if flip['size'] > 1 else ''} also do it)")
        else:
            lines.append(f"  none found: {flip['note']} ({flip['evaluated']} evaluations)")
    return "\n".join(lines) + "\n"
