"""Self-checks for notebook 03, *The cost function and the Hadamard product*.

Each check computes the expected answer from bpcore (or plain numpy) and compares.
"""

import numpy as np

import bpcore

from .answers import Array, Ints, Number, Vector
from .grading import exercise, grade, not_attempted, progress_for, reads_as, wrong
from .messages import register

# Exercise 1: the Hadamard product s ⊙ t (eq. 28).
S = np.array([1.0, -2.0, 0.5])
T = np.array([4.0, 3.0, 2.0])
N_MULTIPLIES = 300  # exercise 4: the layer size

MESSAGES = {
    "what.multiplies": "(matrix, hadamard)",
    "hadamard.dot": "That is one number, the dot product s·t. s ⊙ t keeps one entry per "
                    "position.",
    "hadamard.hint": "Multiply position by position: (s ⊙ t)_j = s_j t_j.",
    "error.grad_only": "That is ∇_a C = a^L − y alone: BP1 multiplies it, elementwise, by "
                       "σ′(z^L).",
    "error.sign": "The sign is flipped: ∇_a C for ½‖y − a‖² is a − y, not y − a.",
    "error.a_for_z": "σ′ takes the weighted input z^L, not the activation a^L.",
    "error.hint": "Use eq. (30) with zs and activations from net.forward(x); keep the (2, 1) "
                  "column shape.",
    "average.summed": "That is the sum of the per-example gradients; C is their average (26).",
    "average.hint": "Run net.backprop on each column x = X[:, [i]] and combine the three "
                    "∂C_x/∂b³ the way C combines the C_x (assumption 1).",
    "multiplies.swapped": "The order is (matrix, hadamard): first Σ′(z) v, then σ′(z) ⊙ v.",
    "multiplies.hint": "How many entries does the n × n matrix Σ′(z) have? A general "
                       "matrix–vector product multiplies by every one of them, zeros included.",
    "multiplies.right": "The matrix form does {ratio}× the work for the same vector.",
}
msg = register("nb03", MESSAGES)


@exercise(Vector(3), solution=lambda: S * T)
def check_hadamard(answer):
    """s ⊙ t for the module's S and T: the elementwise product."""
    if not not_attempted(answer) and reads_as(Number(), answer) is not None:
        return wrong(msg("hadamard.dot"))
    return grade(answer, Vector(3), S * T, what="s ⊙ t", hint=msg("hadamard.hint"))


def exercise_network():
    """The small network of exercise 2: ``(net, x, y)`` with sizes [2, 2, 2] (seed 5)."""
    net = bpcore.Network([2, 2, 2], seed=5)
    x = np.array([[1.0], [0.5]])
    y = np.array([[0.0], [1.0]])
    return net, x, y


def _output_error():
    net, x, y = exercise_network()
    zs, activations = net.forward(x)
    return (activations[-1] - y) * bpcore.sigmoid_prime(zs[-1])  # (30)


@exercise(Array((2, 1)), solution=_output_error)
def check_output_error(answer):
    """δ^L of :func:`exercise_network` for the quadratic cost, eq. (30), a (2, 1) column."""
    net, x, y = exercise_network()
    zs, activations = net.forward(x)
    a_L = activations[-1]
    return grade(answer, Array((2, 1)), _output_error(), what="δ^L", hint=msg("error.hint"),
                 slips=[(a_L - y, msg("error.grad_only")),
                        (-_output_error(), msg("error.sign")),
                        ((a_L - y) * bpcore.sigmoid_prime(a_L), msg("error.a_for_z"))])


def exercise_batch():
    """Exercise 3's three examples: ``(net, X, Y)``, X (2, 3) and Y (2, 3), one per column."""
    net, _, _ = exercise_network()
    X = np.array([[1.0, -0.5, 0.0], [0.5, 2.0, -1.0]])
    Y = np.array([[0.0, 1.0, 1.0], [1.0, 0.0, 0.0]])
    return net, X, Y


def _average_gradient():
    net, X, Y = exercise_batch()
    return net.backprop_batch(X, Y)[0][-1]


@exercise(Array((2, 1)), solution=_average_gradient)
def check_average_gradient(answer):
    """∂C/∂b^3 for the mean cost of :func:`exercise_batch` (assumption 1), shape (2, 1)."""
    _, X, _ = exercise_batch()
    expected = _average_gradient()
    return grade(answer, Array((2, 1)), expected, what="∂C/∂b³", hint=msg("average.hint"),
                 slips=[(X.shape[1] * expected, msg("average.summed"))])


def _multiplies(n=N_MULTIPLIES):
    return (n * n, n)  # n rows of n products each; one product per entry


@exercise(Ints(2), solution=_multiplies)
def check_multiplies(answer, n=N_MULTIPLIES):
    """``(matrix, hadamard)``: multiplies in Σ'(z) v and in σ'(z) ⊙ v for n neurons."""
    expected = _multiplies(n)
    return grade(answer, Ints(2), expected, what=msg("what.multiplies"),
                 hint=msg("multiplies.hint"), slips=[(expected[::-1], msg("multiplies.swapped"))],
                 success=msg("multiplies.right", ratio=n))


progress = progress_for(__name__)
