"""Exercise checks of notebook 03: right → ok, a typical mistake → not ok with its hint,
placeholder → not attempted. Expected values are worked out here independently."""

import numpy as np

from bpcore.exercises import nb03


def sigma(z):
    return 1.0 / (1.0 + np.exp(-z))


def test_hadamard():
    # by hand: [1·4, −2·3, 0.5·2]
    assert nb03.check_hadamard([4.0, -6.0, 1.0]).ok
    fb = nb03.check_hadamard(4.0 - 6.0 + 1.0)  # the dot product instead
    assert not fb.ok and "dot product" in fb.message
    fb = nb03.check_hadamard([4.0, 6.0, 1.0])
    assert not fb.ok and "position by position" in fb.message
    assert not nb03.check_hadamard(None).attempted


def output_error_by_hand():
    net, x, y = nb03.exercise_network()
    a, z = x, None
    for w, b in zip(net.weights, net.biases, strict=True):
        z = w @ a + b
        a = sigma(z)
    return a, y, (a - y) * sigma(z) * (1 - sigma(z))


def test_output_error():
    a, y, delta = output_error_by_hand()
    assert nb03.check_output_error(delta).ok
    fb = nb03.check_output_error(a - y)  # forgot σ'
    assert not fb.ok and "σ′(z^L)" in fb.message
    fb = nb03.check_output_error(-delta)  # y − a
    assert not fb.ok and "sign" in fb.message
    fb = nb03.check_output_error(delta.ravel())  # right numbers, wrong shape
    assert not fb.ok and "shape" in fb.message
    assert not nb03.check_output_error(None).attempted


def test_average_gradient():
    net, X, Y = nb03.exercise_batch()

    def cost(b3):  # the mean quadratic cost as a function of b^3, by hand
        a = sigma(net.weights[1] @ sigma(net.weights[0] @ X + net.biases[0]) + b3)
        return 0.5 * np.sum((a - Y) ** 2) / X.shape[1]

    h, b3 = 1e-6, net.biases[1]
    fd = np.array([[(cost(b3 + h * e) - cost(b3 - h * e)) / (2 * h)]
                   for e in np.eye(2)[:, :, None]]).reshape(2, 1)
    assert nb03.check_average_gradient(fd).ok  # default rtol 1e-6 holds for this fd
    fb = nb03.check_average_gradient(3 * fd)  # summed, not averaged
    assert not fb.ok and "average (26)" in fb.message
    assert not nb03.check_average_gradient(-fd).ok
    assert not nb03.check_average_gradient(None).attempted


def test_multiplies():
    assert nb03.check_multiplies((90_000, 300)).ok
    assert nb03.check_multiplies((2500, 50), n=50).ok
    fb = nb03.check_multiplies((300, 300))
    assert not fb.ok and "zeros included" in fb.message
    assert not nb03.check_multiplies("lots").ok
    assert not nb03.check_multiplies(None).attempted
