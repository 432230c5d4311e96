"""The table of authorities: every statute, regulation, case, standard and guidance the rule base
relies on, with how far each has been checked, and the way rules and data cite them.

A conclusion a lawyer would call wrong is the worst bug this product can have, and a citation is
where a reader checks it. So a rule never carries free citation text: it cites an entry of the
table by key with a pinpoint (`cite("us-hipaa-breach-rule", "164.404(a)(2)")`), names the contract
term it applies (`contract_term("the SLA's detection window")`), or states its principle and says
it is a modelling choice (`modelling_choice("...")`). The table lives in
rules/data/authorities/*.yaml (one file per jurisdiction or family of sources); every entry records
its verification status, the date it was checked and against what. Data files (profiles, fault
regimes, parameters) cite with the same key-and-pinpoint form written as one string,
`"us-hipaa-breach-rule 164.404(b)"` (the key, a space, the pinpoint).
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

# rules/legal_time/ cites this table, so its loader is imported when the table is first read.
AUTHORITIES_DIR = Path(__file__).resolve().parent / "data" / "authorities"
KEY = r"[a-z0-9]+(?:[-.][a-z0-9]+)*"
KINDS = ("constitution", "statute", "bill", "regulation", "directive", "case", "restatement",
         "standard", "guidance", "treaty")
STATUSES = ("verified", "secondary-source", "unverified")
# What a reader may not be sent to: team documents that are not law and that no user ever sees.
INTERNAL_DOCUMENTS = re.compile(
    r"DOMAIN\.md|\bthe (?:seed )?article\b|\bthe primer\b|msp-liability-article|\bprimer\b",
    re.IGNORECASE)


class UnknownAuthority(KeyError):
    """A citation names a key the table does not have."""

    def __str__(self) -> str:
        return str(self.args[0])


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Verification(_Strict):
    status: Literal["verified", "secondary-source", "unverified"]
    checked: Optional[date] = None
    against: str = Field(min_length=1)

    @field_validator("checked", mode="before")
    @classmethod
    def _iso(cls, value: object) -> object:
        return date.fromisoformat(value) if isinstance(value, str) else value


class Pinpoint(_Strict):
    """One provision, page or paragraph of an authority that something cites."""
    cited_for: str = Field(min_length=1, alias="for")
    verification: Optional[Verification] = None
    quote: Optional[str] = None


class Authority(_Strict):
    key: str = Field(pattern=f"^{KEY}$")
    kind: Literal[KINDS]  # type: ignore[valid-type]
    jurisdiction: str = Field(min_length=2)
    citation: str = Field(min_length=3, description="the full citation, as a table of "
                                                    "authorities prints it")
    short: str = Field(min_length=2, description="how a sentence cites it")
    pinned: Optional[str] = Field(None, description="how a sentence cites it at a pinpoint, "
                                                    "with {pin} for the pinpoint")
    url: Optional[str] = Field(None, pattern=r"^https://")
    cited_for: str = Field(min_length=3)
    in_force: Optional[str] = None
    verification: Verification
    pinpoints: dict[str, Pinpoint] = {}
    note: Optional[str] = None

    def at(self, pinpoint: str) -> str:
        """The citation a sentence gives at `pinpoint` ('45 CFR 164.404(b)')."""
        if not pinpoint:
            return self.short
        if self.pinned:
            return self.pinned.format(pin=pinpoint)
        joiner = "" if pinpoint.startswith(("(", ",")) else " "
        return f"{self.short}{joiner}{pinpoint}"

    def verification_at(self, pinpoint: str) -> Verification:
        found = self.pinpoints.get(pinpoint)
        return found.verification if found and found.verification else self.verification


@dataclass(frozen=True)
class Citation:
    """What a rule, duty, regime or parameter rests on: an entry of the table at a pinpoint, a
    term of the parties' contract, or a modelling choice stated in plain words."""
    kind: Literal["authority", "contract", "modelling_choice", "governing_law"]
    key: str = ""
    pinpoint: str = ""
    note: str = ""          # what it is cited for here, or the contract term, or the principle

    def text(self) -> str:
        """The citation as a sentence prints it."""
        if self.kind == "contract":
            return f"the parties' contract: {self.note}"
        if self.kind == "modelling_choice":
            return f"modelling choice: {self.note}"
        if self.kind == "governing_law":
            return f"the governing law's {self.note} (each finding cites the provision it applied)"
        cited = authority(self.key).at(self.pinpoint)
        return f"{cited} ({self.note})" if self.note else cited

    def resolved(self) -> dict:
        """The citation as the JSON result gives it, for a table of authorities."""
        if self.kind != "authority":
            return {"kind": self.kind, "text": self.note}
        entry = authority(self.key)
        checked = entry.verification_at(self.pinpoint)
        return {"kind": "authority", "key": self.key, "pinpoint": self.pinpoint,
                "cite": entry.at(self.pinpoint), "citation": entry.citation,
                "authority_kind": entry.kind, "jurisdiction": entry.jurisdiction,
                "url": entry.url, "note": self.note, "status": checked.status,
                "checked": checked.checked.isoformat() if checked.checked else None,
                "against": checked.against}


def cite(key: str, pinpoint: str = "", note: str = "") -> Citation:
    """An entry of the table at a pinpoint; `note` says in a few words what it is cited for."""
    if not re.fullmatch(KEY, key):
        raise ValueError(f"authority key {key!r} is not of the form 'us-ny-gbl-899-aa'")
    return Citation("authority", key, pinpoint, note)


def contract_term(term: str) -> Citation:
    """The duty comes from the parties' contract (the term named), not from a public source."""
    return Citation("contract", note=term)


def governing_law(what: str) -> Citation:
    """The rule applies whichever jurisdiction's law governs (a fault regime, a notice statute);
    the finding it concludes cites the provision it applied, from the data that holds it."""
    return Citation("governing_law", note=what)


def modelling_choice(principle: str) -> Citation:
    """No authority fits: the principle, stated plainly, is this product's modelling choice."""
    if len(principle.strip()) < 12:
        raise ValueError("a modelling choice states its principle in words")
    return Citation("modelling_choice", note=principle)


Cites = Union[Citation, Sequence[Citation]]


def as_citations(value: Cites) -> tuple[Citation, ...]:
    """A rule's `authority=` as a tuple; free text is refused so every citation is in the table."""
    if isinstance(value, str):
        raise TypeError("authority= takes cite(...), contract_term(...), modelling_choice(...) or "
                        "governing_law(...), or a list of them; free citation text is not accepted")
    items = (value,) if isinstance(value, Citation) else tuple(value)
    if not items or not all(isinstance(item, Citation) for item in items):
        raise TypeError("authority= takes cite(...), contract_term(...), modelling_choice(...) or "
                        "governing_law(...), or a list of them")
    return items


def parse_data_cite(text: str) -> Citation:
    """A data file's citation, 'KEY PINPOINT' (e.g. 'us-hipaa-breach-rule 164.404(b)'), or
    'modelling choice: principle'."""
    text = str(text).strip()
    if text.lower().startswith("modelling choice:"):
        return modelling_choice(text.split(":", 1)[1].strip())
    key, _, pinpoint = text.partition(" ")
    return cite(key, pinpoint.strip())


def citations_text(citations: Iterable[Citation]) -> str:
    return "; ".join(c.text() for c in citations)


@lru_cache(maxsize=1)
def load_authorities() -> dict[str, Authority]:
    """Every entry of the table by key (sorted), read and validated once per process."""
    from rules.legal_time.datafiles import DataFileError, load_yaml
    entries: dict[str, Authority] = {}
    for path in sorted(AUTHORITIES_DIR.rglob("*.yaml")):
        data = load_yaml(path)
        if not isinstance(data, list):
            raise DataFileError(f"{path}: expected a list of authorities")
        for index, raw in enumerate(data):
            try:
                entry = Authority.model_validate(raw)
            except ValidationError as exc:
                raise DataFileError(f"{path}: entry {index} "
                                    f"({(raw or {}).get('key', '?')}): {exc}") from None
            if entry.key in entries:
                raise DataFileError(f"{path}: key {entry.key!r} appears twice in the table")
            entries[entry.key] = entry
    return {k: entries[k] for k in sorted(entries)}


def authority(key: str) -> Authority:
    table = load_authorities()
    if key not in table:
        import difflib
        close = difflib.get_close_matches(key, table, n=1, cutoff=0.6)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        raise UnknownAuthority(f"no authority {key!r} in rules/data/authorities/{hint}")
    return table[key]


def check_citation(citation: Citation) -> list[str]:
    """What is wrong with a citation: an unknown key, or a pinpoint the entry does not record."""
    if citation.kind != "authority":
        return []
    try:
        entry = authority(citation.key)
    except UnknownAuthority as exc:
        return [str(exc)]
    if citation.pinpoint and citation.pinpoint not in entry.pinpoints:
        return [f"{citation.key}: pinpoint {citation.pinpoint!r} is not recorded in the entry's "
                f"pinpoints (known: {', '.join(entry.pinpoints) or 'none'})"]
    return []


def table_path() -> Path:
    return AUTHORITIES_DIR
