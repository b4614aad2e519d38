"""Gradient checking: backprop's answer against central finite differences.

The book's eq. (46) is the one-sided difference (C(w + εe_j) − C(w))/ε. We use the central
difference (C(w + εe_j) − C(w − εe_j))/(2ε), whose error shrinks like ε² instead of ε.
Rule of thumb for float64 (CS231n): a relative error below 1e-7 means the gradient is
right; above 1e-2 it is almost certainly wrong.
"""

import numpy as np


def numerical_gradient(net, X, Y, eps=1e-5):
    """Central differences of ``net.total_cost(X, Y)`` for every bias and weight.

    Costs two forward passes per parameter. Returns ``(nabla_b, nabla_w)`` shaped like
    ``net.biases`` and ``net.weights``. The parameters are restored afterwards.
    """
    if not eps > 0:
        raise ValueError(f"eps must be positive; got {eps}")

    def grad_of(params):
        grads = []
        for p in params:
            g = np.zeros_like(p)
            for idx in np.ndindex(p.shape):
                old = p[idx]
                p[idx] = old + eps
                c_plus = net.total_cost(X, Y)
                p[idx] = old - eps
                c_minus = net.total_cost(X, Y)
                p[idx] = old
                g[idx] = (c_plus - c_minus) / (2 * eps)
            grads.append(g)
        return grads

    return grad_of(net.biases), grad_of(net.weights)


def rel_error(a, b):
    """‖a − b‖ / (‖a‖ + ‖b‖) over all entries; arrays or lists of arrays; 0 if both are 0."""
    a = np.concatenate([np.ravel(x) for x in a]) if isinstance(a, (list, tuple)) else np.ravel(a)
    b = np.concatenate([np.ravel(x) for x in b]) if isinstance(b, (list, tuple)) else np.ravel(b)
    if a.shape != b.shape:
        raise ValueError(f"cannot compare gradients with {a.size} and {b.size} entries")
    denom = np.linalg.norm(a) + np.linalg.norm(b)
    return 0.0 if denom == 0 else float(np.linalg.norm(a - b) / denom)


def gradient_check(net, X, Y, eps=1e-5):
    """The worst relative error, over all of b^2 … b^L, w^2 … w^L, between
    :meth:`Network.backprop_batch` and :func:`numerical_gradient`."""
    nb, nw = net.backprop_batch(X, Y)
    fb, fw = numerical_gradient(net, X, Y, eps)
    return max(rel_error(p, q) for p, q in zip(nb + nw, fb + fw))
