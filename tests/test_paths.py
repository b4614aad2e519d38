"""bpcore.paths: the sum over paths (53) equals backprop; path counts; the graph evaluator."""

import math

import numpy as np
import pytest

from bpcore import Network, numerical_gradient, sigmoid, sigmoid_prime
from bpcore import paths as P


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


def test_backprop_multiplies_by_hand():
    # [2, 3, 1]: feedforward 2·3 + 3·1 = 9, BP2 (w^3)^T δ^3 = 3, BP4 = 9.
    assert P.backprop_multiplies([2, 3, 1]) == 21
    # grows linearly with depth at fixed width, unlike the path count
    assert P.backprop_multiplies([10] * 12) - P.backprop_multiplies([10] * 11) == 300


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


def test_numerical_jacobian_of_a_linear_and_a_sigmoid_layer():
    rng = np.random.default_rng(7)
    w, a = rng.standard_normal((3, 2)), rng.standard_normal((2, 1))
    np.testing.assert_allclose(P.numerical_jacobian(lambda v: w @ v, a), w, rtol=1e-8)
    J = P.numerical_jacobian(lambda v: sigmoid(w @ v), a)
    np.testing.assert_allclose(J, sigmoid_prime(w @ a) * w, rtol=1e-7, atol=1e-9)


def test_classic_graph_by_hand():
    # e = (a + b)(b + 1) at a = 2, b = 1: c = 3, d = 2, e = 6; ∂e/∂a = d = 2, ∂e/∂b = d + c = 5.
    nodes = P.classic_graph()
    values = P.evaluate(nodes, {"a": 2.0, "b": 1.0})
    assert (values["c"], values["d"], values["e"]) == (3.0, 2.0, 6.0)
    assert P.edge_derivatives(nodes, values) == {("a", "c"): 1.0, ("b", "c"): 1.0,
                                                 ("b", "d"): 1.0, ("c", "e"): 2.0,
                                                 ("d", "e"): 3.0}
    assert P.graph_paths(nodes, "b", "e") == [["b", "c", "e"], ["b", "d", "e"]]
    assert P.sum_over_paths(nodes, values, "a", "e") == 2.0
    assert P.sum_over_paths(nodes, values, "b", "e") == 5.0


@pytest.mark.parametrize("a, b", [(0.3, -1.7), (3.0, 0.5), (-2.0, 4.0)])
def test_three_ways_agree_with_finite_differences(a, b):
    nodes = P.classic_graph()
    values = P.evaluate(nodes, {"a": a, "b": b})
    h = 1e-6
    def e(a, b):
        return (a + b) * (b + 1)
    fd = {"a": (e(a + h, b) - e(a - h, b)) / (2 * h), "b": (e(a, b + h) - e(a, b - h)) / (2 * h)}
    reverse = P.reverse_mode(nodes, values, "e")
    for leaf in "ab":
        for got in (P.forward_mode(nodes, values, leaf)["e"], reverse[leaf],
                    P.sum_over_paths(nodes, values, leaf, "e")):
            np.testing.assert_allclose(got, fd[leaf], rtol=1e-7)


def test_mul_of_a_node_by_itself():
    # v = u·u has one input used twice: ∂v/∂u = 2u, counted once per use.
    nodes = [P.mul("v", "u", "u")]
    values = P.evaluate(nodes, {"u": 3.0})
    assert P.forward_mode(nodes, values, "u")["v"] == 6.0
    assert P.reverse_mode(nodes, values, "v")["u"] == 6.0


def test_network_graph_gives_the_gradient_both_ways():
    net = Network([2, 3, 2], seed=9)
    x, y = example([2, 3, 2], 9)
    nodes, leaves = P.network_graph(net, x, y)
    values = P.evaluate(nodes, leaves)
    np.testing.assert_allclose(values["C"], net.total_cost(x, y), rtol=1e-12)
    fd_b, fd_w = numerical_gradient(net, x, y)  # the independent reference
    adjoint = P.reverse_mode(nodes, values, "C")
    for l in (2, 3):
        for j, k in np.ndindex(net.weights[l - 2].shape):
            name = f"w{l}[{j},{k}]"
            np.testing.assert_allclose(adjoint[name], fd_w[l - 2][j, k], rtol=1e-6, atol=1e-10)
            np.testing.assert_allclose(P.forward_mode(nodes, values, name)["C"],
                                       fd_w[l - 2][j, k], rtol=1e-6, atol=1e-10)
        for j in range(net.sizes[l - 1]):
            np.testing.assert_allclose(adjoint[f"b{l}[{j}]"], fd_b[l - 2][j, 0],
                                       rtol=1e-6, atol=1e-10)
    # one edge per weight, per input activation of a z, per bias, per z → a, per a^L → C
    n_w = sum(w.size for w in net.weights)
    n_edges = 2 * n_w + 2 * sum(net.sizes[1:]) + net.sizes[-1]
    assert len(P.edge_derivatives(nodes, values)) == n_edges
    assert math.isclose(P.count_paths(net.sizes, 2), 2)
