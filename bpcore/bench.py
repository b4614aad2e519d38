"""``python -m bpcore.bench``: how fast is bpcore? Ratios measured in one run.

Everything is timed on this machine in this process, so the ratios compare like with like
even on a shared, noisy machine: each timing is the minimum over a few repeats (noise only
ever adds time). The method and a sample table are in ``docs/performance.md``.

* **loop vs matrix** — one epoch of mini-batch SGD on the bundled 4,000 training digits with a
  [784, 30, 10] sigmoid network, quadratic cost, float64: the book's way (per-example
  ``backprop``, averaged over the mini-batch) against ``update_mini_batch`` (one matrix pass).
* **torch** — the same epoch with PyTorch CPU autograd, float64, if torch is importable.
* **floor** — the epoch's floating-point operations divided by the measured rate of a large
  float64 matrix multiply: a time no implementation on this machine can beat.
* **finite differences** — the whole gradient by central differences (2P cost evaluations)
  against one backprop, for networks with growing numbers of parameters P.
* **import** — the time ``import bpcore`` takes in a fresh interpreter, and whether it pulled
  in matplotlib or ipywidgets.
* **widgets** — the median time of one callback (a slider moved, a button clicked) of each
  notebook widget, built headless under matplotlib's Agg backend, including the redraw.
* **notebooks** (``--notebooks``) — seconds to execute each notebook, and the strict-nbval
  suite ``python -m pytest notebooks -q``.

BLAS threads: by default the benchmark runs with one BLAS thread (``--threads 1``): the
matrices are small, the machine may be shared, and one thread gives steady, comparable
numbers. The setting is applied by re-running the benchmark in a subprocess with
``OPENBLAS_NUM_THREADS``/``OMP_NUM_THREADS``/``MKL_NUM_THREADS`` set before NumPy loads
(``--threads 0`` keeps whatever the environment says).
"""

import argparse
import copy
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from . import Network, load_mnist, numerical_gradient
from .backprop import mean_of_examples
from .flops import backprop_flops
from .training import update_mini_batch

SIZES = [784, 30, 10]
BATCHES = (1, 10, 100)
ETA = 3.0
THREAD_VARS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
ROOT = Path(__file__).resolve().parent.parent  # the repository (for --notebooks)


# -- timing -------------------------------------------------------------------------------

CLOCKS = {"wall": time.perf_counter, "cpu": time.process_time}
clock = time.perf_counter  # run() picks the clock; see its docstring


def best_of(fn, repeats=3, setup=None):
    """The minimum time of ``repeats`` calls of ``fn(state)``, in seconds, by ``clock``.

    ``setup()`` (untimed) makes a fresh state before each call; without it ``fn()``.
    """
    best = float("inf")
    for _ in range(repeats):
        state = setup() if setup else None
        start = clock()
        fn(state) if setup else fn()
        best = min(best, clock() - start)
    return best


# -- one epoch, three ways -------------------------------------------------------------------

def mini_batches(X, Y, m):
    """The consecutive mini-batches ``(X[:, k:k+m], Y[:, k:k+m])`` of one epoch."""
    return [(X[:, k : k + m], Y[:, k : k + m]) for k in range(0, X.shape[1], m)]


def epoch_loop(net, batches, eta=ETA):
    """One epoch the book's way: per-example ``backprop`` averaged over each mini-batch."""
    for Xb, Yb in batches:
        nabla_b, nabla_w = mean_of_examples(net, Xb, Yb)
        for w, nw in zip(net.weights, nabla_w):
            w -= eta * nw
        for b, nb in zip(net.biases, nabla_b):
            b -= eta * nb


def epoch_matrix(net, batches, eta=ETA):
    """One epoch with bpcore's matrix path (arrays checked once, as ``sgd`` does)."""
    for Xb, Yb in batches:
        update_mini_batch(net, Xb, Yb, eta)


def torch_epoch(net, X, Y, m, eta=ETA):
    """``(run, fresh)`` for the same epoch in PyTorch (float64, CPU autograd), or None.

    ``fresh()`` makes parameter tensors copied from ``net``'s weights and biases;
    ``run(params)`` trains them for one epoch and returns them. Examples become rows,
    torch's layout, so ``z = a w^T + b``.
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
                a = torch.sigmoid(torch.addmm(b, a, w.T))  # z = a w^T + b, one row per example
            cost = 0.5 * ((a - y) ** 2).sum() / a.shape[0]  # mean quadratic cost (27)
            grads = torch.autograd.grad(cost, params)
            with torch.no_grad():
                for p, g in zip(params, grads):
                    p.sub_(g, alpha=eta)
        return params

    return run, fresh


def torch_version():
    try:
        import torch
    except ImportError:
        return None
    return torch.__version__


# -- the floor ----------------------------------------------------------------------------

def epoch_flops(n, sizes=SIZES):
    """Floating-point operations of one epoch over n examples (the matrix products only).

    Each multiply-add is 2 flops. Per example: the forward products w^l a^{l−1}, BP4's
    δ^l (a^{l−1})^T, and BP2's (w^l)^T δ^l except into the input layer — counted by
    :func:`bpcore.flops.backprop_flops`.
    Elementwise work (σ, ⊙, the update) is O(n_out) per example and left out, so the floor
    is a lower bound.
    """
    return backprop_flops(sizes, n)


def matmul_timer(k=1000):
    """``(fn, flops)``: one float64 k × k matrix multiply, warmed up, and its flop count."""
    rng = np.random.default_rng(0)
    A, B = rng.standard_normal((k, k)), rng.standard_normal((k, k))
    A @ B  # warm up (thread pool, caches)
    return (lambda: A @ B), 2 * k**3


def matmul_rate(k=1000, repeats=5):
    """Measured float64 matrix-multiply rate, FLOP/s, for k × k matrices (best of repeats)."""
    fn, flops = matmul_timer(k)
    return flops / best_of(fn, repeats)


def blas_core():
    """The kernel OpenBLAS picked at run time (e.g. ``SkylakeX``), or None if unknown.

    NumPy's wheels bundle OpenBLAS built for many CPUs (DYNAMIC_ARCH); ``OPENBLAS_CORETYPE``
    overrides the choice. The name comes from OpenBLAS itself through ctypes.
    """
    import ctypes
    import glob

    libs = glob.glob(str(Path(np.__file__).parent.parent / "numpy.libs" / "*openblas*"))
    for so in libs:
        lib = ctypes.CDLL(so)
        for name in ("scipy_openblas_get_corename64_", "scipy_openblas_get_corename",
                     "openblas_get_corename64_", "openblas_get_corename"):
            f = getattr(lib, name, None)
            if f is not None:
                f.restype = ctypes.c_char_p
                return f().decode()
    return None


def step_profile(m, reps=200, repeats=5):
    """Where one ``update_mini_batch`` step of [784, 30, 10] at mini-batch size m goes.

    Replays the fast path's operations one by one on the same arrays and times each
    (best of ``repeats`` runs of ``reps`` calls, by ``clock``). Returns ``{"ops": [(name,
    seconds, flops)], "step_s": the real step's time, "floor_s": its flops at the big-matmul
    rate}``; the step minus the sum of the ops is the Python glue between them.
    """
    from .activations import sigmoid

    train, _ = load_mnist()
    X, Y = train.X[:, :m], train.Y[:, :m]
    net = Network(SIZES, seed=0)
    (w2, w3), (b2, b3) = net.weights, net.biases
    z2 = w2 @ X
    a2 = sigmoid(z2)
    z3 = w3 @ a2
    a3 = sigmoid(z3)
    d3 = (a3 - Y) * (a3 * (1.0 - a3) / m)
    d2 = w3.T @ d3
    nw2 = d2 @ X.T
    scratch = np.zeros_like(w2)
    small = [np.zeros_like(p) for p in (w3, b2, b3)]  # stand-ins: the net is not changed
    ops = [  # (name, fn, flops)
        ("forward w^2 a^1 (784 → 30)", lambda: w2 @ X, 2 * 784 * 30 * m),
        ("+ b^2, σ (layer 2)", lambda: sigmoid(z2 + b2), 0),
        ("forward w^3 a^2 (30 → 10)", lambda: w3 @ a2, 2 * 30 * 10 * m),
        ("+ b^3, σ (layer 3)", lambda: sigmoid(z3 + b3), 0),
        ("BP1 (a − y) ⊙ a(1 − a)/m", lambda: (a3 - Y) * (a3 * (1.0 - a3) / m), 0),
        ("BP3 + BP4 layer 3", lambda: (d3.sum(axis=1, keepdims=True), d3 @ a2.T),
         2 * 10 * 30 * m),
        ("BP2 (w^3)^T δ^3 ⊙ a(1 − a)", lambda: (w3.T @ d3) * (a2 * (1.0 - a2)), 2 * 10 * 30 * m),
        ("BP3 layer 2", lambda: d2.sum(axis=1, keepdims=True), 0),
        ("BP4 δ^2 (a^1)^T (30 × 784)", (lambda: d2 * X.T) if m == 1 else (lambda: d2 @ X.T),
         2 * 784 * 30 * m),
        ("update w^2: ∇ *= η, w −= ∇ (in place)",
         lambda: (np.multiply(nw2, 1.0, out=nw2), np.subtract(scratch, nw2, out=scratch)), 0),
        ("update w^3, b^2, b^3",
         lambda: [(np.multiply(p, 1.0, out=p), np.subtract(p, p, out=p)) for p in small], 0),
    ]

    def timed(fn):
        return best_of(lambda: [fn() for _ in range(reps)], repeats) / reps

    gemm, gemm_flops = matmul_timer()
    t_gemm = best_of(gemm, 5)
    step = timed(lambda: update_mini_batch(net, X, Y, 0.0))  # η = 0: the same work
    return {"m": m, "ops": [(name, timed(fn), flops) for name, fn, flops in ops],
            "step_s": step, "floor_s": epoch_flops(m) * t_gemm / gemm_flops,
            "matmul_gflops": gemm_flops / t_gemm / 1e9}


def profile_table(p):
    """``step_profile`` as text: µs per operation, its GFLOP/s, and the glue."""
    lines = [f"One update_mini_batch step at m = {p['m']}: {p['step_s'] * 1e6:.1f} µs; "
             f"floor {p['floor_s'] * 1e6:.1f} µs ({p['matmul_gflops']:.1f} GFLOP/s); "
             f"step/floor {p['step_s'] / p['floor_s']:.2f}",
             f"  {'µs':>7} {'GFLOP/s':>8}  operation"]
    for name, t, flops in p["ops"]:
        rate = f"{flops / t / 1e9:8.1f}" if flops else f"{'':8}"
        lines.append(f"  {t * 1e6:7.1f} {rate}  {name}")
    glue = p["step_s"] - sum(t for _, t, _ in p["ops"])
    lines.append(f"  {glue * 1e6:7.1f} {'':8}  Python glue (step − sum of the above)")
    return "\n".join(lines)


# -- finite differences ----------------------------------------------------------------------

def finite_differences_vs_backprop(widths=(2, 5, 10, 20, 40), m=5):
    """[(P, t_fd, t_bp)] for [w, w, 1] networks on m random examples."""
    rows = []
    rng = np.random.default_rng(1)
    for w in widths:
        net = Network([w, w, 1], seed=0)
        X, Y = rng.standard_normal((w, m)), rng.random((1, m))
        P = sum(p.size for p in net.weights + net.biases)
        t_fd = best_of(lambda n=net, X=X, Y=Y: numerical_gradient(n, X, Y), 2 if P < 500 else 1)
        t_bp = best_of(lambda n=net, X=X, Y=Y: n.backprop_batch(X, Y), 20)
        rows.append((P, t_fd, t_bp))
    return rows


# -- import ---------------------------------------------------------------------------------

IMPORT_CODE = """\
import sys, time
t0, c0 = time.perf_counter(), time.process_time()
import numpy
t1, c1 = time.perf_counter(), time.process_time()
import bpcore
t2, c2 = time.perf_counter(), time.process_time()
heavy = [m for m in ("matplotlib", "ipywidgets") if m in sys.modules]
print(t2 - t0, c2 - c0, t2 - t1, c2 - c1, *heavy)
"""


def import_cost(runs=7):
    """Best of ``runs`` fresh interpreters: wall and CPU seconds of ``import bpcore`` in
    total (NumPy included) and of bpcore's own modules after NumPy; heavy modules loaded."""
    best = [float("inf")] * 4
    heavy = set()
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", IMPORT_CODE], capture_output=True,
                             text=True, check=True).stdout.split()
        best = [min(b, float(v)) for b, v in zip(best, out[:4])]
        heavy.update(out[4:])
    keys = ("total_s", "total_cpu_s", "bpcore_only_s", "bpcore_only_cpu_s")
    return {**dict(zip(keys, best)), "pulls_in": sorted(heavy)}


# -- widget callbacks -------------------------------------------------------------------------

def _cycle(values, n):
    return [values[i % len(values)] for i in range(n)]


def widget_cases():
    """``{name: (build, change)}`` for each notebook widget: ``build()`` returns the widget
    object, ``change(obj, i)`` makes the i-th user action (a control set, a button click)."""
    from .nb import demon, diagram, equations, gd, path_view, saturation, stepper, training_plots
    from .training import EpochRecord

    def path_view_of_11():
        net = Network([2, 3, 3, 2], seed=11)  # notebook 11's network
        rng = np.random.default_rng(0)
        return path_view.path_view(net, rng.random((2, 1)), rng.random((2, 1)), 2, 1, 0)

    def set_value(name, values):
        return lambda obj, i: setattr(obj.controls[name], "value", values[i % len(values)])

    def eq_change(obj, i):  # the layer slider, and every fourth change the σ buttons
        slider, buttons = obj.controls["l"], obj.controls["activation"]
        if i % 4 == 3:
            buttons.value = "tanh" if buttons.value == "sigmoid" else "sigmoid"
        else:
            slider.value = slider.min + (slider.value - slider.min + 1) % (
                slider.max - slider.min + 1)

    def stepper_change(obj, i):  # walk forward through the steps, reset at the end
        obj.controls["next" if obj.step < len(obj.steps) - 1 else "reset"].click()

    def live_change(obj, i):  # one epoch reported (obj is rebuilt when the plot is full)
        obj.progress(10, 10)
        obj.callback(EpochRecord(len(obj.epochs), 0.1 / (1 + i), 800 + i, 1000))

    return {
        "gd.gd_widget (η slider)": (lambda: gd.gd_widget(eta=0.1, v0=(-2.5, 1.5), steps=20),
                                    set_value("eta", [0.05, 0.1, 0.2, 0.3, 0.34])),
        "diagram.network_diagram (j slider)": (
            lambda: diagram.network_diagram(Network([4, 4, 3, 2], seed=2), l=3, j=2, k=4),
            set_value("j", [1, 2, 3])),
        "demon.build (Δz slider)": (demon.build, set_value("dz", [-1.0, -0.5, 0.5, 1.0, 2.0])),
        "equations.equations_explorer (l slider, σ buttons)": (
            lambda: equations.equations_explorer(sizes=(3, 4, 4, 2), seed=0), eq_change),
        "saturation.sigma_slider (z slider)": (lambda: saturation.sigma_slider(z=5.0),
                                               set_value("z", [-6.0, -2.0, 0.0, 2.0, 6.0])),
        "saturation.init_scale_widget (scale slider)": (
            lambda: saturation.init_scale_widget([10, 8, 8, 8, 4], seed=7, layer=2),
            set_value("scale", [0.5, 1.0, 2.0, 3.0, 4.0])),
        "stepper.stepper (Next button)": (lambda: stepper.stepper([2, 3, 2], seed=0),
                                          stepper_change),
        "path_view.path_view (path dropdown)": (
            path_view_of_11, lambda obj, i: setattr(obj.controls["path"], "value",
                                                    (obj.controls["path"].value + 1)
                                                    % len(obj.paths))),
        "training_plots.live_training (epoch callback)": (
            lambda: training_plots.live_training(30), live_change),
    }


def widget_latency(changes=20):
    """``{name: {"callback_s", "render_s"}}``: medians over ``changes`` actions, under Agg.

    ``callback_s`` is the callback with the redraw deferred, as ipympl does it: the
    callback updates the artists and ``draw_idle`` only asks for a frame. ``render_s`` is
    the time of that frame, a full Agg ``fig.canvas.draw()`` of the widget's figures, which
    the kernel does next when the browser asks (0 for widgets without a figure).
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    out = {}
    for name, (build, change) in widget_cases().items():
        obj = build()
        figs = [plt.figure(k) for k in plt.get_fignums()]
        for fig in figs:  # defer redraws, as a live canvas does
            fig.canvas.draw_idle = lambda *args, **kwargs: None
        change(obj, 0)  # warm up: caches, first draw
        for fig in figs:
            fig.canvas.draw()
        calls, renders = [], []
        for i in range(1, changes + 1):
            start = time.perf_counter()
            change(obj, i)
            middle = time.perf_counter()
            for fig in figs:
                fig.canvas.draw()
            calls.append(middle - start)
            renders.append(time.perf_counter() - middle)
        out[name] = {"callback_s": statistics.median(calls),
                     "render_s": statistics.median(renders)}
        plt.close("all")
    return out


# -- notebooks ------------------------------------------------------------------------------

def notebook_times(folder=None, timeout=600):
    """``{notebook: seconds}`` for executing each notebook in a fresh kernel (outputs are
    kept in memory, the files are not written), plus the strict-nbval suite time."""
    import nbclient
    import nbformat

    folder = Path(folder or ROOT / "notebooks")
    per = {}
    for path in sorted(folder.glob("[0-9]*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        client = nbclient.NotebookClient(nb, timeout=timeout, kernel_name="python3",
                                         resources={"metadata": {"path": str(folder)}})
        start = time.perf_counter()
        client.execute()
        per[path.name] = time.perf_counter() - start
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "pytest", str(folder.relative_to(ROOT)),
                           "-q", "-p", "no:cacheprovider"], cwd=ROOT, capture_output=True,
                          text=True)
    suite = time.perf_counter() - start
    summary = (proc.stdout.strip().splitlines() or [""])[-1]
    return {"per_notebook_s": per, "total_s": sum(per.values()), "nbval_suite_s": suite,
            "nbval_passed": proc.returncode == 0, "nbval_summary": summary}


# -- the run --------------------------------------------------------------------------------

def run(repeats=3, examples=None, batches=BATCHES, use_torch=True, widget_changes=20,
        notebooks=False, clock_name=None):
    """Every measurement, as a dict (what ``--json`` prints).

    The epochs, the floor and finite differences are timed by ``clock_name``: "cpu" (the
    CPU time of this process, ``time.process_time``) when BLAS runs on one thread, else
    "wall" (``time.perf_counter``). With one thread the CPU time is the work done, while
    wall time also counts the moments the OS ran another process on our core: on a shared
    machine that is noise, and the minimum over repeats removes it only partly.
    """
    global clock
    threads = os.environ.get("OPENBLAS_NUM_THREADS")
    if clock_name is None:
        clock_name = "cpu" if threads == "1" else "wall"
    clock = CLOCKS[clock_name]
    train, _ = load_mnist()
    X, Y = train.X, train.Y
    if examples:
        X, Y = X[:, :examples], Y[:, :examples]
    base = Network(SIZES, seed=0)
    gemm, gemm_flops = matmul_timer()
    t_gemm = best_of(gemm, repeats)  # improved below: timed again alongside every epoch
    r = {"sizes": SIZES, "examples": X.shape[1], "eta": ETA, "repeats": repeats,
         "threads": threads, "clock": clock_name, "numpy": np.__version__,
         "torch": torch_version() if use_torch else None, "python": platform.python_version(),
         "cpus": os.cpu_count(), "blas_core": blas_core(),
         "blas_env": {v: os.environ.get(v) for v in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")},
         "epoch_flops": epoch_flops(X.shape[1]),
         "epochs": []}
    if r["torch"]:
        import torch

        torch.set_num_threads(int(threads or os.cpu_count()))
    fresh = lambda: copy.deepcopy(base)  # noqa: E731  every repeat starts from the same net
    for m in batches:
        mb = mini_batches(X, Y, m)
        contenders = {"loop_s": (lambda net, mb=mb: epoch_loop(net, mb), fresh),
                      "matrix_s": (lambda net, mb=mb: epoch_matrix(net, mb), fresh)}
        if r["torch"]:
            run_torch, fresh_torch = torch_epoch(base, X, Y, m)
            run_torch(fresh_torch())  # warm up
            contenders["torch_s"] = (run_torch, fresh_torch)
        # Interleaved: each repeat times every contender once, so a burst of load from
        # another process hits all of them alike instead of one contender's whole series.
        best = dict.fromkeys(contenders, float("inf"))
        for _ in range(repeats):
            for key, (fn, setup) in contenders.items():
                best[key] = min(best[key], best_of(fn, 1, setup))
            t_gemm = min(t_gemm, best_of(gemm, 1))  # the floor's rate, in the same weather
        t_loop, t_mat, t_torch = best["loop_s"], best["matrix_s"], best.get("torch_s")
        r["epochs"].append({
            "m": m, "loop_s": t_loop, "matrix_s": t_mat, "torch_s": t_torch,
            "loop_over_matrix": t_loop / t_mat,
            "torch_over_matrix": None if t_torch is None else t_torch / t_mat})
    # The floor uses the best matmul rate seen in the whole run (the strictest floor).
    r["matmul_gflops"] = gemm_flops / t_gemm / 1e9
    r["floor_s"] = floor = epoch_flops(X.shape[1]) * t_gemm / gemm_flops
    for e in r["epochs"]:
        e["matrix_over_floor"] = e["matrix_s"] / floor
    r["finite_differences"] = [
        {"P": P, "fd_s": fd, "backprop_s": bp, "fd_over_backprop": fd / bp}
        for P, fd, bp in finite_differences_vs_backprop()]
    r["import"] = import_cost()
    r["widgets_s"] = widget_latency(widget_changes) if widget_changes else {}
    r["notebooks"] = notebook_times() if notebooks else None
    r["targets"] = targets(r)
    return r


def targets(r):
    """``[(target, measured, holds)]`` for every target this run measured."""
    out = []
    by_m = {e["m"]: e for e in r["epochs"]}
    for m, need in ((10, 15), (100, 30)):
        if m in by_m:
            v = by_m[m]["loop_over_matrix"]
            out.append((f"matrix ≥ {need}× the loop at m = {m}", f"{v:.1f}×", v >= need))
    for e in r["epochs"]:
        if e["torch_s"] is not None and e["m"] <= 100:
            need = 3 if e["m"] == 10 else 1
            v = e["torch_over_matrix"]
            word = f"≥ {need}× faster" if need > 1 else "faster"
            out.append((f"matrix {word} than torch at m = {e['m']}", f"{v:.2f}×", v > need
                        if need == 1 else v >= need))
    for m, need in ((10, 4), (100, 2)):
        if m in by_m:
            v = by_m[m]["matrix_over_floor"]
            out.append((f"matrix within {need}× of the floor at m = {m}", f"{v:.2f}×",
                        v <= need))
    imp = r["import"]
    out.append(("import bpcore ≤ 0.15 s (wall, NumPy included)",
                f"{imp['total_s']:.3f} s", imp["total_s"] <= 0.15))
    out.append(("import bpcore pulls in neither matplotlib nor ipywidgets",
                ", ".join(imp["pulls_in"]) or "neither", not imp["pulls_in"]))
    if r["widgets_s"]:
        worst = max(w["callback_s"] for w in r["widgets_s"].values())
        out.append(("every widget callback ≤ 30 ms median (redraw deferred)",
                    f"worst {worst * 1e3:.1f} ms", worst <= 0.030))
        worst = max(w["callback_s"] + w["render_s"] for w in r["widgets_s"].values())
        out.append(("every widget callback + its Agg render ≤ 30 ms median",
                    f"worst {worst * 1e3:.1f} ms", worst <= 0.030))
    nbs = r.get("notebooks")
    if nbs:
        slowest = max(nbs["per_notebook_s"].items(), key=lambda kv: kv[1])
        out.append(("no notebook over 10 s", f"slowest {slowest[0]} {slowest[1]:.1f} s",
                    slowest[1] <= 10))
        out.append(("strict nbval suite ≤ 60 s", f"{nbs['nbval_suite_s']:.1f} s "
                    f"({nbs['nbval_summary']})", nbs["nbval_suite_s"] <= 60 and
                    nbs["nbval_passed"]))
    return [{"target": t, "measured": v, "holds": bool(h)} for t, v, h in out]


# -- the table ------------------------------------------------------------------------------

def table(r):
    """The measurements of ``run`` as a plain-text report."""
    lines = [f"One epoch of mini-batch SGD: {r['examples']} MNIST digits, {r['sizes']}, "
             f"sigmoid, quadratic cost, float64, η = {r['eta']}",
             f"BLAS threads: {r['threads'] or 'default'}, kernel {r['blas_core']}; "
             f"{r['clock']} time, best of {r['repeats']}; "
             f"numpy {r['numpy']}, torch {r['torch'] or '(not importable)'}",
             "",
             f"{'m':>4} {'loop s':>8} {'matrix s':>9} {'torch s':>8} {'loop/matrix':>12} "
             f"{'torch/matrix':>13} {'matrix/floor':>13}"]
    for e in r["epochs"]:
        t = f"{e['torch_s']:8.4f}" if e["torch_s"] is not None else f"{'-':>8}"
        tr = f"{e['torch_over_matrix']:13.2f}" if e["torch_s"] is not None else f"{'-':>13}"
        lines.append(f"{e['m']:>4} {e['loop_s']:8.3f} {e['matrix_s']:9.4f} {t} "
                     f"{e['loop_over_matrix']:12.1f} {tr} {e['matrix_over_floor']:13.2f}")
    lines += [f"floor: {r['epoch_flops'] / 1e6:.1f} MFLOP / {r['matmul_gflops']:.1f} GFLOP/s "
              f"(1000×1000 matmul) = {r['floor_s'] * 1e3:.1f} ms per epoch", "",
              "Whole gradient: central finite differences vs backprop (5 examples)",
              f"{'P':>6} {'fd s':>9} {'backprop s':>11} {'fd/backprop':>12} {'ratio/P':>8}"]
    for f in r["finite_differences"]:
        lines.append(f"{f['P']:>6} {f['fd_s']:9.4f} {f['backprop_s']:11.6f} "
                     f"{f['fd_over_backprop']:12.0f} {f['fd_over_backprop'] / f['P']:8.1f}")
    imp = r["import"]
    pulls = ", ".join(imp["pulls_in"]) or "neither matplotlib nor ipywidgets"
    lines += ["", f"import bpcore: {imp['total_s'] * 1e3:.0f} ms wall "
              f"({imp['total_cpu_s'] * 1e3:.0f} ms CPU), of which bpcore's own modules "
              f"{imp['bpcore_only_s'] * 1e3:.0f} ms; pulls in {pulls}"]
    if r["widgets_s"]:
        lines += ["", "Widget callbacks, median ms of one change: the callback (redraw "
                  "deferred), then the Agg render of its figure",
                  f"  {'callback':>8} {'render':>7}"]
        lines += [f"  {w['callback_s'] * 1e3:8.1f} {w['render_s'] * 1e3:7.1f}  {name}"
                  for name, w in r["widgets_s"].items()]
    nbs = r.get("notebooks")
    if nbs:
        lines += ["", "Notebooks, seconds to execute in a fresh kernel:"]
        lines += [f"  {t:6.1f} s  {name}" for name, t in nbs["per_notebook_s"].items()]
        lines += [f"  {nbs['total_s']:6.1f} s  total",
                  f"  {nbs['nbval_suite_s']:6.1f} s  python -m pytest notebooks -q "
                  f"({nbs['nbval_summary']})"]
    lines += ["", "Targets:"]
    lines += [f"  {'holds' if t['holds'] else 'MISSED':6}  {t['target']}: {t['measured']}"
              for t in r["targets"]]
    return "\n".join(lines)


def main(argv=None):
    p = argparse.ArgumentParser(prog="python -m bpcore.bench",
                                description=__doc__.split("\n")[0])
    p.add_argument("--json", action="store_true", help="print the raw measurements as JSON")
    p.add_argument("--repeats", type=int, default=3, help="timings keep the best of this many")
    p.add_argument("--threads", type=int, default=1,
                   help="BLAS threads (default 1; 0 keeps the environment's setting)")
    p.add_argument("--examples", type=int, default=None,
                   help="use only the first N training digits (default: all 4,000)")
    p.add_argument("--batches", type=int, nargs="+", default=list(BATCHES),
                   help="mini-batch sizes m (default 1 10 100)")
    p.add_argument("--clock", choices=sorted(CLOCKS), default=None,
                   help="time by CPU or wall clock (default: cpu with one thread, else wall)")
    p.add_argument("--no-torch", action="store_true", help="skip the PyTorch comparison")
    p.add_argument("--widget-changes", type=int, default=20,
                   help="changes timed per widget (0 skips the widgets)")
    p.add_argument("--profile", action="store_true",
                   help="instead: time each operation of one matrix-path step at each m")
    p.add_argument("--notebooks", action="store_true",
                   help="also execute every notebook and time the strict nbval suite")
    args = p.parse_args(argv)
    if args.threads and any(os.environ.get(v) != str(args.threads) for v in THREAD_VARS):
        # The thread count must be in the environment before NumPy loads: run again.
        env = {**os.environ, **{v: str(args.threads) for v in THREAD_VARS}}
        argv = sys.argv[1:] if argv is None else list(argv)
        proc = subprocess.run([sys.executable, "-m", "bpcore.bench", *argv], env=env)
        return proc.returncode
    if args.profile:
        global clock
        clock = CLOCKS[args.clock or ("cpu" if os.environ.get(THREAD_VARS[0]) == "1"
                                      else "wall")]
        profiles = [step_profile(m, repeats=args.repeats) for m in args.batches]
        print(json.dumps(profiles, indent=2) if args.json
              else "\n\n".join(profile_table(p) for p in profiles), flush=True)
        return 0
    r = run(args.repeats, args.examples, args.batches, not args.no_torch,
            args.widget_changes, args.notebooks, args.clock)
    print(json.dumps(r, indent=2) if args.json else table(r), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
