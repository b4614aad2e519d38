"""How the benchmarks time things: a clock passed in, contenders interleaved, minima kept.

Every figure is a minimum over repeats, since noise from the rest of the machine only ever
adds time. Contenders are **interleaved**: each round times every contender once, so a
burst of load from another process hits all of them alike instead of one contender's
whole series. The clock is an argument, never a global: ``"cpu"`` (this process's CPU
time, which leaves out the moments the OS gave the core to another process) is the right
one when everything runs on one thread; ``"wall"`` when threads may work in parallel.
"""

import math
import time

from bpcore.timing import best_time

CLOCKS = {"wall": time.perf_counter, "cpu": time.process_time}


def clock_for_threads():
    """"cpu" when this process was started with one BLAS thread (the variables are set),
    else "wall"."""
    import os

    return "cpu" if os.environ.get("OPENBLAS_NUM_THREADS") == "1" else "wall"


def once(fn, clock, setup=None):
    """Seconds of one call by ``clock``: ``fn()``, or ``fn(setup())`` with ``setup`` untimed."""
    return best_time(fn, repeats=1, setup=setup, clock=clock)


def interleaved(contenders, repeats, clock, pause=0.0):
    """``{name: best seconds}`` for ``contenders = {name: (fn, setup or None)}``.

    Each of ``repeats`` rounds times every contender once, in order, by ``clock``, with
    ``pause`` seconds of sleep before each: long enough (0.1 s) for the thread pools a
    contender woke (OpenBLAS's, torch's) to stop spinning before the next one starts.
    """
    if repeats < 1:
        raise ValueError(f"repeats must be at least 1; got {repeats}")
    best = dict.fromkeys(contenders, math.inf)
    for _ in range(repeats):
        for name, (fn, setup) in contenders.items():
            if pause:
                time.sleep(pause)
            best[name] = min(best[name], once(fn, clock, setup))
    return best
