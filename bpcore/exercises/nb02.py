"""Self-checks for notebook 02, notation and feedforward.

Each check computes its expected answer from bpcore and returns a
:class:`bpcore.exercises.Feedback`.
"""

import numpy as np

from .. import Network
from .answers import Array, Ints
from .grading import exercise, grade, not_attempted, progress_for, reads_as, right, todo, wrong
from .messages import register

MESSAGES = {
    "what.w324": "(i, row, column)",
    "z2.sigma": "That is a² = σ(z²): z² is the weighted input, before the sigmoid.",
    "z2.no_bias": "The bias is missing: z² = w²a¹ + b².",
    "z2.hint": "z²_j = Σ_k w²_jk a¹_k + b²_j: row j of w² times the column x, plus b²_j.",
    "z2.right": "z² is a column, one entry per neuron of layer 2.",
    "w324.book": "Those are the book's 1-based numbers; Python counts from 0, and the list "
                 "net.weights skips the input layer.",
    "w324.swapped": "Row and column are swapped: the row is the neuron the weight goes to (j).",
    "w324.list": "Row and column are right; which list entry holds w³? weights[0] is w².",
    "w324.hint": "w^l_jk lives in one of the arrays of net.weights: which one holds layer l, "
                 "and which row and column hold j and k when Python counts from 0?",
    "w324.right": "List index l − 2, row j − 1, column k − 1.",
}
msg = register("nb02", MESSAGES)


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


def _z2():
    return tiny_network().forward(tiny_input())[0][0]


@exercise(Array((2, 1)), solution=_z2)
def check_z2(answer):
    """z^2 = w^2 a^1 + b^2 for :func:`tiny_network` and :func:`tiny_input`, shape (2, 1)."""
    net = tiny_network()
    zs, activations = net.forward(tiny_input())
    return grade(answer, Array((2, 1)), zs[0], what="z²", hint=msg("z2.hint"),
                 slips=[(activations[1], msg("z2.sigma")),
                        (zs[0] - net.biases[0], msg("z2.no_bias"))],
                 success=msg("z2.right"))


L, J, K = 3, 2, 4  # the book's w^3_24


def _w324():
    return (L - 2, J - 1, K - 1)


@exercise(Ints(3), solution=_w324)
def check_w324(answer):
    """Which entry of bpcore's lists is the book's w^3_24? Answer ``(i, row, column)`` for
    ``net.weights[i][row, column]``."""
    what = msg("what.w324")
    if not_attempted(answer):
        return todo(what)
    got = reads_as(Ints(3), answer)
    if got is None:
        return grade(answer, Ints(3), _w324(), what=what)  # says what was expected
    i, row, col = _w324()
    if got == (i, row, col):
        return right(msg("w324.right"))
    if got == (L, J, K):
        return wrong(msg("w324.book"))
    if got == (i, col, row):
        return wrong(msg("w324.swapped"))
    if got[1:] == (row, col):
        return wrong(msg("w324.list"))
    return wrong(msg("w324.hint"))


progress = progress_for(__name__)
