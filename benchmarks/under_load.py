"""Is bpcore fast by default on a busy machine? ``python -m benchmarks --under-load``.

Times the public matrix epoch (:func:`benchmarks.epoch.matrix_epoch`) as a student runs it
(no BLAS thread variables), with bpcore's BLAS-thread limit (:mod:`bpcore.blas_threads`,
the default: one thread) and without it (``set_max_threads(None)``: NumPy's own thread
count, one per core), first on the machine as it is, then while ``busy`` processes (one per
core by default) each spin on a core. The busy processes stop by themselves after
``BUSY_SECONDS`` and are killed as soon as the measurement ends.
"""

import argparse
import contextlib
import copy
import json
import os
import subprocess
import sys
import time

from bpcore import Network, load_mnist
from bpcore.blas_threads import set_max_threads

from . import ROOT
from .epoch import EXAMPLES, PAUSE, SIZES, environment, matrix_epoch, mini_batches
from .timing import CLOCKS, interleaved

BUSY_SECONDS = 300
BUSY_CODE = "import time\nend = time.monotonic() + {s}\nwhile time.monotonic() < end:\n    pass\n"


@contextlib.contextmanager
def busy_cores(n, seconds=BUSY_SECONDS):
    """Keep ``n`` cores busy (one spinning interpreter each) while the block runs; yields
    their ``Popen`` handles."""
    procs = [subprocess.Popen([sys.executable, "-c", BUSY_CODE.format(s=seconds)])
             for _ in range(n)]
    try:
        time.sleep(0.3)  # let them start spinning
        yield procs
    finally:
        for p in procs:
            p.kill()
            p.wait()


def without_limit(fn):
    """``fn(net)`` with bpcore's BLAS-thread limit lifted for the call."""
    def call(net):
        previous = set_max_threads(None)
        try:
            fn(net)
        finally:
            set_max_threads(previous)
    return call


def measure(repeats=3, batches=(10, 100), busy=None, examples=EXAMPLES, clock="wall"):
    """``{"busy_processes": n, "rows": [{"load", "m", "limited_s", "unlimited_s"}]}``."""
    busy = os.cpu_count() if busy is None else busy
    train, _ = load_mnist()
    X, Y = train.X[:, :examples], train.Y[:, :examples]
    base = Network(SIZES, seed=0)
    fresh = lambda: copy.deepcopy(base)  # noqa: E731
    rows = []
    for load in ("idle", "busy"):
        with busy_cores(busy) if load == "busy" else contextlib.nullcontext():
            for m in batches:
                fb = mini_batches(X, Y, m)
                run = lambda net, fb=fb: matrix_epoch(net, fb)  # noqa: E731
                run(fresh())  # warm up
                best = interleaved({"limited_s": (run, fresh),
                                    "unlimited_s": (without_limit(run), fresh)},
                                   repeats, CLOCKS[clock], PAUSE)
                rows.append({"load": load, "m": m, **best,
                             "unlimited_over_limited": best["unlimited_s"] / best["limited_s"]})
    return {"busy_processes": busy, "rows": rows}


def in_subprocess(repeats=3, batches=(10, 100), busy=None, examples=EXAMPLES):
    """:func:`measure` in a fresh interpreter with no BLAS thread variables."""
    argv = ["--repeats", str(repeats), "--examples", str(examples),
            "--batches", *map(str, batches)] + ([] if busy is None else ["--busy", str(busy)])
    proc = subprocess.run([sys.executable, "-m", "benchmarks.under_load", *argv], cwd=ROOT,
                          env=environment("default"), capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"the under-load run failed:\n{proc.stderr}")
    return json.loads(proc.stdout)


def main(argv=None):
    """``python -m benchmarks.under_load``: :func:`measure` in this process, as JSON."""
    p = argparse.ArgumentParser(prog="python -m benchmarks.under_load", description=main.__doc__)
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--examples", type=int, default=EXAMPLES)
    p.add_argument("--batches", type=int, nargs="+", default=[10, 100])
    p.add_argument("--busy", type=int, default=None, help="busy processes (default: one a core)")
    a = p.parse_args(argv)
    print(json.dumps(measure(a.repeats, a.batches, a.busy, a.examples)))


if __name__ == "__main__":
    main()
