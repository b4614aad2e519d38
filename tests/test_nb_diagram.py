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
        lit = [key for key, line in d.lines.items() if line.get_linewidth() == LIT["linewidth"]]
        assert lit == [(l, j, k)]
        assert all(line.get_color() == DIM["color"] for key, line in d.lines.items()
                   if key != (l, j, k))


def test_changing_layer_clamps_j_and_k(d):
    c = d.controls
    c["l"].value = 2
    c["j"].value, c["k"].value = 4, 4
    c["l"].value = 4  # layer 4 has 2 neurons, layer 3 has 3
    assert c["j"].max == 2 and c["k"].max == 3
    assert d.lit == (4, 2, 3)
    np.testing.assert_equal(d.value, d.net.weights[2][1, 2])
