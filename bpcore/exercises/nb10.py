"""Self-checks for notebook 10: in what sense backpropagation is fast."""

import numpy as np

from bpcore.exercises import Feedback, check_choice, compare, not_attempted
from bpcore.gradcheck import numerical_gradient, rel_error
from bpcore.network import Network


def check_central_passes(answer, sizes=(784, 30, 10)):
    """Exercise 1: forward passes for a central-difference gradient of a ``sizes`` network."""
    if not_attempted(answer):
        return Feedback(False, "set answer to a whole number of forward passes.",
                        attempted=False)
    net = Network(list(sizes), seed=0)
    n_weights = sum(w.size for w in net.weights)
    P = n_weights + sum(b.size for b in net.biases)
    expected = 2 * P  # C(p + ε) and C(p − ε) for each parameter p
    if answer == expected:
        return Feedback(True, f"P = {P:,} parameters, two passes each: {expected:,}.")
    if answer == P + 1:
        return Feedback(False, "P + 1 is the one-sided count of eq. (46); the central "
                               "difference evaluates C(p + ε) and C(p − ε).")
    if answer == 2 * n_weights or answer == n_weights + 1:
        return Feedback(False, "The biases are parameters too: one per neuron after the input.")
    return Feedback(False, "Count P = Σ_l (n_l n_{l−1} + n_l) weights and biases; "
                           "each needs C(p + ε) and C(p − ε).")


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


def check_bug(answer):
    """Exercise 2: which of BP1–BP4 is broken in :func:`mystery_backprop`?"""
    net, X, Y = mystery_setup()
    expected = diagnose(*mystery_backprop(net, X, Y), net, X, Y)
    hint = ("Compare each array with rel_error against numerical_gradient. Only biases "
            "wrong → BP3; only weights → BP4; earlier layers wrong but the output layer "
            "right → BP2; the output layer wrong too → BP1.")
    return check_choice(answer, expected, what="the broken equation", hint=hint,
                        success=f"{expected}: every ∂C/∂b is right, so every δ is right; "
                                "the weights of layers 3 and 4 use z^{l−1} where BP4 "
                                "needs a^{l−1}.")


def total_error(eps, a, b, power):
    """The model E(ε) = a ε^power + b / ε of a finite difference's error."""
    return a * eps**power + b / eps


def check_best_eps(answer, a=0.05, b=1e-16):
    """Exercise 3: the ε minimising a ε² + b/ε (central differences)."""
    # a brute-force minimum on a fine logarithmic grid, independent of any formula
    grid = np.logspace(-12, 0, 240_001)
    expected = float(grid[np.argmin(total_error(grid, a, b, 2))])
    one_sided = float(grid[np.argmin(total_error(grid, a, b, 1))])
    if not not_attempted(answer) and np.isclose(answer, one_sided, rtol=1e-2):
        return Feedback(False, "That minimises a ε + b/ε, the one-sided model; here the "
                               "truncation error is a ε².")
    return compare(answer, expected, what="best ε", rtol=1e-2,
                   hint="set the derivative 2aε − b/ε² to zero and solve for ε.",
                   success=f"ε ≈ {expected:.3g}: smaller and the rounding b/ε grows, "
                           "larger and the truncation aε² grows.")
