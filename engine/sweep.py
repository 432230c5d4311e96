"""Running many variants of one case: in this process, or split with one forked helper.

Every variant runs on the process's engine (built once, reset per run). On a machine with two or
more cores and enough variants, this process and one child started with fork share the work, so
the child inherits the loaded case, the parameters, the built engine and the base run instead of
rebuilding them.
A progress line is written to stderr when stderr is a terminal.
"""
from __future__ import annotations

import gc
import os
import pickle
import signal
import sys
from typing import Callable, Sequence

MIN_PARALLEL = 12   # below this many variants forking costs more than it saves
COLLECT_EVERY = 256


def run_all(count: int, job: Callable[[int], object], label: str = "",
            parallel: bool = True) -> list:
    """[job(0), ..., job(count-1)] in order; job must return picklable data."""
    progress = _Progress(label, count)
    # What exists now (the case, the engine, the base run) lives as long as the sweep: keep the
    # collector from walking it again and again — and, in forked workers, from touching (and so
    # copying) every page of it. A variant's run leaves no reference cycles behind, so automatic
    # collection is off during the sweep, with a collection every COLLECT_EVERY variants in case.
    # A sweep too small to fork is over before a collection would pay for itself (the collection
    # cost 20-30 ms of a 50 ms what-if), so it only turns collection off.
    big = count >= MIN_PARALLEL
    if big:
        gc.collect()
        gc.freeze()
    was_enabled = gc.isenabled()
    gc.disable()
    job = _collecting(job)
    try:
        if parallel and count >= MIN_PARALLEL and _can_fork():
            return _split(count, job, progress)
        out = []
        for i in range(count):
            out.append(job(i))
            progress.step()
        return out
    finally:
        progress.done()
        if big:
            gc.unfreeze()
        if was_enabled:
            gc.enable()


def _collecting(job: Callable[[int], object]) -> Callable[[int], object]:
    def run(index: int):
        if index % COLLECT_EVERY == COLLECT_EVERY - 1:
            gc.collect()
        return job(index)
    return run


def _split(count: int, job: Callable[[int], object], progress: "_Progress") -> list:
    """This process runs the even-numbered variants, one forked child the odd-numbered ones and
    sends its results back through a pipe: both cores work, and nothing is pickled but results."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:   # the child: compute, report, and never return into the parent's code
        try:
            os.close(read_end)
            try:
                payload = ("ok", [job(i) for i in range(1, count, 2)])
            except BaseException as exc:  # noqa: BLE001 — handed to the parent, which raises it
                payload = ("error", f"{type(exc).__name__}: {exc}")
            with os.fdopen(write_end, "wb") as pipe:
                pickle.dump(payload, pipe, protocol=pickle.HIGHEST_PROTOCOL)
        finally:
            os._exit(0)
    os.close(write_end)
    pipe = os.fdopen(read_end, "rb")
    finished = False
    try:
        mine = []
        for i in range(0, count, 2):
            mine.append(job(i))
            progress.step(2)
        try:
            status, theirs = pickle.load(pipe)
        except EOFError:   # the child died without reporting (killed, or out of memory)
            status, theirs = "error", "the helper process ended without a result"
        finished = True
    finally:
        pipe.close()
        if not finished:
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        os.waitpid(pid, 0)
    if status != "ok":
        raise RuntimeError(f"sweep worker failed: {theirs}")
    out = [None] * count
    out[0::2], out[1::2] = mine, theirs
    return out


def _can_fork() -> bool:
    if os.environ.get("FAULTLINE_WORKERS") == "1" or not hasattr(os, "fork"):
        return False
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count() or 1
    return cores >= 2


class _Progress:
    def __init__(self, label: str, total: int):
        self.label, self.total, self.count = label, total, 0
        self.shown = bool(label) and total >= MIN_PARALLEL and sys.stderr.isatty()

    def step(self, done: int = 1) -> None:
        self.count = min(self.total, self.count + done)
        if self.shown and (self.count == self.total or self.count % 4 < done):
            width = 30
            filled = width * self.count // max(1, self.total)
            sys.stderr.write(f"\r{self.label} [{'#' * filled}{'.' * (width - filled)}] "
                             f"{self.count}/{self.total}")
            sys.stderr.flush()

    def done(self) -> None:
        if self.shown:
            sys.stderr.write("\r" + " " * (len(self.label) + 50) + "\r")
            sys.stderr.flush()


def chunks(items: Sequence, size: int) -> list:
    return [items[i:i + size] for i in range(0, len(items), size)]
