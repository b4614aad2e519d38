"""bpcore.flops: parameter and multiply–add counts, against hand counts and the arrays."""

import numpy as np
import pytest

import bpcore
from bpcore import flops


def test_parameter_count_hand_worked_and_against_network():
    # [2, 3, 1]: w^2 is 3×2 plus 3 biases, w^3 is 1×3 plus 1 bias → 6 + 3 + 3 + 1 = 13
    assert flops.parameter_count([2, 3, 1]) == 13
    net = bpcore.Network([784, 30, 10], seed=0)
    assert flops.parameter_count(net.sizes) == sum(p.size for p in net.weights + net.biases)


@pytest.mark.parametrize("m", [1, 4])
def test_multiply_adds_hand_worked(m):
    # [2, 3, 1]: forward w^2 a (3·2) + w^3 a (1·3) = 9; backward BP2 only through w^3 (3)
    # plus the BP4 outer products 3·2 + 1·3 = 9 → 12; one pass of each: 21; 2 flops each.
    assert flops.forward_multiplies([2, 3, 1], m) == 9 * m
    assert flops.backward_multiplies([2, 3, 1], m) == 12 * m
    assert flops.backprop_multiplies([2, 3, 1], m) == 21 * m
    assert flops.backprop_flops([2, 3, 1], m) == 42 * m


def test_the_books_mnist_network():
    # 2·(2·784·30 + 3·30·10) = 95,880 flops per example
    assert flops.backprop_flops([784, 30, 10]) == 95_880


def test_counts_match_the_shapes_of_the_products():
    """Count the entries × inner dimension of every product backprop forms, from the arrays."""
    net = bpcore.Network([5, 4, 3, 2], seed=0)
    m = 7
    forward = sum(w.shape[0] * w.shape[1] * m for w in net.weights)  # (n_l × n_{l-1}) @ (·, m)
    bp2 = sum(w.shape[0] * w.shape[1] * m for w in net.weights[1:])  # w^T δ, not into layer 1
    bp4 = sum(w.size * m for w in net.weights)                        # δ (a)^T, inner dim m
    assert flops.forward_multiplies(net.sizes, m) == forward
    assert flops.backward_multiplies(net.sizes, m) == bp2 + bp4


def test_grows_linearly_with_depth():
    # at fixed width each extra layer adds one weight matrix: forward + BP2 + BP4 = 3 × 100
    assert flops.backprop_multiplies([10] * 12) - flops.backprop_multiplies([10] * 11) == 300
    assert np.diff([flops.backprop_multiplies([10] * n) for n in range(3, 9)]).tolist() == [300] * 5
