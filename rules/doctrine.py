"""The legal elements in doctrinal order (duty, breach, causation in fact, proximate cause,
damages, defences, allocation, remedies), each with its test in plain words and the authorities
that state it, and which findings belong to each: the one element → section mapping every
document that teaches or argues by element uses (rules/data/doctrine.yaml). Also the glossary.

Data, not logic: nothing here decides an element. A finding's section follows from its element
id, so a new rule lands in its area's section without a change here.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rules.authorities import Citation, parse_data_cite

DOCTRINE_FILE = Path(__file__).resolve().parent / "data" / "doctrine.yaml"


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    test: str
    authorities: dict            # jurisdiction ('US-NY', 'US', 'UK', 'any') → citations
    elements: tuple[str, ...]    # element ids listed for this section
    areas: tuple[str, ...]       # first parts of element ids that default here
    derived: tuple[str, ...]     # measurements listed for this section

    def citations(self, governing_law: str = "") -> list[Citation]:
        """The authorities for this test under the governing law: its own entries, then its
        country's (US for US-NY), then those that apply anywhere; no duplicates."""
        law = (governing_law or "").upper()
        order = [law, law.split("-")[0], "ANY"]
        out: list[Citation] = []
        for where in dict.fromkeys(w for w in order if w):
            for c in self.authorities.get(where, ()):
                if c not in out:
                    out.append(c)
        return out


@dataclass(frozen=True)
class Term:
    term: str
    means: str
    matches: tuple[str, ...]


class DoctrineError(ValueError):
    pass


@lru_cache(maxsize=1)
def _load() -> tuple[tuple[Section, ...], tuple[Term, ...]]:
    from rules.legal_time.datafiles import load_yaml
    data = load_yaml(DOCTRINE_FILE)
    if not isinstance(data, dict) or set(data) != {"sections", "glossary"}:
        raise DoctrineError(f"{DOCTRINE_FILE}: expected 'sections' and 'glossary'")
    sections = []
    for raw in data["sections"]:
        try:
            sections.append(Section(
                key=raw["key"], title=raw["title"], test=" ".join(raw["test"].split()),
                authorities={k.upper(): tuple(parse_data_cite(c) for c in v)
                             for k, v in (raw.get("authorities") or {}).items()},
                elements=tuple(raw.get("elements") or ()), areas=tuple(raw.get("areas") or ()),
                derived=tuple(raw.get("derived") or ())))
        except (KeyError, TypeError, AttributeError) as exc:
            raise DoctrineError(f"{DOCTRINE_FILE}: section {raw!r}: {exc}") from None
    terms = tuple(Term(t["term"], t["means"], tuple(t.get("matches") or (t["term"],)))
                  for t in data["glossary"])
    return tuple(sections), terms


def sections() -> tuple[Section, ...]:
    return _load()[0]


def glossary() -> tuple[Term, ...]:
    return _load()[1]


def section(key: str) -> Section:
    return next(s for s in sections() if s.key == key)


@lru_cache(maxsize=512)
def section_of(element: str) -> str:
    """The section key of an element ('breach.triage' → 'breach'): the section listing it, else the
    section of its area; 'allocation' for an element no section names."""
    for s in sections():
        if element in s.elements:
            return s.key
    area = element.split(".")[0]
    for s in sections():
        if area in s.areas:
            return s.key
    return "allocation"


def order(key: str) -> int:
    return [s.key for s in sections()].index(key)
