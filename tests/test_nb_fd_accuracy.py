"""bpcore.nb.fd_accuracy: the error of finite differences against ε, and its model."""

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

import bpcore  # noqa: E402
from bpcore.nb import fd_accuracy  # noqa: E402


@pytest.fixture
def problem():
    """A seeded [3, 4, 2] network and 5 examples (notebook 10's small network)."""
    rng = np.random.default_rng(0)
    return bpcore.Network([3, 4, 2], seed=0), rng.standard_normal((3, 5)), rng.uniform(size=(2, 5))


def test_eps_errors_model_and_slopes(problem):
    net, X, Y = problem
    eps = np.logspace(-13, -1, 25)
    old = net.weights[0].copy()
    e = fd_accuracy.eps_errors(net, X, Y, eps, i=0, j=1, k=2)
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


def test_eps_errors_entries_are_the_differences_written_out(problem):
    net, X, Y = problem
    eps = 1e-4
    e = fd_accuracy.eps_errors(net, X, Y, [eps], i=1, j=0, k=3)
    w, c = net.weights[1], net.total_cost(X, Y)
    old = w[0, 3]
    w[0, 3] = old + eps
    up = net.total_cost(X, Y)
    w[0, 3] = old - eps
    down = net.total_cost(X, Y)
    w[0, 3] = old
    # the same arithmetic in the same order: equal to the last bit
    assert e.one_sided[0] == abs((up - c) / eps - e.exact)
    assert e.central[0] == abs((up - down) / (2 * eps) - e.exact)


def test_optimal_eps_against_brute_force():
    grid = np.logspace(-12, 0, 200_001)
    for a, b, power in [(0.5, 1e-16, 1), (0.05, 1e-16, 2), (3.0, 2e-15, 2)]:
        brute = grid[np.argmin(a * grid**power + b / grid)]
        assert fd_accuracy.optimal_eps(a, b, power) == pytest.approx(brute, rel=1e-3)


def test_eps_figure_marks_the_best_eps(problem):
    net, X, Y = problem
    e = fd_accuracy.eps_errors(net, X, Y, np.logspace(-12, -1, 12))
    fig = fd_accuracy.eps_figure(e)
    xs = sorted(line.get_xdata()[0] for line in fig.axes[0].lines
                if len(line.get_xdata()) == 2 and line.get_xdata()[0] == line.get_xdata()[1])
    assert xs == sorted([e.best("one_sided"), e.best("central")])
    # the axes say what is measured: the error of ∂C/∂w against the step ε, both on log scales
    ax = fig.axes[0]
    assert "ε" in ax.get_xlabel() and "error" in ax.get_ylabel()
    assert "∂C/∂w" in ax.get_title()
    assert "log scale" in ax.get_xlabel() and "log scale" in ax.get_ylabel()
