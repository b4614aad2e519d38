"""Self-checks for notebook 11, "Backpropagation: the big picture"."""

import itertools

import numpy as np

from .. import graph as G
from .. import pathsum as P
from ..network import Network
from . import check_choice, compare

# Exercise 1: a weight of layer 2 in a [784, 30, 20, 10] network.
SIZES_1 = [784, 30, 20, 10]

# Exercise 2: the graph c = a + b, d = b + 1, e = c·d at new inputs.
A_2, B_2 = 3.0, 0.5

# Exercise 3: the linear network without biases from notebook 11, [2, 2, 2, 1].
SIZES_3, SEED_3 = [2, 2, 2, 1], 4
X_3, Y_3 = [[1.0], [-0.5]], [[0.25]]


def _whole(answer):
    """200.0 or np.int64(200) → 200, so a count compares as text; anything else unchanged."""
    try:
        return int(answer) if float(answer) == int(answer) else answer
    except (TypeError, ValueError, OverflowError):
        return answer


def check_path_count(answer):
    """How many paths lead from one weight w^2_jk of a [784, 30, 20, 10] network to C?"""
    return check_choice(
        _whole(answer), P.count_paths(SIZES_1, 2), what="the number of paths",
        hint="a path starts at a^2_j (fixed by the weight), then picks one neuron in each "
             "later layer, 3 and 4, before reaching C. Multiply the choices.",
        success="20 choices in layer 3 times 10 in layer 4.")


def check_graph_derivatives(answer):
    """(∂e/∂a, ∂e/∂b) for c = a + b, d = b + 1, e = c·d at a = 3, b = 0.5."""
    nodes = G.classic_graph()
    adjoint = G.reverse_mode(nodes, G.evaluate(nodes, {"a": A_2, "b": B_2}), "e")
    return compare(
        answer, [adjoint["a"], adjoint["b"]], what="(∂e/∂a, ∂e/∂b)",
        hint="a reaches e along one path (a → c → e), b along two (b → c → e and "
             "b → d → e): multiply the edge derivatives along each path, add the paths.",
        success="∂e/∂b collects both paths: d + c.")


def linear_network():
    """The linear network of notebook 11 and its example: ``(net, x, y)``.

    Sizes [2, 2, 2, 1], linear neurons (σ(z) = z), every bias zero."""
    net = Network(SIZES_3, activation="identity", seed=SEED_3)
    net.biases = [0 * b for b in net.biases]
    return net, np.array(X_3), np.array(Y_3)


def check_two_paths(answer):
    """∂C/∂w^2_11 (book's numbering) of :func:`linear_network` as a sum of two path products."""
    net, x, y = linear_network()
    expected = sum(p.product for p in P.weight_paths(net, x, y, 2, 0, 0))
    return compare(
        answer, expected, what="∂C/∂w^2_11",
        hint="there are two paths, a^2_1 → a^3_1 → a^4_1 → C and a^2_1 → a^3_2 → a^4_1 → C; "
             "each is a^1_1 · w^3_{q1} · w^4_{1q} · (a^4_1 − y), and you need both.",
        success="the two path products add up to backprop's answer.")


def check_sweeps(answer):
    """Forward-mode sweeps needed for every ∂C/∂w and ∂C/∂b of a [784, 30, 10] network."""
    net_sizes = [784, 30, 10]
    params = sum(n * (m + 1) for m, n in itertools.pairwise(net_sizes))
    return check_choice(
        _whole(answer), params, what="the number of forward-mode sweeps",
        hint="forward mode follows one input at a time, and here every weight and every "
             "bias is an input: count n_l · n_{l−1} + n_l for each layer.",
        success="one sweep per parameter; reverse mode (backprop) needs one in all.")
