"""The checks of notebook 06's exercises: right → ok, typical wrong → hint, None → not attempted.

Right answers come from the proofs' own reasoning (∂z/∂b = 1, ∂z/∂w = a_in) and from
bpcore.numerical_gradient (finite differences), not from the checks' code.
"""

import numpy as np

import bpcore
from bpcore import sigmoid_prime
from bpcore.exercises import nb06


def _fd():
    net, x, y = nb06.setup()
    return bpcore.numerical_gradient(net, x, y)


def test_bp3():
    fd_b, _ = _fd()
    right_dz_db, right_nabla_b = np.ones((3, 1)), fd_b[1]
    assert nb06.check_bp3(right_dz_db, right_nabla_b).ok
    fb = nb06.check_bp3(np.zeros((3, 1)), right_nabla_b)  # "b is a constant" slip
    assert not fb.ok and "grows by one" in fb.message
    fb = nb06.check_bp3(right_dz_db, fd_b[0])  # δ^2 in place of δ^3
    assert not fb.ok and "∂C/∂b³" in fb.message
    fb = nb06.check_bp3(right_dz_db, None)  # half done: attempted, and told what is missing
    assert not fb.ok and fb.attempted and "placeholder" in fb.message
    assert not nb06.check_bp3(None, None).attempted


def test_bp4():
    net, x, _ = nb06.setup()
    _, fd_w = _fd()
    a2 = net.forward(x)[1][1]
    right = np.ones((3, 1)) @ a2.T
    assert nb06.check_bp4(right, fd_w[1]).ok
    fb = nb06.check_bp4(np.ones((3, 1)) @ np.ones((1, 4)), fd_w[1])  # forgot a^{l-1}
    assert not fb.ok and "a^{l−1}_k" in fb.message
    fb = nb06.check_bp4(right, fd_w[1].T)
    assert not fb.ok and "shape" in fb.message
    assert not nb06.check_bp4(None, None).attempted


def test_sigma_prime_matrix():
    net, x, _ = nb06.setup()
    s = sigmoid_prime(net.forward(x)[0][-1]).ravel()
    assert nb06.check_sigma_prime_matrix(np.array([[s[0], 0.0], [0.0, s[1]]])).ok
    fb = nb06.check_sigma_prime_matrix(s.reshape(-1, 1))  # the vector, not the matrix
    assert not fb.ok and "diagonal" in fb.message
    assert not nb06.check_sigma_prime_matrix(None).attempted


def test_matrix_deltas():
    fd_b, _ = _fd()  # δ^l = ∂C/∂b^l by BP3; here measured by finite differences
    assert nb06.check_matrix_deltas(fd_b).ok
    fb = nb06.check_matrix_deltas(fd_b[::-1])  # listed from the output backward
    assert not fb.ok and "starts at layer 2" in fb.message
    assert not nb06.check_matrix_deltas(None).attempted


def test_component_forms():
    net, x, y = nb06.setup()
    fd_b, _ = _fd()
    assert nb06.check_component_forms(fd_b[2], fd_b[1]).ok
    zs, _ = net.forward(x)
    no_sigma_prime = net.weights[2].T @ fd_b[2]  # forgot ∂a^l_j/∂z^l_j
    fb = nb06.check_component_forms(fd_b[2], no_sigma_prime)
    assert not fb.ok and "σ′(z^l_j)" in fb.message
    fb = nb06.check_component_forms(fd_b[2] / sigmoid_prime(zs[-1]), fd_b[1])  # ∂C/∂a only
    assert not fb.ok and "δ^L" in fb.message
    half = nb06.check_component_forms(fd_b[2], None)
    assert not half.ok and half.attempted and "placeholder" in half.message
