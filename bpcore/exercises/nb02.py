"""Self-checks for notebook 02, notation and feedforward.

Each check computes its expected answer from bpcore and returns a
:class:`bpcore.exercises.Feedback`.
"""

import numpy as np

from .. import Network
from . import Feedback, compare, not_attempted


def tiny_network():
    """The exercise's network, sizes [3, 2, 1], with short numbers you can multiply by hand.

    w^2 = [[0.5, -1, 2], [1, 0, -0.5]], b^2 = [0.5, -1]; the last layer does not matter here.
    """
    net = Network([3, 2, 1], seed=0)
    net.weights = [np.array([[0.5, -1.0, 2.0], [1.0, 0.0, -0.5]]), np.array([[1.0, -1.0]])]
    net.biases = [np.array([[0.5], [-1.0]]), np.array([[0.0]])]
    return net


def tiny_input():
    """The exercise's input x = a^1, a column (3, 1)."""
    return np.array([[1.0], [2.0], [0.5]])


def check_z2(answer):
    """z^2 = w^2 a^1 + b^2 for :func:`tiny_network` and :func:`tiny_input`, shape (2, 1)."""
    net, x = tiny_network(), tiny_input()
    zs, activations = net.forward(x)
    expected = zs[0]
    if not not_attempted(answer):
        a = np.asarray(answer, dtype=float)
        if a.shape == expected.shape and np.allclose(a, activations[1]):
            return Feedback(False, "that is a^2 = σ(z^2): z^2 is the weighted input, before "
                                   "the sigmoid is applied.")
        if a.shape == expected.shape and np.allclose(a, expected - net.biases[0]):
            return Feedback(False, "you left out the bias: z^2 = w^2 a^1 + b^2.")
        if a.size == expected.size and a.shape != expected.shape:
            return Feedback(False, f"right numbers, wrong shape {a.shape}: bpcore keeps a "
                                   f"layer's values as a column {expected.shape}.")
    return compare(answer, expected, what="z^2",
                   hint="z^2_j = Σ_k w^2_jk a^1_k + b^2_j: row j of w^2 times the column x, "
                        "plus b^2_j.",
                   success=f"z^2 = {expected.ravel().tolist()} (a column).")


def check_w324(answer):
    """Which entry of bpcore's lists is the book's w^3_24? Answer ``(i, row, column)`` for
    ``net.weights[i][row, column]``."""
    l, j, k = 3, 2, 4
    expected = (l - 2, j - 1, k - 1)
    if not_attempted(answer):
        return Feedback(False, "set answer = (i, row, column) for net.weights[i][row, column].",
                        attempted=False)
    try:
        got = tuple(int(v) for v in answer)
    except (TypeError, ValueError):
        return Feedback(False, "give three integers (i, row, column), e.g. (0, 0, 0).")
    if got == expected:
        return Feedback(True, f"w^3_24 is net.weights[{expected[0]}][{expected[1]}, "
                              f"{expected[2]}]: list index l−2, row j−1, column k−1.")
    if got == (l, j, k):
        hint = "those are the book's 1-based numbers; Python counts from 0 and the list "
        hint += "skips the input layer."
    elif got == (expected[0], expected[2], expected[1]):
        hint = "j and k are swapped: the row is the neuron the weight goes TO (j)."
    elif got[1:] == expected[1:]:
        hint = "the row and column are right; weights[0] is w^2, so w^l is weights[l−2]."
    else:
        hint = "w^l_jk lives in weights[l−2], row j−1, column k−1."
    return Feedback(False, hint)
