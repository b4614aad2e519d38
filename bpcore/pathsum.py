"""Backprop as a sum over paths (eqs. 47–53).

A change in the weight w^l_jk travels to the cost along every path
w^l_jk → a^l_j → a^{l+1}_q → … → a^L_m → C. Each step has a *rate factor*:

    ∂a^l_j/∂w^l_jk        = σ'(z^l_j) a^{l−1}_k
    ∂a^{l+1}_q/∂a^l_j     = σ'(z^{l+1}_q) w^{l+1}_qj
    ∂C/∂a^L_m             = the cost's ∇_a C, entry m

and (53) says ∂C/∂w^l_jk is the sum over all paths of the product of their rate factors.
Layers are the book's (l = 2 … L); neurons j, k, q, m are 0-based, as in ``weights[l-2][j, k]``.
The same idea on a graph of scalars, with forward and reverse mode: :mod:`bpcore.graph`.
"""

import itertools
import math
from dataclasses import dataclass

import numpy as np

from .network import Network


@dataclass(frozen=True)
class Path:
    """One path from w^l_jk to C.

    neurons : (j, q, …, m), the neuron it passes in layers l, l+1, …, L (0-based).
    factors : (∂a^l_j/∂w^l_jk, ∂a^{l+1}_q/∂a^l_j, …, ∂C/∂a^L_m), the rate factors (51).
    """

    l: int
    neurons: tuple
    factors: tuple

    @property
    def product(self):
        """The product of the rate factors along the path (51)."""
        return math.prod(self.factors)

    def label(self):
        """The path in the book's 1-based numbering, e.g. 'a^2_2 → a^3_1 → a^4_2 → C'."""
        steps = [f"a^{self.l + i}_{n + 1}" for i, n in enumerate(self.neurons)]
        return " → ".join(steps + ["C"])


def weight_paths(net, x, y, l, j, k):
    """Every path from the weight w^l_jk to C, with its rate factors (51).

    net : Network; x ``(n_1, 1)``, y ``(n_L, 1)``; l the book's layer (2 … L); j, k 0-based.
    Returns a list of :class:`Path`, ``prod(sizes[l:])`` of them; their products sum to
    ∂C/∂w^l_jk (53).
    """
    L = net.num_layers
    if not 2 <= l <= L:
        raise ValueError(f"l must be a layer with weights, 2 … {L}; got {l}")
    if not (0 <= j < net.sizes[l - 1] and 0 <= k < net.sizes[l - 2]):
        raise ValueError(f"w^{l} has shape {net.weights[l - 2].shape}; no entry [{j}, {k}]")
    zs, activations = net.forward(x)
    sp = [net.activation.prime(z)[:, 0] for z in zs]  # sp[l-2] = σ'(z^l)
    dC_da = net.cost.grad_a(activations[-1], np.asarray(y, float))[:, 0]
    first = sp[l - 2][j] * activations[l - 2][k, 0]  # ∂a^l_j/∂w^l_jk
    paths = []
    for rest in itertools.product(*(range(n) for n in net.sizes[l:])):
        neurons = (j, *rest)
        factors = [first]
        for i in range(len(rest)):  # step from layer l+i to layer l+i+1
            m, n = neurons[i + 1], neurons[i]
            factors.append(sp[l - 1 + i][m] * net.weights[l - 1 + i][m, n])
        factors.append(dC_da[neurons[-1]])
        paths.append(Path(l, neurons, tuple(float(f) for f in factors)))
    return paths


def count_paths(sizes, l):
    """The number of paths from one weight of layer l to C: n_{l+1} n_{l+2} … n_L."""
    return math.prod(sizes[l:])


def total_paths(sizes):
    """Paths summed over every weight of the network: Σ_l n_l n_{l−1} · count_paths(l)."""
    return sum(sizes[l - 1] * sizes[l - 2] * count_paths(sizes, l)
               for l in range(2, len(sizes) + 1))


def with_weight(net, l, j, k, dw):
    """A copy of net whose w^l_jk is changed by dw (the perturbation of eq. 47)."""
    new = Network(net.sizes, activation=net.activation, cost=net.cost)
    weights = [w.copy() for w in net.weights]
    weights[l - 2][j, k] += dw
    new.weights, new.biases = weights, net.biases
    return new
