"""The network diagram: the lit connection and the readout follow l, j, k."""

import numpy as np
import pytest

from bpcore import Network
from bpcore.nb import diagram
from bpcore.nb.diagram import DIM, LIT


@pytest.fixture
def d():
    return diagram.network_diagram(Network([4, 4, 3, 2], seed=3))


def test_one_line_per_weight(d):
    # 4·4 + 4·3 + 3·2 = 34 weights in all.
    assert len(d.lines) == 34 == sum(w.size for w in d.net.weights)


def test_default_is_the_books_w324(d):
    assert d.lit == (3, 2, 4) and d.index == (1, 1, 3)
    assert d.value == d.net.weights[1][1, 3]
    assert "w<sup>3</sup><sub>24</sub>" in d.readout.value
    assert f"net.weights[1][1, 3]</code> = <b>{d.value:.4f}</b>" in d.readout.value
    # The lit line joins neuron 4 of layer 2 (x = 1) to neuron 2 of layer 3 (x = 2).
    pos = diagram.neuron_positions(d.net.sizes)
    x, y = d.lines[(3, 2, 4)].get_data()
    assert (x[0], y[0]) == pos[(2, 3)] and (x[1], y[1]) == pos[(3, 1)]


def test_sliders_move_the_highlight_and_readout(d):
    for l, j, k in [(2, 1, 1), (2, 4, 3), (4, 2, 3), (3, 3, 1)]:
        for name, value in (("l", l), ("j", j), ("k", k)):
            d.controls[name].value = value
        assert d.lit == (l, j, k)
        # Independent lookup: the book's 1-based indices minus one, list minus two.
        assert d.value == d.net.weights[l - 2][j - 1, k - 1]
        assert f"net.weights[{l - 2}][{j - 1}, {k - 1}]" in d.readout.value
        # the red line lies exactly over the grey line of w^l_jk, from layer l−1 to layer l
        hx, hy = d.highlight.get_data()
        assert (hx[0], hx[1]) == (l - 2, l - 1)
        lit = [key for key, line in d.lines.items()
               if list(line.get_xdata()) == list(hx) and list(line.get_ydata()) == list(hy)]
        assert lit == [(l, j, k)]
        assert d.highlight.get_color() == LIT["color"]
        assert all(line.get_color() == DIM["color"] for line in d.lines.values())


def test_changing_layer_clamps_j_and_k(d):
    c = d.controls
    c["l"].value = 2
    c["j"].value, c["k"].value = 4, 4
    c["l"].value = 4  # layer 4 has 2 neurons, layer 3 has 3
    assert c["j"].max == 2 and c["k"].max == 3
    assert d.lit == (4, 2, 3)
    np.testing.assert_equal(d.value, d.net.weights[2][1, 2])


def test_a_new_weight_repaints_only_its_line_on_a_live_canvas():
    """The grey network is kept as a picture: moving l, j, k draws no whole frame (issue
    #13), and the red line, its two neurons (numbered) and the label move together."""
    import matplotlib

    old = matplotlib.get_backend()
    matplotlib.use("module://ipympl.backend_nbagg")
    try:
        d = diagram.network_diagram(Network([4, 4, 3, 2], seed=3))
        d.figure.canvas._handle_message(d.figure.canvas, {"type": "initialized"}, [])
        d.painter.paint(whole=True)
        draws = []
        d.figure.canvas.mpl_connect("draw_event", draws.append)
        d.controls["l"].value = 4
        d.controls["k"].value = 1
        assert draws == [] and d.lit == (4, 2, 1)
        assert [t.get_text() for t in d.end_numbers] == ["1", "2"]  # k, then j
        pos = diagram.neuron_positions(d.net.sizes)
        assert [tuple(t.get_position()) for t in d.end_numbers] == [pos[(3, 0)], pos[(4, 1)]]
        assert d.label.get_text() == "$w^{4}_{21}$"
    finally:
        matplotlib.use(old)
