"""Writing outputs so that nothing the user had is lost.

- Only a regular file or a new path is written. A FIFO, a device, a socket, a folder, or a
  symbolic link to one of them is refused, and so is anything under /dev, /proc or /sys
  (`-o /dev/null` as root would otherwise replace the device node with a file).
- Never over an input: the case file, parameters and scenario files, and the evidence and mapping
  files the case reads, compared by resolved path and by inode (a hard link is the same file).
- Atomic: a temporary file in the target's folder, then a rename; a failure part-way, or
  SIGTERM / SIGINT / SIGHUP during the write, leaves the previous file as it was and removes the
  temporary file. (SIGKILL cannot be caught: the next write into that folder removes what a killed
  run left behind.)
- The file gets the mode a plain `open()` would give it: an existing file keeps its mode, a new
  one gets 0666 less the umask.
- Any failure of the file system (no permission, a read-only disk, a name too long, no space) is
  one line, exit 2.
"""
from __future__ import annotations

import errno
import os
import secrets
import signal
import stat
from pathlib import Path

from facts.errors import FaultlineInputError

SYSTEM_TREES = ("/dev", "/proc", "/sys")
TEMP_PREFIX = ".faultline-"
TEMP_SUFFIX = ".part"
_SIGNALS = tuple(s for s in (getattr(signal, n, None) for n in ("SIGTERM", "SIGINT", "SIGHUP"))
                 if s is not None)
_PENDING: set[str] = set()     # temporary files being written right now


def write_atomic(target: str | Path, data: str | bytes, inputs: tuple = ()) -> None:
    target = Path(target)
    name = str(target)
    final = _checked_target(target, name)
    _refuse_inputs(final, name, inputs)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    folder = final.parent
    _sweep_stale(folder)
    mode = _mode_for(final)
    temp = folder / f"{TEMP_PREFIX}{os.getpid()}-{secrets.token_hex(4)}{TEMP_SUFFIX}"
    with _cleanup_on_signal(str(temp)):
        try:
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0),
                         0o600)
        except OSError as exc:
            raise _os_error(name, exc) from None
        try:
            try:
                os.fchmod(fd, mode)
                view = memoryview(payload)
                while view:
                    view = view[os.write(fd, view):]
                os.fsync(fd)
            finally:
                os.close(fd)
            os.replace(temp, final)
        except BaseException as exc:
            _unlink(str(temp))
            if isinstance(exc, OSError):
                raise _os_error(name, exc) from None
            raise


def _checked_target(target: Path, name: str) -> Path:
    """The path that will be replaced: the target, or the regular file a symlink points at."""
    if not target.name or target.name in (".", ".."):
        raise FaultlineInputError(name, "", "not a file name; give a file to write")
    if len(os.fsencode(target.name)) > 255:
        raise FaultlineInputError(name, "", f"a file name of {len(os.fsencode(target.name))} "
                                            f"bytes; the file system allows 255")
    try:
        resolved = target.resolve()
    except RuntimeError:
        raise FaultlineInputError(name, "", "cannot be resolved (a symbolic link loop); give "
                                            "a plain file name") from None
    except OSError as exc:
        raise _os_error(name, exc) from None
    for step in (*_link_chain(target), resolved):
        tree = next((t for t in SYSTEM_TREES if str(step) == t or str(step).startswith(t + "/")),
                    None)
        if tree:
            raise FaultlineInputError(name, "", f"is under {tree}, which holds devices and "
                                                f"kernel files, not reports; write to a regular "
                                                f"file (or leave out -o for stdout)")
    folder = resolved.parent
    if not folder.is_dir():
        shown = str(target.parent) if str(target.parent) else "."
        raise FaultlineInputError(name, "", f"the folder {shown!r} does not exist")
    try:
        info = os.stat(resolved)
    except FileNotFoundError:
        return resolved                       # a new path (or a dangling link: write its target)
    except OSError as exc:
        raise _os_error(name, exc) from None
    if stat.S_ISDIR(info.st_mode):
        raise FaultlineInputError(name, "", "is a directory; give a file name")
    if not stat.S_ISREG(info.st_mode):
        kind = ("a FIFO (named pipe)" if stat.S_ISFIFO(info.st_mode) else
                "a device" if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode) else
                "a socket" if stat.S_ISSOCK(info.st_mode) else "a special file")
        via = "a symbolic link to " if target.is_symlink() else ""
        raise FaultlineInputError(name, "", f"is {via}{kind}, not a regular file; refusing to "
                                            f"replace it (leave out -o for stdout)")
    return resolved


def _link_chain(target: Path) -> list[Path]:
    """Each path a chain of symbolic links passes through, as written: /dev/stdout is a link to
    /proc/self/fd/1, which resolves to wherever stdout goes, so the resolved path alone would not
    show that the chain went through /dev."""
    chain, here = [], Path(os.path.abspath(target))
    for _ in range(40):
        chain.append(here)
        if not here.is_symlink():
            break
        here = Path(os.path.normpath(here.parent / os.readlink(here)))
    return chain


def _refuse_inputs(final: Path, name: str, inputs: tuple) -> None:
    try:
        here = os.stat(final)
    except OSError:
        here = None
    for source in inputs:
        if not source:
            continue
        path = Path(source)
        try:
            same = path.resolve() == final or (
                here is not None and os.path.samestat(os.stat(path), here))
        except (OSError, RuntimeError):
            continue
        if same:
            raise FaultlineInputError(name, "", f"is an input file of this run ({source}); "
                                                f"refusing to write the output over it")


def _mode_for(final: Path) -> int:
    try:
        return stat.S_IMODE(os.stat(final).st_mode)
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def _os_error(name: str, exc: OSError) -> FaultlineInputError:
    reason = {errno.EACCES: "permission denied", errno.EPERM: "not permitted",
              errno.EROFS: "the file system is read-only",
              errno.ENAMETOOLONG: "the name is too long for the file system",
              errno.ENOSPC: "no space left on the device", errno.EDQUOT: "the disk quota is full",
              errno.EISDIR: "is a directory", errno.ENOTDIR: "a part of the path is not a folder",
              errno.EXDEV: "crosses file systems"}.get(exc.errno, (exc.strerror or "").lower())
    return FaultlineInputError(name, "", f"cannot be written: {reason or type(exc).__name__}; "
                                         f"the previous file (if any) is unchanged")


def _unlink(path: str) -> None:
    _PENDING.discard(path)
    try:
        os.unlink(path)
    except OSError:
        pass


class _cleanup_on_signal:
    """While a temporary file exists, a terminating signal removes it first, then acts as it
    would have (the default action of that signal, or the handler that was there before)."""

    def __init__(self, temp: str):
        self.temp, self.previous = temp, {}

    def __enter__(self):
        _PENDING.add(self.temp)
        for sig in _SIGNALS:
            try:
                self.previous[sig] = signal.signal(sig, self._handle)
            except (ValueError, OSError):     # not the main thread: nothing to install
                pass
        return self

    def _handle(self, sig, frame):
        for path in list(_PENDING):
            _unlink(path)
        self._restore()
        previous = self.previous.get(sig)
        if callable(previous):
            previous(sig, frame)
        else:
            signal.signal(sig, signal.SIG_DFL)
            os.kill(os.getpid(), sig)

    def _restore(self):
        for sig, handler in self.previous.items():
            try:
                signal.signal(sig, handler if handler is not None else signal.SIG_DFL)
            except (ValueError, OSError):
                pass

    def __exit__(self, *exc):
        _PENDING.discard(self.temp)
        self._restore()
        return False


def _sweep_stale(folder: Path) -> None:
    """Remove temporary files that a killed run (SIGKILL, a power cut) left in this folder; one
    whose writer is still alive is another run's write in progress and is left alone."""
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for entry in names:
        if not (entry.startswith(TEMP_PREFIX) and entry.endswith(TEMP_SUFFIX)):
            continue
        pid = entry[len(TEMP_PREFIX):].split("-", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            _unlink(str(folder / entry))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
