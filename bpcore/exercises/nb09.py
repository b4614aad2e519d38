"""Self-checks for notebook 09: mini-batches as matrices."""

import numpy as np

from bpcore.data import load_mnist
from bpcore.exercises import Feedback, compare, not_attempted
from bpcore.network import Network


def exercise_batch(m=10, seed=0):
    """The exercises' network ``[784, 30, 10]`` and the first m bundled MNIST digits.

    Returns ``(net, X, Y)`` with X ``(784, m)`` and Y ``(10, m)``.
    """
    train, _ = load_mnist(n_train=max(m, 1), n_test=0, seed=seed)
    return Network([784, 30, 10], seed=seed), train.X[:, :m], train.Y[:, :m]


def check_delta_shape(answer, m=25):
    """Exercise 1: the shape of Δ^2, the δ^2 of all m examples side by side."""
    if not_attempted(answer):
        return Feedback(False, "set answer to the shape of Δ^2, e.g. (rows, columns).",
                        attempted=False)
    net, X, _ = exercise_batch(m)
    zs, _ = net.forward(X)
    expected = zs[0].shape  # δ^2 = ∂C/∂z^2 has the shape of z^2
    try:
        got = tuple(int(n) for n in answer)
    except (TypeError, ValueError):
        return Feedback(False, "Give the shape as a tuple of two integers, e.g. (3, 4).")
    if got == expected:
        return Feedback(True, f"Δ^2 is {expected}: one row per hidden neuron, one column "
                              "per example, exactly like z^2.")
    if got == expected[::-1]:
        return Feedback(False, "Rows and columns are swapped: each example is a column, "
                               "each neuron a row.")
    return Feedback(False, "δ^2 = ∂C/∂z^2 has one entry per neuron of layer 2; Δ^2 puts the "
                           "m columns δ^{x,2} side by side.")


def check_output_layer(answer, m=10):
    """Exercise 2: ``(nabla_b, nabla_w)`` of the output layer for the whole mini-batch."""
    net, X, Y = exercise_batch(m)
    nabla_b, nabla_w = net.backprop_batch(X, Y)
    expected = [nabla_b[-1], nabla_w[-1]]
    hint = ("Δ^3 = (A^3 − Y) ⊙ A^3 ⊙ (1 − A^3) (BP1 with a sigmoid); then ∂C/∂w^3 = "
            "Δ^3 (A^2)^T / m and ∂C/∂b^3 = the row sums of Δ^3 / m (keepdims=True).")
    if not not_attempted(answer) and isinstance(answer, (list, tuple)) and len(answer) == 2:
        try:
            sums = [np.asarray(p, float) / m for p in answer]
        except (TypeError, ValueError):
            sums = None
        if sums is not None and compare(sums, expected, what="", hint="").ok:
            return Feedback(False, "You have the sums over the mini-batch: divide by m "
                                   "for the mean cost's gradient.")
    return compare(None if not_attempted(answer) else list(answer), expected,
                   what="[∂C/∂b^3, ∂C/∂w^3]", hint=hint,
                   success="The two matrix products give the loop's averaged gradient.")


def check_multiplications(answer, m=10):
    """Exercise 3: multiplications in the m outer products δ^{x,2} (a^{x,1})^T together."""
    if not_attempted(answer):
        return Feedback(False, "set answer to a whole number.", attempted=False)
    net, X, _ = exercise_batch(m)
    # one outer product δ (n_2, 1) times a^T (1, n_1) makes n_2 · n_1 products
    per_example = net.weights[0].size
    expected = m * per_example
    if answer == expected:
        return Feedback(True, f"{expected:,} multiplications, and Δ^2 (A^1)^T does exactly "
                              "the same ones: the speed-up is not fewer flops.")
    if answer == per_example:
        return Feedback(False, "That is one example's outer product; the loop does m of them.")
    return Feedback(False, f"One outer product δ^{{x,2}} (a^{{x,1}})^T is a "
                           f"{net.sizes[1]} × {net.sizes[0]} matrix, one multiplication per "
                           "entry; the loop makes m of them.")
