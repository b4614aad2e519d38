"""Exercise checks of notebook 10, and the bug-diagnosis rule they rely on."""

import numpy as np
import pytest

import bpcore
from bpcore.exercises import nb10


def test_central_passes():
    P = 784 * 30 + 30 + 30 * 10 + 10  # 23,860, by hand
    assert nb10.check_central_passes(2 * P).ok
    one_sided = nb10.check_central_passes(P + 1)
    assert not one_sided.ok and "one-sided" in one_sided.message
    no_biases = nb10.check_central_passes(2 * (784 * 30 + 30 * 10))
    assert not no_biases.ok and "biases" in no_biases.message
    assert not nb10.check_central_passes(None).attempted


def variant(bug):
    """A matrix backprop with an optional planted bug in one of BP1–BP4."""
    def backprop(net, X, Y):
        sp = net.activation.prime
        zs, activations = net.forward(X)
        m = X.shape[1]
        grad = net.cost.grad_a(activations[-1], Y)
        delta = (grad if bug == "BP1" else grad * sp(zs[-1])) / m
        n = len(net.weights)
        nabla_b, nabla_w = [None] * n, [None] * n
        for i in range(n - 1, -1, -1):
            nabla_b[i] = 2 * delta.sum(axis=1, keepdims=True) if bug == "BP3" \
                else delta.sum(axis=1, keepdims=True)
            nabla_w[i] = delta @ (activations[i] ** 2 if bug == "BP4" else activations[i]).T
            if i > 0:
                delta = net.weights[i].T @ delta
                if bug != "BP2":
                    delta = delta * sp(zs[i - 1])
        return nabla_b, nabla_w
    return backprop


@pytest.mark.parametrize("bug", ["none", "BP1", "BP2", "BP3", "BP4"])
def test_diagnose_names_the_planted_bug(bug):
    net, X, Y = nb10.mystery_setup()
    assert nb10.diagnose(*variant(bug)(net, X, Y), net, X, Y) == bug


def test_mystery_backprop_breaks_only_the_deeper_weights():
    net, X, Y = nb10.mystery_setup()
    mb, mw = nb10.mystery_backprop(net, X, Y)
    bb, bw = net.backprop_batch(X, Y)  # the reference
    for p, q in zip(mb, bb, strict=True):
        np.testing.assert_allclose(p, q, rtol=1e-10, atol=1e-14)
    np.testing.assert_allclose(mw[0], bw[0], rtol=1e-10, atol=1e-14)
    assert all(bpcore.rel_error(p, q) > 1e-2 for p, q in zip(mw[1:], bw[1:], strict=True))


def test_check_bug():
    assert nb10.check_bug("BP4").ok
    assert nb10.check_bug(" bp4 ").ok
    wrong = nb10.check_bug("BP2")
    assert not wrong.ok and "rel_error" in wrong.message
    assert not nb10.check_bug(None).attempted


def test_best_eps():
    a, b = 0.05, 1e-16
    assert nb10.check_best_eps((b / (2 * a)) ** (1 / 3)).ok  # = 1e-5
    assert nb10.check_best_eps(1e-5).ok
    one_sided = nb10.check_best_eps((b / a) ** 0.5)
    assert not one_sided.ok and "one-sided" in one_sided.message
    assert not nb10.check_best_eps(1e-8).ok
    assert not nb10.check_best_eps(None).attempted
