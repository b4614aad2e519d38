"""Activations σ, σ' (eq. 24) and costs C_x, ∇_a C_x, each against an independent computation."""

import math
import warnings
from decimal import Decimal, localcontext

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bpcore import Cost, get_activation, get_cost, sigmoid, sigmoid_prime
from bpcore.activations import ACTIVATIONS, Activation
from bpcore.costs import COSTS, cross_entropy, cross_entropy_grad

H = 1e-6  # finite-difference step; central differences are accurate to ~H² ≈ 1e-12


def central_diff(f, z, h=H):
    """Elementwise derivative of an elementwise f by central differences."""
    return (f(z + h) - f(z - h)) / (2 * h)


@pytest.fixture
def z():
    # Kept away from relu's kink at 0 so that its derivative is well defined.
    z = np.random.default_rng(0).normal(scale=2.0, size=(5, 7))
    return np.where(np.abs(z) < 1e-3, 0.5, z)


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_prime_matches_finite_differences(name, z):
    act = get_activation(name)
    expected = central_diff(act.fn, z)
    np.testing.assert_allclose(act.prime(z), expected, rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_prime_from_a_matches_prime(name, z):
    act = get_activation(name)
    assert act.prime_from_a is not None
    np.testing.assert_allclose(act.prime_from_a(act.fn(z)), act.prime(z), rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_activation_keeps_shape(name, z):
    act = get_activation(name)
    assert act.fn(z).shape == z.shape
    assert act.prime(z).shape == z.shape


def test_sigmoid_matches_textbook_formula(z):
    np.testing.assert_allclose(sigmoid(z), 1.0 / (1.0 + np.exp(-z)), rtol=1e-14)


def sigmoid_reference(z):
    """1/(1 + e^{−z}) in 40-digit decimal arithmetic, rounded once to float64."""
    with localcontext() as ctx:
        ctx.prec = 40
        return float(1 / (1 + (-Decimal(float(z))).exp()))


# A grid over the whole range plus the region where the old tanh form went wrong.
GRID = np.concatenate([np.linspace(-700, 700, 2801), np.linspace(-45, 45, 1801)])


def test_sigmoid_full_relative_precision_on_a_grid():
    expected = np.array([sigmoid_reference(z) for z in GRID])
    np.testing.assert_allclose(sigmoid(GRID), expected, rtol=1e-14, atol=0)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(z=st.floats(-700, 700))
def test_sigmoid_full_relative_precision(z):
    assert abs(sigmoid(np.array([z]))[0] / sigmoid_reference(z) - 1) <= 1e-14


def test_sigmoid_positive_down_to_the_smallest_float():
    # e^{-745} is the last power that float64 can hold (as a subnormal number)
    z = np.array([-744.9, -740.0, -720.0, -709.5, -100.0, -37.5])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert np.all(sigmoid(z) > 0)
    # where the old tanh form returned exactly 0 or was 4 % off, the new one is exact
    assert sigmoid(np.array([-36.0]))[0] == pytest.approx(sigmoid_reference(-36.0), rel=1e-15)


def test_sigmoid_is_stable_for_huge_inputs():
    z = np.array([-1e4, -710.0, 0.0, 710.0, 1e4])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        a = sigmoid(z)
        da = sigmoid_prime(z)
    assert np.all(np.isfinite(a)) and np.all(np.isfinite(da))
    assert a[0] == 0.0 and a[-1] == 1.0 and a[2] == 0.5
    assert da[0] == 0.0 and da[-1] == 0.0 and da[2] == 0.25


def test_vectorised_function_eq24():
    # (24): f applied elementwise; the book's example f(x) = x² gives f([2, 3]) = [4, 9].
    def f(x):
        return x**2

    np.testing.assert_array_equal(f(np.array([[2.0], [3.0]])), np.array([[4.0], [9.0]]))


def test_hadamard_product_eq28():
    # (28): [1, 2] ⊙ [3, 4] = [1·3, 2·4] = [3, 8].
    s = np.array([[1.0], [2.0]])
    t = np.array([[3.0], [4.0]])
    np.testing.assert_array_equal(s * t, np.array([[3.0], [8.0]]))


def test_unknown_activation_named_in_message():
    with pytest.raises(ValueError, match="'swish'"):
        get_activation("swish")
    with pytest.raises(TypeError, match="42"):
        get_activation(42)


# -- costs -------------------------------------------------------------------------------


def test_quadratic_cost_by_hand():
    # Two examples (columns). C_x = ½‖y − a‖²:
    #   column 0: a = (0.5, 0.2), y = (1, 0) → ½(0.5² + 0.2²) = ½(0.25 + 0.04) = 0.145
    #   column 1: a = (0.9, 0.4), y = (0, 1) → ½(0.9² + 0.6²) = ½(0.81 + 0.36) = 0.585
    a = np.array([[0.5, 0.9], [0.2, 0.4]])
    y = np.array([[1.0, 0.0], [0.0, 1.0]])
    cost = get_cost("quadratic")
    np.testing.assert_allclose(cost.fn(a, y), [0.145, 0.585], rtol=1e-14)
    np.testing.assert_allclose(cost.grad_a(a, y), [[-0.5, 0.9], [0.2, -0.6]], rtol=1e-14)


def test_cross_entropy_by_hand():
    # C_x = −Σ_j [y_j ln a_j + (1 − y_j) ln(1 − a_j)]; a = (0.8, 0.3), y = (1, 0):
    # −(ln 0.8 + ln 0.7).
    a = np.array([[0.8], [0.3]])
    y = np.array([[1.0], [0.0]])
    expected = -(math.log(0.8) + math.log(0.7))
    np.testing.assert_allclose(get_cost("cross_entropy").fn(a, y), [expected], rtol=1e-14)


@pytest.mark.parametrize("name", sorted(COSTS))
def test_cost_grad_matches_finite_differences(name):
    rng = np.random.default_rng(1)
    a = rng.uniform(0.1, 0.9, size=(4, 3))
    y = rng.uniform(0.0, 1.0, size=(4, 3))
    cost = get_cost(name)
    expected = np.zeros_like(a)
    for idx in np.ndindex(a.shape):
        e = np.zeros_like(a)
        e[idx] = H
        # C_x of column idx[1] only depends on that column
        expected[idx] = (cost.fn(a + e, y) - cost.fn(a - e, y))[idx[1]] / (2 * H)
    np.testing.assert_allclose(cost.grad_a(a, y), expected, rtol=1e-6, atol=1e-9)


def test_cross_entropy_finite_at_saturation():
    a = np.array([[0.0, 1.0, 0.0, 1.0]])
    y = np.array([[0.0, 1.0, 1.0, 0.0]])
    cost = get_cost("cross_entropy")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        c = cost.fn(a, y)
        g = cost.grad_a(a, y)
    assert np.all(np.isfinite(c)) and np.all(np.isfinite(g))
    # right answers at saturation cost (almost) nothing; wrong ones cost a lot
    assert c[0] < 1e-9 and c[1] < 1e-9
    assert c[2] > 20 and c[3] > 20


@pytest.mark.parametrize("y,a", [(1.0, 1e-13), (0.0, 1 - 2.0**-45), (1.0, 1e-300)])
def test_cross_entropy_is_not_clipped_inside_the_interval(y, a):
    """Only an a that has rounded to exactly 0 or 1 is moved; every other a counts as it is
    (the old clip to [1e-12, 1 − 1e-12] gave −ln(1e-12) = 27.6 for a = 1e-13)."""
    A, Y = np.array([[a]]), np.array([[y]])
    expected = -math.log(a) if y == 1.0 else -math.log1p(-a)
    assert cross_entropy(A, Y)[0] == pytest.approx(expected, rel=1e-12)
    assert cross_entropy_grad(A, Y)[0, 0] == pytest.approx((a - y) / (a * (1 - a)), rel=1e-12)


def test_cost_shapes():
    a = np.full((3, 5), 0.5)
    for name in COSTS:
        cost = get_cost(name)
        assert cost.fn(a, a).shape == (5,)
        assert cost.grad_a(a, a).shape == (3, 5)


def softplus(z):
    return np.log1p(np.exp(z))


def softplus_prime(z):
    return 1.0 / (1.0 + np.exp(-z))


def abs_cost(a, y):
    return np.sum(np.abs(a - y), axis=0)


def abs_grad(a, y):
    return np.sign(a - y)


@pytest.mark.parametrize(
    "get,kind,pair",
    [(get_activation, Activation, (softplus, softplus_prime)),
     (get_cost, Cost, (abs_cost, abs_grad))],
    ids=["activation", "cost"],
)
def test_custom_pair_accepted(get, kind, pair):
    """A (function, derivative) pair becomes an Activation or a Cost holding those two."""
    obj = get(pair)
    assert isinstance(obj, kind)
    assert (obj.fn, obj.prime if kind is Activation else obj.grad_a) == pair
    assert get(obj) is obj


def test_unknown_cost_named_in_message():
    with pytest.raises(ValueError, match="'hinge'"):
        get_cost("hinge")
    with pytest.raises(TypeError, match="3.5"):
        get_cost(3.5)
