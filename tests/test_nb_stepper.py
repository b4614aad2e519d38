"""Kernel-free tests of the step-through widget: click the buttons, compare what is shown
with finite differences (δ^l = ∂C/∂b^l by BP3) and a plain forward pass written here."""

from pathlib import Path

import numpy as np
import pytest

import bpcore
from bpcore.nb import stepper


def forward_by_hand(net, x):
    zs, acts = {}, {1: x}
    for l, (w, b) in enumerate(zip(net.weights, net.biases, strict=True), start=2):
        zs[l] = w @ acts[l - 1] + b
        acts[l] = 1.0 / (1.0 + np.exp(-zs[l]))
    return zs, acts


def test_step_labels_for_the_book_example():
    assert stepper.algorithm_steps(3) == [
        "input: a^1 = x", "(25) layer 2", "(25) layer 3", "BP1", "BP2 layer 2", "BP3/BP4"]


def test_each_step_adds_exactly_its_own_values():
    st = stepper.stepper([2, 3, 2], seed=0)
    expected_new = [
        {("a", 1)}, {("z", 2), ("a", 2)}, {("z", 3), ("a", 3)}, {("delta", 3)},
        {("delta", 2)}, {("nabla_b", 2), ("nabla_b", 3)},
    ]
    for i, new in enumerate(expected_new):
        assert st.step == i
        assert st.new == new
        assert st.steps[i] in st.equation.value  # the equation line names the step
        st.controls["next"].click()
    assert st.step == 5 and st.controls["next"].disabled  # clicking past the end stays at the end


@pytest.mark.parametrize("sizes", [[2, 3, 2], [3, 4, 4, 2]])
def test_final_values_match_finite_differences(sizes):
    st = stepper.stepper(sizes, seed=1)
    for _ in range(len(st.steps) + 2):
        st.controls["next"].click()
    L = len(sizes)
    zs, acts = forward_by_hand(st.net, st.x)
    fd_b, fd_w = bpcore.numerical_gradient(st.net, st.x, st.y)
    for l in range(2, L + 1):
        np.testing.assert_allclose(st.shown[("z", l)], zs[l], rtol=1e-12)
        np.testing.assert_allclose(st.shown[("a", l)], acts[l], rtol=1e-12)
        # BP3: δ^l = ∂C/∂b^l; central differences agree to ~1e-9
        np.testing.assert_allclose(st.shown[("delta", l)], fd_b[l - 2], rtol=1e-6, atol=1e-10)
        np.testing.assert_allclose(st.nabla_w[l], fd_w[l - 2], rtol=1e-6, atol=1e-10)
    assert "BP3/BP4" in st.equation.value


def test_table_shows_the_values_and_dots_for_the_rest():
    st = stepper.stepper([2, 3, 2], seed=0)
    st.controls["next"].click()  # (25) layer 2
    z2 = st.net.weights[0] @ st.x + st.net.biases[0]
    for v in z2.ravel():
        assert f"{v:.4f}" in st.table.value
    # not computed yet: δ^2, ∂C/∂b^2 and all 4 of row 3; z^1, δ^1, ∂C/∂b^1 never exist
    assert st.table.value.count("·</td>") == 6
    assert st.table.value.count("—</td>") == 3
    assert "background:#fff3c4" in st.table.value  # the new cells are highlighted


def test_prev_and_reset():
    st = stepper.stepper([2, 3, 2], seed=0)
    assert st.controls["prev"].disabled
    for _ in range(4):
        st.controls["next"].click()
    st.controls["prev"].click()
    assert st.step == 3 and ("delta", 3) in st.shown and ("delta", 2) not in st.shown
    st.controls["reset"].click()
    assert st.step == 0 and set(st.shown) == {("a", 1)} and st.controls["prev"].disabled


def test_it_starts_at_step_1_and_reset_from_the_end_returns_there():
    st = stepper.stepper([2, 3, 2], seed=0)
    first = st.equation.value
    assert st.step == 0 and first.startswith("<b>Click 1 of 6: input")
    assert st.controls["prev"].disabled and not st.controls["next"].disabled
    while not st.controls["next"].disabled:
        st.controls["next"].click()
    assert st.equation.value.startswith("<b>Click 6 of 6")
    st.controls["reset"].click()
    assert st.step == 0 and st.equation.value == first and not st.controls["next"].disabled
    assert "∂C/∂w" not in st.table.value  # BP4's matrices are gone with their step


def test_notebook_08_leaves_its_stepper_at_step_1():
    """Run All clicks through the stepper in a later cell; the widget a student then sees
    must be back at step 1, not at 'Click 6 of 6' with Next disabled (issue #12)."""
    import nbformat

    path = Path(__file__).resolve().parent.parent / "notebooks" / "08-algorithm-and-code.ipynb"
    cells = [c.source for c in nbformat.read(path, as_version=4).cells
             if c.cell_type == "code" and not c.source.lstrip().startswith("%")]
    last = max(i for i, source in enumerate(cells) if "st.controls" in source)
    namespace = {}
    for source in cells[:last + 1]:
        exec(compile(source, str(path), "exec"), namespace)
    st = namespace["st"]
    assert st.step == 0 and "Click 1 of" in st.equation.value
    assert not st.controls["next"].disabled
