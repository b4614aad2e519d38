"""One epoch of mini-batch SGD through what a user calls, against the loop, PyTorch and
the matrix-multiply floor.

The setting of every row: the bundled sample's first 4,000 training digits, a [784, 30, 10]
sigmoid network with the quadratic cost (27), float64, η = 3.0, mini-batches in order.
Every contender starts each round from a copy of the same network, so all of them train
the same weights (``tests/test_benchmarks.py`` checks that they end an epoch equal):

* ``loop`` — the book's way: ``net.backprop(x, y)`` (BP1–BP4 for one column) on every
  example of a mini-batch, the gradients averaged, then w → w − η∇ (20), (21);
* ``matrix`` — ``net.update_mini_batch(X, Y, η)`` on each mini-batch of the bundled X,
  which is Fortran-ordered, so a mini-batch ``X[:, k:k+m]`` is one contiguous block;
* ``matrix_c`` — the same method on a caller's C-ordered copy (what ``rows.T.copy()``
  makes from one digit per row), whose mini-batches are strided;
* ``inner`` — ``bpcore.training.update_mini_batch``, the step without the door checks
  (what ``sgd`` calls once the data is checked), under one BLAS-thread limit for the
  epoch: the public method's overhead (checks and the per-call limit) is ``matrix / inner``;
* ``torch`` — the same epoch in PyTorch CPU autograd (float64, the same weights), if it
  is importable; torch is never a dependency of bpcore;
* the **floor** — the epoch's flops over the rate of a 1000 × 1000 matrix multiply timed
  in the same rounds: no code on this machine can beat it.

:func:`in_subprocess` runs :func:`measure` in a fresh interpreter, either as a student
gets it (no BLAS thread variables: NumPy and torch choose, bpcore limits its own calls,
see :mod:`bpcore.blas_threads`) or with every BLAS, OpenMP and torch pool at one thread.
"""

import argparse
import copy
import json
import os
import platform
import subprocess
import sys

import numpy as np

from bpcore import Network, load_mnist
from bpcore.blas_threads import THREAD_VARIABLES, limit, max_threads, thread_environment
from bpcore.flops import backprop_flops
from bpcore.training import update_mini_batch

from . import ROOT
from .timing import CLOCKS, clock_for_threads, interleaved

SIZES = [784, 30, 10]
BATCHES = (1, 10, 100)
EXAMPLES = 4000
ETA = 3.0
MODES = ("default", "one_thread")  # how the BLAS threads are set for a run
PAUSE = 0.1  # s of sleep before each timing: thread pools woken by the last one go idle


def mini_batches(X, Y, m):
    """The consecutive mini-batches ``(X[:, k:k+m], Y[:, k:k+m])`` of one epoch."""
    return [(X[:, k : k + m], Y[:, k : k + m]) for k in range(0, X.shape[1], m)]


def loop_epoch(net, batches, eta=ETA):
    """One epoch the book's way, through ``net.backprop`` one column at a time."""
    for Xb, Yb in batches:
        m = Xb.shape[1]
        sum_b = [np.zeros_like(b) for b in net.biases]
        sum_w = [np.zeros_like(w) for w in net.weights]
        for j in range(m):
            nabla_b, nabla_w = net.backprop(Xb[:, j : j + 1], Yb[:, j : j + 1])
            for s, d in zip(sum_b + sum_w, nabla_b + nabla_w):
                s += d
        for p, s in zip(net.biases + net.weights, sum_b + sum_w):
            p -= eta * (s / m)


def matrix_epoch(net, batches, eta=ETA):
    """One epoch of ``net.update_mini_batch``, the public matrix step."""
    for Xb, Yb in batches:
        net.update_mini_batch(Xb, Yb, eta)


def inner_epoch(net, batches, eta=ETA):
    """One epoch of the step behind the method, with no checks at the door (inside one
    BLAS-thread limit for the whole epoch, as the method has one per step)."""
    with limit():
        for Xb, Yb in batches:
            update_mini_batch(net, Xb, Yb, eta)


def torch_epoch(net, X, Y, m, eta=ETA):
    """``(run, fresh)`` for the same epoch in PyTorch (float64, CPU autograd), or None.

    ``fresh()`` makes parameter tensors copied from ``net``; ``run(params)`` trains them for
    one epoch and returns them. Examples become rows, torch's layout: z = a wᵀ + b.
    """
    try:
        import torch
    except ImportError:
        return None
    Xt = torch.from_numpy(np.ascontiguousarray(X.T))
    Yt = torch.from_numpy(np.ascontiguousarray(Y.T))
    batches = [(Xt[k : k + m], Yt[k : k + m]) for k in range(0, Xt.shape[0], m)]

    def fresh():
        params = []
        for w, b in zip(net.weights, net.biases):
            params += [torch.tensor(w, requires_grad=True),
                       torch.tensor(b.ravel(), requires_grad=True)]
        return params

    def run(params):
        for a, y in batches:
            for w, b in zip(params[::2], params[1::2]):
                a = torch.sigmoid(torch.addmm(b, a, w.T))
            cost = 0.5 * ((a - y) ** 2).sum() / a.shape[0]  # mean quadratic cost (27)
            grads = torch.autograd.grad(cost, params)
            with torch.no_grad():
                for p, g in zip(params, grads):
                    p.sub_(g, alpha=eta)
        return params

    return run, fresh


def epoch_flops(n, sizes=SIZES):
    """Floating-point operations of the matrix products in one epoch over n examples.

    Counted by :func:`bpcore.flops.backprop_flops` (w^l a^{l−1}, BP2 except into the input
    layer, and BP4; two flops per multiply-add). Elementwise work is left out, so the floor
    is a lower bound.
    """
    return backprop_flops(sizes, n)


def matmul_timer(k=1000):
    """``(fn, flops)``: one float64 k × k matrix multiply, warmed up, and its flop count."""
    rng = np.random.default_rng(0)
    A, B = rng.standard_normal((k, k)), rng.standard_normal((k, k))
    A @ B
    return (lambda: A @ B), 2 * k**3


def blas_description():
    """NumPy's BLAS as threadpoolctl sees it: library, version, kernel, threads (or {})."""
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return {}
    blas = [lib for lib in threadpool_info() if lib.get("user_api") == "blas"]
    blas.sort(key=lambda lib: "numpy" not in lib.get("filepath", ""))  # NumPy's first
    keys = ("internal_api", "version", "architecture", "num_threads")
    return {k: blas[0].get(k) for k in keys} if blas else {}


def torch_setup(use_torch):
    """torch's version (None if skipped or missing), with one intra-op thread when the
    environment asks for one BLAS thread (torch reads only ``OMP_NUM_THREADS`` itself)."""
    if not use_torch:
        return None
    try:
        import torch
    except ImportError:
        return None
    if os.environ.get("OPENBLAS_NUM_THREADS") == "1":
        torch.set_num_threads(1)
    return torch.__version__


def measure(repeats=3, examples=EXAMPLES, batches=BATCHES, use_torch=True, clock=None):
    """Every contender at every mini-batch size m, in interleaved rounds: a dict. The clock
    is "cpu" in a one-thread process and "wall" otherwise, unless ``clock`` names one."""
    clock = clock or clock_for_threads()
    tick = CLOCKS[clock]
    train, _ = load_mnist()
    X, Y = train.X[:, :examples], train.Y[:, :examples]
    Xc, Yc = np.ascontiguousarray(X), np.ascontiguousarray(Y)
    base = Network(SIZES, seed=0)
    gemm, gemm_flops = matmul_timer()
    torch_version = torch_setup(use_torch)
    r = {"sizes": SIZES, "examples": X.shape[1], "eta": ETA, "repeats": repeats,
         "clock": clock, "thread_env": {v: os.environ.get(v) for v in THREAD_VARIABLES},
         "blas": blas_description(), "bpcore_max_threads": max_threads(),
         "blas_env": {v: os.environ.get(v) for v in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")},
         "numpy": np.__version__, "torch": torch_version,
         "torch_threads": None, "python": platform.python_version(), "cpus": os.cpu_count(),
         "epoch_flops": epoch_flops(X.shape[1]), "epochs": []}
    if torch_version:
        import torch

        r["torch_threads"] = torch.get_num_threads()
    fresh = lambda: copy.deepcopy(base)  # noqa: E731  every round starts from the same net
    t_gemm = float("inf")
    for m in batches:
        fb, cb = mini_batches(X, Y, m), mini_batches(Xc, Yc, m)
        contenders = {
            "loop_s": (lambda net, fb=fb: loop_epoch(net, fb), fresh),
            "matrix_s": (lambda net, fb=fb: matrix_epoch(net, fb), fresh),
            "matrix_c_s": (lambda net, cb=cb: matrix_epoch(net, cb), fresh),
            "inner_s": (lambda net, fb=fb: inner_epoch(net, fb), fresh),
            "gemm_s": (gemm, None),
        }
        if torch_version:
            run_torch, fresh_torch = torch_epoch(base, X, Y, m)
            run_torch(fresh_torch())  # warm up
            contenders["torch_s"] = (run_torch, fresh_torch)
        matrix_epoch(fresh(), fb[:2])  # warm up: the first call finds the BLAS library
        best = interleaved(contenders, repeats, tick, PAUSE)
        t_gemm = min(t_gemm, best.pop("gemm_s"))
        best.setdefault("torch_s", None)
        r["epochs"].append({"m": m, **best})
    # The floor uses the best matmul rate seen in the whole run (the strictest floor).
    r["matmul_gflops"] = gemm_flops / t_gemm / 1e9
    r["floor_s"] = floor = r["epoch_flops"] * t_gemm / gemm_flops
    for e in r["epochs"]:
        mat = e["matrix_s"]
        e.update(loop_over_matrix=e["loop_s"] / mat, matrix_over_floor=mat / floor,
                 matrix_over_inner=mat / e["inner_s"], matrix_c_over_matrix=e["matrix_c_s"] / mat,
                 torch_over_matrix=None if e["torch_s"] is None else e["torch_s"] / mat)
    return r


def environment(mode):
    """The environment of a run in ``mode``: "default" (no BLAS thread variables: a
    student's setting) or "one_thread" (every BLAS, OpenMP and MKL pool at one thread)."""
    if mode == "one_thread":
        return thread_environment(1)
    if mode == "default":
        return {k: v for k, v in os.environ.items() if k not in THREAD_VARIABLES}
    raise ValueError(f"mode must be one of {MODES}; got {mode!r}")


def in_subprocess(mode, repeats=3, examples=EXAMPLES, batches=BATCHES, use_torch=True,
                  clock=None):
    """:func:`measure` in a fresh interpreter started in ``mode`` (see :func:`environment`),
    since the thread count must be set before NumPy loads. Returns its dict, with "mode"."""
    argv = ["--repeats", str(repeats), "--examples", str(examples),
            "--batches", *map(str, batches)] + ([] if use_torch else ["--no-torch"])
    argv += ["--clock", clock] if clock else []
    proc = subprocess.run([sys.executable, "-m", "benchmarks.epoch", *argv], cwd=ROOT,
                          env=environment(mode), capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"the {mode} epoch run failed:\n{proc.stderr}")
    return {"mode": mode, **json.loads(proc.stdout)}


def main(argv=None):
    """``python -m benchmarks.epoch``: :func:`measure` in this process, as JSON."""
    p = argparse.ArgumentParser(prog="python -m benchmarks.epoch", description=main.__doc__)
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--examples", type=int, default=EXAMPLES)
    p.add_argument("--batches", type=int, nargs="+", default=list(BATCHES))
    p.add_argument("--clock", choices=sorted(CLOCKS), default=None)
    p.add_argument("--no-torch", action="store_true")
    a = p.parse_args(argv)
    print(json.dumps(measure(a.repeats, a.examples, a.batches, not a.no_torch, a.clock)))


if __name__ == "__main__":
    main()
