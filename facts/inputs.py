"""The one way into a file: every file Faultline reads comes through here.

A case file names other files, and a user may point any option at any path, so a read must never
block (a FIFO with no writer), never run without end (`/dev/zero`), never fill memory (a 2 GB file
read whole before a size check, a gzip bomb), and never take a special file for a document. So:

- the file is opened non-blocking and checked with `fstat` on the opened descriptor (no race
  between a check and the open): only a regular file is read; a FIFO, device, socket or folder is
  refused with one line naming it;
- at most `limit` bytes are read, decided before parsing: a file whose size is over the limit is
  refused without reading it, and the read itself stops at the limit (a file that grows, or a
  /proc file that reports size 0, cannot get past it);
- a `.gz` file is inflated as a stream with the same cap on the *inflated* bytes, so the decision
  is made on what the data will occupy, not on the compressed size.

Usage (one line each):

    data = read_input(path, "case file", MAX_DOCUMENT_BYTES)            # bytes
    with open_input(path, "evidence file", MAX_EVIDENCE_BYTES) as stream:  # a bounded stream
        ...
    digest = sha256_input(path, "evidence file", MAX_EVIDENCE_BYTES)

Errors are `FaultlineInputError(file, field, message)`; `report_as=(file, field)` names another
file and field in the message (an evidence path is reported against the case file that names it).
"""
from __future__ import annotations

import errno
import hashlib
import io
import os
import stat
import zlib
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Iterator

from facts.errors import FaultlineInputError

MAX_DOCUMENT_BYTES = 5 * 1024 * 1024          # a case, overlay, scenario or parameters file
MAX_MAPPING_BYTES = 1024 * 1024               # an evidence column mapping
MAX_TEMPLATE_BYTES = 2 * 1024 * 1024          # a report template
MAX_PACKAGE_BYTES = 16 * 1024 * 1024          # the package's own data and source files
MAX_EVIDENCE_BYTES = 64 * 1024 ** 3           # an evidence export, inflated
CHUNK = 1024 * 1024
COMPRESSED = (".gz",)

_KINDS = ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISSOCK, "a socket"))


class InputTooLarge(FaultlineInputError):
    """The data went past its cap while it was being read (a stream, an inflating .gz)."""


def _a(what: str) -> str:
    return f"an {what}" if what[:1].lower() in "aeiou" else f"a {what}"


def _fail(path: str | Path, message: str, report_as: tuple[str, str] | None,
          kind: type = FaultlineInputError) -> FaultlineInputError:
    if report_as:
        return kind(report_as[0], report_as[1], f"{path}: {message}")
    return kind(str(path), "", message)


def _size(n: int) -> str:
    for unit, scale in (("GiB", 1024 ** 3), ("MiB", 1024 ** 2), ("KiB", 1024)):
        if n >= scale and n % scale == 0:
            return f"{n // scale:,} {unit}"
    return f"{n:,} bytes"


def _open_fd(path: str | Path, what: str, report_as) -> int:
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise _fail(path, "no such file", report_as) from None
    except OSError as exc:
        reason = {errno.ELOOP: "a symbolic link loop", errno.EACCES: "permission denied",
                  errno.ENAMETOOLONG: "the name is too long",
                  errno.ENOTDIR: "a part of the path is not a folder"}.get(
            exc.errno, (exc.strerror or type(exc).__name__).lower())
        raise _fail(path, f"cannot be read: {reason}; expected {_a('readable ' + what)}",
                    report_as) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = next((name for test, name in _KINDS if test(info.st_mode)), "a special file")
            raise _fail(path, f"is {kind}, not a regular file; expected {_a(what)}", report_as)
        # The read itself should block like any disk read; only the open had to be non-blocking.
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


def _refuse_size(path, what: str, limit: int, report_as, size: int | None = None,
                 inflated: bool = False) -> FaultlineInputError:
    got = f"{size:,} bytes" if size is not None else f"more than {_size(limit)}"
    where = " once inflated" if inflated else ""
    return _fail(path, f"{got}{where}; {_a(what)} may be at most {_size(limit)}", report_as,
                 InputTooLarge)


class _Capped(io.RawIOBase):
    """A read-only stream that refuses to hand out more than `limit` bytes in total, inflating a
    gzip member stream on the way when asked to (several members, as `cat a.gz b.gz`, too)."""

    def __init__(self, raw: BinaryIO, path, what: str, limit: int, report_as, inflate: bool):
        self._raw, self._path, self._what, self._limit = raw, path, what, limit
        self._report_as, self._inflate = report_as, inflate
        self._served = 0
        self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS) if inflate else None
        self._pending = b""

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return not self._inflate and self._raw.seekable()

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if not self.seekable():
            raise io.UnsupportedOperation("seek")
        position = self._raw.seek(offset, whence)
        self._served = position
        return position

    def tell(self) -> int:
        return self._served

    def readinto(self, buffer) -> int:
        data = self._read(len(buffer))
        buffer[:len(data)] = data
        return len(data)

    def _read(self, size: int) -> bytes:
        size = max(1, size)
        if self._zlib is None:
            data = self._raw.read(min(size, self._limit + 1 - self._served))
        else:
            data = self._inflated(size)
        self._served += len(data)
        if self._served > self._limit:
            raise _refuse_size(self._path, self._what, self._limit, self._report_as,
                               inflated=self._inflate)
        return data

    def _inflated(self, size: int) -> bytes:
        out = self._pending
        while len(out) < size:
            if self._zlib.unconsumed_tail:
                compressed = self._zlib.unconsumed_tail
            elif self._zlib.eof and self._zlib.unused_data:
                rest = self._zlib.unused_data           # the next gzip member
                self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
                compressed = rest
            else:
                compressed = self._raw.read(CHUNK)
                if not compressed:
                    if not self._zlib.eof and (self._served or out):
                        raise _fail(self._path, f"the gzip data ends early; expected a complete "
                                                f"{self._what}", self._report_as)
                    break
                if self._zlib.eof:
                    self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
            try:
                # max_length bounds what one call may inflate: a bomb never lands in memory whole
                out += self._zlib.decompress(compressed, max(size - len(out), CHUNK))
            except zlib.error:
                raise _fail(self._path, f"not valid gzip data; expected a gzip-compressed {self._what}",
                            self._report_as) from None
        self._pending = out[size:]
        return out[:size]

    def close(self) -> None:
        try:
            self._raw.close()
        finally:
            super().close()


def _is_compressed(path: str | Path) -> bool:
    return str(path).lower().endswith(COMPRESSED)


@contextmanager
def open_input(path: str | Path, what: str, limit: int, *, inflate: bool | None = None,
               report_as: tuple[str, str] | None = None) -> Iterator[BinaryIO]:
    """A buffered binary stream of a regular file, handing out at most `limit` bytes (inflated
    bytes for a .gz file, which is inflated unless `inflate=False`)."""
    fd = _open_fd(path, what, report_as)
    raw = os.fdopen(fd, "rb", buffering=0)
    inflate = _is_compressed(path) if inflate is None else inflate
    try:
        size = os.fstat(raw.fileno()).st_size
        if not inflate and size > limit:
            raise _refuse_size(path, what, limit, report_as, size)
        stream = io.BufferedReader(_Capped(raw, path, what, limit, report_as, inflate), CHUNK)
    except BaseException:
        raw.close()
        raise
    with stream:
        yield stream


def read_input(path: str | Path, what: str, limit: int, *,
               report_as: tuple[str, str] | None = None) -> bytes:
    """The whole content of a regular file of at most `limit` bytes (inflated, for .gz)."""
    with open_input(path, what, limit, report_as=report_as) as stream:
        return stream.read()


def sha256_input(path: str | Path, what: str, limit: int = MAX_EVIDENCE_BYTES, *,
                 report_as: tuple[str, str] | None = None) -> str:
    """SHA-256 of the file's bytes as stored (a .gz is hashed compressed), read in pieces."""
    with open_input(path, what, limit, inflate=False, report_as=report_as) as stream:
        # file_digest reads into one reused buffer: about half the time of read() per block
        return hashlib.file_digest(stream, "sha256").hexdigest()


def regular_file_size(path: str | Path, what: str, *,
                      report_as: tuple[str, str] | None = None) -> int:
    """The size on disk of a regular file (refusing anything else, as the opener does)."""
    fd = _open_fd(path, what, report_as)
    try:
        return os.fstat(fd).st_size
    finally:
        os.close(fd)


def is_within(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
    except ValueError:
        return False
    return True


def confined(root: str | Path, given: object, what: str, *, file: str, field: str) -> Path:
    """The path a case file names for another file (an evidence export, a column mapping),
    resolved inside `root` (the case file's folder, or the folder named with `--evidence-root`).

    A case file is often someone else's: it may not reach outside its own folder, so a path is
    relative, and neither `..` nor a symbolic link may lead out of the folder. Refusals name the
    case file and the field, and say nothing of what lies outside.
    """
    if not isinstance(given, str) or not given.strip():
        raise FaultlineInputError(file, field, f"expected the relative path of {_a(what)}")
    if "\x00" in given:
        raise FaultlineInputError(file, field, "a path cannot hold a NUL character")
    base = Path(root).resolve()
    if Path(given).is_absolute() or given.startswith("~"):
        raise FaultlineInputError(file, field, f"an absolute path; name the {what} relative to "
                                               f"the folder {base}")
    lexical = Path(os.path.normpath(base / given))
    if not is_within(lexical, base):
        raise FaultlineInputError(file, field, f"'..' leads out of the folder {base}; the {what} "
                                               f"must lie inside it (or give --evidence-root)")
    try:
        resolved = (base / given).resolve()
    except (OSError, RuntimeError):
        raise FaultlineInputError(file, field, f"{given}: cannot be resolved (a symbolic link "
                                               f"loop?); expected {_a(what)}") from None
    if not is_within(resolved, base):
        raise FaultlineInputError(file, field, f"{given}: a symbolic link leads out of the folder "
                                               f"{base}; the {what} must lie inside it (or give "
                                               f"--evidence-root)")
    return resolved
