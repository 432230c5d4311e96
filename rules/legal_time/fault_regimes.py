"""Comparative-fault regimes: what the client's share of fault does to what it can recover.

The allocation says who carried how much fault; the governing law decides whether that share
merely reduces the client's negligence recovery or bars it. The table is data
(rules/data/fault_regimes.yaml); this module looks a jurisdiction up, falls back openly, and does
the arithmetic in Decimal with the sentence that shows it.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import ROUND_HALF_EVEN, Decimal
from functools import lru_cache

from rules.authorities import Citation, check_citation, citations_text, parse_data_cite
from rules.legal_time.datafiles import DATA_DIR, DataFileError, load_yaml

REGIMES_FILE = DATA_DIR / "fault_regimes.yaml"
FALLBACK_ID = "fallback"
KINDS = ("pure_contributory", "pure_comparative", "modified_50", "modified_51", "slight_gross")
STATUSES = ("in_force", "verify")
CENT = Decimal("0.01")
HALF = Decimal("0.5")
_FIELDS = {"id", "aliases", "name", "kind", "authority", "status", "principle",
           "allocates_to_nonparties", "nonparty_authority", "note"}
KIND_LABELS = {"pure_contributory": "pure contributory negligence",
               "pure_comparative": "pure comparative fault",
               "modified_50": "modified comparative fault, 50% bar",
               "modified_51": "modified comparative fault, 51% bar",
               "slight_gross": "slight/gross negligence"}
_BAR_WORDS = {"modified_50": "barred at 50% or more", "modified_51": "barred above 50%",
              "pure_contributory": "barred by any fault"}


@dataclass(frozen=True)
class FaultRegime:
    id: str
    name: str
    kind: str
    citations: tuple[Citation, ...]
    principle: str
    status: str
    allocates_to_nonparties: bool | None
    nonparty_note: str | None
    note: str | None
    slight_max_share: Decimal | None
    aliases: tuple[str, ...] = ()
    fallback_used: bool = False
    requested: str | None = None

    nonparty_citations: tuple[Citation, ...] = ()

    @property
    def citation(self) -> str | None:
        return citations_text(self.citations) or None

    @property
    def authority(self) -> str:
        """The citation, or the principle where no authority is recorded."""
        return self.citation or self.principle

    def cites(self) -> list[str]:
        """The regime's authorities as data cites, for a finding to carry."""
        return [f"{c.key} {c.pinpoint}".strip() for c in (*self.citations,
                                                           *self.nonparty_citations)]


@dataclass(frozen=True)
class Recovery:
    amount: Decimal
    barred: bool
    sentence: str
    fraction: Decimal


def _entry(raw: dict, kinds: dict, slight: Decimal) -> FaultRegime:
    unknown = set(raw) - _FIELDS
    if unknown or raw.get("kind") not in KINDS or raw.get("status") not in STATUSES:
        raise DataFileError(f"{REGIMES_FILE}: regime {raw.get('id')!r}: bad fields {sorted(unknown)}"
                            f", kind or status; kinds: {', '.join(KINDS)}")
    nonparties = raw.get("allocates_to_nonparties")
    if nonparties not in (True, False, None):
        raise DataFileError(f"{REGIMES_FILE}: {raw['id']}: allocates_to_nonparties must be "
                            f"true, false or null")
    citations = _citations(raw, "authority")
    nonparty_citations = _citations(raw, "nonparty_authority")
    return FaultRegime(
        id=raw["id"], name=raw["name"], kind=raw["kind"], citations=citations,
        principle=raw.get("principle") or kinds[raw["kind"]], status=raw["status"],
        allocates_to_nonparties=nonparties, nonparty_citations=nonparty_citations,
        nonparty_note=citations_text(nonparty_citations) or (None if nonparties else
                                                             "not recorded; verify"),
        note=raw.get("note"), slight_max_share=slight if raw["kind"] == "slight_gross" else None,
        aliases=tuple(raw.get("aliases") or ()))


def _citations(raw: dict, field: str) -> tuple[Citation, ...]:
    texts = raw.get(field) or []
    cites = tuple(parse_data_cite(text) for text in texts)
    problems = [p for c in cites for p in check_citation(c)]
    if problems:
        raise DataFileError(f"{REGIMES_FILE}: regime {raw.get('id')!r}: {field}: "
                            f"{'; '.join(problems)}")
    return cites


@lru_cache(maxsize=1)
def load_fault_regimes() -> dict[str, FaultRegime]:
    """Every regime by id (sorted), read and validated once per process."""
    data = load_yaml(REGIMES_FILE)
    if not isinstance(data, dict) or set(data) != {"kinds", "slight_max_share", "regimes"}:
        raise DataFileError(f"{REGIMES_FILE}: expected kinds, slight_max_share and regimes")
    if set(data["kinds"]) != set(KINDS):
        raise DataFileError(f"{REGIMES_FILE}: kinds must describe exactly {', '.join(KINDS)}")
    slight = Decimal(str(data["slight_max_share"]))
    entries = [_entry(raw, data["kinds"], slight) for raw in data["regimes"]]
    ids = [e.id for e in entries] + [a for e in entries for a in e.aliases]
    if len(ids) != len(set(ids)) or FALLBACK_ID not in ids:
        raise DataFileError(f"{REGIMES_FILE}: ids and aliases must be unique, with a "
                            f"'{FALLBACK_ID}' entry")
    return {e.id: e for e in sorted(entries, key=lambda e: e.id)}


def regime_for(jurisdiction_id: str) -> FaultRegime:
    """The regime of a jurisdiction (`US-NY`, `UK`, `GB-ENG`...), or the fallback, marked
    `fallback_used=True`, so a report can say that no regime was recorded."""
    wanted = str(jurisdiction_id).strip().upper()
    for regime in load_fault_regimes().values():
        if regime.id != FALLBACK_ID and (wanted == regime.id or wanted in regime.aliases):
            return replace(regime, requested=wanted)
    return replace(load_fault_regimes()[FALLBACK_ID], fallback_used=True, requested=wanted)


def _decimal(value: object, what: str) -> Decimal:
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
    except ArithmeticError:
        raise ValueError(f"{what} must be a number, got {value!r}") from None
    if not number.is_finite():
        raise ValueError(f"{what} must be finite, got {value!r}")
    return number


def _pct(share: Decimal) -> str:
    return f"{(share * 100).normalize():f}%"


def _money(amount: Decimal) -> str:
    return f"{amount.quantize(CENT, ROUND_HALF_EVEN):,.2f}"


def _is_barred(kind: str, share: Decimal, slight_max: Decimal | None) -> bool:
    return {"pure_comparative": False, "modified_50": share >= HALF, "modified_51": share > HALF,
            "pure_contributory": share > 0,
            "slight_gross": slight_max is not None and share > slight_max}[kind]


def recoverable(damages: Decimal, client_share: Decimal, regime: FaultRegime, *,
                slight_max_share: Decimal | None = None) -> Recovery:
    """What the client recovers in negligence after its own share of fault, under `regime`.
    `slight_max_share` overrides the slight/gross approximation for this call."""
    damages = _decimal(damages, "damages")
    share = _decimal(client_share, "client_share")
    if damages < 0 or not 0 <= share <= 1:
        raise ValueError(f"need damages >= 0 and 0 <= client_share <= 1, got {damages}, {share}")
    slight_max = (_decimal(slight_max_share, "slight_max_share") if slight_max_share is not None
                  else regime.slight_max_share)
    barred = _is_barred(regime.kind, share, slight_max)
    fraction = Decimal(0) if barred else (
        Decimal(1) if regime.kind == "pure_contributory" else Decimal(1) - share)
    amount = (damages * fraction).quantize(CENT, ROUND_HALF_EVEN)
    lead = (f"No fault regime is recorded for {regime.requested}; falling back to pure "
            f"apportionment. " if regime.fallback_used else "")
    label = KIND_LABELS[regime.kind]
    under = ("Under pure apportionment" if regime.id == FALLBACK_ID
             else f"Under {regime.name} ({label}; {regime.authority})")
    if barred:
        bar = _BAR_WORDS.get(regime.kind) or (f"barred unless slight, modelled as above "
                                              f"{_pct(slight_max)}")
        outcome = f"is barred ({bar}) and recovers {_money(amount)} of {_money(damages)}"
    elif share == 0:
        outcome = f"recovers the full {_money(amount)}"
    else:
        outcome = f"recovers {_money(damages)} × {_pct(fraction)} = {_money(amount)}"
    sentence = f"{lead}{under}, a client {_pct(share)} at fault {outcome}."
    return Recovery(amount=amount, barred=barred, sentence=sentence, fraction=fraction)
