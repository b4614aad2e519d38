"""The self-checks of notebook 08: right answers pass, typical wrong ones get the hint."""

import numpy as np

import bpcore
from bpcore.exercises import nb08


def modified_gradient_by_hand():
    """BP1–BP4 with f, f' at neuron 1 of layer 2, written out for the [2, 3, 1] network."""
    net, x, y = nb08.modified_problem()
    (w2, w3), (b2, b3) = net.weights, net.biases
    z2 = w2 @ x + b2
    a2, s2 = bpcore.sigmoid(z2), bpcore.sigmoid_prime(z2)
    a2[1], s2[1] = np.tanh(z2[1]), 1 - np.tanh(z2[1]) ** 2
    z3 = w3 @ a2 + b3
    a3 = bpcore.sigmoid(z3)
    d3 = (a3 - y) * bpcore.sigmoid_prime(z3)
    d2 = (w3.T @ d3) * s2
    return [d2, d3], [d2 @ x.T, d3 @ a2.T]


def test_modified_neuron():
    assert nb08.check_modified_neuron(modified_gradient_by_hand()).ok
    net, x, y = nb08.modified_problem()
    fb = nb08.check_modified_neuron(net.backprop(x, y))  # ignoring the modification
    assert not fb.ok and "plain sigmoid network" in fb.message
    assert not nb08.check_modified_neuron(None).attempted


def test_linear_collapse():
    net, _, _ = nb08.linear_problem()
    (w2, w3, w4), (b2, b3, b4) = net.weights, net.biases
    W, b = w4 @ w3 @ w2, w4 @ (w3 @ b2 + b3) + b4
    assert nb08.check_linear_collapse((W, b)).ok
    fb = nb08.check_linear_collapse((W, b4))  # biases of earlier layers forgotten
    assert not fb.ok and "every bias pushed through" in fb.message
    fb = nb08.check_linear_collapse((w2.T @ w3.T @ w4.T, b))  # the transposed product
    assert not fb.ok and "shape" in fb.message
    assert not nb08.check_linear_collapse(None).attempted


def test_linear_deltas():
    net, x, y = nb08.linear_problem()
    d4 = net.feedforward(x) - y
    d3 = net.weights[2].T @ d4
    d2 = net.weights[1].T @ d3
    assert nb08.check_linear_deltas([d2, d3, d4]).ok
    # a sigmoid habit: BP1 and BP2 with the sigmoid's σ'(z) although σ is the identity
    zs, _ = net.forward(x)
    w4 = (net.feedforward(x) - y) * bpcore.sigmoid_prime(zs[2])
    w3 = (net.weights[2].T @ w4) * bpcore.sigmoid_prime(zs[1])
    wrong = [(net.weights[1].T @ w3) * bpcore.sigmoid_prime(zs[0]), w3, w4]
    fb = nb08.check_linear_deltas(wrong)
    assert not fb.ok and "σ′(z) = 1" in fb.message
    assert not nb08.check_linear_deltas(None).attempted
    assert not nb08.check_linear_deltas(d4).ok
