"""Spreading a sweep over this process and a forked helper keeps order and reports failures."""
from __future__ import annotations

import os

import pytest

from engine import sweep

needs_two = pytest.mark.skipif(not sweep._can_fork(), reason="needs fork and two cores")


@needs_two
def test_results_come_back_in_order_from_both_processes():
    parent = os.getpid()
    out = sweep.run_all(41, lambda i: (i * i, os.getpid() == parent))
    assert [square for square, _ in out] == [i * i for i in range(41)]
    # even-numbered variants ran here, odd-numbered ones in the helper
    assert all(here == (i % 2 == 0) for i, (_, here) in enumerate(out))


@needs_two
def test_a_failure_in_the_helper_is_raised_here():
    def job(i):
        if i == 7:
            raise ValueError("variant seven")
        return i
    with pytest.raises(RuntimeError, match="ValueError: variant seven"):
        sweep.run_all(20, job)


def test_one_process_when_asked(monkeypatch):
    monkeypatch.setenv("FAULTLINE_WORKERS", "1")
    parent = os.getpid()
    assert sweep.run_all(30, lambda i: os.getpid() == parent) == [True] * 30


def test_a_sweep_too_small_to_fork_collects_no_garbage_first(monkeypatch):
    import gc
    collected = []
    monkeypatch.setattr(gc, "collect", lambda *a: collected.append(a) or 0)
    assert sweep.run_all(sweep.MIN_PARALLEL - 1, lambda i: i) == list(range(sweep.MIN_PARALLEL - 1))
    assert collected == [] and gc.get_freeze_count() == 0
    monkeypatch.setenv("FAULTLINE_WORKERS", "1")
    sweep.run_all(sweep.MIN_PARALLEL, lambda i: i)
    assert collected, "a sweep of forking size freezes what lives through it, after a collection"
    assert gc.get_freeze_count() == 0, "and unfreezes it afterwards"
