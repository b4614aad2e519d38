"""Checks for the exercises of notebook 06, the proofs of the four equations.

All exercises use the network of :func:`setup`. Expected partial derivatives such as
∂z^l_j/∂b^l_j are measured here by finite differences, independently of the chain rule the
student is asked to apply; gradients and errors come from bpcore.
"""

import numpy as np

import bpcore

from . import Feedback, compare, not_attempted

LAYER = 3  # the book's l used in exercises 1 and 2 (a hidden layer: a^{l-1} is not x)
EPS = 1e-6


def setup():
    """The exercises' [3, 4, 3, 2] sigmoid network, input and target: ``(net, x, y)``."""
    net = bpcore.Network([3, 4, 3, 2], seed=6)
    x = np.array([[1.0], [-0.5], [0.25]])
    y = np.array([[0.0], [1.0]])
    return net, x, y


def _z(net, x, l):
    return net.forward(x)[0][l - 2]


def _dz_dparam(kind):
    """∂z^l_j/∂b^l_j (n_l, 1) or ∂z^l_j/∂w^l_{jk} (n_l, n_{l-1}) by central differences."""
    net, x, _ = setup()
    params = net.biases if kind == "b" else net.weights
    p = params[LAYER - 2]
    out = np.zeros_like(p)
    for j, k in np.ndindex(p.shape):
        old = p[j, k]
        p[j, k] = old + EPS
        up = _z(net, x, LAYER)[j, 0]
        p[j, k] = old - EPS
        down = _z(net, x, LAYER)[j, 0]
        p[j, k] = old
        out[j, k] = (up - down) / (2 * EPS)
    return out


def _both(first, second):
    """Combine the checks of a two-part answer into one Feedback."""
    if not first.attempted or not second.attempted:
        todo = first if not first.attempted else second
        return Feedback(False, todo.message, attempted=False)
    if not first.ok:
        return first
    return second


def check_bp3(dz_db, nabla_b):
    """Exercise 1: ∂z^3_j/∂b^3_j as a (3, 1) column, then ∂C/∂b^3 (3, 1) by the chain rule."""
    net, x, y = setup()
    first = compare(
        dz_db, _dz_dparam("b"), what="∂z^3_j/∂b^3_j", rtol=1e-5, atol=1e-7,
        hint="z^l_j = Σ_k w^l_{jk} a^{l−1}_k + b^l_j: when b^l_j grows by one, z^l_j grows by …?",
    )
    second = compare(
        nabla_b, net.backprop_deltas(x, y).nabla_b[LAYER - 2], what="∂C/∂b^3",
        hint="chain rule: ∂C/∂b^l_j = (∂C/∂z^l_j)(∂z^l_j/∂b^l_j) = δ^l_j × (your first answer).",
        success="∂C/∂b^3_j = δ^3_j · 1 = δ^3_j: that is BP3.",
    )
    return _both(first, second)


def check_bp4(dz_dw, nabla_w):
    """Exercise 2: the matrix of ∂z^3_j/∂w^3_{jk} (3, 4), then ∂C/∂w^3 (3, 4)."""
    net, x, y = setup()
    first = compare(
        dz_dw, _dz_dparam("w"), what="matrix of ∂z^3_j/∂w^3_{jk}", rtol=1e-5, atol=1e-7,
        hint="in z^l_j = Σ_k w^l_{jk} a^{l−1}_k + b^l_j the weight w^l_{jk} multiplies "
             "a^{l−1}_k, the activation of layer l − 1 (here a^2, not the input x).",
    )
    second = compare(
        nabla_w, net.backprop_deltas(x, y).nabla_w[LAYER - 2], what="∂C/∂w^3",
        hint="chain rule: ∂C/∂w^l_{jk} = δ^l_j · ∂z^l_j/∂w^l_{jk}; multiply row j of your "
             "matrix by δ^3_j.",
        success="∂C/∂w^3_{jk} = a^2_k δ^3_j: that is BP4.",
    )
    return _both(first, second)


def check_sigma_prime_matrix(Sigma_L):
    """Exercise 3a: Σ'(z^L), the (n_L, n_L) diagonal matrix of eq. (33)."""
    net, x, _ = setup()
    zs, _ = net.forward(x)
    expected = np.diag(net.activation.prime(zs[-1]).ravel())
    return compare(
        Sigma_L, expected, what="Σ'(z^L)",
        hint="Σ'(z) is square, with σ'(z_j) on the diagonal and 0 elsewhere: np.diag of a "
             "1-d array builds it.",
    )


def check_matrix_deltas(deltas):
    """Exercise 3b: [δ^2, δ^3, δ^4] by eqs. (33)–(34), with ordinary matrix products."""
    net, x, y = setup()
    return compare(
        deltas, net.backprop_deltas(x, y).deltas, what="list [δ^2, δ^3, δ^4]",
        hint="(33): δ^L = Σ'(z^L) ∇_a C; (34): δ^l = Σ'(z^l) (w^{l+1})^T δ^{l+1}. The list "
             "starts at layer 2.",
        success="Σ'(z) times a vector is the same as σ'(z) ⊙ that vector: (33)–(34) are BP1–BP2.",
    )


def check_component_forms(delta_L, delta_prev):
    """Exercise 4: δ^L and δ^{L−1}, each entry computed from the component forms."""
    if not_attempted(delta_L) or not_attempted(delta_prev):
        return Feedback(False, "fill in both δ^L and δ^{L−1}.", attempted=False)
    net, x, y = setup()
    deltas = net.backprop_deltas(x, y).deltas
    first = compare(
        delta_L, deltas[-1], what="δ^L",
        hint="δ^L_j = (∂C/∂a^L_j)(∂a^L_j/∂z^L_j) with ∂C/∂a^L_j = a^L_j − y_j and "
             "∂a^L_j/∂z^L_j = σ'(z^L_j).",
    )
    if not first.ok:
        return first
    return compare(
        delta_prev, deltas[-2], what="δ^{L−1}",
        hint="δ^l_j = Σ_q w^{l+1}_{qj} δ^{l+1}_q · σ'(z^l_j): sum over q, the neurons of the "
             "next layer, with w[q, j] (column j of w^{l+1}).",
        success="entry by entry, this is BP1 and BP2.",
    )
