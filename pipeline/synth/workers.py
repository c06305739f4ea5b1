"""Worker processes for the simulation: `almp generate` and the model fit simulate their persons in
chunks, each drawn from the seed and its number alone, so a chunk can be made in any process and
the results taken in chunk order are the same whatever the number of workers."""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from concurrent.futures import ProcessPoolExecutor


def default_workers() -> int:
    """The machine's cores, at most 4 (each worker holds a chunk: about 0.9 GB at 783 weeks)."""
    return max(1, min(4, os.cpu_count() or 1))


def spawn_pool(workers: int, initializer=None, initargs: tuple = ()) -> ProcessPoolExecutor:
    """Processes started afresh (spawn), not forked: the parent holds Arrow's and DuckDB's threads."""
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"), initializer=initializer,
                               initargs=initargs)


def in_order(pool: ProcessPoolExecutor, fn, jobs, ahead: int):
    """fn(*job) for every job, yielded in the jobs' order, at most `ahead` submitted beyond the one
    the caller holds (memory bounded by the chunk, not by the number of jobs)."""
    pending: deque = deque()
    todo = iter(jobs)
    for job in todo:
        pending.append(pool.submit(fn, *job))
        if len(pending) >= ahead:
            break
    while pending:
        result = pending.popleft().result()
        nxt = next(todo, None)
        if nxt is not None:
            pending.append(pool.submit(fn, *nxt))
        yield result
