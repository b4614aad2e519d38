"""The gradient-descent widget and the SGD spread helpers, without a kernel."""

import numpy as np
import pytest

from bpcore.nb import gd
from tests.live_canvas import frames_after, ipympl_backend, open_view


def by_hand(v0, eta, steps):
    """Independent closed form: each step multiplies v1 by (1 − 2η) and v2 by (1 − 6η)."""
    t = np.arange(steps + 1)
    v1 = v0[0] * (1 - 2 * eta) ** t
    v2 = v0[1] * (1 - 6 * eta) ** t
    return np.column_stack([v1, v2]), v1**2 + 3 * v2**2


def test_gradient_matches_finite_differences():
    v, h = np.array([0.7, -1.3]), 1e-6
    fd = [(gd.valley_cost(*(v + h * e)) - gd.valley_cost(*(v - h * e))) / (2 * h)
          for e in np.eye(2)]
    np.testing.assert_allclose(gd.valley_grad(v), fd, rtol=1e-7)


def test_widget_trajectory_and_readout_follow_the_sliders():
    w = gd.gd_widget(eta=0.1, v0=(-2.5, 1.5), steps=20)
    for eta, status in ((0.1, "converged"), (0.3, "overshot"), (0.36, "diverged"),
                        (0.02, "crawling")):
        c = w.controls
        c["eta"].value = eta
        path, costs = by_hand((c["v1"].value, c["v2"].value), eta, c["steps"].value)
        np.testing.assert_allclose(w.trajectory, path, rtol=1e-12)
        np.testing.assert_allclose(w.costs, costs, rtol=1e-12)
        assert w.status == status
        assert f"<b>{costs[-1]:.4g}</b>" in w.readout.value
        assert f"η = {eta:.2f}" in w.readout.value
        # The drawn line is the trajectory.
        np.testing.assert_allclose(np.column_stack(w.path_line.get_data()), path)


def test_start_point_and_steps_sliders():
    w = gd.gd_widget()
    c = w.controls
    c["v1"].value, c["v2"].value, c["steps"].value = 1.0, -0.5, 7
    path, costs = by_hand((1.0, -0.5), c["eta"].value, 7)
    np.testing.assert_allclose(w.trajectory, path, rtol=1e-12)
    assert len(w.cost_line.get_xdata()) == 8
    assert w.final_cost == pytest.approx(costs[-1], rel=1e-12)


def test_overshoot_counts_steps_past_the_floor():
    # For 1/6 < η < 1/3 the v2 coordinate flips sign every step: every step overshoots.
    path, _ = by_hand((-2.5, 1.5), 0.25, 10)
    assert gd.count_overshoots(path) == 10
    path, _ = by_hand((-2.5, 1.5), 0.1, 10)
    assert gd.count_overshoots(path) == 0


def test_divergence_stops_before_overflow():
    traj, costs = gd.descend((1.0, 1.0), 1.0, 1000)
    assert np.all(np.isfinite(costs)) and costs[-1] >= gd.BLOW_UP and len(costs) < 1001


def test_minibatch_spread_follows_sigma_over_sqrt_m():
    X, y = gd.least_squares_data(n=5000, seed=1)
    w = np.zeros(2)
    G = gd.per_example_grads(w, X, y)
    # The per-example gradient of ½(w·x − y)² by finite differences, for a few examples.
    for i in (0, 17, 4999):
        h = 1e-6
        fd = [((w + h * e) @ X[:, i] - y[i]) ** 2 / 2 - ((w - h * e) @ X[:, i] - y[i]) ** 2 / 2
              for e in np.eye(2)]
        np.testing.assert_allclose(G[i], np.array(fd) / (2 * h), rtol=1e-6)
    ms = np.array([1, 4, 16, 64])
    spreads, sigma = gd.minibatch_spread(G, ms, trials=2000, seed=2)
    # With 2000 trials the measured RMS is within a few percent of σ/√m.
    np.testing.assert_allclose(spreads, sigma / np.sqrt(ms), rtol=0.08)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # inside ipympl's Toolbar
def test_a_slider_move_repaints_only_the_lines():
    """Live, a move of any slider sends one frame without a full draw (the axes are fixed,
    only the path, its start and the cost line are repainted), and the axes stay put."""
    with ipympl_backend():
        w = gd.gd_widget()
        open_view(w.figure)
        limits = w.ax_cost.get_xlim(), w.ax_cost.get_ylim()
        for name, value in (("eta", 0.3), ("steps", 45), ("v1", 1.2), ("v2", -0.4)):
            full, frames = frames_after(w.figure, w.controls[name], value)
            assert (full, frames) == (0, 1), name
        assert (w.ax_cost.get_xlim(), w.ax_cost.get_ylim()) == limits
        # every cost the sliders can reach above "numerically zero" is inside the fixed axis
        low, high = w.ax_cost.get_ylim()
        assert low <= 1e-12 and high > gd.BLOW_UP * (1 - 6 * 0.4) ** 2
