"""Exercise checks of notebook 11: right → ok, typical wrong → hint, placeholder → not attempted."""

import numpy as np

from bpcore import numerical_gradient
from bpcore.exercises import nb11


def test_path_count():
    assert nb11.check_path_count(20 * 10).ok
    assert nb11.check_path_count(200.0).ok
    wrong = nb11.check_path_count(30 * 20 * 10)  # counted layer 2 as a choice too
    assert not wrong.ok and wrong.attempted and "count the ways" in wrong.message
    assert not nb11.check_path_count(None).attempted


def test_graph_derivatives():
    a, b = 3.0, 0.5
    # e = (a + b)(b + 1): ∂e/∂a = b + 1, ∂e/∂b = (b + 1) + (a + b), by hand
    assert nb11.check_graph_derivatives((b + 1, (b + 1) + (a + b))).ok
    wrong = nb11.check_graph_derivatives((b + 1, b + 1))  # only the path through c
    assert not wrong.ok and "along two" in wrong.message
    assert not nb11.check_graph_derivatives(None).attempted


def test_two_paths():
    net, x, y = nb11.linear_network()
    assert not any(b.any() for b in net.biases)
    _, fd_w = numerical_gradient(net, x, y)  # independent: finite differences
    assert nb11.check_two_paths(fd_w[0][0, 0]).ok
    w2, w3, w4 = net.weights
    err = (w4 @ w3 @ w2 @ x)[0, 0] - y[0, 0]
    one_path = x[0, 0] * w3[0, 0] * w4[0, 0] * err
    wrong = nb11.check_two_paths(one_path)
    assert not wrong.ok and "needs both" in wrong.message
    assert not nb11.check_two_paths(None).attempted
    assert not np.isclose(one_path, fd_w[0][0, 0])  # the wrong answer really is wrong


def test_sweeps():
    assert nb11.check_sweeps(784 * 30 + 30 + 30 * 10 + 10).ok  # 23,860 parameters
    wrong = nb11.check_sweeps(784 * 30 + 30 * 10)  # weights only, biases forgotten
    assert not wrong.ok and "every bias" in wrong.message
    assert not nb11.check_sweeps(None).attempted
