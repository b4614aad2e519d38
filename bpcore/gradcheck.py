"""Gradient checking: backprop's answer against central finite differences.

The book's eq. (46) is the one-sided difference (C(w + εe_j) − C(w))/ε. We use the central
difference (C(w + εe_j) − C(w − εe_j))/(2ε), whose error shrinks like ε² instead of ε.
Rule of thumb for float64 (CS231n): a relative error below 1e-7 means the gradient is
right; above 1e-2 it is almost certainly wrong.
"""

import numpy as np

from .backprop import forward_from


def central_differences(params, cost, eps=1e-5):
    """∂cost/∂p for every entry of every array in ``params``, by central differences.

    params : list of arrays, changed in place one entry at a time and restored.
    cost : a function of no arguments that reads them. Returns arrays shaped like params.
    """
    if not eps > 0:
        raise ValueError(f"eps must be positive; got {eps}")
    grads = []
    for p in params:
        g = np.zeros_like(p)
        for idx in np.ndindex(p.shape):
            old = p[idx]
            p[idx] = old + eps
            c_plus = cost()
            p[idx] = old - eps
            c_minus = cost()
            p[idx] = old
            g[idx] = (c_plus - c_minus) / (2 * eps)
        grads.append(g)
    return grads


def numerical_gradient(net, X, Y, eps=1e-5):
    """Central differences of ``net.total_cost(X, Y)`` for every bias and weight.

    Costs two forward passes per parameter. Returns ``(nabla_b, nabla_w)`` shaped like
    ``net.biases`` and ``net.weights``. The parameters are restored afterwards.
    """
    def cost():
        return net.total_cost(X, Y)

    return central_differences(net.biases, cost, eps), central_differences(net.weights, cost, eps)


def numerical_jacobian(f, v, eps=1e-5):
    """J[k, j] = ∂f_k/∂v_j by central differences. f maps (n, 1) → (m, 1); v : (n, 1).

    Returns (m, n). An entry is exactly 0 when moving v_j leaves f_k untouched.
    """
    v = np.asarray(v, dtype=float)
    columns = []
    for j in range(v.shape[0]):
        step = np.zeros_like(v)
        step[j] = eps
        columns.append(((f(v + step) - f(v - step)) / (2 * eps)).ravel())
    return np.column_stack(columns)


def cost_from_z(net, l, z, y):
    """C_x when the weighted input of layer l is set to z and the rest is fed forward.

    z : (n_l, 1), y : (n_L, 1). Returns a float. This is the demon's view: it touches z^l only.
    """
    _check_layer(net, l)
    return float(net.cost.fn(forward_from(net, l, net.activation.fn(z)), y)[0])


def numerical_delta(net, x, y, l, eps=1e-5):
    """δ^l_j = ∂C/∂z^l_j (eq. 29) by central differences on z^l; returns (n_l, 1).

    The finite-difference reference for BP1 and BP2, as numerical_gradient is for BP3/BP4.
    """
    _check_layer(net, l)
    zs, _ = net.forward(x)
    z = zs[l - 2]
    delta = np.zeros_like(z)
    for j in range(z.shape[0]):
        step = np.zeros_like(z)
        step[j] = eps
        delta[j] = (cost_from_z(net, l, z + step, y) - cost_from_z(net, l, z - step, y)) / (2 * eps)
    return delta


def numerical_deltas(net, x, y, eps=1e-5):
    """[δ^2, …, δ^L] by finite differences, shaped like ``BackpropDeltas.deltas``."""
    return [numerical_delta(net, x, y, l, eps) for l in range(2, net.num_layers + 1)]


def _check_layer(net, l):
    if not 2 <= l <= net.num_layers:
        raise ValueError(f"layer l = {l} has no weighted input; expected 2 ≤ l ≤ {net.num_layers}")


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
