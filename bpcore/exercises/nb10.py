"""Self-checks for notebook 10: in what sense backpropagation is fast."""

import numpy as np

from bpcore.gradcheck import numerical_gradient, rel_error
from bpcore.network import Network

from .answers import Name, Number, Whole
from .grading import exercise, grade, progress_for
from .messages import register

MESSAGES = {
    "what.passes": "number of forward passes",
    "what.bug": "broken equation",
    "passes.one_sided": "P + 1 is the one-sided count of eq. (46); the central difference "
                        "evaluates C(p + ε) and C(p − ε) for every parameter p.",
    "passes.biases": "The biases are parameters too: one per neuron after the input.",
    "passes.hint": "Count the parameters P, weights and biases, layer by layer; how many "
                   "cost evaluations does one central difference take?",
    "passes.right": "P = {P:,} parameters, two passes each.",
    "bug.hint": "Compare each array of the mystery gradient with numerical_gradient using "
                "rel_error. Which arrays are wrong (biases, weights, which layers), and which "
                "equation produces exactly those?",
    "bug.right": "Every ∂C/∂b is right, so every δ is right; the weights of layers 3 and 4 "
                 "use z^{{l−1}} where BP4 needs a^{{l−1}}.",
    "eps.one_sided": "That minimises a ε + b/ε, the one-sided model; here the truncation "
                     "error is a ε².",
    "eps.hint": "E(ε) falls and then rises again: at its lowest point its derivative is zero.",
    "eps.right": "ε ≈ {eps:.3g}: smaller and the rounding b/ε grows, larger and the "
                 "truncation aε² grows.",
}
msg = register("nb10", MESSAGES)


def _central_passes(sizes=(784, 30, 10)):
    net = Network(list(sizes), seed=0)
    return 2 * sum(p.size for p in net.weights + net.biases)  # C(p + ε), C(p − ε) for each p


@exercise(Whole(), solution=_central_passes)
def check_central_passes(answer, sizes=(784, 30, 10)):
    """Exercise 1: forward passes for a central-difference gradient of a ``sizes`` network."""
    net = Network(list(sizes), seed=0)
    n_weights = sum(w.size for w in net.weights)
    P = _central_passes(sizes) // 2
    return grade(answer, Whole(), 2 * P, what=msg("what.passes"), hint=msg("passes.hint"),
                 slips=[(P + 1, msg("passes.one_sided")), (2 * n_weights, msg("passes.biases")),
                        (n_weights + 1, msg("passes.biases"))],
                 success=msg("passes.right", P=P))


def mystery_setup(seed=3):
    """A small network and batch for the bug hunt: ``(net, X, Y)``, X ``(3, 5)``."""
    rng = np.random.default_rng(seed)
    net = Network([3, 4, 4, 2], seed=seed)
    return net, rng.standard_normal((3, 5)), rng.uniform(size=(2, 5))


def mystery_backprop(net, X, Y):
    """A matrix backprop with one planted bug. Returns ``(nabla_b, nabla_w)``."""
    sp = net.activation.prime
    zs, activations = net.forward(X)
    m = X.shape[1]
    delta = net.cost.grad_a(activations[-1], Y) * sp(zs[-1]) / m
    n = len(net.weights)
    nabla_b, nabla_w = [None] * n, [None] * n
    for i in range(n - 1, -1, -1):
        nabla_b[i] = delta.sum(axis=1, keepdims=True)
        a_in = activations[0] if i == 0 else zs[i - 1]
        nabla_w[i] = delta @ a_in.T
        if i > 0:
            delta = (net.weights[i].T @ delta) * sp(zs[i - 1])
    return nabla_b, nabla_w


def diagnose(nabla_b, nabla_w, net, X, Y, threshold=1e-2):
    """Which equation a wrong gradient points at, from the per-array relative errors."""
    fb, fw = numerical_gradient(net, X, Y)
    b_wrong = [rel_error(p, q) > threshold for p, q in zip(nabla_b, fb, strict=True)]
    w_wrong = [rel_error(p, q) > threshold for p, q in zip(nabla_w, fw, strict=True)]
    if not any(b_wrong + w_wrong):
        return "none"
    if not any(w_wrong):
        return "BP3"  # every δ is right (BP3 reads them directly), the biases are not
    if not any(b_wrong):
        return "BP4"  # every δ is right, the weights are not
    if not b_wrong[-1]:
        return "BP2"  # δ^L is right, the δ of earlier layers are not
    return "BP1"  # δ^L itself is wrong


def _bug():
    net, X, Y = mystery_setup()
    return diagnose(*mystery_backprop(net, X, Y), net, X, Y)


BP = Name(["BP1", "BP2", "BP3", "BP4"])


@exercise(BP, solution=_bug)
def check_bug(answer):
    """Exercise 2: which of BP1–BP4 is broken in :func:`mystery_backprop`?"""
    return grade(answer, BP, _bug(), what=msg("what.bug"), hint=msg("bug.hint"),
                 success=msg("bug.right"))


def total_error(eps, a, b, power):
    """The model E(ε) = a ε^power + b / ε of a finite difference's error."""
    return a * eps**power + b / eps


def _best_eps(a=0.05, b=1e-16, power=2):
    """The ε minimising a ε^power + b/ε, by brute force on a fine logarithmic grid."""
    grid = np.logspace(-12, 0, 240_001)
    return float(grid[np.argmin(total_error(grid, a, b, power))])


@exercise(Number(), solution=_best_eps)
def check_best_eps(answer, a=0.05, b=1e-16):
    """Exercise 3: the ε minimising a ε² + b/ε (central differences)."""
    expected = _best_eps(a, b)
    return grade(answer, Number(), expected, what="ε", rtol=1e-2, hint=msg("eps.hint"),
                 slips=[(_best_eps(a, b, power=1), msg("eps.one_sided"))],
                 success=msg("eps.right", eps=expected))


progress = progress_for(__name__)
