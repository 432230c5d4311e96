"""Text and Markdown listings: the rule catalogue, one rule, a validation summary."""
from __future__ import annotations

from reports.render import environment


def rules_text(catalogue: dict[str, dict]) -> str:
    width = max(len(i) for i in catalogue)
    lines = [f"{rid:<{width}}  {r['area']:<11} {r['title']}" for rid, r in sorted(catalogue.items())]
    return "\n".join(lines) + f"\n{len(catalogue)} rules\n"


def rules_markdown(catalogue: dict[str, dict], version: str) -> str:
    return environment().get_template("rules.md.j2").render(rules=catalogue, version=version)


def rule_text(rule: dict) -> str:
    return "\n".join([
        f"{rule['id']}: {rule['title']}",
        f"  area:       {rule['area']} (concludes {rule['concludes']} for {rule['party']})",
        f"  authority:  {rule['authority']}",
        f"  principle:  {rule['principle']}",
        f"  needs:      {'; '.join(rule['needs']) or 'nothing (reads what is concluded)'}",
        f"  precedence: {rule['salience']} (phase {rule['phase']})",
        f"  burden:     {rule['burden']}, {rule['standard']}",
        f"  narrative:  {rule['narrative']}",
        f"  otherwise:  {rule['narrative_not']}",
    ]) + "\n"
