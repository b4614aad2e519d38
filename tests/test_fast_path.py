"""bpcore's fast matrix path computes what the literal per-example path computes.

``backprop_batch`` (with its tricks: σ' from a, the 1/m on Δ^L, the m = 1 outer product)
against the mean of ``backprop`` over the columns, and ``update_mini_batch`` against the
book's step w − η·mean, computed independently.
"""

import numpy as np
import pytest

from bpcore import Network
from bpcore.backprop import backprop, backprop_batch, mean_of_examples
from bpcore.training import update_mini_batch


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu"])
@pytest.mark.parametrize("m", [1, 2, 9])
def test_fast_path_matches_the_literal_backprop(activation, m):
    """backprop_batch (with its m = 1 outer-product shortcut) against the BP1–BP4 code."""
    rng = np.random.default_rng(m)
    net = Network([4, 5, 3], activation=activation, seed=1)
    X, Y = rng.standard_normal((4, m)), rng.random((3, m))
    fast_b, fast_w = backprop_batch(net, X, Y)
    book_b, book_w = mean_of_examples(net, X, Y)
    for f, b in zip(fast_b + fast_w, book_b + book_w):
        np.testing.assert_allclose(f, b, rtol=0, atol=1e-12)
    if m == 1:  # one example: the very numbers of backprop
        nb, nw = backprop(net, X, Y)
        for f, b in zip(fast_b + fast_w, nb + nw):
            np.testing.assert_array_equal(f, b)


def test_fast_path_with_an_activation_without_prime_from_a():
    """A custom (fn, prime) pair takes the branch that keeps z and calls σ'(z)."""
    sig = (lambda z: 1 / (1 + np.exp(-z)), lambda z: np.exp(-z) / (1 + np.exp(-z)) ** 2)
    net = Network([3, 4, 2], activation=sig, seed=2)
    rng = np.random.default_rng(0)
    for m in (1, 5):
        X, Y = rng.standard_normal((3, m)), rng.random((2, m))
        for f, b in zip(sum(backprop_batch(net, X, Y), []), sum(mean_of_examples(net, X, Y), [])):
            np.testing.assert_allclose(f, b, rtol=0, atol=1e-12)


def test_update_mini_batch_is_the_book_step():
    """w → w − η·(mean of the per-example gradients), computed independently."""
    rng = np.random.default_rng(4)
    net = Network([4, 5, 3], seed=5)
    X, Y = rng.standard_normal((4, 6)), rng.random((3, 6))
    nabla_b, nabla_w = mean_of_examples(net, X, Y)
    want_w = [w - 0.7 * nw for w, nw in zip(net.weights, nabla_w)]
    want_b = [b - 0.7 * nb for b, nb in zip(net.biases, nabla_b)]
    update_mini_batch(net, X, Y, 0.7)
    for got, want in zip(net.weights + net.biases, want_w + want_b):
        np.testing.assert_allclose(got, want, rtol=0, atol=1e-12)
