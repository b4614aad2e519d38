"""Kernel-free tests of bpcore.nb.equations: the explorer widget and the Jacobian figure.

References are independent of backprop: BP1 written out from the forward pass, and
bpcore.numerical_gradient (whose bias part is δ by BP3 only if backprop is right, so it is
a second method, not an echo). The finite-difference helpers are tested in test_gradcheck.
"""

import re

import matplotlib

matplotlib.use("agg")

import numpy as np  # noqa: E402

import bpcore  # noqa: E402
from bpcore import sigmoid_prime  # noqa: E402
from bpcore.nb import equations  # noqa: E402


def _fd_explorer_reference(ex, l):
    """δ^l and ∂C/∂w^l of the explorer's network by bpcore.numerical_gradient."""
    fd_b, fd_w = bpcore.numerical_gradient(ex.net, ex.x, ex.y)
    return fd_b[l - 2], fd_w[l - 2]


def test_explorer_starts_at_output_layer_with_bp1():
    ex = equations.equations_explorer(sizes=(3, 4, 4, 2), seed=0)
    assert ex.controls["l"].value == 4 and ex.l == 4 and ex.rule == "BP1"
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
    ex.controls["l"].value = 2
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
    ex.controls["activation"].value = "tanh"
    assert ex.net.activation.name == "tanh" and "σ = tanh" in ex.readout.value
    zs, acts = ex.net.forward(ex.x)
    np.testing.assert_allclose(ex.delta_bp, (acts[-1] - ex.y) * (1 - np.tanh(zs[-1]) ** 2),
                               rtol=1e-12)
    assert not np.allclose(ex.delta_bp, before)
    ex.controls["l"].value = 3
    fd_delta, _ = _fd_explorer_reference(ex, 3)
    np.testing.assert_allclose(ex.delta_bp, fd_delta, rtol=1e-6, atol=1e-10)
    assert "yes ✓" in ex.readout.value


def test_jacobian_figure_has_one_panel_per_matrix_with_every_entry_written():
    J1, J2 = np.eye(2), np.arange(6.0).reshape(2, 3)
    fig = equations.jacobian_figure([J1, J2], ["a", "b"])
    assert len(fig.axes) == 2
    assert len(fig.axes[1].texts) == 6
    assert fig.axes[1].texts[5].get_text() == "5.000"


def test_readout_never_breaks_inside_a_formula():
    ex = equations.equations_explorer(sizes=(3, 4, 4, 2), seed=0)
    spans = re.findall(r"<span style='white-space:nowrap'>(.*?)</span>", ex.readout.value)
    assert any("∂C/∂w<sup>4</sup>" in s for s in spans)
    assert any("δ<sup>4</sup> by BP1: ∇<sub>a</sub>C ⊙ σ′(z<sup>L</sup>)" in s for s in spans)
    outside = re.sub(r"<span style='white-space:nowrap'>.*?</span>", "", ex.readout.value)
    assert "∂C/∂w" not in outside and "σ′" not in outside


def _live_explorer():
    ex = equations.equations_explorer(sizes=(3, 4, 4, 2), seed=0)
    ex.figure.canvas._handle_message(ex.figure.canvas, {"type": "initialized"}, [])
    return ex


def _pixels(ex):
    return np.asarray(ex.figure.canvas.get_renderer().buffer_rgba()).copy()


def test_after_the_first_frame_no_control_change_draws_and_the_pixels_are_right():
    """Live, the first frame also draws every other (σ, l) off screen; from then on a
    control change only repaints a kept frame (issue #13), and it is the frame a whole
    draw of that state gives, with that state's artists and numbers."""
    old = matplotlib.get_backend()
    matplotlib.use("module://ipympl.backend_nbagg")
    try:
        ex = _live_explorer()
        ex.controls["l"].value = 2  # the first frame
        assert ex.painter.kept == 6  # 2 activations × layers 2, 3, 4
        assert ex.l == 2 and ex.net.activation.name == "sigmoid"  # the shown state is back
        draws = []
        ex.figure.canvas.mpl_connect("draw_event", draws.append)
        ex.controls["activation"].value = "tanh"
        ex.controls["l"].value = 3
        assert draws == []
        fd_delta, fd_w = _fd_explorer_reference(ex, 3)
        np.testing.assert_allclose(ex.delta_bp, fd_delta, rtol=1e-6, atol=1e-10)
        np.testing.assert_array_equal(ex.artists["images"][0].get_array(), ex.nabla_w_bp)
        assert ex.net.activation.name == "tanh" and "σ = tanh" in ex.readout.value

        fresh = _live_explorer()  # (tanh, 3) drawn directly
        fresh.controls["activation"].value = "tanh"
        fresh.controls["l"].value = 3
        fresh.figure.canvas.draw()
        np.testing.assert_array_equal(_pixels(ex), _pixels(fresh))
        assert not np.array_equal(_pixels(ex), _pixels(_drawn_at(2)))
    finally:
        matplotlib.use(old)


def _drawn_at(l):
    ex = _live_explorer()
    ex.controls["l"].value = l
    return ex
