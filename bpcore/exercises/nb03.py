"""Self-checks for notebook 03, *The cost function and the Hadamard product*.

Each check computes the expected answer from bpcore (or plain numpy) and compares.
"""

import numpy as np

import bpcore

from . import Feedback, compare, not_attempted

# Exercise 1: the Hadamard product s ⊙ t (eq. 28).
S = np.array([1.0, -2.0, 0.5])
T = np.array([4.0, 3.0, 2.0])


def check_hadamard(answer):
    """s ⊙ t for the module's S and T: the elementwise product."""
    expected = S * T
    if not not_attempted(answer) and np.ndim(answer) == 0:
        return Feedback(False, "you got one number: that is the dot product s·t (np.dot or @). "
                               "s ⊙ t keeps one entry per position: use s * t.")
    return compare(answer, expected, what="s ⊙ t",
                   hint="multiply position by position: (s ⊙ t)_j = s_j t_j.")


def exercise_network():
    """The small network of exercise 2: ``(net, x, y)`` with sizes [2, 2, 2] (seed 5)."""
    net = bpcore.Network([2, 2, 2], seed=5)
    x = np.array([[1.0], [0.5]])
    y = np.array([[0.0], [1.0]])
    return net, x, y


def check_output_error(answer):
    """δ^L of :func:`exercise_network` for the quadratic cost, eq. (30), a (2, 1) column."""
    net, x, y = exercise_network()
    zs, activations = net.forward(x)
    a_L, z_L = activations[-1], zs[-1]
    expected = (a_L - y) * bpcore.sigmoid_prime(z_L)  # (30)
    if not not_attempted(answer):
        a = np.asarray(answer, dtype=float)
        if a.shape == expected.shape and np.allclose(a, a_L - y):
            return Feedback(False, "that is ∇_a C = a^L − y alone: BP1 multiplies it, "
                                   "elementwise, by σ'(z^L).")
        if a.shape == expected.shape and np.allclose(a, -expected):
            return Feedback(False, "the sign is flipped: ∇_a C for ½‖y − a‖² is a − y, not y − a.")
    return compare(answer, expected, what="δ^L",
                   hint="use eq. (30): δ^L = (a^L − y) ⊙ σ'(z^L), with zs and activations "
                        "from net.forward(x); keep the (2, 1) column shape.")


def exercise_batch():
    """Exercise 3's three examples: ``(net, X, Y)``, X (2, 3) and Y (2, 3), one per column."""
    net, _, _ = exercise_network()
    X = np.array([[1.0, -0.5, 0.0], [0.5, 2.0, -1.0]])
    Y = np.array([[0.0, 1.0, 1.0], [1.0, 0.0, 0.0]])
    return net, X, Y


def check_average_gradient(answer):
    """∂C/∂b^3 for the mean cost of :func:`exercise_batch` (assumption 1), shape (2, 1)."""
    net, X, Y = exercise_batch()
    nabla_b, _ = net.backprop_batch(X, Y)
    expected = nabla_b[-1]
    if not not_attempted(answer):
        a = np.asarray(answer, dtype=float)
        if a.shape == expected.shape and np.allclose(a, X.shape[1] * expected):
            return Feedback(False, "that is the sum of the per-example gradients; C is their "
                                   "average (26), so divide by n = 3.")
    return compare(answer, expected, what="∂C/∂b^3",
                   hint="run net.backprop on each column (x = X[:, [i]]), take nabla_b[-1], "
                        "and average the three results.")


def check_multiplies(answer, n=300):
    """``(matrix, hadamard)``: multiplies in Σ'(z) v and in σ'(z) ⊙ v for n neurons."""
    expected = (n * n, n)  # n rows of n products each; one product per entry
    if not_attempted(answer):
        return Feedback(False, "set answer = (multiplies for Σ'(z) v, multiplies for "
                               "σ'(z) ⊙ v).", attempted=False)
    try:
        got = tuple(int(v) for v in answer)
    except (TypeError, ValueError):
        return Feedback(False, "give a pair of whole numbers, e.g. answer = (1, 2).")
    if got == expected:
        return Feedback(True, f"{n * n:,} against {n:,}: the matrix form does {n}× the work.")
    return Feedback(False, "Σ'(z) is n × n, and a matrix times a vector does one multiply per "
                           "matrix entry, zeros included; ⊙ does one per vector entry.")
