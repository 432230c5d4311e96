"""Turning one batch's raw columns into numbers: instants in ns (UTC), severity codes, counts.

Timestamps are parsed by Arrow's ISO 8601 cast, which is strict in a useful way: a value casts to
a zoned type only if it carries an offset, and to a naive type only if it does not. So one fast
cast settles a well-formed column, and a column with bad values is split in halves until each
value is classified (zoned, zone-less or unparsable). The result does not depend on how the file
was cut into batches, which keeps the streaming and in-memory paths equal.
"""
from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from facts.errors import FaultlineInputError
from facts.evidence.mapping import SEVERITIES

ZONED = pa.timestamp("ns", "UTC")
NAIVE = pa.timestamp("ns")
ALL_BAD_LIMIT = 100   # default: unparsable values before any good one that make a column an error
_GOOD_ZONED, _GOOD_NAIVE, _BAD = 1, 2, 3


@dataclass
class TimeColumn:
    """One timestamp column's state across batches: the zone rule and the first of each form."""
    file: str
    label: str                       # "acknowledged_at" or "_time (timestamp)"
    timezone: str | None = None
    all_bad_limit: int = ALL_BAD_LIMIT
    first_zoned: tuple[int, str] | None = None
    first_naive: tuple[int, str] | None = None
    good_seen: bool = False
    bad_before_good: int = 0

    def parse(self, arr: pa.Array, row0: int):
        """(ns int64, parsed mask, bad mask, reason(i)) for a batch starting after row `row0`."""
        n = len(arr)
        if pa.types.is_timestamp(arr.type) or pa.types.is_date(arr.type):
            return self._typed(arr, row0)
        if not pa.types.is_string(arr.type) and not pa.types.is_large_string(arr.type):
            arr = pc.cast(arr, pa.string())
        kind = np.zeros(n, dtype=np.int8)
        values = np.zeros(n, dtype=np.int64)
        self._classify(arr, 0, kind, values, row0)
        self._check_forms(arr, kind, row0)
        bad = kind == _BAD
        naive = kind == _GOOD_NAIVE
        if naive.any():
            bad |= self._localize(values, naive)
        ok = (kind != 0) & ~bad
        return values, ok, bad, lambda i: self._reason(arr[i].as_py(), naive[i])

    def _classify(self, arr, start, kind, values, row0) -> None:
        for target, mark in ((ZONED, _GOOD_ZONED), (NAIVE, _GOOD_NAIVE)):
            try:
                cast = pc.cast(arr, target)
            except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
                continue
            valid = bools(arr.is_valid())
            kind[start:start + len(arr)][valid] = mark
            values[start:start + len(arr)] = numbers(pc.cast(cast, pa.int64()))
            if valid.any():
                self.good_seen = True
            return
        if len(arr) == 1:
            kind[start] = _BAD
            if not self.good_seen:
                self.bad_before_good += 1
                if self.bad_before_good >= self.all_bad_limit:
                    self._all_bad(arr[0].as_py(), row0 + start + 1)
            return
        half = len(arr) // 2
        self._classify(arr.slice(0, half), start, kind, values, row0)
        self._classify(arr.slice(half), start + half, kind, values, row0)

    def finish(self) -> None:
        """A column with values but not one parsable timestamp is an error, not unusable rows."""
        if not self.good_seen and self.bad_before_good:
            self._all_bad(None, None)

    def _all_bad(self, value, row) -> None:
        example = f" (row {row}: {value!r})" if row else ""
        raise FaultlineInputError(self.file, self.label,
                                  f"no parsable timestamp in the first {self.bad_before_good} "
                                  f"values{example}; expected ISO 8601 such as "
                                  f"'2025-03-03T02:47:00-05:00' (or map the right column)")

    def _check_forms(self, arr, kind, row0) -> None:
        for mark, attr in ((_GOOD_ZONED, "first_zoned"), (_GOOD_NAIVE, "first_naive")):
            hits = np.flatnonzero(kind == mark)
            if hits.size and getattr(self, attr) is None:
                setattr(self, attr, (row0 + int(hits[0]) + 1, arr[int(hits[0])].as_py()))
        if self.first_zoned and self.first_naive:
            (zr, zv), (nr, nv) = self.first_zoned, self.first_naive
            raise FaultlineInputError(self.file, self.label,
                                      f"mixes timestamps with a zone (row {zr}: {zv!r}) and "
                                      f"without (row {nr}: {nv!r}); expected one form throughout")
        if self.first_naive and not self.timezone:
            row, value = self.first_naive
            raise FaultlineInputError(self.file, self.label,
                                      f"timestamps have no time zone (row {row}: {value!r}); "
                                      f"pass the timezone they were written in (e.g. --timezone "
                                      f"America/New_York) or export them with an offset")

    def _localize(self, values: np.ndarray, naive: np.ndarray) -> np.ndarray:
        """Local wall times -> UTC; a time a daylight-saving change skips or repeats is bad."""
        local = arrow(values[naive], NAIVE)
        early = pc.assume_timezone(local, self.timezone, ambiguous="earliest",
                                   nonexistent="earliest")
        late = pc.assume_timezone(local, self.timezone, ambiguous="latest", nonexistent="latest")
        early_ns = numbers(pc.cast(early, pa.int64()))
        late_ns = numbers(pc.cast(late, pa.int64()))
        values[naive] = early_ns
        bad = np.zeros(len(values), dtype=bool)
        bad[naive] = early_ns != late_ns
        return bad

    def _reason(self, value, local: bool) -> str:
        if local:
            return (f"{self.label}: local time {str(value)!r} is skipped or repeated by a "
                    f"daylight-saving change in {self.timezone}")
        return f"{self.label}: cannot read {value!r} as a timestamp"

    def _typed(self, arr, row0):
        """Parquet and JSON columns that are already timestamps: naive ones follow the zone rule."""
        if pa.types.is_date(arr.type):
            arr = pc.cast(arr, pa.timestamp("s"))
        valid = bools(arr.is_valid())
        zoned = arr.type.tz is not None
        kind = np.where(valid, _GOOD_ZONED if zoned else _GOOD_NAIVE, 0).astype(np.int8)
        self.good_seen = self.good_seen or bool(valid.any())
        self._check_forms(pc.cast(arr, pa.string()), kind, row0)
        values = numbers(pc.cast(pc.cast(arr, ZONED if zoned else NAIVE), pa.int64()))
        bad = self._localize(values, valid) if not zoned and valid.any() \
            else np.zeros(len(arr), bool)
        return values, valid & ~bad, bad, lambda i: self._reason(arr[i].as_py(), True)


_DTYPES = {pa.int8(): np.int8, pa.int32(): np.int32, pa.int64(): np.int64,
           pa.float64(): np.float64}


def numbers(arr: pa.Array, null=0) -> np.ndarray:
    """A fixed-width Arrow array as numpy, read straight from its buffer; nulls become `null`.

    pyarrow's `to_numpy`, `fill_null` and `pa.array` import pandas on first use, which costs more
    than reading a million rows; the buffers are all we need.
    """
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    dtype = np.dtype(_DTYPES[arr.type])
    out = np.frombuffer(arr.buffers()[1], dtype=dtype, count=len(arr),
                        offset=arr.offset * dtype.itemsize).copy()
    if arr.null_count:
        out[~bools(arr.is_valid())] = null
    return out


def arrow(values: np.ndarray, type_: pa.DataType) -> pa.Array:
    """numpy -> Arrow without `pa.array` (see `numbers`)."""
    values = np.ascontiguousarray(values)
    return pa.Array.from_buffers(type_, len(values), [None, pa.py_buffer(values)])


def bools(arr: pa.Array) -> np.ndarray:
    """A null-free boolean Arrow array (bit-packed) as a numpy bool array."""
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    bits = np.unpackbits(np.frombuffer(arr.buffers()[1], dtype=np.uint8), bitorder="little")
    return bits[arr.offset:arr.offset + len(arr)].astype(bool)


def zone(file: str, name: str | None) -> ZoneInfo:
    """The display and localization zone; an unknown name is an input error."""
    from facts.types import zone as lookup
    try:
        return lookup(name or "UTC")
    except ValueError as exc:
        raise FaultlineInputError(file, "timezone", str(exc)) from None


def severities(arr: pa.Array, values: dict[str, str], label: str):
    """(codes int8: 0 critical .. 3 low, -1 empty, -2 unknown; reason(i)) for a batch.

    Raw text goes through the mapping's severity_values first (exact text), then is compared
    case-insensitively with the four severities the case model knows.
    """
    if not pa.types.is_string(arr.type):
        arr = pc.cast(arr, pa.string())
    encoded = pc.dictionary_encode(arr).combine_chunks() if isinstance(arr, pa.ChunkedArray) \
        else pc.dictionary_encode(arr)
    lut = np.array([_severity_code(v, values) for v in encoded.dictionary.to_pylist()] + [-1],
                   dtype=np.int8)
    idx = numbers(pc.cast(encoded.indices, pa.int64()), null=len(lut) - 1)
    codes = lut[idx]

    def reason(i: int) -> str:
        raw = arr[i].as_py()
        if raw is None:
            return f"{label}: empty"
        return (f"{label}: {raw!r} is not one of {', '.join(SEVERITIES)} (map it under "
                f"severity_values in the mapping file)")
    return codes, reason


def _severity_code(raw: str, values: dict[str, str]) -> int:
    name = values.get(raw, raw).strip().lower()
    return SEVERITIES.index(name) if name in SEVERITIES else -2


def strings(arr: pa.Array):
    """(codes int32, names) — a dictionary encoding, so per-row work touches numbers only."""
    if not pa.types.is_string(arr.type):
        arr = pc.cast(arr, pa.string())
    encoded = pc.dictionary_encode(arr)
    names = encoded.dictionary.to_pylist()
    return numbers(pc.cast(encoded.indices, pa.int32()), null=-1), names


def counts(arr: pa.Array, label: str):
    """(float64 counts, ok mask, bad mask, reason(i)) for an events column; negative is bad."""
    raw = arr if pa.types.is_string(arr.type) else pc.cast(arr, pa.string())
    try:
        values = pc.cast(raw, pa.float64())
        bad_cast = np.zeros(len(arr), dtype=bool)
    except pa.ArrowInvalid:
        values = pa.array([_number(v) for v in raw.to_pylist()], type=pa.float64())
        bad_cast = bools(values.is_null()) & \
            bools(raw.is_valid())
    found = numbers(values, null=np.nan)
    bad = bad_cast | (found < 0) | ~np.isfinite(np.nan_to_num(found, nan=0.0))
    ok = ~np.isnan(found) & ~bad
    return found, ok, bad, lambda i: f"{label}: {raw[i].as_py()!r} is not an event count"


def _number(text: str | None) -> float | None:
    try:
        return float(pc.cast(pa.array([text]), pa.float64())[0].as_py()) if text else None
    except pa.ArrowInvalid:
        return None
