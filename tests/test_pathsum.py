"""bpcore.pathsum: the sum over paths (53) equals backprop; path counts; rate factors."""


import numpy as np
import pytest

from bpcore import Network, numerical_gradient, sigmoid, sigmoid_prime
from bpcore import pathsum as P


def example(sizes, seed):
    rng = np.random.default_rng(seed)
    return rng.standard_normal((sizes[0], 1)), rng.random((sizes[-1], 1))


@pytest.mark.parametrize("seed", range(6))
def test_path_sum_equals_backprop_on_random_networks(seed):
    # (53): for every weight, the sum of the path products is backprop's ∂C/∂w (BP4).
    rng = np.random.default_rng(100 + seed)
    sizes = [int(n) for n in rng.integers(1, 4, size=rng.integers(2, 5))]
    net = Network(sizes, seed=seed)
    x, y = example(sizes, seed)
    _, nabla_w = net.backprop(x, y)
    for l in range(2, len(sizes) + 1):
        for j, k in np.ndindex(net.weights[l - 2].shape):
            total = sum(p.product for p in P.weight_paths(net, x, y, l, j, k))
            np.testing.assert_allclose(total, nabla_w[l - 2][j, k], rtol=1e-10, atol=1e-15)


@pytest.mark.parametrize("activation, cost", [("tanh", "quadratic"),
                                              ("sigmoid", "cross_entropy")])
def test_path_sum_with_other_activation_and_cost(activation, cost):
    # Same identity for other σ and C, this time against finite differences.
    net = Network([2, 3, 2], activation=activation, cost=cost, seed=3)
    x, y = np.array([[0.3], [-0.8]]), np.array([[1.0], [0.0]])
    _, fd_w = numerical_gradient(net, x, y)
    for j, k in np.ndindex(3, 2):
        total = sum(p.product for p in P.weight_paths(net, x, y, 2, j, k))
        np.testing.assert_allclose(total, fd_w[0][j, k], rtol=1e-6, atol=1e-10)


@pytest.mark.parametrize("sizes", [[2, 3, 3, 2], [3, 1, 4, 2, 2], [1, 5], [4, 2, 3]])
def test_path_count_is_the_product_of_later_widths(sizes):
    net = Network(sizes, seed=0)
    x, y = example(sizes, 0)
    for l in range(2, len(sizes) + 1):
        closed_form = 1
        for n in sizes[l:]:  # layers l+1 … L
            closed_form *= n
        listed = P.weight_paths(net, x, y, l, 0, 0)
        assert len(listed) == closed_form == P.count_paths(sizes, l)
        assert len(set(p.neurons for p in listed)) == closed_form  # all different


def test_total_paths_by_enumeration():
    sizes = [2, 3, 2, 2]
    net = Network(sizes, seed=1)
    x, y = example(sizes, 1)
    listed = sum(len(P.weight_paths(net, x, y, l, j, k)) for l in range(2, 5)
                 for j, k in np.ndindex(net.weights[l - 2].shape))
    assert P.total_paths(sizes) == listed  # 6·4 + 6·2 + 4·1 = 40
    assert listed == 40


def test_path_factors_by_hand_on_a_linear_network():
    # Linear neurons, no biases: each path's product is a^{l-1}_k Π w (a^L − y).
    net = Network([2, 2, 2, 1], activation="identity", seed=4)
    net.biases = [0 * b for b in net.biases]
    w2, w3, w4 = net.weights
    x, y = np.array([[1.0], [-0.5]]), np.array([[0.25]])
    err = (w4 @ w3 @ w2 @ x)[0, 0] - y[0, 0]
    paths = P.weight_paths(net, x, y, 2, 0, 0)
    assert [p.neurons for p in paths] == [(0, 0, 0), (0, 1, 0)]
    np.testing.assert_allclose(paths[0].factors, [x[0, 0], w3[0, 0], w4[0, 0], err])
    np.testing.assert_allclose(paths[1].factors, [x[0, 0], w3[1, 0], w4[0, 1], err])
    assert paths[1].label() == "a^2_1 → a^3_2 → a^4_1 → C"


def test_sigmoid_rate_factors():
    net = Network([2, 2, 1], seed=5)
    x, y = example([2, 2, 1], 5)
    (w2, w3), (b2, b3) = net.weights, net.biases
    z2 = w2 @ x + b2
    z3 = w3 @ sigmoid(z2) + b3
    path = P.weight_paths(net, x, y, 2, 1, 0)[0]
    expected = [sigmoid_prime(z2[1, 0]) * x[0, 0], sigmoid_prime(z3[0, 0]) * w3[0, 1],
                sigmoid(z3[0, 0]) - y[0, 0]]
    np.testing.assert_allclose(path.factors, expected, rtol=1e-12)


def test_weight_paths_rejects_bad_indices():
    net = Network([2, 3, 1], seed=0)
    x, y = example([2, 3, 1], 0)
    with pytest.raises(ValueError, match="l must be"):
        P.weight_paths(net, x, y, 1, 0, 0)
    with pytest.raises(ValueError, match="no entry"):
        P.weight_paths(net, x, y, 2, 3, 0)


def test_with_weight_changes_one_entry_and_leaves_the_original():
    net = Network([2, 3, 2], seed=2)
    before = [w.copy() for w in net.weights]
    new = P.with_weight(net, 3, 1, 2, 0.5)
    diff = [a - b for a, b in zip(new.weights, before, strict=True)]
    assert np.isclose(diff[1][1, 2], 0.5) and np.count_nonzero(diff[1]) == 1 and not diff[0].any()
    assert all(np.array_equal(a, b) for a, b in zip(net.weights, before, strict=True))
    assert all(np.array_equal(a, b) for a, b in zip(net.biases, new.biases, strict=True))
