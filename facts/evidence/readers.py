"""Reading CSV, JSON Lines and Parquet evidence into batches of the logical columns.

A file up to `stream_threshold` bytes is read whole by Arrow's own readers (for CSV its streaming
reader, which parses ahead on its own threads while a batch is converted here; what
`pandas.read_csv(engine="pyarrow")` runs underneath, without building a DataFrame we would not
use). A larger file is streamed in batches (pieces of the file cut at record boundaries and
parsed one at a time; `ParquetFile.iter_batches` for Parquet) so that memory stays flat: ten
million alert rows fit in well under 2 GiB. Either way every batch is converted by the same
code, so both paths give the same result; a file read whole is handed on in the chunks Arrow
parsed it in, never copied into one piece per column.
Only the columns a summary uses are read, and all of them as text, because Arrow's type inference
would turn '2025-03-03T02:47:00-05:00' into a zone-less UTC time without saying so.
"""
from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pyarrow as pa

from facts.errors import FaultlineInputError
from facts.inputs import MAX_EVIDENCE_BYTES, COMPRESSED, open_input, regular_file_size
from facts.evidence.mapping import TIME_COLUMNS, Mapping, resolve_columns

STREAM_THRESHOLD = 200 * 1024 * 1024   # default: bytes above which a file is streamed
BATCH_BYTES = 16 * 1024 * 1024         # default: bytes of CSV/JSON per streamed batch
BATCH_ROWS = 1_000_000                 # default: rows per streamed Parquet batch
# Blocks Arrow parses when it reads a file whole; each becomes one batch. (1 MiB blocks gave 80
# batches for a million rows and more per-batch work than the read saved; 4 MiB was fastest of
# 1, 4 and 16 on two cores.)
WHOLE_BLOCK = 4 * 1024 * 1024
PROGRESS_EVERY_S = 0.5                 # seconds between progress lines on a terminal
FORMATS = {".csv": "csv", ".tsv": "csv", ".txt": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl",
           ".json": "jsonl", ".parquet": "parquet", ".pq": "parquet"}


@dataclass
class Batch:
    """Logical column name -> Arrow array for rows row0+1 .. row0+n (1-based data rows)."""
    row0: int
    n: int
    cols: dict[str, pa.Array]


def file_format(path: Path) -> str:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] in COMPRESSED:
        suffixes = suffixes[:-1]
    fmt = FORMATS.get(suffixes[-1]) if suffixes else None
    if fmt is None:
        raise FaultlineInputError(str(path), "", "unknown evidence format; expected a .csv, "
                                                 ".jsonl or .parquet file (optionally .gz)")
    return fmt


def read_batches(file: str, kind: str, mapping: Mapping, *, stream_threshold: int,
                 batch_bytes: int = BATCH_BYTES, batch_rows: int = BATCH_ROWS,
                 progress: bool = False, notes: list[str] | None = None) -> Iterator[Batch]:
    """Yield the file's rows in order as batches of logical columns (see module docstring)."""
    path = Path(file)
    fmt = file_format(path)
    size = regular_file_size(path, "evidence file")
    if size == 0:
        raise FaultlineInputError(file, "", "the file is empty; expected a header and data rows")
    reader = {"csv": _csv, "jsonl": _jsonl, "parquet": _parquet}[fmt]
    report = _Progress(file, size, progress)
    row0 = 0
    try:
        for table, columns in reader(path, kind, mapping, size, stream_threshold,
                                     batch_bytes, batch_rows, notes):
            # A table read whole comes in chunks (one per block Arrow parsed); each chunk is a
            # batch of its own, so no column is copied into one piece after the read.
            for piece in _pieces(table):
                cols = {logical: piece.column(name) for logical, name in columns.items()}
                yield Batch(row0, piece.num_rows, cols)
                row0 += piece.num_rows
                report.update(row0)
    except (pa.ArrowInvalid, pa.ArrowTypeError, UnicodeDecodeError) as exc:
        raise FaultlineInputError(file, "", f"cannot read the {fmt} file after row {row0} "
                                            f"({_reason(exc)}); expected well-formed {fmt}") \
            from None
    report.done(row0)
    if row0 == 0:
        raise FaultlineInputError(file, "", "no data rows; expected a header and at least one row")


def _reason(exc: Exception) -> str:
    """What Arrow found wrong, without the file's own text: Arrow quotes the offending line
    ('Expected 1 columns, got 4: root:x:0:0:...'), and an error line must not carry the content
    of a file into a terminal or a log."""
    if isinstance(exc, UnicodeDecodeError):
        return f"not UTF-8 text at byte {exc.start}"
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    for prefix in ("CSV parse error: ", "JSON parse error: "):
        text = text.removeprefix(prefix)
    return text.split(": ", 1)[0][:120]


def _pieces(table) -> Iterator:
    """The record batches of a table (zero-copy slices), or the batch itself."""
    if isinstance(table, pa.RecordBatch):
        return iter((table,))
    return iter(table.to_batches())


def _note_optional(kind: str, columns: dict, notes: list[str] | None) -> None:
    from facts.evidence.mapping import COLUMNS
    for logical in COLUMNS[kind][1]:
        if logical not in columns and notes is not None:
            notes.append(f"no '{logical}' column: facts that need it are not derived")


def _csv(path, kind, mapping, size, threshold, batch_bytes, batch_rows, notes):
    import pyarrow.csv as pcsv
    with _open(path) as stream:
        head = pcsv.open_csv(stream, read_options=pcsv.ReadOptions(block_size=1 << 20),
                             convert_options=pcsv.ConvertOptions(column_types={}))
        present = head.schema.names
        head.close()
    columns = resolve_columns(str(path), kind, present, mapping)
    _note_optional(kind, columns, notes)
    wanted = sorted(set(columns.values()))
    convert = pcsv.ConvertOptions(include_columns=wanted, strings_can_be_null=True,
                                  column_types={c: pa.string() for c in wanted})
    parse = pcsv.ParseOptions(delimiter="\t" if ".tsv" in path.suffixes else ",")
    if _whole_file(path, size, threshold):
        # Arrow's streaming reader parses the next blocks on its own threads while this one
        # converts the batch it has (faster than reading the table first); it may read ahead
        # as far as the whole file, which below the threshold is what reading it whole costs.
        with _open(path) as stream:
            reader = pcsv.open_csv(stream, read_options=pcsv.ReadOptions(block_size=WHOLE_BLOCK),
                                   parse_options=parse, convert_options=convert)
            for batch in reader:
                yield batch, columns
        return
    named = pcsv.ReadOptions(column_names=present)
    for chunk in _chunks(path, batch_bytes, header=True, quotes=True):
        yield pcsv.read_csv(pa.BufferReader(chunk), read_options=named, parse_options=parse,
                            convert_options=convert), columns


def _chunks(path: Path, size: int, *, header: bool, quotes: bool) -> Iterator[bytes]:
    """The file in pieces of about `size` bytes, each ending at a record boundary.

    Arrow's own streaming CSV reader reads ahead without bound when the consumer is slower than
    the disk (its memory grew with the file: 600 MB for 10 million rows), so the file is cut
    here and each piece parsed on its own. A newline ends a record only outside quotes, which
    is when the number of quote characters before it is even (RFC 4180 doubles quotes inside
    fields, so that parity holds).
    """
    carry = b""
    with _open(path) as stream:                   # inflates .gz, with a cap on inflated bytes
        while True:
            block = stream.read(size)
            buf = carry + block
            if header:
                end = _boundary(buf, quotes, first=True)
                if end < 0 and block:
                    carry = buf
                    continue
                buf, header = buf[end + 1:] if end >= 0 else b"", False
            if not block:
                if buf.strip():
                    yield buf
                return
            end = _boundary(buf, quotes)
            if end < 0:                             # a record longer than the piece: read on
                carry = buf
                continue
            if buf[:end + 1].strip():
                yield buf[:end + 1]
            carry = buf[end + 1:]


def _boundary(buf: bytes, quotes: bool, first: bool = False) -> int:
    """Index of the first (or last) newline in `buf` that is outside quotes; -1 if none."""
    find = (lambda start, end: buf.find(b"\n", start, end)) if first else \
        (lambda start, end: buf.rfind(b"\n", start, end))
    at = find(0, len(buf))
    while at >= 0 and quotes and buf.count(b'"', 0, at) % 2:
        at = find(at + 1, len(buf)) if first else find(0, at)
    return at


def _jsonl(path, kind, mapping, size, threshold, batch_bytes, batch_rows, notes):
    import pyarrow.json as pjson
    with _open(path) as stream:
        head = pjson.open_json(stream, read_options=pjson.ReadOptions(block_size=1 << 20))
        present = head.schema.names
        head.close()
    columns = resolve_columns(str(path), kind, present, mapping)
    _note_optional(kind, columns, notes)
    # timestamps stay text: Arrow's JSON inference drops the offset of '...-05:00' silently
    text = pa.schema([(name, pa.string()) for logical, name in sorted(columns.items())
                      if logical in TIME_COLUMNS])
    parse = pjson.ParseOptions(explicit_schema=text, unexpected_field_behavior="infer")
    if _whole_file(path, size, threshold):
        with _open(path) as stream:
            table = pjson.read_json(stream, parse_options=parse)
        yield table, columns
        return
    # JSON strings cannot hold a raw newline, so every newline ends a record
    for chunk in _chunks(path, batch_bytes, header=False, quotes=False):
        yield pjson.read_json(pa.BufferReader(chunk), parse_options=parse), columns


def _parquet(path, kind, mapping, size, threshold, batch_bytes, batch_rows, notes):
    import pyarrow.parquet as pq
    if _compressed(path):
        raise FaultlineInputError(str(path), "", "a compressed Parquet file; Parquet compresses "
                                                 "its own columns: give the .parquet file as is")
    with _open(path) as stream:
        yield from _parquet_batches(pq.ParquetFile(stream), path, kind, mapping, size, threshold,
                                    batch_rows, notes)


def _parquet_batches(handle, path, kind, mapping, size, threshold, batch_rows, notes):
    columns = resolve_columns(str(path), kind, handle.schema_arrow.names, mapping)
    _note_optional(kind, columns, notes)
    wanted = sorted(set(columns.values()))
    meta = handle.metadata
    # compressed Parquet grows in memory: decide on the uncompressed size
    inflated = sum(meta.row_group(i).total_byte_size for i in range(meta.num_row_groups))
    if max(size, inflated) <= threshold:
        yield handle.read(columns=wanted), columns
        return
    for batch in handle.iter_batches(batch_size=batch_rows, columns=wanted):
        yield batch, columns


def _open(path: Path):
    return open_input(path, "evidence file", MAX_EVIDENCE_BYTES)


def _compressed(path: Path) -> bool:
    return str(path).lower().endswith(COMPRESSED)


def _whole_file(path: Path, size: int, threshold: int) -> bool:
    """Read whole only what is known to be small once in memory: a compressed file's inflated
    size is not known until it has been read (a 3 MB gzip bomb inflates to a gigabyte), so it is
    always streamed, which keeps memory flat whatever it holds."""
    return size <= threshold and not _compressed(path)


class _Progress:
    """'reading FILE: 41% (4,100,000 rows)' on stderr, only when stderr is a terminal."""

    def __init__(self, file: str, size: int, wanted: bool):
        self.file, self.size = file, size
        self.on = wanted and sys.stderr.isatty()
        self.last = time.monotonic()

    def update(self, rows: int) -> None:
        if self.on and time.monotonic() - self.last >= PROGRESS_EVERY_S:
            self.last = time.monotonic()
            sys.stderr.write(f"\rreading {self.file}: {rows:,} rows")
            sys.stderr.flush()

    def done(self, rows: int) -> None:
        if self.on:
            sys.stderr.write(f"\rreading {self.file}: {rows:,} rows, done\n")
            sys.stderr.flush()
