"""The checks of notebook 05's exercises: right → ok, typical wrong → hint, None → not attempted.

Right answers are computed here independently of backprop where possible (finite differences).
"""

import numpy as np

import bpcore
from bpcore import sigmoid_prime
from bpcore.exercises import nb05


def test_cross_entropy_delta():
    net, x, y = nb05.cross_entropy_setup()
    # δ^L = ∂C/∂b^L (BP3), measured by finite differences on the output biases
    right = bpcore.numerical_gradient(net, x, y)[0][-1]
    assert nb05.check_delta_cross_entropy(right).ok
    zs, acts = net.forward(x)
    np.testing.assert_allclose(right, acts[-1] - y, rtol=1e-6)  # the famous cancellation
    wrong = (acts[-1] - y) * sigmoid_prime(zs[-1])  # the quadratic cost's eq. (30)
    fb = nb05.check_delta_cross_entropy(wrong)
    assert not fb.ok and fb.attempted and "cross-entropy" in fb.message
    fb = nb05.check_delta_cross_entropy(None)
    assert not fb.attempted and "Not attempted" in repr(fb)


def test_tanh_gradients():
    net, x, y = nb05.tanh_setup()
    right = bpcore.numerical_gradient(net, x, y)[1]  # finite differences, rel. error ~1e-9
    assert nb05.check_tanh_gradients(right).ok
    # typical slip: the sigmoid's σ' in place of tanh's
    zs, acts = net.forward(x)
    d4 = (acts[-1] - y) * sigmoid_prime(zs[-1])
    d3 = (net.weights[2].T @ d4) * sigmoid_prime(zs[1])
    d2 = (net.weights[1].T @ d3) * sigmoid_prime(zs[0])
    fb = nb05.check_tanh_gradients([d2 @ acts[0].T, d3 @ acts[1].T, d4 @ acts[2].T])
    assert not fb.ok and "sigmoid's σ′" in fb.message
    fb = nb05.check_tanh_gradients(right[:2])
    assert not fb.ok and "list of 3" in fb.message
    assert not nb05.check_tanh_gradients(None).attempted


def test_slowest_neuron():
    net, x, y = nb05.slow_setup()
    # the setup silences hidden neuron 3 (row 2, bias −9): its a^2_3 is the smallest by far
    a2 = net.forward(x)[1][1].ravel()
    assert int(np.argmin(a2)) == 2 and a2[2] < 1e-3
    assert nb05.check_slowest(3).ok              # the book's k counts from 1
    assert nb05.check_slowest(np.int64(3)).ok
    assert not nb05.check_slowest(2).ok          # the numpy row is not the book's k
    fb = nb05.check_slowest(1)
    assert not fb.ok and "a²_k" in fb.message
    assert not nb05.check_slowest(2.5).ok
    assert not nb05.check_slowest(None).attempted
