"""Kernel-free tests of bpcore.nb.equations: the finite-difference helpers and the widget.

References are independent of backprop: hand-worked one-neuron cases, linear maps whose
Jacobian is known exactly, and bpcore.numerical_gradient (whose bias part is δ by BP3
only if backprop is right, so it is a second method, not an echo).
"""

import matplotlib

matplotlib.use("agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

import bpcore  # noqa: E402
from bpcore import sigmoid, sigmoid_prime  # noqa: E402
from bpcore.nb import equations  # noqa: E402


def test_numerical_delta_one_neuron_by_hand():
    # sizes [1, 1]: z = w x + b, C = ½(σ(z) − y)², so δ = (σ(z) − y) σ'(z) by hand.
    net = bpcore.Network([1, 1], seed=0)
    net.weights, net.biases = [np.array([[0.7]])], [np.array([[-0.2]])]
    x, y = np.array([[1.5]]), np.array([[1.0]])
    z = 0.7 * 1.5 - 0.2
    expected = (sigmoid(z) - 1.0) * sigmoid_prime(z)
    got = equations.numerical_delta(net, x, y, 2)
    np.testing.assert_allclose(got, [[expected]], rtol=1e-8)  # central differences: O(ε²)


@pytest.mark.parametrize("activation", ["sigmoid", "tanh"])
def test_numerical_deltas_match_bias_gradient(activation):
    # Nudging z^l_j and nudging b^l_j move C identically (z^l_j = … + b^l_j), so the two
    # finite differences must agree, without any use of BP1/BP2.
    rng = np.random.default_rng(3)
    net = bpcore.Network([3, 4, 4, 2], activation=activation, seed=7)
    x, y = rng.standard_normal((3, 1)), rng.random((2, 1))
    fd_b, _ = bpcore.numerical_gradient(net, x, y)
    for got, want in zip(equations.numerical_deltas(net, x, y), fd_b, strict=True):
        np.testing.assert_allclose(got, want, rtol=1e-6, atol=1e-10)


def test_cost_from_z_at_forward_z_is_the_cost():
    net = bpcore.Network([2, 3, 2], seed=1)
    x, y = np.array([[0.3], [-0.8]]), np.array([[0.0], [1.0]])
    zs, _ = net.forward(x)
    for l in (2, 3):
        assert equations.cost_from_z(net, l, zs[l - 2], y) == pytest.approx(
            net.total_cost(x, y), rel=1e-12)


def test_layer_out_of_range_is_refused():
    net = bpcore.Network([2, 3, 2], seed=1)
    with pytest.raises(ValueError, match="expected 2 ≤ l ≤ 3"):
        equations.numerical_delta(net, np.zeros((2, 1)), np.zeros((2, 1)), 1)


def test_numerical_jacobian_of_linear_map_is_the_matrix():
    A = np.array([[1.0, -2.0, 0.5], [3.0, 0.0, 4.0]])
    J = equations.numerical_jacobian(lambda v: A @ v, np.array([[0.1], [0.2], [0.3]]))
    np.testing.assert_allclose(J, A, atol=1e-9)


def test_numerical_jacobian_of_elementwise_function_is_exactly_diagonal():
    z = np.array([[0.3], [-1.0], [2.0]])
    J = equations.numerical_jacobian(sigmoid, z)
    assert np.all(J - np.diag(np.diag(J)) == 0)  # off-diagonal differences are exactly 0
    np.testing.assert_allclose(np.diag(J), sigmoid_prime(z).ravel(), rtol=1e-8)


def _fd_explorer_reference(ex, l):
    """δ^l and ∂C/∂w^l of the explorer's network by bpcore.numerical_gradient."""
    fd_b, fd_w = bpcore.numerical_gradient(ex.net, ex.x, ex.y)
    return fd_b[l - 2], fd_w[l - 2]


def test_explorer_starts_at_output_layer_with_bp1():
    ex = equations.equations_explorer(sizes=(3, 4, 4, 2), seed=0)
    assert ex.slider.value == 4 and ex.l == 4 and ex.rule == "BP1"
    # BP1 by hand from the forward pass: (a^L − y) ⊙ σ'(z^L)
    zs, acts = ex.net.forward(ex.x)
    np.testing.assert_allclose(ex.delta_bp, (acts[-1] - ex.y) * sigmoid_prime(zs[-1]),
                               rtol=1e-12)
    fd_delta, fd_w = _fd_explorer_reference(ex, 4)
    np.testing.assert_allclose(ex.delta_fd, fd_delta, rtol=1e-6, atol=1e-10)
    np.testing.assert_allclose(ex.nabla_w_fd, fd_w, rtol=1e-12)
    assert "BP1" in ex.readout.value and "yes ✓" in ex.readout.value
    assert "agree ✓" in ex.readout.value
    # the shown numbers, rounded to 4 decimals
    first = f"{round(float(ex.delta_bp[0, 0]), 4) + 0.0:.4f}"
    assert first in ex.readout.value


def test_explorer_slider_moves_to_hidden_layer_and_updates_artists():
    ex = equations.equations_explorer(sizes=(3, 4, 4, 2), seed=0)
    ex.slider.value = 2
    assert ex.l == 2 and ex.rule == "BP2"
    fd_delta, fd_w = _fd_explorer_reference(ex, 2)
    np.testing.assert_allclose(ex.delta_bp, fd_delta, rtol=1e-6, atol=1e-10)
    np.testing.assert_allclose(ex.nabla_w_bp, fd_w, rtol=1e-6, atol=1e-10)
    assert ex.nabla_w_bp.shape == (4, 3)  # w^2 joins 3 inputs to 4 hidden neurons
    im_bp, im_fd = ex.artists["images"]
    np.testing.assert_array_equal(im_bp.get_array(), ex.nabla_w_bp)
    np.testing.assert_array_equal(im_fd.get_array(), ex.nabla_w_fd)
    np.testing.assert_array_equal(ex.artists["bp"].get_ydata(), ex.delta_bp.ravel())
    np.testing.assert_array_equal(ex.artists["fd"].get_xdata(), np.arange(4))
    assert "BP2" in ex.readout.value and "w<sup>3</sup>" in ex.readout.value


def test_explorer_switches_activation_to_tanh():
    ex = equations.equations_explorer(sizes=(3, 4, 4, 2), seed=0)
    before = ex.delta_bp.copy()
    ex.buttons.value = "tanh"
    assert ex.net.activation.name == "tanh" and "σ = tanh" in ex.readout.value
    zs, acts = ex.net.forward(ex.x)
    np.testing.assert_allclose(ex.delta_bp, (acts[-1] - ex.y) * (1 - np.tanh(zs[-1]) ** 2),
                               rtol=1e-12)
    assert not np.allclose(ex.delta_bp, before)
    ex.slider.value = 3
    fd_delta, _ = _fd_explorer_reference(ex, 3)
    np.testing.assert_allclose(ex.delta_bp, fd_delta, rtol=1e-6, atol=1e-10)
    assert "yes ✓" in ex.readout.value


def test_jacobian_figure_has_one_panel_per_matrix_with_every_entry_written():
    J1, J2 = np.eye(2), np.arange(6.0).reshape(2, 3)
    fig = equations.jacobian_figure([J1, J2], ["a", "b"])
    assert len(fig.axes) == 2
    assert len(fig.axes[1].texts) == 6
    assert fig.axes[1].texts[5].get_text() == "5.000"
