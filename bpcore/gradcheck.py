"""Finite differences, the one engine, and gradient checking built on it.

Nudge one number by ε, watch a function change, divide. The book's eq. (46) is the *forward*
difference (f(p + ε) − f(p))/ε, whose error shrinks like ε; the *central* difference
(f(p + ε) − f(p − ε))/(2ε) shrinks like ε² and is the default here. Every finite difference
in bpcore goes through :func:`finite_differences`; :func:`numerical_gradient`,
:func:`numerical_jacobian` and :func:`numerical_delta` only say what is nudged and what is
watched. Rule of thumb for float64 (CS231n): a relative error below 1e-7 means a gradient is
right; above 1e-2 it is almost certainly wrong.
"""

import numpy as np

from ._validate import positive_float, xy
from .backprop import output_cost

SCHEMES = ("central", "forward")
# Below this a difference loses more than u/ε ≈ 1 % to the rounding of f (u = 1.1e-16):
# no derivative survives, so the step is refused rather than silently giving noise.
MIN_EPS = 1e-14


def _check_eps(eps):
    """``eps`` as a float, or a TypeError/ValueError naming it (before anything is nudged)."""
    eps = positive_float("eps", eps)
    if eps < MIN_EPS:
        raise ValueError(f"eps = {eps:g} is too small: below {MIN_EPS:g} the rounding of the "
                         "cost swamps the difference; use about 1e-5 (central) or 1e-7 (forward)")
    return eps


def finite_differences(params, f, eps=1e-5, scheme="central"):
    """∂f/∂p for every entry p of every array in ``params``, by one finite difference each.

    params : list of float arrays; each entry is changed in place, one at a time, and put back.
    f : function of no arguments that reads them; returns a number or an array.
    scheme : "central" (2 calls of f per entry) or "forward", eq. (46) (1 call per entry,
        plus one for f itself: P + 1 in all).
    Returns one array per array of params, shaped ``p.shape + np.shape(f())``.
    """
    eps = _check_eps(eps)
    if scheme not in SCHEMES:
        raise ValueError(f"scheme must be one of {SCHEMES}; got {scheme!r}")
    f0 = np.array(f(), dtype=float) if scheme == "forward" else None
    grads = []
    for p in params:
        rows = []
        for idx in np.ndindex(p.shape):
            old = p[idx]
            try:
                p[idx] = old + eps
                up = np.array(f(), dtype=float)  # a copy: f may return a view of params
                if scheme == "central":
                    p[idx] = old - eps
                    rows.append((up - np.array(f(), dtype=float)) / (2 * eps))
                else:
                    rows.append((up - f0) / eps)
            finally:
                p[idx] = old
        shape = p.shape + (np.shape(rows[0]) if rows else ())
        grads.append(np.array(rows, dtype=float).reshape(shape))
    return grads


# -- the cost after a (partial) forward pass ---------------------------------------------
def _cost_at(net, z_L, Y):
    """C_x for every column, from the output layer's weighted input z^L ``(n_L, k)``; ``(k,)``.

    The one place where the finite-difference code turns a forward pass into costs.
    Exact for sigmoid + cross-entropy (see :func:`bpcore.backprop.output_cost`).
    """
    return output_cost(net, z_L, Y)


def _output_z(net, l, z):
    """z^L when layer l's weighted input is z ``(n_l, k)``: eq. (25) for layers l+1 … L."""
    for w, b in zip(net.weights[l - 1 :], net.biases[l - 1 :]):
        z = w @ net.activation.fn(z) + b
    return z


def cost_from_z(net, l, z, y):
    """C_x when the weighted input of layer l is set to z and the rest is fed forward.

    z : (n_l, k), k versions of z^l; y : (n_L, 1) (or (n_L, k)). Returns the k costs ``(k,)``.
    This is the demon's view: it touches z^l only.
    """
    _check_layer(net, l)
    return _cost_at(net, _output_z(net, l, z), y)


def cost_function(net, X, Y):
    """C(w, b) as a function of no arguments: the mean cost over the columns of X, Y with the
    weights and biases ``net`` holds at the moment it is called. X, Y are checked once, here."""
    X, Y = xy(net.sizes, X, Y)

    def C():
        z2 = net.weights[0] @ X + net.biases[0]  # eq. (25) for layer 2; _output_z does the rest
        return float(np.mean(_cost_at(net, _output_z(net, 2, z2), Y)))

    return C


# -- what is nudged ----------------------------------------------------------------------
def numerical_gradient(net, X, Y, eps=1e-5, scheme="central"):
    """Every ∂C/∂b and ∂C/∂w of the mean cost over X ``(n_1, m)``, Y ``(n_L, m)``.

    Costs 2P forward passes (central) or P + 1 (forward, eq. 46) for P parameters. Returns
    ``(nabla_b, nabla_w)`` shaped like ``net.biases`` and ``net.weights``, which are restored.
    """
    C = cost_function(net, X, Y)
    grads = finite_differences(net.biases + net.weights, C, eps, scheme)
    n = len(net.biases)
    return grads[:n], grads[n:]


def numerical_jacobian(f, v, eps=1e-5):
    """J[k, j] = ∂f_k/∂v_j by central differences. f maps (n, 1) → (m, 1); v : (n, 1).

    Returns (m, n). An entry is exactly 0 when moving v_j leaves f_k untouched.
    """
    v = np.array(v, dtype=float)  # our own copy, nudged in place
    (d,) = finite_differences([v], lambda: np.ravel(f(v)), eps)
    return d.reshape(v.size, -1).T


def numerical_delta(net, x, y, l, eps=1e-5):
    """δ^l_j = ∂C/∂z^l_j (eq. 29) by central differences on z^l; returns (n_l, 1).

    The finite-difference reference for BP1 and BP2, as numerical_gradient is for BP3/BP4.
    """
    _check_layer(net, l)
    z = net.forward(x)[0][l - 2].copy()
    (delta,) = finite_differences([z], lambda: cost_from_z(net, l, z, y)[0], eps)
    return delta


def numerical_deltas(net, x, y, eps=1e-5):
    """[δ^2, …, δ^L] by finite differences, shaped like ``BackpropDeltas.deltas``."""
    return [numerical_delta(net, x, y, l, eps) for l in range(2, net.num_layers + 1)]


def _check_layer(net, l):
    if not 2 <= l <= net.num_layers:
        raise ValueError(f"layer l = {l} has no weighted input; expected 2 ≤ l ≤ {net.num_layers}")


# -- checking backprop -------------------------------------------------------------------
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
    :meth:`Network.backprop_batch` and :func:`numerical_gradient` (central differences)."""
    _check_eps(eps)
    nb, nw = net.backprop_batch(X, Y)
    fb, fw = numerical_gradient(net, X, Y, eps)
    return max(rel_error(p, q) for p, q in zip(nb + nw, fb + fw))
