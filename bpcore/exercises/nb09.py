"""Self-checks for notebook 09: mini-batches as matrices.

Exercise 4 grades a fully matrix-based backprop written by the student,
:func:`check_my_backprop_batch`, against the mean of per-example gradients at m = 1, 7 and
32; :func:`speedup` then times it against the student's own function looped over the
columns one at a time.
"""

import numpy as np

from bpcore.data import load_mnist
from bpcore.network import Network

from .answers import Array, Function, Ints, Tuple, Whole
from .grading import (
    Report,
    exercise,
    grade,
    progress_for,
)
from .messages import register
from .slips import case_message, grade_backprop

MESSAGES = {
    "what.shape": "shape of Δ²",
    "what.output": "(∂C/∂b³, ∂C/∂w³)",
    "what.count": "number of multiplications",
    "shape.swapped": "Rows and columns are swapped: each example is a column, each neuron "
                     "a row.",
    "shape.hint": "δ² = ∂C/∂z² has one entry per neuron of layer 2; Δ² puts the m columns "
                  "δ^{{x,2}} side by side.",
    "shape.right": "One row per hidden neuron, one column per example, exactly like z².",
    "output.summed": "You have the sums over the mini-batch: the mean cost's gradient divides "
                     "by m.",
    "output.hint": "BP1 with matrices gives Δ³ for all m examples at once; BP3 and BP4 then "
                   "need a sum over the examples (a row sum, a matrix product) and the mean.",
    "output.right": "Two matrix products give the loop's averaged gradient.",
    "count.one": "That is one example's outer product; the loop does m of them.",
    "count.hint": "Each outer product δ^{{x,2}} (a^{{x,1}})^T is a matrix with one multiplication "
                  "per entry; how many entries, and how many examples?",
    "count.right": "Δ² (A¹)^T does exactly the same multiplications: the speed-up is not "
                   "fewer flops.",
    "batch.right": "Your matrix-based backprop equals the mean of the per-example gradients "
                   "at m = {sizes}. Now run speedup(my_backprop_batch).",
    "speed.todo": "✎ Make check_my_backprop_batch say ✔ first; then this times it.",
    "speed.result": "Your my_backprop_batch on one mini-batch of m = {m} digits: {matrix:.2f} "
                    "ms. The same function called on the {m} columns one at a time: "
                    "{loop:.2f} ms.",
    "speed.faster": "Going matrix-based made it {ratio:.1f}× faster.",
    "speed.same": "About as fast either way ({ratio:.2f}×) on this machine.",
    "speed.slower": "The matrix version is {ratio:.2f}× as fast as the loop: is it still "
                    "looping over the examples inside?",
}
msg = register("nb09", MESSAGES)


def exercise_batch(m=10, seed=0):
    """The exercises' network ``[784, 30, 10]`` and the first m bundled MNIST digits.

    Returns ``(net, X, Y)`` with X ``(784, m)`` and Y ``(10, m)``.
    """
    train, _ = load_mnist(n_train=max(m, 1), n_test=0, seed=seed)
    return Network([784, 30, 10], seed=seed), train.X[:, :m], train.Y[:, :m]


@exercise(Ints(2), solution=lambda: (30, 25))
def check_delta_shape(answer, m=25):
    """Exercise 1: the shape of Δ^2, the δ^2 of all m examples side by side."""
    net, X, _ = exercise_batch(m)
    expected = net.forward(X)[0][0].shape  # δ^2 = ∂C/∂z^2 has the shape of z^2
    return grade(answer, Ints(2), expected, what=msg("what.shape"), hint=msg("shape.hint"),
                 slips=[(expected[::-1], msg("shape.swapped"))], success=msg("shape.right"))


OUTPUT = Tuple([Array((10, 1)), Array((10, 30))], ["∂C/∂b³", "∂C/∂w³"])


def _output_layer(m=10):
    net, X, Y = exercise_batch(m)
    nabla_b, nabla_w = net.backprop_batch(X, Y)
    return nabla_b[-1], nabla_w[-1]


@exercise(OUTPUT, solution=_output_layer)
def check_output_layer(answer, m=10):
    """Exercise 2: ``(nabla_b, nabla_w)`` of the output layer for the whole mini-batch."""
    expected = _output_layer(m)
    return grade(answer, OUTPUT, expected, what=msg("what.output"), hint=msg("output.hint"),
                 slips=[(tuple(m * e for e in expected), msg("output.summed"))],
                 success=msg("output.right"))


def _multiplications(m=10):
    net, _, _ = exercise_batch(m)
    return m * net.weights[0].size  # one outer product δ (n_2, 1) a^T (1, n_1): n_2 n_1


@exercise(Whole(), solution=_multiplications)
def check_multiplications(answer, m=10):
    """Exercise 3: multiplications in the m outer products δ^{x,2} (a^{x,1})^T together."""
    return grade(answer, Whole(), _multiplications(m), what=msg("what.count"),
                 hint=msg("count.hint"), slips=[(_multiplications(m) // m, msg("count.one"))],
                 success=msg("count.right"))


# -- Exercise 4: the fully matrix-based backprop, written by the student ---------------------
BATCH_SIZES = (1, 7, 32)
CALL = "my_backprop_batch(net, X, Y)"


def batch_case(m):
    """The test case of :func:`check_my_backprop_batch` with m examples: ``(net, X, Y)``."""
    if m == 32:
        return exercise_batch(32)  # the MNIST network, as in the notebook
    rng = np.random.default_rng(m)
    sizes, activation = ([3, 4, 2], "sigmoid") if m == 1 else ([4, 5, 3, 2], "tanh")
    net = Network(sizes, activation=activation, seed=m)
    return net, rng.standard_normal((sizes[0], m)), rng.uniform(0, 1, (sizes[-1], m))


def mean_of_examples(net, X, Y):
    """The reference: ``net.backprop`` on each column, averaged."""
    grads = [net.backprop(X[:, [j]], Y[:, [j]]) for j in range(X.shape[1])]
    return ([np.mean([g[0][i] for g in grads], axis=0) for i in range(len(net.biases))],
            [np.mean([g[1][i] for g in grads], axis=0) for i in range(len(net.weights))])


def reference_backprop_batch(net, X, Y):
    """The hidden solution: BP1–BP4 with one column per example, averaged over the m columns."""
    sigma_prime = net.activation.prime
    zs, activations = net.forward(X)
    m, L = X.shape[1], net.num_layers
    Delta = {L: (activations[-1] - Y) * sigma_prime(zs[-1])}  # BP1, (n_L, m)
    for l in range(L - 1, 1, -1):
        Delta[l] = (net.weights[l - 1].T @ Delta[l + 1]) * sigma_prime(zs[l - 2])  # BP2
    nabla_b = [Delta[l].sum(axis=1, keepdims=True) / m for l in range(2, L + 1)]  # BP3
    nabla_w = [Delta[l] @ activations[l - 2].T / m for l in range(2, L + 1)]  # BP4
    return nabla_b, nabla_w


def _cases():
    for i, m in enumerate(BATCH_SIZES):
        net, X, Y = batch_case(m)
        yield case_message(i, f"nb09.batch_case({m})", net, m), net, X, Y, \
            mean_of_examples(net, X, Y), []


def _batch_feedback(fn):
    """The verdict on ``fn`` without recording it (speedup() asks it too)."""
    sizes = ", ".join(str(m) for m in BATCH_SIZES)
    return grade_backprop(fn, "my_backprop_batch", CALL, _cases(),
                          msg("batch.right", sizes=sizes))


@exercise(Function(), solution=lambda: reference_backprop_batch)
def check_my_backprop_batch(my_backprop_batch):
    """Grade ``my_backprop_batch(net, X, Y) → (nabla_b, nabla_w)`` of the mean cost over the
    m columns, at m = 1, 7, 32 (:func:`batch_case`); name the wrong equation and layer."""
    return _batch_feedback(my_backprop_batch)


def speedup(my_backprop_batch, m=32, repeats=5):
    """Time the student's matrix version on m columns against the same function called on
    the columns one at a time (the per-example loop), on this machine, now."""
    if not _batch_feedback(my_backprop_batch).ok:
        return Report((msg("speed.todo"),))
    from bpcore.timing import best_time  # timing has one home

    net, X, Y = exercise_batch(m)
    columns = [(X[:, [j]], Y[:, [j]]) for j in range(m)]
    matrix = best_time(lambda: my_backprop_batch(net, X, Y), repeats=repeats)
    loop = best_time(lambda: [my_backprop_batch(net, x, y) for x, y in columns], repeats=repeats)
    ratio = loop / matrix
    verdict = "speed.faster" if ratio >= 1.2 else "speed.slower" if ratio < 0.9 else "speed.same"
    return Report((msg("speed.result", m=m, matrix=1e3 * matrix, loop=1e3 * loop),
                   msg(verdict, ratio=ratio)))


progress = progress_for(__name__)
