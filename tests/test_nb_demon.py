"""The demon widget, without a kernel: set the controls' values, check what it shows.

The reference numbers come from an independent forward pass written here (the sigmoid as
1/(1 + e^{-z}), the perturbation applied by hand) and from central finite differences,
never from bpcore.nb.demon itself.
"""

import re

import matplotlib
import numpy as np
import pytest

matplotlib.use("agg")

import bpcore  # noqa: E402
from bpcore.nb import demon, still  # noqa: E402


def sigma(z):
    return 1.0 / (1.0 + np.exp(-z))


def cost_by_hand(net, x, y, l, j, dz=0.0):
    """C_x = ½‖a^L − y‖² with dz added to z^l_j (the book's layer l ≥ 2 and neuron j ≥ 1)."""
    a = x
    for layer, (w, b) in enumerate(zip(net.weights, net.biases, strict=True), start=2):
        z = w @ a + b
        if layer == l:
            z = z.copy()
            z[j - 1, 0] += dz
        a = sigma(z)
    return 0.5 * float(np.sum((a - y) ** 2))


def shown(label, text):
    """The number printed after 'label = ' in the readout."""
    m = re.search(re.escape(label) + r" = ([-+]?[0-9.]+(?:e[-+]?\d+)?)", text)
    assert m, f"no '{label} = …' in {text!r}"
    return float(m.group(1))


def fd_delta(net, x, y, l, j, h=1e-5):
    """∂C/∂z^l_j by a central difference of the hand-written cost."""
    return (cost_by_hand(net, x, y, l, j, h) - cost_by_hand(net, x, y, l, j, -h)) / (2 * h)


def set_controls(w, **values):
    """Set the widget's controls by name, in the order given (as a student would)."""
    for name, value in values.items():
        w.controls[name].value = value


CASES = [(2, 1, 0.5), (2, 3, -1.25), (3, 2, 2.0), (3, 1, -0.05), (2, 2, 3.0)]  # book's l, j


@pytest.mark.parametrize("l, j, dz", CASES)
def test_readout_matches_an_independent_forward_pass(l, j, dz):
    d = demon.build()
    net, x, y = demon.default_setup()
    set_controls(d, layer=l, neuron=j, dz=dz)
    actual = cost_by_hand(net, x, y, l, j, dz) - cost_by_hand(net, x, y, l, j)
    # the stored number to float precision, the printed one to its 4 significant digits
    assert d.actual_dC == pytest.approx(actual, rel=1e-10, abs=1e-14)
    assert shown("actual ΔC", d.readout.value) == pytest.approx(actual, rel=6e-4)
    assert shown("Δz", d.readout.value) == pytest.approx(dz)


@pytest.mark.parametrize("l, j, dz", CASES)
def test_prediction_is_the_finite_difference_slope_times_dz(l, j, dz):
    d = demon.build()
    net, x, y = demon.default_setup()
    set_controls(d, layer=l, neuron=j, dz=dz)
    slope = fd_delta(net, x, y, l, j)  # central difference: error ~ h² ≈ 1e-10
    assert d.delta == pytest.approx(slope, rel=1e-6, abs=1e-10)
    assert d.predicted_dC == pytest.approx(slope * dz, rel=1e-6, abs=1e-10)
    assert shown("predicted ΔC", d.readout.value) == pytest.approx(slope * dz, rel=6e-4)


def test_small_dz_prediction_and_actual_agree_to_second_order():
    # ΔC − δΔz = O(Δz²): at Δz = 0.05 the two differ by far less than δΔz itself.
    d = demon.build()
    set_controls(d, layer=3, neuron=2, dz=0.05)
    assert abs(d.actual_dC - d.predicted_dC) < 0.05 * abs(d.predicted_dC)


def test_curve_and_markers_follow_layer_and_neuron_without_a_new_figure():
    d = demon.build()
    net, x, y = demon.default_setup()
    fig, lines = d.figure, list(d.ax.lines)
    d.controls["neuron"].value = 3
    d.controls["layer"].value = 3  # layer 3 has 2 neurons: j = 3 is gone, j falls back to 1
    assert d.controls["neuron"].value == 1
    assert d.controls["neuron"].options == (("j = 1", 1), ("j = 2", 2))
    d.controls["dz"].value = -1.0
    assert d.figure is fig and list(d.ax.lines) == lines
    dzs = d.curve.get_xdata()
    expected = [cost_by_hand(net, x, y, 3, 1, v) - cost_by_hand(net, x, y, 3, 1) for v in dzs]
    np.testing.assert_allclose(d.curve.get_ydata(), expected, rtol=1e-9, atol=1e-14)
    np.testing.assert_allclose(d.tangent.get_ydata(), fd_delta(net, x, y, 3, 1) * dzs,
                               rtol=1e-6, atol=1e-9)
    lo, hi = d.ax.get_ylim()
    assert lo <= min(expected) and max(expected) <= hi
    assert list(d.marker.get_xdata()) == [-1.0]
    assert d.marker.get_ydata()[0] == pytest.approx(expected[np.argmin(abs(dzs + 1.0))])
    assert "j = 1 of layer l = 3" in d.ax.get_title()
    d.controls["layer"].value = 2  # back to 3 neurons; j = 1 stays valid
    assert d.controls["neuron"].value == 1 and len(d.controls["neuron"].options) == 3


def test_zero_dz_shows_zero_and_hooks_for_the_browser_test():
    d = demon.build()
    d.controls["dz"].value = 0.0
    assert d.actual_dC == 0.0
    assert "actual ΔC = 0 " in d.readout.value and "predicted ΔC = 0 " in d.readout.value
    assert d.controls["dz"].description == "Δz" and "demon-dz" in d.controls["dz"]._dom_classes
    assert "demon-readout" in d.readout._dom_classes
    assert d.controls["layer"].value == 2 and d.controls["neuron"].value == 1


def test_the_first_neuron_is_j_1_wherever_a_student_reads_it():
    """The book counts neurons from 1 (issue #12): the dropdown, the title and the readout."""
    d = demon.build()
    net, x, y = demon.default_setup()
    first = d.controls["neuron"].options[0]
    assert first == ("j = 1", d.controls["neuron"].value)
    assert "neuron j = 1 of layer l = 2" in d.ax.get_title()
    assert "δ<sup>2</sup><sub>1</sub>" in d.readout.value
    assert d.delta == pytest.approx(fd_delta(net, x, y, 2, 1), rel=1e-6)  # the top neuron
    d.controls["layer"].value = 3
    assert [label for label, _ in d.controls["neuron"].options] == ["j = 1", "j = 2"]
    assert "δ<sup>3</sup><sub>1</sub>" in d.readout.value and "j = 0" not in d.ax.get_title()


def test_a_deeper_network_and_every_neuron():
    net = bpcore.Network([3, 4, 4, 2], seed=11)
    rng = np.random.default_rng(0)
    x, y = rng.standard_normal((3, 1)), np.array([[0.0], [1.0]])
    d = demon.build(net, x, y, dz_max=2.0, dz=0.3)
    for l in (2, 3, 4):
        d.controls["layer"].value = l
        for j in range(1, net.sizes[l - 1] + 1):
            d.controls["neuron"].value = j
            actual = cost_by_hand(net, x, y, l, j, 0.3) - cost_by_hand(net, x, y, l, j)
            assert d.actual_dC == pytest.approx(actual, rel=1e-10, abs=1e-14)
            assert d.delta == pytest.approx(fd_delta(net, x, y, l, j), rel=1e-6, abs=1e-10)


def test_nudging_a_gives_dC_da_and_delta_is_it_times_sigma_prime():
    net, x, y = demon.default_setup()
    h = 1e-5
    for l, row in [(2, 0), (2, 2), (3, 1)]:  # code's rows: the book's j = row + 1
        dC_da = (demon.cost_with_nudged_a(net, x, y, l, row, h)
                 - demon.cost_with_nudged_a(net, x, y, l, row, -h)) / (2 * h)
        # by hand: a^l_j → a^l_j + h changes z^l_j by h / σ'(z^l_j) to first order
        z = (net.weights[0] @ x + net.biases[0]) if l == 2 else None
        if l == 3:
            z = net.weights[1] @ sigma(net.weights[0] @ x + net.biases[0]) + net.biases[1]
        s_prime = sigma(z[row, 0]) * (1 - sigma(z[row, 0]))
        assert fd_delta(net, x, y, l, row + 1) == pytest.approx(dC_da * s_prime, rel=1e-6)


def test_the_demons_costs_come_from_gradcheck(monkeypatch):
    """The demon's ΔC uses the same cost route as every finite difference in bpcore."""
    from bpcore import gradcheck

    calls = []
    real = gradcheck._cost_at
    monkeypatch.setattr(gradcheck, "_cost_at",
                        lambda net, z_L, Y: calls.append(z_L.shape[1]) or real(net, z_L, Y))
    net, x, y = demon.default_setup()
    demon.delta_C(net, x, y, 2, 1, np.array([0.1, 0.2, 0.3]))
    assert calls == [3, 1]  # the three nudged runs, then the undisturbed one


def test_moving_dz_repaints_only_the_markers_on_a_live_canvas():
    """Δz moves the markers and the gap only: no full draw of the figure (issue #13), yet
    the figure's picture still shows them where the readout says."""
    old = matplotlib.get_backend()
    matplotlib.use("module://ipympl.backend_nbagg")
    try:
        d = demon.build()
        d.figure.canvas._handle_message(d.figure.canvas, {"type": "initialized"}, [])
        d.controls["neuron"].value = 2  # the first whole frame: new curve, title
        draws = []
        d.figure.canvas.mpl_connect("draw_event", lambda event: draws.append(event))
        d.controls["dz"].value = -2.0
        assert draws == []
        assert d.painter.moving == [d.gap, d.marker, d.predicted_marker]
        assert list(d.marker.get_xdata()) == [-2.0]
        assert still.png(d.figure)  # the picture renders the moving artists too
    finally:
        matplotlib.use(old)


def _pixels(d):
    return np.asarray(d.figure.canvas.get_renderer().buffer_rgba()).copy()


def test_after_the_first_frame_the_dropdowns_draw_nothing_and_the_pixels_are_right():
    """Live, the first whole frame also draws every other (l, j) off screen; from then on
    the l and j dropdowns only put back a kept picture and repaint the markers (no whole
    draw), and what is shown is what a whole draw of that state gives, also after the
    static picture (still.png) was rendered."""
    old = matplotlib.get_backend()
    matplotlib.use("module://ipympl.backend_nbagg")
    try:
        d = demon.build()
        c = d.figure.canvas
        c._handle_message(c, {"type": "initialized"}, [])
        set_controls(d, neuron=2)  # the first whole frame
        assert d.painter.kept == 5  # (2, 1 … 3) and (3, 1 … 2)
        draws = []
        c.mpl_connect("draw_event", draws.append)
        for l, j, dz in [(3, 2, 1.5), (2, 3, -0.75)]:
            set_controls(d, layer=l, neuron=j, dz=dz)
            assert draws == []
            assert f"δ<sup>{l}</sup><sub>{j}</sub>" in d.readout.value
            shown = _pixels(d)
            c.draw()  # the whole figure in the same state
            np.testing.assert_array_equal(shown, _pixels(d))
            draws.clear()
        assert still.png(d.figure)
        set_controls(d, layer=3, neuron=1)
        set_controls(d, layer=2, neuron=3)
        shown = _pixels(d)
        c.draw()
        np.testing.assert_array_equal(shown, _pixels(d))
    finally:
        matplotlib.use(old)


def test_the_static_picture_is_no_frame_to_keep():
    """still.png draws the whole figure, markers included: the demon keeps nothing from
    that draw, so a live canvas whose frames are not kept yet (new size) still draws and
    keeps every (l, j) at its next whole frame, and shows the right pixels."""
    old = matplotlib.get_backend()
    matplotlib.use("module://ipympl.backend_nbagg")
    try:
        d = demon.build()
        c = d.figure.canvas
        c._handle_message(c, {"type": "initialized"}, [])
        assert still.png(d.figure)
        assert d.painter.kept == 0
        set_controls(d, layer=3, neuron=2)  # the first whole frame
        set_controls(d, layer=2, neuron=3, dz=1.0)
        shown = _pixels(d)
        c.draw()
        np.testing.assert_array_equal(shown, _pixels(d))
    finally:
        matplotlib.use(old)
