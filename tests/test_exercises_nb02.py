"""The self-checks of notebook 02: right answers pass, typical mistakes get their hint."""

import numpy as np

from bpcore import sigmoid
from bpcore.exercises import nb02

# z^2 worked by hand for w^2 = [[0.5, -1, 2], [1, 0, -0.5]], b^2 = [0.5, -1], x = [1, 2, 0.5]:
# row 1: 0.5 - 2 + 1 + 0.5 = 0.0;  row 2: 1 + 0 - 0.25 - 1 = -0.25.
Z2 = np.array([[0.0], [-0.25]])


def test_z2_right():
    assert nb02.check_z2(Z2).ok


def test_z2_typical_mistakes_get_their_hint():
    applied_sigma = nb02.check_z2(sigmoid(Z2))
    assert not applied_sigma.ok and "σ(z²)" in applied_sigma.message
    no_bias = nb02.check_z2(Z2 - np.array([[0.5], [-1.0]]))
    assert not no_bias.ok and "bias" in no_bias.message
    flat = nb02.check_z2(Z2.ravel())
    assert not flat.ok and "column" in flat.message
    assert not nb02.check_z2(None).attempted


def test_w324_right_wrong_and_placeholder():
    assert nb02.check_w324((1, 1, 3)).ok
    assert nb02.check_w324([1, 1, 3]).ok
    book = nb02.check_w324((3, 2, 4))
    assert not book.ok and "1-based" in book.message
    swapped = nb02.check_w324((1, 3, 1))
    assert not swapped.ok and "swapped" in swapped.message
    assert "weights[0] is w²" in nb02.check_w324((0, 1, 3)).message
    assert not nb02.check_w324("w324").ok
    assert not nb02.check_w324(None).attempted


def test_the_exercise_network_is_the_one_described():
    net = nb02.tiny_network()
    np.testing.assert_array_equal(net.weights[0], [[0.5, -1, 2], [1, 0, -0.5]])
    assert net.weights[1][0, 1] == -1.0
