"""Tests of bpcore.nb.speed: counting forward passes, the timings and their figures.

No assertion depends on how fast anything ran: timings are only checked for shape and sign.
"""

import numpy as np

import bpcore
from bpcore.nb import speed


def small_problem(sizes=(3, 4, 2), m=5, seed=0):
    rng = np.random.default_rng(seed)
    net = speed.CountingNetwork(list(sizes), seed=seed)
    return net, rng.standard_normal((sizes[0], m)), rng.uniform(size=(sizes[-1], m))


def test_counting_network_counts_forward_passes():
    net, X, Y = small_problem()
    P = 4 * 3 + 4 + 2 * 4 + 2  # weights and biases of [3, 4, 2], counted by hand
    bpcore.numerical_gradient(net, X, Y, scheme="forward")
    assert net.forward_passes == P + 1  # C(w) once, then C(w + ε e_j) per parameter
    net.forward_passes = 0
    bpcore.numerical_gradient(net, X, Y)
    assert net.forward_passes == 2 * P  # C(w ± ε e_j) per parameter
    net.forward_passes = 0
    net.total_cost(X, Y)
    assert net.forward_passes == 1
    net.forward_passes = 0
    net.backprop_batch(X, Y)
    assert net.forward_passes == 0  # backprop never evaluates the cost


def test_counting_network_computes_the_same_costs_and_gradients():
    net, X, Y = small_problem()
    plain = bpcore.Network([3, 4, 2], seed=0)
    assert net.total_cost(X, Y) == plain.total_cost(X, Y)
    for a, b in zip(sum(net.backprop_batch(X, Y), []), sum(plain.backprop_batch(X, Y), []),
                    strict=True):
        np.testing.assert_array_equal(a, b)


def test_timing_helpers_shapes():
    net, X, Y = small_problem(m=8)
    s = speed.time_loop_vs_matrix(net, X, Y, [1, 2, 8], repeats=1)
    assert s.t_loop.shape == s.t_matrix.shape == (3,)
    assert np.all(s.t_loop > 0) and np.all(s.t_matrix > 0)
    np.testing.assert_allclose(s.ratio, s.t_loop / s.t_matrix)
    t = speed.time_fd_vs_backprop([[2, 3, 1], [3, 4, 2]], m=3, repeats=1)
    assert list(t.P) == [13, 26]
    assert np.all(t.t_fd > 0) and np.all(t.t_bp > 0)


def test_speedup_figure_draws_the_numbers_given():
    s = speed.Speedup(np.array([1, 10, 100]), np.array([1e-4, 1e-3, 1e-2]),
                      np.array([1e-4, 2e-4, 5e-4]))
    fig = speed.speedup_figure(s)
    ax_t, ax_r = fig.axes
    np.testing.assert_allclose(ax_t.lines[0].get_ydata(), [0.1, 1.0, 10.0])  # ms
    np.testing.assert_allclose(ax_r.lines[0].get_ydata(), [1.0, 5.0, 20.0])
    np.testing.assert_allclose(ax_r.lines[1].get_ydata(), [2.0, 2.0])  # the book's 2×
    # the axes say what is measured, in which unit, on which scale
    assert "time" in ax_t.get_ylabel() and "(ms" in ax_t.get_ylabel()
    assert all("log scale" in label for label in (ax_t.get_xlabel(), ax_t.get_ylabel(),
                                                  ax_r.get_xlabel()))
    assert "÷" in ax_r.get_ylabel()  # a ratio of two times: no unit


def test_fd_timing_figure_labels_the_ratios():
    t = speed.FDTiming([[2, 3, 1]], np.array([13, 100]), np.array([1e-3, 1e-2]),
                       np.array([1e-4, 1e-4]))
    fig = speed.fd_timing_figure(t)
    texts = [a.get_text() for a in fig.axes[0].texts]
    assert texts == ["10×", "100×"]
    ax = fig.axes[0]
    assert "time" in ax.get_ylabel() and "(s" in ax.get_ylabel()  # seconds, as drawn
    assert "P" in ax.get_xlabel() and "log scale" in ax.get_xlabel()
