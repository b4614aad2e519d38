"""Checks for the exercises of notebook 05, the four fundamental equations.

Each exercise works on a small seeded network built by one of the ``*_setup`` functions
below, so the notebook and its check see the same numbers; every check recomputes the
expected answer from bpcore. Exercise 4 grades a whole backprop written by the student
(:func:`check_my_backprop`) on the networks of :func:`backprop_case`.
"""

import numpy as np

import bpcore

from .answers import Array, Arrays, Function, Whole
from .grading import (
    exercise,
    grade,
    progress_for,
)
from .messages import register, sup
from .slips import case_message, grade_backprop

MESSAGES = {
    "what.k": "hidden neuron k",
    "ce.quadratic": "That is the quadratic cost's δ^L, eq. (30); this network uses the "
                    "cross-entropy, whose ∇_a C is given above.",
    "ce.hint": "BP1a: δ^L = ∇_a C ⊙ σ′(z^L), with the cross-entropy's ∇_a C from the text.",
    "ce.right": "The σ′(z^L) = a(1 − a) cancels: no learning slowdown at the output "
                "(notebook 07).",
    "tanh.sigmoid": "That uses the sigmoid's σ′; this network's neurons are tanh "
                    "(th_net.activation.prime).",
    "tanh.hint": "The four equations with tanh's σ′; BP4 uses the activation of the layer "
                 "before l.",
    "tanh.right": "BP1–BP4 with tanh's σ′ give the gradient, as for any activation.",
    "slow.hint": "BP4: ∂C/∂w³_jk = a²_k δ³_j. Which factor is ≈ 0 for every weight leaving "
                 "one hidden neuron?",
    "slow.right": "Its activation a²_k ≈ 0, so by BP4 every ∂C/∂w³_jk leaving it is ≈ 0.",
    "backprop.right": "Your backprop agrees with bpcore and with finite differences on all "
                      "{n} test networks (2 to 4 layers, sigmoid and tanh).",
}
msg = register("nb05", MESSAGES)


def cross_entropy_setup():
    """Exercise 1: a [3, 4, 2] sigmoid network with the cross-entropy cost; (net, x, y)."""
    net = bpcore.Network([3, 4, 2], cost="cross_entropy", seed=5)
    x = np.array([[0.5], [-1.0], [2.0]])
    y = np.array([[1.0], [0.0]])
    return net, x, y


def _delta_cross_entropy():
    net, x, y = cross_entropy_setup()
    return net.backprop(x, y)[0][-1]  # BP3: ∂C/∂b^L = δ^L


@exercise(Array((2, 1)), solution=_delta_cross_entropy)
def check_delta_cross_entropy(delta_L):
    """δ^L (n_L, 1) for the cross-entropy network of :func:`cross_entropy_setup` (BP1a)."""
    net, x, y = cross_entropy_setup()
    zs, acts = net.forward(x)
    quadratic = (acts[-1] - y) * bpcore.sigmoid_prime(zs[-1])
    return grade(delta_L, Array((2, 1)), _delta_cross_entropy(), what="δ^L",
                 hint=msg("ce.hint"), slips=[(quadratic, msg("ce.quadratic"))],
                 success=msg("ce.right"))


def tanh_setup():
    """Exercise 2: a [2, 3, 3, 1] network with tanh neurons and the quadratic cost."""
    net = bpcore.Network([2, 3, 3, 1], activation="tanh", seed=11)
    x = np.array([[0.8], [-0.3]])
    y = np.array([[0.5]])
    return net, x, y


def _tanh_gradients():
    net, x, y = tanh_setup()
    return net.backprop(x, y)[1]


TANH_SHAPES = [(3, 2), (3, 3), (1, 3)]


@exercise(Arrays(TANH_SHAPES), solution=_tanh_gradients)
def check_tanh_gradients(nabla_w):
    """[∂C/∂w^2, ∂C/∂w^3, ∂C/∂w^4] for the tanh network of :func:`tanh_setup`."""
    net, x, y = tanh_setup()
    zs, acts = net.forward(x)  # the slip: tanh's forward pass with the sigmoid's σ′
    d = [None, None, (acts[-1] - y) * bpcore.sigmoid_prime(zs[-1])]
    for i in (1, 0):
        d[i] = (net.weights[i + 1].T @ d[i + 1]) * bpcore.sigmoid_prime(zs[i])
    names = [f"∂C/∂w{sup(l)}" for l in (2, 3, 4)]
    return grade(nabla_w, Arrays(TANH_SHAPES, names), _tanh_gradients(),
                 what="[∂C/∂w², ∂C/∂w³, ∂C/∂w⁴]", hint=msg("tanh.hint"),
                 slips=[([d[i] @ acts[i].T for i in range(3)], msg("tanh.sigmoid"))],
                 success=msg("tanh.right"))


def slow_setup():
    """Exercise 3: a [3, 4, 2] sigmoid network whose hidden neuron 3 is almost switched off."""
    net = bpcore.Network([3, 4, 2], seed=3)
    biases = [b.copy() for b in net.biases]
    biases[0][3 - 1, 0] = -9.0  # a^2_3 = σ(z^2_3) ≈ 1e-4 (neuron 3 is row 2)
    net.biases = biases
    x = np.array([[0.3], [0.6], [-0.4]])
    y = np.array([[0.0], [1.0]])
    return net, x, y


def slowest_hidden_neuron():
    """The book's k (from 1) whose outgoing weights w^3_{jk} have the smallest ∂C/∂w."""
    net, x, y = slow_setup()
    nabla_w3 = net.backprop(x, y)[1][-1]
    return int(np.argmin(np.linalg.norm(nabla_w3, axis=0))) + 1  # column k − 1 is neuron k


@exercise(Whole(), solution=slowest_hidden_neuron)
def check_slowest(k):
    """Which hidden neuron k (the book's k, from 1) has the slowest-learning outgoing weights?"""
    return grade(k, Whole(), slowest_hidden_neuron(), what=msg("what.k"),
                 hint=msg("slow.hint"), success=msg("slow.right"))


# -- Exercise 4: backprop for one example, written by the student ---------------------------

BACKPROP_CASES = (  # sizes, activation, seed: 2 to 4 layers; equal sizes let slips hide
    ([3, 2], "sigmoid", 0),
    ([3, 4, 2], "sigmoid", 1),
    ([2, 3, 3, 2], "tanh", 2),
    ([4, 3, 3, 3], "sigmoid", 3),
)
CALL = "my_backprop(net, x, y)"


def backprop_case(i):
    """Test case i of :func:`check_my_backprop`: ``(net, x, y)``, quadratic cost."""
    sizes, activation, seed = BACKPROP_CASES[i]
    net = bpcore.Network(sizes, activation=activation, seed=seed)
    rng = np.random.default_rng(100 + seed)
    return net, rng.standard_normal((sizes[0], 1)), rng.uniform(0, 1, (sizes[-1], 1))


def reference_backprop(net, x, y):
    """The hidden solution: BP1–BP4 for one example, layers numbered as in the book."""
    sigma_prime = net.activation.prime
    zs, activations = net.forward(x)  # zs[l - 2] = z^l, activations[l - 1] = a^l
    L = net.num_layers
    deltas = {L: (activations[-1] - y) * sigma_prime(zs[-1])}  # BP1
    for l in range(L - 1, 1, -1):
        deltas[l] = (net.weights[l - 1].T @ deltas[l + 1]) * sigma_prime(zs[l - 2])  # BP2
    nabla_b = [deltas[l] for l in range(2, L + 1)]  # BP3
    nabla_w = [deltas[l] @ activations[l - 2].T for l in range(2, L + 1)]  # BP4
    return nabla_b, nabla_w


def _cases():
    for i in range(len(BACKPROP_CASES)):
        net, x, y = backprop_case(i)
        fd_b, fd_w = bpcore.numerical_gradient(net, x, y)
        yield (case_message(i, f"nb05.backprop_case({i})", net, 1), net, x, y,
               net.backprop(x, y), [fd_b + fd_w])


@exercise(Function(), solution=lambda: reference_backprop)
def check_my_backprop(my_backprop):
    """Grade ``my_backprop(net, x, y) → (nabla_b, nabla_w)`` on every :func:`backprop_case`
    against ``net.backprop`` and finite differences; name the wrong equation and layer."""
    return grade_backprop(my_backprop, "my_backprop", CALL, _cases(),
                          msg("backprop.right", n=len(BACKPROP_CASES)))


progress = progress_for(__name__)
