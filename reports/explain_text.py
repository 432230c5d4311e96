"""Explanations as text and Markdown: a derivation tree, its why-not, and the firing trace.

Presentation only: the tree, the reasons and the steps come from engine/explain.py. A premise that
appears more than once (the same conclusion at the same step) is expanded where it first appears
and later marked "(expanded above)".
"""
from __future__ import annotations

from contextvars import ContextVar

from facts import formatting as fmt
from reports.escape import md_code, md_text, visible_tree

# The case's zone while one explanation is rendered, so times read as they do in the reports.
_ZONE: ContextVar = ContextVar("zone", default=None)

MARK = {True: "✓", False: "✗"}
VERDICT = {True: "holds", False: "does not hold", None: "concluded here by another rule"}


def short(value, limit: int = 100) -> str:
    """A value in words (facts/formatting.py); long ones cut at a word for the terminal tree."""
    text = fmt.value(value, _ZONE.get())
    return text if len(text) <= limit else text[:limit - 1].rsplit(" ", 1)[0] + " …"


def _head(n: dict) -> str:
    if n["type"] == "finding":
        return f"{n['id']} — {VERDICT[n.get('holds')]}"
    if n["type"] == "derived":
        return f"{n['id']} = {short(n.get('text') or n['value'])}"
    if n["type"] == "input":
        flags = " (assumed default)" if n.get("assumed") else ""
        flags += " (disputed)" if n.get("disputed") else ""
        return f"{n['id']} = {short(n['value'])}{flags}"
    return f"{n['id']} — ABSENT, needed by {n.get('rule', {}).get('id', '?')}: {n.get('summary', '')}"


def _details(n: dict, verbose: bool) -> list[str]:
    lines = []
    rule = n.get("rule") or {}
    if n["type"] in ("finding", "derived") and rule:
        lines.append(f"{'by' if n['type'] == 'finding' else 'derived by'} {rule['id']} "
                     f"\"{rule['title']}\" (step {n['step']})")
        if verbose and rule.get("authority"):
            lines.append(f"authority: {rule['authority']}")
    if n["type"] == "finding":
        if n.get("summary"):
            lines.append(n["summary"])
        lines += [f"{MARK[c['holds']]} {c['condition']} — {c['detail']}" for c in n.get("checks", [])]
    if n.get("parameters"):
        lines.append(f"parameters: {', '.join(n['parameters'])}")
    if n["type"] == "input" and n.get("kind") == "list":
        lines.append(f"read as a whole ({n['items']} items, sha256 {n['sha256']}); the items "
                     f"that decided it are listed beside it, each with its exhibits")
    elif n["type"] == "input":
        lines += [f"exhibit: {e}" for e in n.get("exhibits", [])] or ["exhibit: none recorded"]
    if n.get("truncated"):
        lines.append(f"… {n['truncated']} premises below --depth")
    return lines


def tree_text(tree: dict) -> str:
    out, seen = [], set()

    def visit(n: dict, prefix: str, last: bool, root: bool) -> None:
        branch = "" if root else ("└─ " if last else "├─ ")
        out.append(prefix + branch + _head(n))
        inner = prefix + ("" if root else ("   " if last else "│  "))
        key = (n["type"], n["id"], n.get("step"))
        children = n.get("children", [])
        if children and key in seen:
            out.append(inner + "   (expanded above)")
            return
        seen.add(key)
        bar = "│  " if children else "   "
        for line in _details(n, verbose=root or n["type"] == "finding"):
            out.append(inner + bar + line)
        for i, child in enumerate(children):
            visit(child, inner, i == len(children) - 1, False)

    visit(tree, "", True, True)
    return "\n".join(out) + "\n"


def why_not_text(tree: dict, reasons: list[dict]) -> str:
    if tree.get("holds"):
        return ""
    out = [f"Why not: {tree['id']} does not hold ({tree['rule']['id']})"]
    for r in reasons:
        if r["kind"] == "absent":
            out.append(f"  ✗ rule {r['rule']} needs {r['missing']}, which is absent: {r['cause']}")
        elif r["kind"] == "failed":
            out.append(f"  ✗ not met: {r['condition']} — {r['detail']}")
        elif r["kind"] == "against":
            # the rule phrases this check as what answers the element, so meeting it is the reason
            out.append(f"  ✓ because {r['condition']} — {r['detail']}")
        else:
            out.append(f"  {r['condition']}")
        out += [f"      {fid} = {short(v, 90)}" for fid, v in r.get("facts", {}).items()]
    return "\n".join(out) + "\n"


def explain_text(tree: dict, reasons: list[dict], zone=None) -> str:
    _ZONE.set(fmt.zone_of(zone) if isinstance(zone, str) else zone)
    why = why_not_text(tree, reasons)
    return tree_text(tree) + (f"\n{why}" if why else "")


def explain_markdown(tree: dict, reasons: list[dict], zone=None) -> str:
    """Markdown: every value goes through md_text / md_code (reports/escape.py), so nothing the
    case says becomes markup or live HTML in a Markdown viewer."""
    _ZONE.set(fmt.zone_of(zone) if isinstance(zone, str) else zone)
    tree, reasons = visible_tree(tree), visible_tree(reasons)
    out = [f"# Why {md_text(tree['id'])} {VERDICT[tree.get('holds')]}", ""]
    if not tree.get("holds") and reasons:
        out += ["## Why not", ""]
        for r in reasons:
            if r["kind"] == "absent":
                out.append(f"- Rule {md_text(r['rule'])} needs {md_code(r['missing'])}, which is "
                           f"absent: {md_text(r['cause'])}.")
            else:
                label = {"failed": "Not met", "against": "Because"}.get(
                    r["kind"], "Reason")
                out.append(f"- **{label}:** {md_text(r['condition'])} — {md_text(r['detail'])}")
        out.append("")
    out += ["## Derivation", ""]
    seen = set()

    def visit(n: dict, level: int) -> None:
        pad = "  " * level
        key = (n["type"], n["id"], n.get("step"))
        head = _head(n)
        rest = head[len(n["id"]):] if head.startswith(n["id"]) else " " + head
        out.append(f"{pad}- {md_code(n['id'])}{md_text(rest)}")
        if n.get("children") and key in seen:
            out.append(f"{pad}  - (expanded above)")
            return
        seen.add(key)
        for line in _details(n, verbose=n["type"] == "finding"):
            out.append(f"{pad}  - {md_text(line)}")
        for child in n.get("children", []):
            visit(child, level + 1)

    visit(tree, 0)
    return "\n".join(out) + "\n"
