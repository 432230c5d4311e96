"""What a rule's body sees while it fires: its bindings, the parameters, and helpers that turn its
decision into conclusions. Everything it reads is recorded as a premise of the firing.

Unknown facts (facts/unknown.py) reach a rule only through this context, and only on purpose:

- `c.get(id)`, a bound fact, and a field of a record (`item["x"]`, `item.get("x")`) that is
  unknown stop the rule with `NotShown`; the runner turns that into a finding that does not hold
  and says, in words, which unknown fact would decide it ("Not shown: whether MFA protected remote
  access is unknown.").
- `c.known(id)` and `item.known("x")` return the value or `UNKNOWN` without stopping, for a rule
  that can still decide with some facts unknown (e.g. one alert's acknowledgement unknown, another
  plainly late); it then names what stayed unknown with `c.unknown_check(...)` and
  `c.conclude(..., unknown=[...])`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable

from facts.labels import label
from facts.unknown import UNKNOWN, NotShown, is_unknown  # noqa: F401  (NotShown re-exported)
from rules.base import RuleSpec
from rules.parameters import Parameters


class Record(dict):
    """A record (an alert, an audit finding, the vector) as a rule reads it. Reading an unknown
    field by key or `get` raises NotShown naming the field; `known(key)` returns UNKNOWN instead.
    Nested records are records too. Otherwise it is the plain dict it wraps."""
    __slots__ = ("fact_id",)

    def __init__(self, data, fact_id: str = ""):
        # dict.items reads the stored values, not a wrapping record's (which may stop on them)
        super().__init__(dict.items(data) if isinstance(data, dict) else data)
        self.fact_id = fact_id

    def _path(self, key) -> str:
        return f"{self.fact_id}.{key}" if self.fact_id else str(key)

    def path(self, key) -> str:
        """The fact id of one field ('incident.alerts[AL-1].acknowledged_at')."""
        return self._path(key)

    def _wrap(self, key, value):
        if value is UNKNOWN:
            raise NotShown(self._path(key))
        return _as_record(value, self._path(key))

    def __getitem__(self, key):
        return self._wrap(key, super().__getitem__(key))

    def get(self, key, default=None):
        if not super().__contains__(key):
            return default
        return self._wrap(key, super().__getitem__(key))

    def known(self, key, default=None):
        """The field's value, or UNKNOWN, or `default` when the record has no such field."""
        if not super().__contains__(key):
            return default
        value = super().__getitem__(key)
        return value if value is UNKNOWN else _as_record(value, self._path(key))

    def unknown_fields(self) -> list[str]:
        return sorted(self._path(k) for k, v in super().items() if v is UNKNOWN)

    def __reduce__(self):
        return (dict, (dict(super().items()),))


def _as_record(value, path: str):
    if isinstance(value, dict) and not isinstance(value, Record):
        return Record(value, path)
    if isinstance(value, list) and any(isinstance(v, dict) for v in value):
        return [Record(v, f"{path}[{v.get('id', i)}]") if isinstance(v, dict) else v
                for i, v in enumerate(value)]
    return value


@dataclass(frozen=True)
class Check:
    """One condition of an element, with the values that decided it (the why / why-not)."""
    condition: str
    holds: bool
    detail: str
    unknown: str = ""   # the unknown fact that leaves this condition undecided

    def as_dict(self) -> dict:
        out = {"condition": self.condition, "holds": self.holds, "detail": self.detail}
        if self.unknown:
            out["unknown"] = self.unknown
        return out


@dataclass(frozen=True)
class Conclusion:
    kind: str        # "finding" or "derived"
    id: str
    value: Any       # the finding record, or the derived value
    text: str = ""


def unfreeze(value: Any, fact_id: str = "") -> Any:
    """A value as a rule body reads it: records (dicts) as `Record`s, so an unknown field stops
    the rule instead of passing for false. (An instrumented run wraps what rule bodies read here
    too; see engine/probe.py.)"""
    if isinstance(value, dict):
        return value if isinstance(value, Record) else Record(value, fact_id)
    return value


@dataclass
class Firing:
    spec: RuleSpec
    premises: set[str] = field(default_factory=set)
    parameters: set[str] = field(default_factory=set)
    conclusions: list = field(default_factory=list)
    # Reads that are not a value lookup, kept so a later run can tell whether this firing could
    # come out differently (engine/replay.py): finding queries, prefix and absent lookups.
    queries: list = field(default_factory=list)      # (element, party, holds) of findings()
    prefixes: list = field(default_factory=list)     # group() prefixes
    absent: set = field(default_factory=set)         # ids get() found missing
    kinds: list = field(default_factory=list)        # kinds of list items items() listed
    opaque: bool = False                             # read presence in ways not recorded
    cited: set | None = None                         # items cite() named as deciding
    grouped: set = field(default_factory=set)        # premises only group() read

    def trace_premises(self, memory) -> list[str]:
        """What the trace records this firing rests on: its direct reads; each list or mapping it
        read whole as one premise (`incident.alerts`, `contract.responsibilities`: the result's
        `lists` gives its size and digest once); and of its items or entries only those that
        decided the conclusion: the ones the rule cited, and the ones its conclusions name (a
        late alert's id in a check, the alert a derived fact is, a domain's name). The replay and
        the sweeps use the full record instead (`premises`, `kinds`, `prefixes`)."""
        listed = {kind for kind in self.kinds if memory.has_kind(kind)}
        if not listed and not self.grouped:
            return sorted(self.premises)
        named = _named(self.conclusions) if self.cited is None else self.cited
        out = self.premises - self.grouped
        derived = memory.record.derived
        for prefix in self.prefixes:
            members = memory.ids_with_prefix(prefix)
            if not members:
                continue
            if any(m in derived for m in members):   # only input mappings are summarised
                out.update(members)
                continue
            out.add(prefix[:-1])
            out.update(m for m in members if m[len(prefix):] in named)
        kind_of = memory.kinds
        for token in named:
            for kind in listed:
                fid = f"{kind}[{token}]"
                if kind_of.get(fid) == kind:
                    out.add(fid)
        out.update(listed)
        return sorted(out)


class RuleContext:
    def __init__(self, engine, spec: RuleSpec, firing: Firing, params: Parameters):
        # No handle on the case itself: a rule reads facts only through the methods below, which
        # record each read (what the justification trace and engine/replay.py rely on).
        self._engine, self.spec, self._firing, self._params = engine, spec, firing, params

    # --- reading -------------------------------------------------------------------------
    def param(self, key: str) -> Any:
        self._firing.parameters.add(key)
        return self._params.value(key)

    def get(self, fact_id: str, default: Any = None) -> Any:
        """An optional input or derived fact; recorded as a premise when present. An unknown
        fact stops the rule (NotShown): the element it would decide is not shown."""
        value = self.known(fact_id, default)
        if value is UNKNOWN:
            raise NotShown(fact_id)
        return value

    def known(self, fact_id: str, default: Any = None) -> Any:
        """Like get, but an unknown fact comes back as UNKNOWN for the rule to handle."""
        values = self._engine.values
        if fact_id not in values:
            self._firing.absent.add(fact_id)
            return default
        self._firing.premises.add(fact_id)
        self._firing.grouped.discard(fact_id)
        return unfreeze(values[fact_id], fact_id)

    def group(self, prefix: str) -> Record:
        """All facts under a mapping, e.g. group('contract.responsibilities'); an unknown entry
        (an owner nobody can name) stops the rule when read, unless read with `.known(key)`."""
        found = self._engine.ids_with_prefix(prefix + ".")
        firing = self._firing
        firing.prefixes.append(prefix + ".")
        firing.grouped.update(fid for fid in found if fid not in firing.premises)
        firing.premises.update(found)
        values = self._engine.values
        return Record({fid[len(prefix) + 1:]: unfreeze(values[fid], fid) for fid in found},
                      prefix)

    def items(self, kind: str) -> list[Record]:
        """The items of a list (`incident.alerts`) in id order. The trace records the list as
        one premise; name the items that decide the conclusion in a check or with cite()."""
        found = self._engine.ids_of_kind(kind)
        self._firing.kinds.append(kind)
        values = self._engine.values
        return [unfreeze(values[fid], fid) for fid in found]

    def item(self, kind: str, item_id: str) -> Record | None:
        """One item of a list by its id (None when the list holds no such item), found without
        reading the others: what a rule uses to look up the item another fact names (a root
        failure's audit finding, a window's alert). Recorded as items(kind) is, so the trace and
        the replay see the same read; only the cost differs."""
        self._firing.kinds.append(kind)
        fid = f"{kind}[{item_id}]"
        if self._engine.kinds.get(fid) != kind:
            return None
        return unfreeze(self._engine.values[fid], fid)

    @staticmethod
    def is_unknown(value: Any) -> bool:
        return is_unknown(value)

    def view(self, kind: str, function: Callable, *args) -> Any:
        """function(items(kind), *args), computed once per run and shared by every firing that
        asks: what a per-item rule uses instead of filtering another whole list on each item
        (which makes a run grow with the square of the case). `function` must be a pure,
        module-level function of its arguments; args must be hashable."""
        self._firing.kinds.append(kind)
        return self._engine.view((kind, function, args),
                                 lambda: function(self._list(kind), *args))

    def _list(self, kind: str) -> list:
        values = self._engine.values
        return [unfreeze(values[fid], fid) for fid in self._engine.ids_of_kind(kind)]

    def carried(self, key: str, compute: Callable[[], Any]) -> Any:
        """compute(): a pure function of what it reads through this context. A replayed run
        (engine/replay.py) carries its value over from the run it replays when this firing calls
        it under the same key and none of its reads changed; its reads are recorded either way,
        as if it had run. (A firing that has read a mapping whole computes it afresh.)"""
        carry = getattr(self._engine, "carry", None)
        outer = self._firing
        if carry is None or outer.grouped:
            return compute()
        kept = carry.lookup(key)
        if kept is not None:
            value, reads = kept
            _merge_reads(outer, reads)
            return value
        inner = Firing(self.spec)
        self._firing = inner
        try:
            value = compute()
        finally:
            self._firing = outer
            _merge_reads(outer, inner)
        carry.save(key, value, inner)
        return value

    def cite(self, *items) -> None:
        """Name the list items (records or ids) or mapping keys that decided this firing's
        conclusion. The trace then records these, and no others, beside the lists read whole;
        without cite() it records the items the conclusions name."""
        firing = self._firing
        if firing.cited is None:
            firing.cited = set()
        for item in items:
            firing.cited.add(item["id"] if isinstance(item, dict) else item)

    def findings(self, element: str | None = None, party: str | None = None,
                 holds: bool | None = True) -> list[dict]:
        found = self._engine.findings_matching(element, party, holds)
        self._firing.queries.append((element, party, holds))
        self._firing.premises.update(f["id"] for f in found)
        return [unfreeze(f) for f in found]

    def disputed(self) -> list[str]:
        """Ids of input facts the parties dispute (the run assumes one version of each)."""
        record = getattr(self._engine, "record", None)
        ids = sorted(f.id for f in (record.inputs if record else []) if f.disputed)
        self._firing.premises.update(ids)
        return ids

    def missing_premises(self, rule_ids: list[str]) -> list[tuple[str, str, list[str]]]:
        """(rule id, premise, unknown facts) for premises of these rules that are absent; the
        unknown facts are those that kept a measurement from deriving the premise."""
        from rules.base import REGISTRY
        self._firing.opaque = True
        missing = []
        undetermined = getattr(self._engine, "undetermined", {})
        for rule_id in rule_ids:
            for need in REGISTRY[rule_id].needs:
                present = (need.fact_id in self._engine.values if need.fact_id else
                           self._engine.has_finding(need.finding, need.finding_holds)
                           if need.finding else self._engine.has_kind(need.kind))
                if not present:
                    missing.append((rule_id, need.describe(),
                                    list(undetermined.get(need.fact_id, ()))))
        return missing

    def check(self, condition: str, holds: bool, detail: str = "") -> Check:
        return Check(condition, bool(holds), detail)

    def unknown_check(self, condition: str, fact_id: str) -> Check:
        """A condition left undecided because `fact_id` is unknown."""
        return Check(condition, False, f"not shown: {label(fact_id)} is unknown", fact_id)

    # --- concluding ----------------------------------------------------------------------
    def conclude(self, *checks: Check, holds: bool | None = None, subject: str = "",
                 element: str | None = None, party: str | None = None,
                 values: dict | None = None, weight: float | None = None,
                 template: str | None = None, unknown: list[str] | tuple = ()) -> dict:
        """A finding on the rule's element, holding when every check holds (unless told).
        `template` replaces the rule's narrative for a rule that concludes several elements
        (e.g. one finding per regime and recipient). `unknown` names the unknown facts that
        could still decide an element that does not hold on what is known: its summary then
        says it is not shown, and why, instead of stating the opposite as fact."""
        element = element or self.spec.concludes
        party = party or self.spec.party
        verdict = all(c.holds for c in checks) if holds is None else bool(holds)
        finding_id = ".".join(p for p in (element, party, subject) if p)
        values = dict(values or {})
        undecided = sorted(set(unknown)) if not verdict else []
        if undecided:
            summary = not_shown_sentence(undecided)
        else:
            template = template or (self.spec.narrative if verdict else self.spec.narrative_not)
            summary = template.format_map(_Loose(values))
        record = {"id": finding_id, "element": element, "party": party, "holds": verdict,
                  "rule": self.spec.id, "subject": subject, "summary": summary,
                  "checks": [c.as_dict() for c in checks], "values": _plain(values),
                  "weight": weight, "unknowns": undecided}
        self._firing.conclusions.append(Conclusion("finding", finding_id, record))
        return record

    def derive(self, fact_id: str, value: Any, text: str = "") -> Any:
        """A measurement other rules read (e.g. derived.detection_deadline)."""
        self._firing.conclusions.append(Conclusion("derived", fact_id, value, text))
        return value


def _merge_reads(outer: Firing, inner: Firing) -> None:
    """What `inner` read (and concluded) recorded on `outer`, as if read there in that order."""
    # group() marks only what the firing had not read already
    outer.grouped |= inner.grouped - outer.premises
    outer.premises |= inner.premises
    outer.parameters |= inner.parameters
    outer.conclusions += inner.conclusions
    outer.queries += inner.queries
    outer.prefixes += inner.prefixes
    outer.absent |= inner.absent
    outer.kinds += inner.kinds
    outer.opaque = outer.opaque or inner.opaque
    if inner.cited is not None:
        outer.cited = (outer.cited or set()) | inner.cited


def not_shown_sentence(fact_ids) -> str:
    """'Not shown: whether MFA protected remote access is unknown.'"""
    labels = [label(f) for f in fact_ids]
    if len(labels) == 1:
        return f"Not shown: {labels[0]} is unknown."
    return f"Not shown: {', '.join(labels[:-1])} and {labels[-1]} are unknown."


def fire(memory, spec: RuleSpec, firing: Firing, params: Parameters, bindings: dict,
         bound: dict) -> None:
    """Run a rule body on its bindings; an unknown premise becomes a not-shown finding (or, for a
    measurement, a note that the derived fact could not be determined). The engine and the
    replay both fire rules through here, so a replayed run is the engine's run."""
    unknown = [bound[name][1] for name, value in bindings.items() if value is UNKNOWN]
    try:
        if unknown:
            raise NotShown(*unknown)
        context = getattr(memory, "context_class", None) or RuleContext
        spec.function(context(memory, spec, firing, params), **bindings)
    except NotShown as signal:
        _not_shown(spec, firing, signal.fact_ids, _subject(spec, bindings))


def _subject(spec: RuleSpec, bindings: dict) -> str:
    """The item a per-item rule was firing for (its finding's subject)."""
    for need in spec.needs:
        if need.kind:
            item = bindings.get(need.name)
            if isinstance(item, dict):
                value = dict.get(item, "id")
                return value if isinstance(value, str) else ""
    return ""


def _not_shown(spec: RuleSpec, firing: Firing, fact_ids: tuple, subject: str) -> None:
    if spec.concludes.startswith("derived."):
        firing.conclusions.append(Conclusion("undetermined", spec.concludes, sorted(fact_ids)))
        return
    finding_id = ".".join(p for p in (spec.concludes, spec.party, subject) if p)
    if any(c.kind == "finding" and c.id == finding_id for c in firing.conclusions):
        return   # the rule had decided its own element before it met the unknown
    ids = sorted(set(fact_ids))
    record = {"id": finding_id, "element": spec.concludes, "party": spec.party, "holds": False,
              "rule": spec.id, "subject": subject, "summary": not_shown_sentence(ids),
              "checks": [Check(label(f), False, "unknown", f).as_dict() for f in ids],
              "values": {}, "weight": None, "unknowns": ids}
    firing.conclusions.append(Conclusion("finding", finding_id, record))


class _Loose(dict):
    """Narrative values: a missing key shows as a visible gap instead of crashing the run."""
    def __missing__(self, key):
        return f"[{key}?]"


# A word that may be an item id or a mapping key (ids are [A-Za-z0-9_.:-]+); it does not end in
# '.', ':' or '-', so "alert AL-1007." yields AL-1007.
_TOKEN = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.:-]*[A-Za-z0-9_])?")


def _named(conclusions: list) -> set[str]:
    """Words of a firing's conclusions that may be item ids: in a finding's summary, checks and
    values; in a derived fact's text, and the id of a record it derives."""
    texts: list[str] = []
    ids: set[str] = set()
    for c in conclusions:
        if c.kind == "finding":
            record = c.value
            texts.append(record["summary"])
            for check in record["checks"]:
                texts += (check["condition"], check["detail"])
            texts += [v for v in record["values"].values() if isinstance(v, str)]
        elif c.kind == "derived":
            texts.append(c.text)
            for v in (c.value if isinstance(c.value, list) else [c.value]):
                if isinstance(v, dict) and isinstance(dict.get(v, "id"), str):
                    ids.add(dict.get(v, "id"))
    ids.update(_TOKEN.findall("\n".join(texts)))
    return ids


def _plain(values: dict) -> dict:
    return {k: (str(v) if not isinstance(v, (int, float, bool, str, type(None))) else v)
            for k, v in sorted(values.items())}
