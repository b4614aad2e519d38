"""How much arithmetic: parameters, and the multiply–adds of backprop's matrix products.

Almost all the work of a forward or backward pass is multiplying by weight matrices, so the
counts below are of those products only; the elementwise work (σ, σ', ⊙, adding b) is
O(neurons), smaller by a factor of the layer width, and left out. One multiply–add is two
floating-point operations (flops). ``sizes = [n_1, …, n_L]``; m is the number of examples.
"""

from itertools import pairwise


def parameter_count(sizes):
    """P, the number of weights and biases: Σ_l (n_l n_{l−1} + n_l)."""
    return sum(n * n_prev + n for n_prev, n in pairwise(sizes))


def forward_multiplies(sizes, m=1):
    """Multiply–adds of the forward products w^l a^{l−1} (eq. 25), l = 2 … L."""
    return m * sum(n * n_prev for n_prev, n in pairwise(sizes))


def backward_multiplies(sizes, m=1):
    """Multiply–adds of the backward pass: (w^{l+1})^T δ^{l+1} for l = L−1 … 2 (BP2) and
    δ^l (a^{l−1})^T for l = L … 2 (BP4). The input layer needs no δ, so w^2 has no BP2."""
    products = [n * n_prev for n_prev, n in pairwise(sizes)]
    return m * (sum(products[1:]) + sum(products))


def backprop_multiplies(sizes, m=1):
    """Multiply–adds of one forward and one backward pass over m examples."""
    return forward_multiplies(sizes, m) + backward_multiplies(sizes, m)


def backprop_flops(sizes, m=1):
    """Floating-point operations of :func:`backprop_multiplies`: two per multiply–add."""
    return 2 * backprop_multiplies(sizes, m)
