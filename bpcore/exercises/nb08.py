"""Self-checks for notebook 08 (the algorithm and its code). Each computes its expected
answer itself: by finite differences, or by probing the network with inputs."""

import numpy as np

import bpcore
from bpcore.gradcheck import finite_differences

from .answers import Array, Arrays, Tuple
from .grading import exercise, grade, progress_for
from .messages import register

# -- Exercise 1: one modified neuron ---------------------------------------------------
MODIFIED_LAYER, MODIFIED_J = 2, 1  # the book's layer l = 2, neuron j = 1 (0-based)

MESSAGES = {
    "what.gradient": "(nabla_b, nabla_w)",
    "modified.plain": "That is the gradient of the plain sigmoid network: the modified neuron "
                      "changes the forward pass and one factor of BP2.",
    "modified.hint": "Only one neuron differs: where do its activation and its derivative "
                     "enter the five steps of the algorithm?",
    "modified.right": "Your gradient matches central differences of the modified network.",
    "collapse.no_bias_path": "W is right, but b must collect every bias pushed through the "
                             "layers after it, not only b⁴.",
    "collapse.hint": "Substitute a² = w²x + b² into a³, then a³ into a⁴, and collect the terms "
                     "with x and those without.",
    "collapse.right": "Three layers of linear neurons are one affine map a^L = W x + b.",
    "linear.hint": "With σ(z) = z, what is σ′(z)? Put that into BP1 and BP2.",
    "linear.sigmoid": "Those errors use the sigmoid's σ′; with linear neurons σ′(z) = 1.",
    "linear.right": "Each δ^l is the error pulled back through the transposes, nothing more.",
}
msg = register("nb08", MESSAGES)


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


def _gradient_kind(net):
    """(nabla_b, nabla_w): two lists shaped like net.biases and net.weights."""
    return Tuple([Arrays([b.shape for b in net.biases]), Arrays([w.shape for w in net.weights])],
                 ["nabla_b", "nabla_w"])


def _modified_gradient():
    return tuple(finite_difference_gradient(*modified_problem()))


@exercise(_gradient_kind(modified_problem()[0]), solution=_modified_gradient)
def check_modified_neuron(answer):
    """answer = (nabla_b, nabla_w) for :func:`modified_problem`, each a list like
    ``net.biases`` / ``net.weights``; compared with finite differences of the modified cost."""
    net, x, y = modified_problem()
    return grade(answer, _gradient_kind(net), _modified_gradient(), what=msg("what.gradient"),
                 rtol=1e-5, floor=1e-2, hint=msg("modified.hint"),
                 slips=[(tuple(net.backprop(x, y)), msg("modified.plain"))],
                 success=msg("modified.right"))


# -- Exercises 2 and 3: a network of linear neurons ----------------------------------------
def linear_problem():
    """``(net, x, y)``: Network([3, 4, 3, 2], activation="identity") and one example."""
    net = bpcore.Network([3, 4, 3, 2], activation="identity", seed=6)
    return net, np.array([[0.5], [-1.0], [2.0]]), np.array([[1.0], [0.0]])


COLLAPSE = Tuple([Array((2, 3)), Array((2, 1))], ["W", "b"])


def _collapse():
    """(W, b) by probing the network: b = a^L(0), column k of W = a^L(e_k) − b."""
    net, _, _ = linear_problem()
    n = net.sizes[0]
    b = net.feedforward(np.zeros((n, 1)))
    return net.feedforward(np.eye(n)) - b, b


@exercise(COLLAPSE, solution=_collapse)
def check_linear_collapse(answer):
    """answer = (W, b) with a^L = W x + b for every x; W ``(2, 3)``, b ``(2, 1)``."""
    net, _, _ = linear_problem()
    W, b = _collapse()
    return grade(answer, COLLAPSE, (W, b), what="(W, b)", rtol=1e-9, hint=msg("collapse.hint"),
                 slips=[((W, net.biases[-1]), msg("collapse.no_bias_path"))],
                 success=msg("collapse.right"))


LINEAR_SHAPES = [(4, 1), (3, 1), (2, 1)]


def _linear_deltas():
    """[δ^2, δ^3, δ^4] as ∂C/∂b^l by central differences (BP3)."""
    net, x, y = linear_problem()
    return bpcore.numerical_gradient(net, x, y)[0]


@exercise(Arrays(LINEAR_SHAPES), solution=_linear_deltas)
def check_linear_deltas(answer):
    """answer = [δ^2, δ^3, δ^4] for :func:`linear_problem` with the quadratic cost."""
    net, x, y = linear_problem()
    zs, acts = net.forward(x)  # the linear network's z; the slip applies σ′ to them
    d = [None] * 3
    d[2] = (acts[-1] - y) * bpcore.sigmoid_prime(zs[2])
    for i in (1, 0):
        d[i] = (net.weights[i + 1].T @ d[i + 1]) * bpcore.sigmoid_prime(zs[i])
    return grade(answer, Arrays(LINEAR_SHAPES, ["δ²", "δ³", "δ⁴"]), _linear_deltas(),
                 what="[δ², δ³, δ⁴]", rtol=1e-6, floor=1e-2, hint=msg("linear.hint"),
                 slips=[(d, msg("linear.sigmoid"))], success=msg("linear.right"))


progress = progress_for(__name__)
