"""The whole gradient by central finite differences against one backprop, as P grows.

``bpcore.numerical_gradient`` evaluates the cost twice per parameter; backprop needs one
forward and one backward pass whatever P is, so the ratio grows like P.
"""

import numpy as np

from bpcore import Network, numerical_gradient

from .timing import CLOCKS, interleaved

WIDTHS = (2, 5, 10, 20, 40)


def finite_differences_vs_backprop(widths=WIDTHS, m=5, repeats=2, clock="cpu"):
    """``[{"P", "fd_s", "backprop_s", "fd_over_backprop"}]`` for [w, w, 1] networks, which
    have P = (w + 1)·w + w + 1 parameters, on m random examples; the two interleaved, best
    of ``repeats`` rounds (one backprop is timed as a run of 20, divided by 20). CPU time by
    default: both run on one BLAS thread (bpcore's methods limit it)."""
    rows = []
    rng = np.random.default_rng(1)
    for w in widths:
        net = Network([w, w, 1], seed=0)
        X, Y = rng.standard_normal((w, m)), rng.random((1, m))
        P = sum(p.size for p in net.weights + net.biases)
        best = interleaved(
            {"fd": (lambda n=net, X=X, Y=Y: numerical_gradient(n, X, Y), None),
             "bp20": (lambda n=net, X=X, Y=Y: [n.backprop_batch(X, Y) for _ in range(20)],
                      None)}, repeats, CLOCKS[clock])
        fd, bp = best["fd"], best["bp20"] / 20
        rows.append({"P": P, "fd_s": fd, "backprop_s": bp, "fd_over_backprop": fd / bp})
    return rows
