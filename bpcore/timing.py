"""Timing code: the best of a few runs, by a clock you choose.

The minimum over runs, not the mean: anything slower than the fastest run is interference
from the rest of the machine (another process, a cache flushed), not the cost of the code.
"""

import time

from ._validate import positive_int


def best_time(fn, repeats=5, number=1, *, setup=None, clock=time.perf_counter):
    """Seconds per call of ``fn``: ``number`` calls timed together, the best of ``repeats``.

    setup : optional; called (untimed) before each of the ``repeats`` runs, and its result
        passed to every call of that run, ``fn(state)`` instead of ``fn()`` — e.g. a fresh
        copy of a network for a timed training epoch.
    clock : ``time.perf_counter`` (wall time) or ``time.process_time`` (CPU time of this
        process, which leaves out the moments another process had the core).
    """
    repeats, number = positive_int("repeats", repeats), positive_int("number", number)
    best = float("inf")
    for _ in range(repeats):
        args = () if setup is None else (setup(),)
        start = clock()
        for _ in range(number):
            fn(*args)
        best = min(best, clock() - start)
    return best / number
