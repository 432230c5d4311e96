"""The claims data of each jurisdiction, read strictly: its economic loss rule
(rules/data/economic_loss.yaml) and its treatment of limitation clauses
(rules/data/limitation_clauses.yaml). A jurisdiction not recorded is reported as such, never given
another's law."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rules.authorities import Citation, check_citation, parse_data_cite
from rules.legal_time.datafiles import DATA_DIR, DataFileError, load_yaml

ECONOMIC_LOSS_FILE = DATA_DIR / "economic_loss.yaml"
LIMITATION_FILE = DATA_DIR / "limitation_clauses.yaml"
RULE_KINDS = ("bar", "independent_duty", "products_only", "assumption_of_responsibility")
GROUND_OUTCOMES = ("yes", "arguable")


@dataclass(frozen=True)
class EconomicLossRule:
    id: str
    name: str
    rule: str
    principle: str
    citations: tuple[Citation, ...]
    grounds: dict
    note: str = ""


@dataclass(frozen=True)
class LimitationLaw:
    id: str
    name: str
    public_policy: tuple[str, ...]
    citations: tuple[Citation, ...]
    construction: tuple[Citation, ...] = ()
    reasonableness: dict | None = None
    fines: dict | None = None       # {recoverable, citations, note}
    fair_notice: Citation | None = None   # a clause must give fair notice to release negligence
    note: str = ""


def _cites(path, owner: str, texts) -> tuple[Citation, ...]:
    cites = tuple(parse_data_cite(t) for t in texts or ())
    problems = [p for c in cites for p in check_citation(c)]
    if problems:
        raise DataFileError(f"{path}: {owner}: {'; '.join(problems)}")
    return cites


def _ids(raw: dict) -> list[str]:
    return [raw["id"], *(raw.get("aliases") or ())]


@lru_cache(maxsize=1)
def economic_loss_rules() -> dict[str, EconomicLossRule]:
    data = load_yaml(ECONOMIC_LOSS_FILE)
    if not isinstance(data, dict) or set(data) != {"kinds", "jurisdictions"} or \
            set(data["kinds"]) != set(RULE_KINDS):
        raise DataFileError(f"{ECONOMIC_LOSS_FILE}: expected kinds ({', '.join(RULE_KINDS)}) "
                            f"and jurisdictions")
    out: dict[str, EconomicLossRule] = {}
    for raw in data["jurisdictions"]:
        grounds = raw.get("grounds") or {}
        if raw.get("rule") not in RULE_KINDS or \
                any(v not in GROUND_OUTCOMES for v in grounds.values()):
            raise DataFileError(f"{ECONOMIC_LOSS_FILE}: {raw.get('id')}: rule must be one of "
                                f"{', '.join(RULE_KINDS)}, grounds yes or arguable")
        entry = EconomicLossRule(
            id=raw["id"], name=raw["name"], rule=raw["rule"],
            principle=" ".join(data["kinds"][raw["rule"]].split()),
            citations=_cites(ECONOMIC_LOSS_FILE, raw["id"], raw.get("authority")),
            grounds=dict(sorted(grounds.items())), note=raw.get("note", ""))
        for key in _ids(raw):
            out[key] = entry
    return out


@lru_cache(maxsize=1)
def limitation_laws() -> dict[str, LimitationLaw]:
    data = load_yaml(LIMITATION_FILE)
    if not isinstance(data, dict) or set(data) != {"jurisdictions"}:
        raise DataFileError(f"{LIMITATION_FILE}: expected jurisdictions")
    out: dict[str, LimitationLaw] = {}
    for raw in data["jurisdictions"]:
        reasonableness = raw.get("reasonableness")
        if reasonableness:
            reasonableness = {k: _cites(LIMITATION_FILE, raw["id"], [v])[0]
                              for k, v in sorted(reasonableness.items())}
        entry = LimitationLaw(
            id=raw["id"], name=raw["name"], public_policy=tuple(raw.get("public_policy") or ()),
            citations=_cites(LIMITATION_FILE, raw["id"], raw.get("authority")),
            construction=_cites(LIMITATION_FILE, raw["id"], raw.get("construction")),
            reasonableness=reasonableness, note=raw.get("note", ""),
            fines=_fines(raw),
            fair_notice=(_cites(LIMITATION_FILE, raw["id"], [raw["fair_notice"]])[0]
                         if raw.get("fair_notice") else None))
        for key in _ids(raw):
            out[key] = entry
    return out


def _fines(raw: dict) -> dict | None:
    fines = raw.get("fines")
    if not fines:
        return None
    if fines.get("recoverable") not in ("yes", "arguable", "no"):
        raise DataFileError(f"{LIMITATION_FILE}: {raw['id']}: fines.recoverable must be yes, "
                            f"arguable or no")
    return {"recoverable": fines["recoverable"], "note": fines.get("note", ""),
            "citations": _cites(LIMITATION_FILE, raw["id"], fines.get("authority"))}


def economic_loss_rule(law: str) -> EconomicLossRule | None:
    return economic_loss_rules().get(str(law).strip().upper())


def limitation_law(law: str) -> LimitationLaw | None:
    return limitation_laws().get(str(law).strip().upper())


def cite_keys(citations) -> list[str]:
    return [f"{c.key} {c.pinpoint}".strip() for c in citations]
