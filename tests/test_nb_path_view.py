"""bpcore.nb.path_view and graph_view, headless: the path view shows the right path and
product; the figures' data match counts worked out independently."""

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from bpcore import Network, sigmoid, sigmoid_prime  # noqa: E402
from bpcore.nb import graph_view  # noqa: E402
from bpcore.nb import path_view as V  # noqa: E402
from tests.live_canvas import frames_after, ipympl_backend, open_view  # noqa: E402


@pytest.fixture
def small():
    net = Network([2, 3, 3, 2], seed=11)
    rng = np.random.default_rng(11)
    return net, rng.random((2, 1)), rng.random((2, 1))


def product_by_hand(net, x, y, j, k, q, m):
    """The product of rate factors along w^2_jk → a^2_j → a^3_q → a^4_m → C (0-based)."""
    (w2, w3, w4), (b2, b3, b4) = net.weights, net.biases
    z2 = w2 @ x + b2
    z3 = w3 @ sigmoid(z2) + b3
    z4 = w4 @ sigmoid(z3) + b4
    return (sigmoid_prime(z2[j, 0]) * x[k, 0] * sigmoid_prime(z3[q, 0]) * w3[q, j]
            * sigmoid_prime(z4[m, 0]) * w4[m, q] * (sigmoid(z4[m, 0]) - y[m, 0]))


def test_path_view_shows_each_path(small):
    net, x, y = small
    view = V.path_view(net, x, y, 2, 1, 0)
    assert len(view.controls["path"].options) == 6
    grads = net.backprop(x, y)[1][0][1, 0]
    for i, (q, m) in enumerate(np.ndindex(3, 2)):  # the enumeration order: q, then m
        view.controls["path"].value = i
        expected = product_by_hand(net, x, y, 1, 0, q, m)
        np.testing.assert_allclose(view.product, expected, rtol=1e-12)
        text = view.readout.value
        assert f"a^2_2 → a^3_{q + 1} → a^4_{m + 1} → C" in text
        assert f"<b>{expected:.4e}</b>" in text
        assert f"backprop's ∂C/∂w<sup>2</sup><sub>21</sub>: {grads:.6g}" in text  # 1-based
        # highlighted: the weight's edge (orange) and the 3 steps after it (red), nothing else
        edges = [((1, 0), (2, 1)), ((2, 1), (3, q)), ((3, q), (4, m)), ((4, m), ("C", 0))]
        assert view.highlighted == edges
        assert view.weight_line.get_color() == V.ORANGE and view.path_line.get_color() == V.RED
        drawn = [np.column_stack(view.weight_line.get_data())]
        drawn += np.split(np.column_stack(view.path_line.get_data()), [3, 6])  # NaN-separated
        for (u, v), points in zip(edges, drawn, strict=True):
            a, b = np.array(view.pos[u]), np.array(view.pos[v])
            p0, p1 = points[0], points[1]
            # each segment lies on its edge, between the two neurons, stopping short of both
            for p in (p0, p1):
                d, e = b - a, p - a
                assert d[0] * e[1] - d[1] * e[0] == pytest.approx(0, abs=1e-9)
            assert 0 < np.dot(p0 - a, b - a) < np.dot(p1 - a, b - a) < np.dot(b - a, b - a)


def test_path_view_sum_matches_backprop_in_readout(small):
    net, x, y = small
    view = V.path_view(net, x, y, 3, 2, 1)  # a weight of layer 3: 2 paths
    assert len(view.paths) == 2
    total = sum(p.product for p in view.paths)
    assert f"sum over all 2 paths (53): {total:.6g}" in view.readout.value
    np.testing.assert_allclose(total, view.backprop, rtol=1e-10)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # inside ipympl's Toolbar
def test_choosing_a_path_repaints_only_the_path(small):
    net, x, y = small
    with ipympl_backend():
        view = V.path_view(net, x, y, 2, 1, 0)
        open_view(view.figure)
        for i in (3, 5, 0):
            assert frames_after(view.figure, view.controls["path"], i) == (0, 1)


def texts(fig):
    return [t.get_text() for ax in fig.axes for t in ax.texts]


def test_graph_figure_values_and_edge_derivatives():
    shown = texts(graph_view.graph_figure(2.0, 1.0))
    # c = 3, d = 2, e = 6; ∂e/∂c = d = 2, ∂e/∂d = c = 3; the other edges are 1
    for s in ("c = a + b\n= 3", "d = b + 1\n= 2", "e = c · d\n= 6", "∂e/∂c = 2", "∂e/∂d = 3",
              "∂c/∂a = 1", "∂c/∂b = 1", "∂d/∂b = 1"):
        assert s in shown
    shown = texts(graph_view.graph_figure(3.0, 0.5))
    assert "∂e/∂c = 1.5" in shown and "∂e/∂d = 3.5" in shown


def test_path_count_figure_data():
    fig, data = V.path_count_figure(width=4, max_hidden=5, depth=2, max_width=6)
    for h, paths, bp in zip(data["hidden"], data["paths_depth"], data["bp_depth"], strict=True):
        n_layers = h + 2  # all layers of width 4
        # a weight of layer l has 4^{L-l} paths; each layer has 16 weights
        assert paths == sum(16 * 4 ** (n_layers - l) for l in range(2, n_layers + 1))
        # (h+1) weight matrices, used twice (feedforward, BP4), plus h for BP2
        assert bp == (3 * h + 2) * 16
    n = data["widths"]
    np.testing.assert_array_equal(data["paths_width"], n**2 * (n**2 + n + 1))  # n²·(n² + n + 1)
    ax0, ax1 = fig.axes
    np.testing.assert_array_equal(ax0.lines[0].get_ydata(), data["paths_depth"])
    np.testing.assert_array_equal(ax1.lines[1].get_ydata(), data["bp_width"])
    assert ax0.get_yscale() == "log"


def test_power_of_ten_labels():
    assert V.power_of_ten(1e6) == "10⁶"
    assert V.power_of_ten(1.0) == "10⁰"
    assert V.power_of_ten(3e4) == ""
