"""How many threads NumPy's BLAS may use while bpcore computes: one, unless you say so.

bpcore's matrices are small (for [784, 30, 10] the largest is w^2, 30 × 784, and a
mini-batch has 10–100 columns). A second BLAS thread hardly speeds them up on an idle
machine, and when the other cores are busy with other work the threads wait for each
other: on the 2-core development machine one epoch at m = 100 took 0.016 s with two
threads and 0.020 s with one when idle, but 2.2 s with two and 0.021 s with one while two
other processes kept both cores busy (``docs/performance.md``). So the public methods of
:class:`bpcore.Network` and :func:`bpcore.training.sgd` run with at most
:func:`max_threads` BLAS threads (1 by default) and give the previous setting back when
they return.

The limit is set through `threadpoolctl <https://github.com/joblib/threadpoolctl>`_
(installed by the course's ``requirements.txt``, or ``pip install bpcore[fast]``); without
it bpcore leaves the BLAS as NumPy set it up. ``set_max_threads(None)`` turns the limit
off, ``set_max_threads(n)`` allows n threads.

A new process takes its thread count from environment variables read when NumPy loads;
:func:`thread_environment` gives the variables for a child process (a notebook kernel, a
benchmark run).
"""

import functools
import numbers

THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")

_max_threads = 1
_libraries = None  # threadpoolctl's controllers of the loaded BLAS libraries, found once


def max_threads():
    """The most BLAS threads bpcore's methods use (an int), or None: no limit."""
    return _max_threads


def set_max_threads(n):
    """Let bpcore's methods use at most ``n`` BLAS threads (a positive int), or lift the
    limit with ``None``. Returns the previous setting."""
    global _max_threads
    if n is not None:
        if isinstance(n, bool) or not isinstance(n, numbers.Integral):
            raise TypeError(f"the BLAS thread limit must be a positive int or None; got {n!r}")
        if n < 1:
            raise ValueError(f"the BLAS thread limit must be at least 1 (or None); got {n}")
        n = int(n)
    previous, _max_threads = _max_threads, n
    return previous


def thread_environment(n=1, env=None):
    """A copy of ``env`` (default: ``os.environ``) with every BLAS thread variable set to
    ``n``: the environment for a child process that must start with n BLAS threads."""
    import os

    return {**(os.environ if env is None else env), **dict.fromkeys(THREAD_VARIABLES, str(n))}


def blas_libraries():
    """threadpoolctl's controllers of the BLAS libraries loaded now ([] without it)."""
    global _libraries
    if _libraries is None:
        try:
            from threadpoolctl import ThreadpoolController
        except ImportError:
            _libraries = []
        else:
            _libraries = ThreadpoolController().select(user_api="blas").lib_controllers
    return _libraries


class limit:
    """``with limit():`` runs the block with at most :func:`max_threads` BLAS threads.

    Costs about 1 µs when the BLAS already uses few enough threads (nested calls, or
    ``OPENBLAS_NUM_THREADS=1``), and about 5 µs when it lowers the count and restores it.
    """

    __slots__ = ("lowered",)

    def __enter__(self):
        self.lowered = []
        cap = _max_threads
        if cap is not None:
            for lib in _libraries if _libraries is not None else blas_libraries():
                n = lib.get_num_threads()
                if n is not None and n > cap:
                    lib.set_num_threads(cap)
                    self.lowered.append((lib, n))
        return self

    def __exit__(self, *exc):
        for lib, n in self.lowered:
            lib.set_num_threads(n)
        return False


def limited(fn):
    """Decorate ``fn`` to run inside :class:`limit` (bpcore's public methods are)."""

    @functools.wraps(fn)
    def call_limited(*args, **kwargs):
        with limit():
            return fn(*args, **kwargs)

    return call_limited
