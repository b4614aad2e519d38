"""bpcore.graph: evaluation, edge derivatives, three ways to a derivative, a network as a graph."""

import math

import numpy as np
import pytest

from bpcore import Network, numerical_gradient
from bpcore import graph as G
from bpcore.pathsum import count_paths


def example(sizes, seed):
    rng = np.random.default_rng(seed)
    return rng.standard_normal((sizes[0], 1)), rng.random((sizes[-1], 1))


def test_classic_graph_by_hand():
    # e = (a + b)(b + 1) at a = 2, b = 1: c = 3, d = 2, e = 6; ∂e/∂a = d = 2, ∂e/∂b = d + c = 5.
    nodes = G.classic_graph()
    values = G.evaluate(nodes, {"a": 2.0, "b": 1.0})
    assert (values["c"], values["d"], values["e"]) == (3.0, 2.0, 6.0)
    assert G.edge_derivatives(nodes, values) == {("a", "c"): 1.0, ("b", "c"): 1.0,
                                                 ("b", "d"): 1.0, ("c", "e"): 2.0,
                                                 ("d", "e"): 3.0}
    assert G.graph_paths(nodes, "b", "e") == [["b", "c", "e"], ["b", "d", "e"]]
    assert G.sum_over_paths(nodes, values, "a", "e") == 2.0
    assert G.sum_over_paths(nodes, values, "b", "e") == 5.0


@pytest.mark.parametrize("a, b", [(0.3, -1.7), (3.0, 0.5), (-2.0, 4.0)])
def test_three_ways_agree_with_finite_differences(a, b):
    nodes = G.classic_graph()
    values = G.evaluate(nodes, {"a": a, "b": b})
    h = 1e-6
    def e(a, b):
        return (a + b) * (b + 1)
    fd = {"a": (e(a + h, b) - e(a - h, b)) / (2 * h), "b": (e(a, b + h) - e(a, b - h)) / (2 * h)}
    reverse = G.reverse_mode(nodes, values, "e")
    for leaf in "ab":
        for got in (G.forward_mode(nodes, values, leaf)["e"], reverse[leaf],
                    G.sum_over_paths(nodes, values, leaf, "e")):
            np.testing.assert_allclose(got, fd[leaf], rtol=1e-7)


def test_mul_of_a_node_by_itself():
    # v = u·u has one input used twice: ∂v/∂u = 2u, counted once per use.
    nodes = [G.mul("v", "u", "u")]
    values = G.evaluate(nodes, {"u": 3.0})
    assert G.forward_mode(nodes, values, "u")["v"] == 6.0
    assert G.reverse_mode(nodes, values, "v")["u"] == 6.0


def test_network_graph_gives_the_gradient_both_ways():
    net = Network([2, 3, 2], seed=9)
    x, y = example([2, 3, 2], 9)
    nodes, leaves = G.network_graph(net, x, y)
    values = G.evaluate(nodes, leaves)
    np.testing.assert_allclose(values["C"], net.total_cost(x, y), rtol=1e-12)
    fd_b, fd_w = numerical_gradient(net, x, y)  # the independent reference
    adjoint = G.reverse_mode(nodes, values, "C")
    for l in (2, 3):
        for j, k in np.ndindex(net.weights[l - 2].shape):
            name = f"w{l}[{j},{k}]"
            np.testing.assert_allclose(adjoint[name], fd_w[l - 2][j, k], rtol=1e-6, atol=1e-10)
            np.testing.assert_allclose(G.forward_mode(nodes, values, name)["C"],
                                       fd_w[l - 2][j, k], rtol=1e-6, atol=1e-10)
        for j in range(net.sizes[l - 1]):
            np.testing.assert_allclose(adjoint[f"b{l}[{j}]"], fd_b[l - 2][j, 0],
                                       rtol=1e-6, atol=1e-10)
    # one edge per weight, per input activation of a z, per bias, per z → a, per a^L → C
    n_w = sum(w.size for w in net.weights)
    n_edges = 2 * n_w + 2 * sum(net.sizes[1:]) + net.sizes[-1]
    assert len(G.edge_derivatives(nodes, values)) == n_edges
    assert math.isclose(count_paths(net.sizes, 2), 2)
