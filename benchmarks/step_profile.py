"""Where one matrix-path step spends its time: ``python -m benchmarks --profile``.

Replays the operations of one ``update_mini_batch`` step of [784, 30, 10] (the ones in
``bpcore.backprop.backprop_batch`` and ``bpcore.training.update_mini_batch``, for the
sigmoid and the quadratic cost) one by one on the same arrays and times each; the real
step minus the sum of the parts is the Python glue between them. Replaying a part alone
has its own cache and allocation effects, so the glue is only approximate.
"""

import numpy as np

from bpcore import Network, load_mnist
from bpcore.activations import sigmoid
from bpcore.blas_threads import limit
from bpcore.training import update_mini_batch

from .epoch import SIZES, epoch_flops, matmul_timer
from .timing import CLOCKS, interleaved


def step_profile(m, calls=200, repeats=5, clock="cpu"):
    """``{"m", "clock", "ops": [(name, seconds, flops)], "step_s", "public_step_s",
    "floor_s", "matmul_gflops"}`` for one step at mini-batch size m: every part, the step
    and a 1000 × 1000 matmul timed in ``repeats`` interleaved rounds of ``calls`` calls each,
    on one BLAS thread, by ``clock``. ``public_step_s`` is the step through
    ``net.update_mini_batch``."""
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
    tiny = 1e-9  # η: the same work as η = 3, but the weights hardly move
    timed = {name: (_repeated(fn, calls), None) for name, fn, _ in ops}
    timed["step"] = (_repeated(lambda: update_mini_batch(net, X, Y, tiny), calls), None)
    timed["public step"] = (_repeated(lambda: net.update_mini_batch(X, Y, tiny), calls), None)
    with limit():  # everything on one BLAS thread, as bpcore's methods run
        gemm, gemm_flops = matmul_timer()
        timed["gemm"] = (gemm, None)
        best = interleaved(timed, repeats, CLOCKS[clock])
    return {"m": m, "clock": clock,
            "ops": [(name, best[name] / calls, flops) for name, _, flops in ops],
            "step_s": best["step"] / calls, "public_step_s": best["public step"] / calls,
            "floor_s": epoch_flops(m) * best["gemm"] / gemm_flops,
            "matmul_gflops": gemm_flops / best["gemm"] / 1e9}


def _repeated(fn, calls):
    def run():
        for _ in range(calls):
            fn()
    return run


def profile_table(p):
    """:func:`step_profile` as text: µs per operation, its GFLOP/s, and the glue."""
    lines = [f"One update_mini_batch step at m = {p['m']} ({p['clock']} time, one BLAS thread): "
             f"{p['step_s'] * 1e6:.1f} µs "
             f"(through net.update_mini_batch: {p['public_step_s'] * 1e6:.1f} µs); "
             f"floor {p['floor_s'] * 1e6:.1f} µs ({p['matmul_gflops']:.1f} GFLOP/s); "
             f"step/floor {p['step_s'] / p['floor_s']:.2f}",
             f"  {'µs':>7} {'GFLOP/s':>8}  operation"]
    for name, t, flops in p["ops"]:
        rate = f"{flops / t / 1e9:8.1f}" if flops else f"{'':8}"
        lines.append(f"  {t * 1e6:7.1f} {rate}  {name}")
    glue = p["step_s"] - sum(t for _, t, _ in p["ops"])
    lines.append(f"  {glue * 1e6:7.1f} {'':8}  Python glue (step − sum of the above)")
    return "\n".join(lines)
