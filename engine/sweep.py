"""Running many variants of one case: in this process, or over two forked workers.

Every variant runs on the process's engine (built once, reset per run). On a machine with two or
more cores and enough variants, the work is spread over two processes started with fork, so
they inherit the loaded case, the parameters and the built engine instead of rebuilding them.
A progress line is written to stderr when stderr is a terminal.
"""
from __future__ import annotations

import os
import sys
from typing import Callable, Sequence

WORKERS = 2
MIN_PARALLEL = 12   # below this many variants forking costs more than it saves

_JOB: Callable | None = None


def _call(index: int):
    return _JOB(index)  # type: ignore[misc]


def run_all(count: int, job: Callable[[int], object], label: str = "",
            parallel: bool = True) -> list:
    """[job(0), ..., job(count-1)] in order; job must return picklable data."""
    global _JOB
    _JOB = job
    progress = _Progress(label, count)
    try:
        if parallel and count >= MIN_PARALLEL and _can_fork():
            import multiprocessing
            ctx = multiprocessing.get_context("fork")
            chunk = max(1, min(8, count // (WORKERS * 6)))
            with ctx.Pool(WORKERS) as pool:
                out = []
                for value in pool.imap(_call, range(count), chunksize=chunk):
                    out.append(value)
                    progress.step()
                return out
        out = []
        for i in range(count):
            out.append(job(i))
            progress.step()
        return out
    finally:
        progress.done()
        _JOB = None


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

    def step(self) -> None:
        self.count += 1
        if self.shown and (self.count == self.total or self.count % 4 == 0):
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
