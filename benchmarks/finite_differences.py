"""The whole gradient by central finite differences against one backprop, as P grows.

``bpcore.numerical_gradient`` evaluates the cost twice per parameter; backprop needs one
forward and one backward pass whatever P is, so the ratio grows like P.
"""

import numpy as np

from bpcore import Network, numerical_gradient

from .timing import best_time

WIDTHS = (2, 5, 10, 20, 40)


def finite_differences_vs_backprop(widths=WIDTHS, m=5):
    """``[{"P", "fd_s", "backprop_s", "fd_over_backprop"}]`` for [w, w, 1] networks, which
    have P = (w + 1)·w + w + 1 parameters, on m random examples."""
    rows = []
    rng = np.random.default_rng(1)
    for w in widths:
        net = Network([w, w, 1], seed=0)
        X, Y = rng.standard_normal((w, m)), rng.random((1, m))
        P = sum(p.size for p in net.weights + net.biases)
        fd = best_time(lambda n=net, X=X, Y=Y: numerical_gradient(n, X, Y), 2 if P < 500 else 1)
        bp = best_time(lambda n=net, X=X, Y=Y: n.backprop_batch(X, Y), 5, 20)
        rows.append({"P": P, "fd_s": fd, "backprop_s": bp, "fd_over_backprop": fd / bp})
    return rows
