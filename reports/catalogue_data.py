"""The rule catalogue as plain data, for reports and listings."""
from __future__ import annotations

from rules.catalogue import all_rules


def rule_catalogue() -> dict[str, dict]:
    return {s.id: {"id": s.id, "title": s.title, "area": s.area, "authority": s.authority,
                   "authorities": s.resolved_authorities(), "principle": s.principle, "narrative": s.narrative,
                   "narrative_not": s.narrative_not, "concludes": s.concludes, "party": s.party,
                   "salience": s.salience.name, "phase": s.phase or "main",
                   "needs": [n.describe() for n in s.needs], "burden": s.burden,
                   "standard": s.standard} for s in all_rules()}
