"""Comparative-fault regimes: what the client's share of fault does to what it can recover.

The allocation says who carried how much fault; the governing law decides whether that share
merely reduces the client's negligence recovery or bars it. The table is data
(rules/data/fault_regimes.yaml); this module looks a jurisdiction up, falls back openly, and does
the arithmetic in Decimal with the sentence that shows it.

A jurisdiction that changed its regime keeps each version. Which one governs is fixed by the date
its transition rule names: the day the cause of action arose (West Virginia, 2015) or the day the
action was filed (Florida, 2023); both are case facts. Where the date is not given, the earliest
it could be (neither comes before the incident) decides when it can; otherwise the version that
an action filed now would meet is used and the result says that it turns on the date.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from functools import lru_cache

from rules.authorities import Citation, check_citation, citations_text, parse_data_cite
from rules.legal_time.datafiles import DATA_DIR, DataFileError, load_yaml

REGIMES_FILE = DATA_DIR / "fault_regimes.yaml"
FALLBACK_ID = "fallback"
KINDS = ("pure_contributory", "pure_comparative", "modified_50", "modified_51", "slight_gross")
STATUSES = ("in_force", "verify")
_FIELDS = {"id", "aliases", "name", "kind", "authority", "status", "principle",
           "allocates_to_nonparties", "nonparty_authority", "note"}
# Fields added for #17 (docs/legal-time.md): each optional; null means not recorded.
_CHOICES = {"transition": ("accrual", "filing"),
            "bar_applies_to": ("all_damages", "non_economic"),
            "liability": ("joint_and_several", "several", "joint_over_threshold",
                          "joint_economic_only", "mixed"),
            "intentional_wrongdoers": ("compared", "not_compared"),
            "reaches_pure_economic_loss": ("yes", "no", "unsettled"),
            "aggravated_exception": ("gross_negligence", "wilful_wanton", "none")}
_AUTHORITY_OF = {"liability": "liability_authority",
                 "intentional_wrongdoers": "intentional_authority",
                 "aggravated_exception": "aggravated_authority"}
_EXTRA = (set(_CHOICES) | set(_AUTHORITY_OF.values())
          | {"effective_from", "effective_to", "joint_threshold", "joint_over_share"})
KIND_LABELS = {"pure_contributory": "pure contributory negligence",
               "pure_comparative": "pure comparative fault",
               "modified_50": "modified comparative fault, 50% bar",
               "modified_51": "modified comparative fault, 51% bar",
               "slight_gross": "slight/gross negligence"}
# An action the record shows has not been filed: filed later, it meets the law as it then stands.
NOT_FILED = date.max
TRANSITION_WORDS = {"accrual": "the day the cause of action arose",
                    "filing": "the day the action was filed"}


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
    effective_from: date | None = None
    effective_to: date | None = None
    transition: str | None = None
    bar_applies_to: str = "all_damages"
    liability: str | None = None
    joint_threshold: str | None = None
    joint_over_share: Decimal | None = None   # the share above which liability is joint
    intentional_wrongdoers: str | None = None
    reaches_pure_economic_loss: str | None = None
    aggravated_exception: str | None = None
    field_citations: dict = field(default_factory=dict)   # field -> tuple[Citation, ...]
    version_reason: str | None = None    # which version applied and why (dated regimes only)
    version_undecided: bool = False      # the transition date the version turns on is unknown

    @property
    def unverified_fields(self) -> list[str]:
        """Recorded values no authority in the table supports (not checked against the law)."""
        return sorted(name for name, key in _AUTHORITY_OF.items()
                      if getattr(self, name) is not None and not self.field_citations.get(name))

    @property
    def period(self) -> str:
        """'from 2015-05-25', 'until 2015-05-24', 'from A to B', or 'no change recorded'."""
        start, end = self.effective_from, self.effective_to
        if start and end:
            return f"from {start.isoformat()} to {end.isoformat()}"
        if start or end:
            return f"from {start.isoformat()}" if start else f"until {end.isoformat()}"
        return "no change recorded"

    def in_force_on(self, day: date) -> bool:
        return ((self.effective_from is None or self.effective_from <= day)
                and (self.effective_to is None or day <= self.effective_to))

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


def _entry(raw: dict, kinds: dict, slight: Decimal) -> FaultRegime:
    unknown = set(raw) - _FIELDS - _EXTRA
    if unknown or raw.get("kind") not in KINDS or raw.get("status") not in STATUSES:
        raise DataFileError(f"{REGIMES_FILE}: regime {raw.get('id')!r}: bad fields {sorted(unknown)}"
                            f", kind or status; kinds: {', '.join(KINDS)}")
    nonparties = raw.get("allocates_to_nonparties")
    if nonparties not in (True, False, None):
        raise DataFileError(f"{REGIMES_FILE}: {raw['id']}: allocates_to_nonparties must be "
                            f"true, false or null")
    citations = _citations(raw, "authority")
    nonparty_citations = _citations(raw, "nonparty_authority")
    for name, allowed in _CHOICES.items():
        if raw.get(name) is not None and raw[name] not in allowed:
            raise DataFileError(f"{REGIMES_FILE}: regime {raw['id']}: {name} must be one of "
                                f"{', '.join(allowed)}, got {raw[name]!r}")
    over_threshold = raw.get("liability") == "joint_over_threshold"
    if over_threshold != bool(raw.get("joint_threshold")) or \
            over_threshold != (raw.get("joint_over_share") is not None):
        raise DataFileError(f"{REGIMES_FILE}: regime {raw['id']}: joint_threshold (in words) and "
                            f"joint_over_share (a share) go with liability joint_over_threshold")
    over_share = Decimal(str(raw["joint_over_share"])) if over_threshold else None
    if over_share is not None and not Decimal(0) < over_share < Decimal(1):
        raise DataFileError(f"{REGIMES_FILE}: regime {raw['id']}: joint_over_share must lie "
                            f"between 0 and 1")
    start, end = _day(raw, "effective_from"), _day(raw, "effective_to")
    if (start or end) and not raw.get("transition"):
        raise DataFileError(f"{REGIMES_FILE}: regime {raw['id']}: a dated version names its "
                            f"transition (accrual or filing)")
    return FaultRegime(
        id=raw["id"], name=raw["name"], kind=raw["kind"], citations=citations,
        principle=raw.get("principle") or kinds[raw["kind"]], status=raw["status"],
        allocates_to_nonparties=nonparties, nonparty_citations=nonparty_citations,
        nonparty_note=citations_text(nonparty_citations) or (None if nonparties else
                                                             "not recorded; verify"),
        note=raw.get("note"), slight_max_share=slight if raw["kind"] == "slight_gross" else None,
        aliases=tuple(raw.get("aliases") or ()), effective_from=start, effective_to=end,
        transition=raw.get("transition"), bar_applies_to=raw.get("bar_applies_to") or "all_damages",
        liability=raw.get("liability"), joint_threshold=raw.get("joint_threshold"),
        joint_over_share=over_share,
        intentional_wrongdoers=raw.get("intentional_wrongdoers"),
        reaches_pure_economic_loss=raw.get("reaches_pure_economic_loss"),
        aggravated_exception=raw.get("aggravated_exception"),
        field_citations={name: _citations(raw, key) for name, key in _AUTHORITY_OF.items()
                         if raw.get(key)})


def _day(raw: dict, name: str) -> date | None:
    value = raw.get(name)
    if value is None:
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise DataFileError(f"{REGIMES_FILE}: regime {raw['id']}: {name} must be a date "
                            f"(YYYY-MM-DD), got {value!r}") from None


def _citations(raw: dict, field: str) -> tuple[Citation, ...]:
    texts = raw.get(field) or []
    cites = tuple(parse_data_cite(text) for text in texts)
    problems = [p for c in cites for p in check_citation(c)]
    if problems:
        raise DataFileError(f"{REGIMES_FILE}: regime {raw.get('id')!r}: {field}: "
                            f"{'; '.join(problems)}")
    return cites


@lru_cache(maxsize=1)
def _all_versions() -> dict[str, tuple[FaultRegime, ...]]:
    data = load_yaml(REGIMES_FILE)
    if not isinstance(data, dict) or set(data) != {"kinds", "slight_max_share", "regimes"}:
        raise DataFileError(f"{REGIMES_FILE}: expected kinds, slight_max_share and regimes")
    if set(data["kinds"]) != set(KINDS):
        raise DataFileError(f"{REGIMES_FILE}: kinds must describe exactly {', '.join(KINDS)}")
    slight = Decimal(str(data["slight_max_share"]))
    grouped: dict[str, list[FaultRegime]] = {}
    for raw in data["regimes"]:
        entry = _entry(raw, data["kinds"], slight)
        grouped.setdefault(entry.id, []).append(entry)
    out = {key: tuple(sorted(items, key=lambda e: e.effective_from or date.min))
           for key, items in grouped.items()}
    for key, versions in out.items():
        _check_periods(key, versions)
    ids = list(out) + [a for versions in out.values() for a in versions[-1].aliases]
    if len(ids) != len(set(ids)) or FALLBACK_ID not in ids:
        raise DataFileError(f"{REGIMES_FILE}: ids and aliases must be unique, with a "
                            f"'{FALLBACK_ID}' entry")
    return dict(sorted(out.items()))


def _check_periods(key: str, versions: tuple[FaultRegime, ...]) -> None:
    """Versions of one jurisdiction's regime follow each other without gap or overlap, under one
    transition rule; the first has no start and the last no end."""
    if len(versions) == 1:
        return
    problems = []
    if versions[0].effective_from is not None or versions[-1].effective_to is not None:
        problems.append("the first version has no start and the last no end")
    for earlier, later in zip(versions, versions[1:]):
        if earlier.effective_to is None or later.effective_from is None or \
                (later.effective_from - earlier.effective_to).days != 1:
            problems.append(f"a version ending {earlier.effective_to} is followed by one "
                            f"starting {later.effective_from}")
    if len({v.transition for v in versions}) != 1:
        problems.append("all versions name the same transition")
    if problems:
        raise DataFileError(f"{REGIMES_FILE}: regime {key}: {'; '.join(problems)}")


def load_fault_regimes() -> dict[str, FaultRegime]:
    """Every regime by id (sorted), as the law now stands (its latest version); read and
    validated once per process."""
    return {key: versions[-1] for key, versions in _all_versions().items()}


def regime_versions(regime_id: str) -> tuple[FaultRegime, ...]:
    """Every version of a jurisdiction's regime, oldest first."""
    return _all_versions()[regime_id]


def regime_for(jurisdiction_id: str, *, filed: date | None = None,
               accrued: date | None = None, earliest: date | None = None) -> FaultRegime:
    """The regime of a jurisdiction (`US-NY`, `UK`, `GB-ENG`...), or the fallback, marked
    `fallback_used=True`, so a report can say that no regime was recorded. Where the
    jurisdiction changed its regime, the version its transition rule picks: by the filing or the
    accrual date given, else by `earliest` (the earliest either could be, e.g. the incident's
    day) where that settles it, else the latest version with `version_undecided`."""
    wanted = str(jurisdiction_id).strip().upper()
    for key, versions in _all_versions().items():
        latest = versions[-1]
        if key != FALLBACK_ID and (wanted == key or wanted in latest.aliases):
            return _version(versions, filed, accrued, earliest, wanted)
    return replace(load_fault_regimes()[FALLBACK_ID], fallback_used=True, requested=wanted)


def _version(versions, filed, accrued, earliest, wanted) -> FaultRegime:
    latest = versions[-1]
    if len(versions) == 1:
        return replace(latest, requested=wanted)
    rule = latest.transition
    given = filed if rule == "filing" else accrued
    if rule == "filing" and given is None and accrued is not None:
        earliest = max(d for d in (earliest, accrued) if d is not None)
    day = given or earliest
    chosen = next((v for v in versions if day is not None and v.in_force_on(day)), latest)
    change = latest.effective_from
    basis = TRANSITION_WORDS[rule]
    if given == NOT_FILED:
        why = (f"no action has been filed yet; one filed now meets the version in force since "
               f"{change.isoformat()}")
        return replace(latest, requested=wanted, version_reason=why)
    if given is not None:
        why = f"{basis} ({given.isoformat()}) falls in this version's period ({chosen.period})"
        return replace(chosen, requested=wanted, version_reason=why)
    if day is not None and day >= change:
        why = (f"{basis} is not recorded, but it cannot come before {day.isoformat()}, which "
               f"is on or after {change.isoformat()}, when this version took effect")
        return replace(latest, requested=wanted, version_reason=why)
    if rule == "accrual" and day is not None:
        why = (f"{basis} is not recorded; the claim is taken to have arisen with the incident "
               f"({day.isoformat()}, a modelling choice), which falls in this version's period "
               f"({chosen.period})")
        return replace(chosen, requested=wanted, version_reason=why)
    why = (f"{basis} is not recorded and decides the version: this regime applies to actions "
           f"{'filed' if rule == 'filing' else 'arising'} on or after {change.isoformat()}; "
           f"the earlier one ({KIND_LABELS[versions[-2].kind]}) to earlier ones. The law "
           f"an action {'filed' if rule == 'filing' else 'arising'} now would meet is used")
    return replace(latest, requested=wanted, version_reason=why, version_undecided=True)
