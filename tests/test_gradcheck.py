"""rel_error, numerical_gradient and gradient_check."""

import numpy as np
import pytest

from bpcore import Cost, Network, gradient_check, numerical_gradient, rel_error
from bpcore.costs import quadratic


def test_rel_error_basics():
    a = np.array([1.0, -2.0, 3.0])
    b = np.array([1.0, -2.0, 3.5])
    assert rel_error(a, a) == 0.0
    assert rel_error(np.zeros(3), np.zeros(3)) == 0.0
    assert rel_error(a, b) == rel_error(b, a)
    # ‖a − b‖ / (‖a‖ + ‖b‖) = 0.5 / (√14 + √(1 + 4 + 12.25))
    assert rel_error(a, b) == pytest.approx(0.5 / (np.sqrt(14) + np.sqrt(17.25)), rel=1e-14)
    assert rel_error(a, -a) == pytest.approx(1.0)
    assert rel_error(a, np.zeros(3)) == pytest.approx(1.0)
    assert rel_error(a, 1.001 * a) == pytest.approx(0.001 / 2.001, rel=1e-9)


def test_rel_error_of_lists_concatenates_entries():
    p = [np.array([[3.0]]), np.array([[0.0, 4.0]])]
    q = [np.array([[3.0]]), np.array([[0.0, 4.0 + 1e-3]])]
    flat_p, flat_q = np.array([3.0, 0.0, 4.0]), np.array([3.0, 0.0, 4.001])
    assert rel_error(p, q) == pytest.approx(rel_error(flat_p, flat_q), rel=1e-14)
    assert rel_error(p, q) == pytest.approx(1e-3 / (5.0 + np.sqrt(9 + 4.001**2)), rel=1e-12)
    assert rel_error(tuple(p), tuple(p)) == 0.0


def test_rel_error_shape_mismatch():
    with pytest.raises(ValueError, match="3 and 2 entries"):
        rel_error(np.zeros(3), np.zeros(2))
    with pytest.raises(ValueError, match="3 and 4 entries"):
        rel_error([np.zeros((1, 1)), np.zeros(2)], [np.zeros((2, 2))])


def test_numerical_gradient_of_a_known_function():
    """A 1-1 identity network with quadratic cost: C = ½(w x + b − y)², so
    ∂C/∂w = (w x + b − y) x and ∂C/∂b = w x + b − y exactly."""
    net = Network([1, 1], activation="identity", seed=0)
    net.weights, net.biases = [np.array([[2.0]])], [np.array([[0.5]])]
    x, y = np.array([[3.0]]), np.array([[1.0]])
    fb, fw = numerical_gradient(net, x, y)
    r = 2.0 * 3.0 + 0.5 - 1.0
    assert fb[0][0, 0] == pytest.approx(r, rel=1e-9)
    assert fw[0][0, 0] == pytest.approx(r * 3.0, rel=1e-9)


def test_numerical_gradient_restores_parameters():
    net = Network([3, 4, 2], seed=1)
    before = [p.copy() for p in net.weights + net.biases]
    ids = [id(p) for p in net.weights + net.biases]
    X = np.random.default_rng(0).uniform(-1, 1, (3, 5))
    Y = np.random.default_rng(1).uniform(0, 1, (2, 5))
    cost_before = net.total_cost(X, Y)
    fb, fw = numerical_gradient(net, X, Y)
    for p, q in zip(net.weights + net.biases, before, strict=True):
        np.testing.assert_array_equal(p, q)
    assert [id(p) for p in net.weights + net.biases] == ids
    assert net.total_cost(X, Y) == cost_before
    assert [g.shape for g in fb] == [b.shape for b in net.biases]
    assert [g.shape for g in fw] == [w.shape for w in net.weights]


def test_numerical_gradient_rejects_bad_eps():
    net = Network([2, 1], seed=0)
    with pytest.raises(ValueError, match="eps must be positive; got 0"):
        numerical_gradient(net, np.zeros((2, 1)), np.zeros((1, 1)), eps=0)


@pytest.fixture
def data():
    rng = np.random.default_rng(5)
    return rng.uniform(-1, 1, (3, 4)), rng.uniform(0, 1, (2, 4))


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "identity"])
def test_gradient_check_small_for_correct_network(activation, data):
    net = Network([3, 4, 2], activation=activation, seed=2)
    assert gradient_check(net, *data) < 1e-7


def test_gradient_check_large_for_wrong_gradient(data, monkeypatch):
    net = Network([3, 4, 2], seed=2)

    def wrong_grad(a, y):  # forgot the sign: y − a instead of a − y
        return y - a

    monkeypatch.setattr(net, "cost", Cost("quadratic-wrong", quadratic, wrong_grad))
    assert gradient_check(net, *data) > 1e-2


def test_gradient_check_catches_a_small_error(data, monkeypatch):
    net = Network([3, 4, 2], seed=2)

    def slightly_wrong_grad(a, y):  # a 1% error in ∇_a C
        return 1.01 * (a - y)

    monkeypatch.setattr(net, "cost", Cost("quadratic-1%", quadratic, slightly_wrong_grad))
    err = gradient_check(net, *data)
    assert 1e-3 < err < 1e-2  # 1.01 g vs g: relative error 0.01 / 2.01 ≈ 0.005


def test_gradient_check_reports_the_worst_parameter(data, monkeypatch):
    """One wrong entry in one layer is enough: the check takes the maximum over layers."""
    net = Network([3, 4, 5, 2], seed=2)
    right = net.backprop_batch

    def one_layer_wrong(X, Y):
        nb, nw = right(X, Y)
        nw[1] = 2.0 * nw[1]  # ∂C/∂w^3 doubled: relative error (2 − 1) / (2 + 1) = 1/3
        return nb, nw

    monkeypatch.setattr(net, "backprop_batch", one_layer_wrong)
    assert gradient_check(net, *data) == pytest.approx(1 / 3, rel=1e-6)
