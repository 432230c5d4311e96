"""Sentences for a court: the rules' own sentences with every internal identifier replaced by the
words a reader knows. A finding's id becomes its heading and opinion number, a rule's id its
title, a fact's path its label, a regime's id its name, a non-party's id the case's name for it.

Presentation only: the sentence is otherwise exactly as the rule base concluded it. The expert
report keeps ids in its appendix (and as link anchors), nowhere else; tests/reports hold it to that.
"""
from __future__ import annotations

import re
from functools import cached_property

from reports.format import CaseWords

# A fact path the result does not hold (a premise that was absent): its label from the model.
PATH = re.compile(r"(?<![\w\[.\-])(?:incident|contract|audit|client_governance|applicability|parties|"
                  r"engagement|evidence|derived|case|conduct)\.[\w\-]+(?:\[[\w\-]+\])?"
                  r"(?:\.[\w\-]+(?:\[[\w\-]+\])?)*(?![\w\]\-])")


class Plain:
    def __init__(self, result: dict, catalogue: dict, words: CaseWords,
                 opinions: dict[str, tuple[int, str]]):
        self.result, self.catalogue, self.words = result, catalogue, words
        self.opinions = opinions            # finding id → (number, heading)

    @cached_property
    def regimes(self) -> dict[str, str]:
        """Regime id → name: those the result names, then every profile the catalogue has."""
        names: dict[str, str] = {}
        try:
            from rules.legal_time.catalogue import list_rows
            names.update({row["id"]: row["name"] for row in list_rows()})
        except Exception:  # noqa: BLE001, S110 — without the profile catalogue the result's names serve
            pass
        applicable = (self.result.get("derived", {}).get("derived.applicable_regimes") or {})
        for row in applicable.get("value") or []:
            if isinstance(row, dict) and row.get("regime"):
                names[row["regime"]] = row.get("name") or row["regime"]
        return names

    def regime(self, regime_id: str) -> str:
        return self.regimes.get(regime_id, regime_id)

    @cached_property
    def _table(self) -> dict[str, str]:
        table: dict[str, str] = {}
        for rid, rule in self.catalogue.items():
            table[rid] = rule.get("title") or rid
        for fid in list(self.result.get("facts", {})) + list(self.result.get("derived", {})) \
                + list(self.result.get("lists", {})):
            if "." in fid:
                table[fid] = self.words.label(fid)
        for regime_id, name in self.regimes.items():
            table[regime_id] = name
        for pid, name in self.words.names.items():
            if ":" in pid:
                table[pid] = name
        for root in (self.result.get("allocation_detail") or {}).get("roots") or []:
            if root.get("id") and root.get("title"):
                table[root["id"]] = root["title"]
        for fid, (number, heading) in self.opinions.items():
            table[fid] = f"{heading} (opinion {number})"
        return table

    @cached_property
    def _pattern(self) -> re.Pattern:
        tokens = sorted(self._table, key=lambda t: (-len(t), t))
        body = "|".join(re.escape(t) for t in tokens)
        return re.compile(rf"(?<![\w\[.\-])(?:{body})(?![\w\]\-]|\.[\w\[])")

    def text(self, sentence: object) -> str:
        """The sentence with every identifier it holds in words."""
        sentence = str(sentence or "")
        if not sentence:
            return sentence
        sentence = re.sub(r"\bneeds (?:fact|finding) ", "needs ", sentence)
        from reports.data_words import in_words
        sentence = self._pattern.sub(lambda m: self._table[m.group(0)], sentence)
        return in_words(PATH.sub(lambda m: self.words.label(m.group(0)), sentence))

    def opinion_ref(self, finding_id: str) -> str:
        number, heading = self.opinions.get(finding_id, (None, ""))
        return f"opinion {number} ({heading})" if number else self.text(finding_id)
