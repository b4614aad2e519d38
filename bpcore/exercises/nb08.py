"""Self-checks for notebook 08 (the algorithm and its code). Each computes its expected
answer itself: by finite differences, or by probing the network with inputs."""

import numpy as np

import bpcore
from bpcore.gradcheck import finite_differences

from . import Feedback, compare, not_attempted

# -- Exercise 1: one modified neuron ---------------------------------------------------
MODIFIED_LAYER, MODIFIED_J = 2, 1  # the book's layer l = 2, neuron j = 1 (0-based)


def f(z):
    """The modified neuron's activation: tanh instead of the sigmoid."""
    return np.tanh(z)


def f_prime(z):
    """f'(z) = 1 − tanh²(z)."""
    return 1.0 - np.tanh(z) ** 2


def modified_problem():
    """``(net, x, y)``: a sigmoid Network([2, 3, 1]) whose neuron j = 1 of layer 2 uses f."""
    net = bpcore.Network([2, 3, 1], seed=4)
    return net, np.array([[0.3], [-0.8]]), np.array([[1.0]])


def modified_cost(net, x, y):
    """C_x = ½‖a^L − y‖² of the network with the modified neuron (forward pass only)."""
    a = x
    for i, (w, b) in enumerate(zip(net.weights, net.biases, strict=True)):
        z = w @ a + b
        a = bpcore.sigmoid(z)
        if i + 2 == MODIFIED_LAYER:
            a[MODIFIED_J] = f(z[MODIFIED_J])
    return 0.5 * float(np.sum((a - y) ** 2))


def finite_difference_gradient(net, x, y, eps=1e-6):
    """``(nabla_b, nabla_w)`` of :func:`modified_cost` by central differences."""
    def cost():
        return modified_cost(net, x, y)

    return finite_differences(net.biases, cost, eps), finite_differences(net.weights, cost, eps)


def check_modified_neuron(answer):
    """answer = (nabla_b, nabla_w) for :func:`modified_problem`, each a list like
    ``net.biases`` / ``net.weights``; compared with finite differences of the modified cost."""
    net, x, y = modified_problem()
    fb_b, fb_w = finite_difference_gradient(net, x, y)
    if not_attempted(answer):
        return Feedback(False, "replace the placeholder with (nabla_b, nabla_w).",
                        attempted=False)
    if not (isinstance(answer, (tuple, list)) and len(answer) == 2):
        return Feedback(False, "answer should be a pair (nabla_b, nabla_w) of lists of arrays.")
    hint = ("Only one thing changes: in the forward pass a^2_1 = f(z^2_1), and wherever BP2 "
            "multiplies by σ'(z^2), entry j = 1 must be f'(z^2_1) instead.")
    result = compare(list(answer[0]) + list(answer[1]), fb_b + fb_w, what="gradient",
                     hint=hint, rtol=1e-5, atol=1e-8)
    if not result.ok:
        return result
    return Feedback(True, "your gradient matches central differences of the modified network.")


# -- Exercises 2 and 3: a network of linear neurons ----------------------------------------
def linear_problem():
    """``(net, x, y)``: Network([3, 4, 3, 2], activation="identity") and one example."""
    net = bpcore.Network([3, 4, 3, 2], activation="identity", seed=6)
    return net, np.array([[0.5], [-1.0], [2.0]]), np.array([[1.0], [0.0]])


def check_linear_collapse(answer):
    """answer = (W, b) with a^L = W x + b for every x; W ``(2, 3)``, b ``(2, 1)``.

    Expected values come from probing the network: b = a^L(0), column k of W = a^L(e_k) − b.
    """
    net, _, _ = linear_problem()
    n = net.sizes[0]
    b = net.feedforward(np.zeros((n, 1)))
    W = net.feedforward(np.eye(n)) - b
    if not_attempted(answer):
        return Feedback(False, "replace the placeholder with (W, b).", attempted=False)
    if not (isinstance(answer, (tuple, list)) and len(answer) == 2):
        return Feedback(False, "answer should be a pair (W, b).")
    hint = ("W is the product w^4 w^3 w^2 (the last layer's matrix on the left), and b collects "
            "every bias pushed through the layers after it: b = w^4 (w^3 b^2 + b^3) + b^4.")
    fb = compare(answer[0], W, what="W", hint=hint, rtol=1e-9)
    if not fb.ok:
        return fb
    fb = compare(answer[1], b, what="b", hint=hint, rtol=1e-9)
    if not fb.ok:
        return fb
    return Feedback(True, "three layers of linear neurons are one affine map a^L = W x + b.")


def check_linear_deltas(answer):
    """answer = [δ^2, δ^3, δ^4] for :func:`linear_problem` with the quadratic cost.

    Expected: ∂C/∂b^l by central differences, which equals δ^l by BP3.
    """
    net, x, y = linear_problem()
    nabla_b, _ = bpcore.numerical_gradient(net, x, y)
    hint = ("With σ(z) = z, σ'(z) = 1: δ^4 = a^4 − y (BP1), then δ^l = (w^{l+1})^T δ^{l+1} "
            "(BP2 without the Hadamard factor), going from l = 3 down to 2.")
    if not not_attempted(answer) and not isinstance(answer, (list, tuple)):
        return Feedback(False, f"answer should be a list [δ^2, δ^3, δ^4]. {hint}")
    return compare(None if not_attempted(answer) else list(answer), nabla_b,
                   what="[δ^2, δ^3, δ^4]", hint=hint, rtol=1e-6, atol=1e-9,
                   success="each δ^l is just the error pulled back through the transposes.")
