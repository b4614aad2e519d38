"""Exercise checks of notebook 09: right → ok, typical mistakes → the hint, None → not attempted."""

import numpy as np

import bpcore
from bpcore.exercises import nb09


def test_delta_shape():
    assert nb09.check_delta_shape((30, 25)).ok  # 30 hidden neurons × 25 examples
    swapped = nb09.check_delta_shape((25, 30))
    assert not swapped.ok and "swapped" in swapped.message
    assert not nb09.check_delta_shape((10, 25)).ok
    assert not nb09.check_delta_shape("thirty").ok
    assert not nb09.check_delta_shape(None).attempted


def output_layer_by_loop(m=10):
    """∂C/∂b^3, ∂C/∂w^3 by the per-example loop: an independent second method."""
    net, X, Y = nb09.exercise_batch(m)
    gb, gw = np.zeros_like(net.biases[1]), np.zeros_like(net.weights[1])
    for x in range(m):
        nb, nw = net.backprop(X[:, x : x + 1], Y[:, x : x + 1])
        gb, gw = gb + nb[1], gw + nw[1]
    return gb, gw


def test_output_layer():
    gb, gw = output_layer_by_loop()
    assert nb09.check_output_layer((gb / 10, gw / 10)).ok
    summed = nb09.check_output_layer((gb, gw))  # forgot the 1/m
    assert not summed.ok and "divides by m" in summed.message
    wrong = nb09.check_output_layer((gb / 10, gw.T / 10))
    assert not wrong.ok and "expected (10, 30)" in wrong.message
    assert not nb09.check_output_layer(None).attempted


def test_exercise_batch_shapes():
    net, X, Y = nb09.exercise_batch(7)
    assert net.sizes == [784, 30, 10] and X.shape == (784, 7) and Y.shape == (10, 7)
    assert np.array_equal(Y.sum(axis=0), np.ones(7))  # one-hot targets
    assert isinstance(net, bpcore.Network)


def test_multiplications():
    assert nb09.check_multiplications(10 * 30 * 784).ok  # 235,200, worked by hand
    one = nb09.check_multiplications(30 * 784)
    assert not one.ok and "one example" in one.message
    assert not nb09.check_multiplications(12345).ok
    assert not nb09.check_multiplications(None).attempted
