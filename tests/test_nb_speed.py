"""Tests of bpcore.nb.speed: counting, finite differences, the ε sweep and the figures.

No assertion depends on how fast anything ran: timings are only checked for shape and sign.
"""

import numpy as np
import pytest

import bpcore
from bpcore.nb import speed


def small_problem(sizes=(3, 4, 2), m=5, seed=0):
    rng = np.random.default_rng(seed)
    net = speed.CountingNetwork(list(sizes), seed=seed)
    return net, rng.standard_normal((sizes[0], m)), rng.uniform(size=(sizes[-1], m))


def test_best_time_calls_fn_repeats_times_number():
    calls = []
    t = speed.best_time(lambda: calls.append(1), repeats=4, number=3)
    assert len(calls) == 12  # every call is made, none skipped
    assert t >= 0.0


@pytest.mark.parametrize("repeats, number", [(0, 1), (1, 0)])
def test_best_time_rejects_empty_runs(repeats, number):
    with pytest.raises(ValueError):
        speed.best_time(lambda: None, repeats, number)


def test_parameter_count_hand_worked_and_against_network():
    # [2, 3, 1]: w^2 is 3×2 plus 3 biases, w^3 is 1×3 plus 1 bias → 6 + 3 + 3 + 1 = 13
    assert speed.parameter_count([2, 3, 1]) == 13
    net = bpcore.Network([784, 30, 10], seed=0)
    assert speed.parameter_count(net.sizes) == sum(p.size for p in net.weights + net.biases)


def test_flop_counts_hand_worked():
    # [2, 3, 1]: forward w^2 a (3·2) + w^3 a (1·3) = 9; backward BP2 only through w^3 (3)
    # plus the BP4 outer products 3·2 + 1·3 = 9 → 12.
    assert speed.forward_flops([2, 3, 1]) == 9
    assert speed.backward_flops([2, 3, 1]) == 12
    assert speed.forward_flops([2, 3, 1], m=4) == 36
    assert speed.backward_flops([2, 3, 1], m=4) == 48


def test_counting_network_counts_forward_passes():
    net, X, Y = small_problem()
    P = speed.parameter_count(net.sizes)
    speed.one_sided_gradient(net, X, Y)
    assert net.forward_passes == P + 1  # C(w) once, then C(w + ε e_j) per parameter
    net.forward_passes = 0
    bpcore.numerical_gradient(net, X, Y)
    assert net.forward_passes == 2 * P  # C(w ± ε e_j) per parameter
    net.forward_passes = 0
    net.backprop_batch(X, Y)
    assert net.forward_passes == 0  # backprop never evaluates the cost


def test_one_sided_gradient_matches_backprop_and_restores_parameters():
    net, X, Y = small_problem()
    before = [p.copy() for p in net.weights + net.biases]
    gb, gw = speed.one_sided_gradient(net, X, Y, eps=1e-6)
    for p, q in zip(net.weights + net.biases, before, strict=True):
        np.testing.assert_array_equal(p, q)
    bb, bw = net.backprop_batch(X, Y)
    # truncation error ~ |C''| ε / 2 ≈ 1e-7 relative at most here; rounding ~ 1e-10
    assert bpcore.rel_error(gb + gw, bb + bw) < 1e-5


def test_one_sided_gradient_entry_is_eq_46_by_hand():
    net, X, Y = small_problem()
    eps = 1e-4
    c = net.total_cost(X, Y)
    w = net.weights[1]
    w[1, 2] += eps
    by_hand = (net.total_cost(X, Y) - c) / eps
    w[1, 2] -= eps
    _, gw = speed.one_sided_gradient(net, X, Y, eps=eps)
    assert gw[1][1, 2] == pytest.approx(by_hand, rel=1e-9)


def test_eps_errors_model_and_slopes():
    net, X, Y = small_problem()
    eps = np.logspace(-13, -1, 25)
    old = net.weights[0].copy()
    e = speed.eps_errors(net, X, Y, eps, i=0, j=1, k=2)
    np.testing.assert_array_equal(net.weights[0], old)  # the weight is put back
    assert e.exact == pytest.approx(net.backprop_batch(X, Y)[1][0][1, 2], rel=1e-12)
    assert e.cost == pytest.approx(net.total_cost(X, Y), rel=1e-12)
    # C'' independently, by a second difference of the cost itself
    h, w = 1e-3, net.weights[0]
    w[1, 2] += h
    c_plus = net.total_cost(X, Y)
    w[1, 2] -= 2 * h
    c_minus = net.total_cost(X, Y)
    w[1, 2] += h
    d2 = (c_plus - 2 * e.cost + c_minus) / h**2
    assert e.d2 == pytest.approx(d2, rel=1e-3)
    # on the right, truncation dominates: slope 1 (one-sided) and 2 (central), as Taylor says
    right = eps >= 1e-3
    slope_one = np.polyfit(np.log10(eps[right]), np.log10(e.one_sided[right]), 1)[0]
    slope_cen = np.polyfit(np.log10(eps[right]), np.log10(e.central[right]), 1)[0]
    assert slope_one == pytest.approx(1.0, abs=0.1)
    assert slope_cen == pytest.approx(2.0, abs=0.1)
    # U shape: the best central error beats the best one-sided error, and both beat the ends
    assert e.central.min() < e.one_sided.min() < min(e.one_sided[0], e.one_sided[-1])
    assert e.best("central") == eps[np.argmin(e.central)]


def test_optimal_eps_against_brute_force():
    grid = np.logspace(-12, 0, 200_001)
    for a, b, power in [(0.5, 1e-16, 1), (0.05, 1e-16, 2), (3.0, 2e-15, 2)]:
        brute = grid[np.argmin(a * grid**power + b / grid)]
        assert speed.optimal_eps(a, b, power) == pytest.approx(brute, rel=1e-3)


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


def test_fd_timing_figure_labels_the_ratios():
    t = speed.FDTiming([[2, 3, 1]], np.array([13, 100]), np.array([1e-3, 1e-2]),
                       np.array([1e-4, 1e-4]))
    fig = speed.fd_timing_figure(t)
    texts = [a.get_text() for a in fig.axes[0].texts]
    assert texts == ["10×", "100×"]


def test_eps_figure_marks_the_best_eps():
    net, X, Y = small_problem()
    e = speed.eps_errors(net, X, Y, np.logspace(-12, -1, 12))
    fig = speed.eps_figure(e)
    xs = sorted(line.get_xdata()[0] for line in fig.axes[0].lines
                if len(line.get_xdata()) == 2 and line.get_xdata()[0] == line.get_xdata()[1])
    assert xs == sorted([e.best("one_sided"), e.best("central")])
