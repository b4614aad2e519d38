"""Kernel-free tests of bpcore.nb.saturation: move the sliders, compare what is shown with an
independent computation (closed forms and finite differences)."""

import math

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")

import bpcore  # noqa: E402
from bpcore.nb import saturation  # noqa: E402
from tests.live_canvas import frames_after, ipympl_backend, open_view  # noqa: E402


def sigma_exact(z):
    return 1.0 / (1.0 + math.exp(-z))


@pytest.mark.parametrize("z", [-7.3, 0.0, 2.5, 9.9])
def test_sigma_slider_marker_and_readout_follow_z(z):
    w = saturation.sigma_slider(z=1.0)
    w.controls["z"].value = z
    s = sigma_exact(z)
    # the numbers shown are σ(z) and σ(z)(1 − σ(z)), to 1e-12
    assert w.sigma == pytest.approx(s, abs=1e-12)
    assert w.sigma_prime == pytest.approx(s * (1 - s), abs=1e-12)
    # both markers sit at the slider's z, on their curves
    assert list(w.markers[0].get_xdata()) == [z] and list(w.markers[1].get_xdata()) == [z]
    assert w.markers[0].get_ydata()[0] == pytest.approx(s, abs=1e-12)
    assert w.markers[1].get_ydata()[0] == pytest.approx(s * (1 - s), abs=1e-12)
    # the readout prints them to 4 decimals
    assert f"σ(z) = {s:.4f}" in w.readout.value
    assert f"σ'(z) = {s * (1 - s):.4f}" in w.readout.value


def reference_deltas(scale, sizes=(10, 8, 8, 8, 4), seed=7):
    """δ^l by BP3 read backwards: δ^l = ∂C/∂b^l, by central differences; and ∂C/∂w."""
    net = bpcore.Network(list(sizes), seed=seed)
    net.weights = [scale * w for w in net.weights]
    rng = np.random.default_rng(seed + 1)
    x = rng.uniform(0.0, 1.0, (sizes[0], 1))
    y = np.zeros((sizes[-1], 1))
    y[0] = 1.0
    return bpcore.numerical_gradient(net, x, y)


@pytest.mark.parametrize("scale", [0.1, 1.0, 6.0])
def test_init_scale_widget_shows_finite_difference_deltas(scale):
    w = saturation.init_scale_widget()
    w.controls["scale"].value = scale
    fd_b, fd_w = reference_deltas(scale)
    # mean and median |δ^l| against finite differences (abs. error of the differences ~1e-10)
    np.testing.assert_allclose(w.mean_deltas, [np.mean(np.abs(d)) for d in fd_b],
                               rtol=1e-5, atol=1e-10)
    np.testing.assert_allclose(w.median_deltas, [np.median(np.abs(d)) for d in fd_b],
                               rtol=1e-4, atol=1e-10)
    np.testing.assert_allclose(w.grad_w, np.abs(fd_w[0]), rtol=1e-5, atol=1e-10)
    # the artists show exactly those numbers
    assert [bar.get_height() for bar in w.bars] == w.mean_deltas
    np.testing.assert_array_equal(w.medians.get_ydata(), w.median_deltas)
    # the heat map is |∂C/∂w| as a share of its largest entry, on the fixed scale 0 … 1
    np.testing.assert_allclose(w.image.get_array(), w.grad_w / w.grad_w.max(), rtol=1e-15)
    assert w.image.get_clim() == (0.0, 1.0)
    assert f"max |∂C/∂w<sup>2</sup>| = {w.grad_w.max():.2e}" in w.readout.value
    assert f"weights × {scale:.2f}" in w.readout.value
    assert f"{w.mean_deltas[0]:.2e}" in w.readout.value


def test_large_weights_stall_the_typical_hidden_neuron():
    # the notebook's claim: at scale 8 the median |δ| of every hidden layer is over 10×
    # smaller than at scale 1
    w = saturation.init_scale_widget()
    w.controls["scale"].value = 1.0
    at_one = list(w.median_deltas)
    w.controls["scale"].value = 8.0
    for small, normal in zip(w.median_deltas[:-1], at_one[:-1], strict=True):
        assert small < normal / 10


def test_leaky_sigmoid_prime_is_the_derivative_and_never_small():
    z = np.linspace(-30, 30, 601)
    h = 1e-5
    fd = (saturation.leaky_sigmoid(z + h) - saturation.leaky_sigmoid(z - h)) / (2 * h)
    np.testing.assert_allclose(saturation.leaky_sigmoid_prime(z), fd, atol=1e-9)
    assert saturation.leaky_sigmoid_prime(z).min() >= 0.1


def test_compare_activations_table_matches_finite_differences():
    fig, table = saturation.compare_activations(scale=3.0)
    assert list(table) == ["sigmoid", "tanh", "ReLU", "identity", "leaky sigmoid"]
    net = bpcore.Network([10, 8, 8, 8, 4], seed=7,
                         activation=(saturation.leaky_sigmoid, saturation.leaky_sigmoid_prime))
    net.weights = [3.0 * w for w in net.weights]
    rng = np.random.default_rng(8)
    x = rng.uniform(0.0, 1.0, (10, 1))
    y = np.zeros((4, 1))
    y[0] = 1.0
    fd_b, _ = bpcore.numerical_gradient(net, x, y)
    np.testing.assert_allclose(table["leaky sigmoid"], [np.mean(np.abs(d)) for d in fd_b],
                               rtol=1e-5)
    # the notebook's reading: leaky δ varies < 2× across layers, tanh's > 100×
    assert max(table["leaky sigmoid"]) / min(table["leaky sigmoid"]) < 2
    assert max(table["tanh"]) / min(table["tanh"]) > 100


def one_epoch_by_hand(cost, w=2.0, b=2.0, eta=0.15):
    a = sigma_exact(w + b)
    delta = a * a * (1 - a) if cost == "quadratic" else a  # BP1 with y = 0, x = 1
    return sigma_exact((w - eta * delta) + (b - eta * delta))


@pytest.mark.parametrize("cost", ["quadratic", "cross_entropy"])
def test_one_neuron_first_epoch_by_hand(cost):
    costs, outputs = saturation.train_one_neuron(cost, epochs=3)
    assert outputs[0] == pytest.approx(one_epoch_by_hand(cost), rel=1e-12)
    a = outputs[0]
    expected_cost = 0.5 * a * a if cost == "quadratic" else -math.log(1 - a)
    assert costs[0] == pytest.approx(expected_cost, rel=1e-12)


def test_quadratic_learns_slowly_from_saturation_and_cross_entropy_does_not():
    _, quad = saturation.train_one_neuron("quadratic")
    _, ce = saturation.train_one_neuron("cross_entropy")
    assert quad[49] > 0.95 and quad[149] > 0.9   # still near the saturated start
    assert ce[49] < 0.15                          # already near the target 0


@pytest.mark.parametrize("z", [20.0, 40.0, 1e4])
def test_cross_entropy_delta_stays_a_minus_y_at_extreme_saturation(z):
    # notebook 07's point: for the sigmoid + cross-entropy pair bpcore uses δ^L = a − y
    # exactly, so at z = 40 (where a rounds to 1.0 and the BP1 product would be 0) the
    # wrong output still has δ^L = 1
    net = bpcore.Network([1, 1], cost="cross_entropy")
    x, y = np.ones((1, 1)), np.zeros((1, 1))
    net.biases = [np.zeros((1, 1))]
    net.weights = [np.array([[z]])]
    assert net.backprop_deltas(x, y).deltas[0][0, 0] == pytest.approx(sigma_exact(z), rel=1e-15)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # inside ipympl's Toolbar
@pytest.mark.parametrize("build, name, values", [
    (saturation.sigma_slider, "z", (-7.5, 0.3, 9.0)),
    (saturation.init_scale_widget, "scale", (0.3, 4.0, 8.0)),
])
def test_a_slider_move_repaints_without_a_full_draw(build, name, values):
    """Live, each move sends one frame and never redraws the whole figure: the axes, the
    curves and the colour bar stay as they were, only the moving artists are repainted."""
    with ipympl_backend():
        w = build()
        open_view(w.figure)
        limits = [(ax.get_xlim(), ax.get_ylim()) for ax in w.figure.axes]
        for value in values:
            assert frames_after(w.figure, w.controls[name], value) == (0, 1)
        assert [(ax.get_xlim(), ax.get_ylim()) for ax in w.figure.axes] == limits
