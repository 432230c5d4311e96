"""The value formatter bound to one case: its time zone, its currency and the names of its parties
and non-parties, read from the result. Every report format and the command line format values
through this (or through facts/formatting.py for values with no case), so a boolean, a time, an
amount or a party reads the same everywhere. Plain text out: escaping is applied where values
enter templates (reports/filters.py)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import tzinfo

from facts import formatting as fmt


@dataclass(frozen=True)
class CaseWords:
    zone: tzinfo | None = None
    zone_label: str = ""
    currency: str = "USD"
    names: dict = field(default_factory=dict)      # party or non-party id → the case's name
    labels: dict = field(default_factory=dict)     # fact id → the model's short label

    @classmethod
    def of(cls, result: dict) -> "CaseWords":
        case = result.get("case") or {}
        facts = result.get("facts") or {}
        zone_label = case.get("timezone") or (facts.get("timezone") or {}).get("value") or ""
        names = {"provider": case.get("provider") or "the provider",
                 "client": case.get("client") or "the client"}
        for fid, fact in facts.items():
            item = fact.get("value")
            if fid.startswith("parties.non_parties[") and isinstance(item, dict) and item.get("id"):
                names[item["id"]] = item.get("name") or item["id"]
        for pid, name in (case.get("non_parties") or {}).items():
            names[pid] = name
        labels = {fid: f["label"] for fid, f in facts.items() if f.get("label")}
        return cls(zone=fmt.zone_of(zone_label), zone_label=zone_label,
                   currency=case.get("currency") or "USD", names=names, labels=labels)

    # --- values --------------------------------------------------------------------------
    def time(self, value) -> str:
        return fmt.timestamp(value, self.zone)

    def money(self, value, currency: str | None = None) -> str:
        return fmt.money(value, currency or self.currency)

    def value(self, value, key: str = "") -> str:
        from reports.data_words import value_in_words
        return fmt.value(value_in_words(self._named(value)), self.zone, self.currency, key)

    def _named(self, value):
        """Non-party ids inside a fact value ('vendor: vendor:ledgerline') become their names."""
        if isinstance(value, str) and ":" in value and value in self.names:
            return self.names[value]
        if isinstance(value, dict):
            return {k: self._named(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self._named(v) for v in value]
        return value

    # --- names ---------------------------------------------------------------------------
    def party(self, party_id: str) -> str:
        """The case's name for a party or non-party ('vendor:ledgerline' → 'Ledgerline Systems
        Corp.'); an id the case does not name reads as its words, never as the raw id."""
        if party_id in self.names:
            return self.names[party_id]
        if ":" in str(party_id):
            return fmt.humanize(str(party_id).split(":", 1)[1]).title()
        return fmt.humanize(party_id)

    def role(self, party_id: str) -> str:
        """'SentinelWatch MDR LLC (the provider)'; a non-party by its name alone."""
        name = self.party(party_id)
        return f"{name} (the {party_id})" if party_id in ("provider", "client") else name

    def prose(self, text: str) -> str:
        """A sentence the rules wrote, with non-party ids ('vendor:ledgerline') replaced by the
        names the case gives them and the case format's data words in words. Presentation only: the sentence is otherwise as concluded."""
        from reports.data_words import in_words
        text = str(text)
        for pid, name in self.names.items():
            if ":" in pid and pid in text:
                text = re.sub(rf"(?<![\w\[]){re.escape(pid)}(?![\w\]])", name, text)
        return in_words(text)

    def label(self, fact_id: str) -> str:
        """The fact's label: the result's, else the model's (facts/labels.py), else words made
        from the path (derived facts have no model field)."""
        if fact_id in self.labels:
            return self.labels[fact_id]
        if not fact_id.startswith("derived."):
            from facts.labels import field_at, label
            if field_at(fact_id)[0] is not None:
                return label(fact_id)
        return fmt.fact_label(fact_id)


yes_no = fmt.yes_no
money = fmt.money
percent = fmt.percent
listing = fmt.listing
duration = fmt.duration
timestamp = fmt.timestamp
number = fmt.number
