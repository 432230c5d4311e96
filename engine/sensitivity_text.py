"""The sensitivity report as plain text for a terminal: each change said in words with its
effect on the provider's share and the findings it reverses, named by their elements."""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

FINDINGS_SHOWN = 15


def _pct(value) -> str:
    return f"{Decimal(str(value)) * 100:.2f}%"


@lru_cache(maxsize=1)
def _element_names() -> dict[str, str]:
    from rules.catalogue import element_titles
    return element_titles()


def finding_words(fid: str) -> str:
    """'breach.audit.provider.A-1' → 'Audit finding against the provider (A-1)'."""
    parts = fid.split(".")
    name = _element_names().get(".".join(parts[:2])) or parts[1].replace("_", " ")
    return name + (f" ({parts[3]})" if len(parts) > 3 else "")


def _reversed(fids: list[str], shown: int = 3) -> str:
    said = "; ".join(finding_words(f) for f in fids[:shown])
    return said + (f" (and {len(fids) - shown} more)" if len(fids) > shown else "")


def render(report: dict, top: int) -> str:
    m = report["method"]
    left_out = m.get("not_contestable") or {}
    lines = [f"Sensitivity of {report['case']}: the provider's share is "
             f"{_pct(report['base']['provider_share'])} on the record as filed.",
             f"{m['perturbations']} changes a party could put forward, one at a time, to the "
             f"{m['facts_read']} facts the rules read ({m.get('disputed_versions', 0)} of them a "
             f"party's version of a disputed fact; {m['invalid']} gave an impossible case; "
             f"{m['facts_skipped_unread']} of {m['facts_in_case']} facts no rule read)."]
    if left_out:
        lines.append("Left out, as no party could put them forward: " + "; ".join(
            f"{n} ({why})" for why, n in left_out.items()) + ".")
    for note in m.get("sampled_lists", []):
        lines.append(f"{note['list']}: {note['why']}; changed "
                     f"{', '.join(note['perturbed'][:6])}"
                     + (f" and {len(note['perturbed']) - 6} more" if len(note['perturbed']) > 6
                        else ""))
    moving = [r for r in report["ranking"] if Decimal(r["effect"]) or r["findings_changed"]]
    lines += ["", "What moves the outcome (largest effect on the provider's share first):"]
    if not moving:
        lines.append("  No single change moves the provider's share or reverses a finding.")
    for row in moving[:top]:
        base = Decimal(report["base"]["provider_share"])
        said = []
        if Decimal(row["low"]) != base:
            said.append(f"{row['low_words']} → provider's share {_pct(row['low'])}")
        if Decimal(row["high"]) != base:
            said.append(f"{row['high_words']} → provider's share {_pct(row['high'])}")
        if not said:
            said.append(f"{row['label']}: the shares do not move")
        lines.append(f"{row['rank']:>3}. " + "\n     ".join(said))
        if row["findings_changed"]:
            lines.append(f"     reverses: {_reversed(row['findings_changed'])}")
    if len(moving) > top:
        lines.append(f"  ({len(moving) - top} more facts move something; --top N shows more)")
    if report["by_finding"]:
        lines += ["", "Findings one change reverses, and the first such change:"]
        items = list(report["by_finding"].items())
        for fid, changes in items[:FINDINGS_SHOWN]:
            more = f" (and {len(changes) - 1} other changes)" if len(changes) > 1 else ""
            lines.append(f"  {finding_words(fid)}: {changes[0].get('words') or changes[0]['path']}"
                         f"{more}")
        if len(items) > FINDINGS_SHOWN:
            lines.append(f"  ... and {len(items) - FINDINGS_SHOWN} more findings "
                         f"(--format json lists every change)")
    flip = report.get("flip")
    if flip:
        target = "the allocation" if flip["target"] == "allocation" else finding_words(
            flip["target"])
        base_said = (f"the provider's share {_pct(flip['base'].split()[-1])}"
                     if flip["target"] == "allocation" else flip["base"])
        lines += ["", f"Smallest change reversing {target} (as filed: {base_said}):"]
        if flip["found"]:
            best = flip["smallest"]
            for c in best["changes"]:
                lines.append(f"  - {c.get('words') or c['path'] + ': ' + c['change']}")
            lines.append(f"  → provider's share {_pct(best['provider_share'])}; reverses: "
                         f"{_reversed(best['findings_changed'], 6) or 'nothing else'}")
            if flip["alternatives_total"]:
                lines.append(f"  ({flip['alternatives_total']} other sets of {flip['size']} "
                             f"change{'s' if flip['size'] > 1 else ''} also do it)")
        else:
            lines.append(f"  none found: {flip['note']} ({flip['evaluated']} evaluations)")
    return "\n".join(lines) + "\n"
