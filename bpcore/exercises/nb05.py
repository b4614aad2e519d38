"""Checks for the exercises of notebook 05, the four fundamental equations.

Each exercise works on a small seeded network built by one of the ``*_setup`` functions
below, so the notebook and its check see the same numbers; every check recomputes the
expected answer from bpcore.
"""

import numpy as np

import bpcore

from . import Feedback, check_choice, compare, not_attempted


def cross_entropy_setup():
    """Exercise 1: a [3, 4, 2] sigmoid network with the cross-entropy cost; (net, x, y)."""
    net = bpcore.Network([3, 4, 2], cost="cross_entropy", seed=5)
    x = np.array([[0.5], [-1.0], [2.0]])
    y = np.array([[1.0], [0.0]])
    return net, x, y


def check_delta_cross_entropy(delta_L):
    """δ^L (n_L, 1) for the cross-entropy network of :func:`cross_entropy_setup` (BP1a)."""
    net, x, y = cross_entropy_setup()
    expected = net.backprop_deltas(x, y).deltas[-1]
    return compare(
        delta_L, expected, what="δ^L",
        hint="BP1a is δ^L = ∇_a C ⊙ σ'(z^L); for the cross-entropy ∇_a C = (a − y) / (a(1 − a)), "
             "not the quadratic cost's a − y.",
        success="the σ'(z^L) = a(1 − a) cancels and δ^L = a^L − y: no learning slowdown "
                "at the output (notebook 07).",
    )


def tanh_setup():
    """Exercise 2: a [2, 3, 3, 1] network with tanh neurons and the quadratic cost."""
    net = bpcore.Network([2, 3, 3, 1], activation="tanh", seed=11)
    x = np.array([[0.8], [-0.3]])
    y = np.array([[0.5]])
    return net, x, y


def check_tanh_gradients(nabla_w):
    """[∂C/∂w^2, ∂C/∂w^3, ∂C/∂w^4] for the tanh network of :func:`tanh_setup`."""
    net, x, y = tanh_setup()
    expected = net.backprop_deltas(x, y).nabla_w
    return compare(
        nabla_w, expected, what="list of ∂C/∂w^l",
        hint="σ'(z) for tanh is 1 − tanh²(z), not σ(z)(1 − σ(z)); BP4 is δ^l (a^{l−1})^T, "
             "with the activation of the layer *before* l.",
        success="BP1–BP4 with tanh's σ' give the gradient, as for any activation.",
    )


def slow_setup():
    """Exercise 3: a [3, 4, 2] sigmoid network whose hidden neuron 2 is almost switched off."""
    net = bpcore.Network([3, 4, 2], seed=3)
    biases = [b.copy() for b in net.biases]
    biases[0][2, 0] = -9.0  # a^2_2 = σ(z^2_2) ≈ 1e-4
    net.biases = biases
    x = np.array([[0.3], [0.6], [-0.4]])
    y = np.array([[0.0], [1.0]])
    return net, x, y


def slowest_hidden_neuron():
    """The k whose outgoing weights w^3_{jk} have the smallest ∂C/∂w (column norm)."""
    net, x, y = slow_setup()
    nabla_w3 = net.backprop_deltas(x, y).nabla_w[-1]
    return int(np.argmin(np.linalg.norm(nabla_w3, axis=0)))


def check_slowest(k):
    """Which hidden neuron k (0-based) has the slowest-learning outgoing weights?"""
    if not not_attempted(k) and not isinstance(k, (int, np.integer)):
        return Feedback(False, f"give the neuron's index as an int; got {type(k).__name__}.")
    return check_choice(
        k, slowest_hidden_neuron(), what="the hidden neuron k",
        hint="BP4 says ∂C/∂w^3_{jk} = a^2_k δ^3_j: look for the hidden neuron whose "
             "activation a^2_k is closest to 0.",
        success="its activation a^2_k ≈ 0, so by BP4 every ∂C/∂w^3_{jk} leaving it is ≈ 0.",
    )
