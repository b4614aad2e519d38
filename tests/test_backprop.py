"""Backpropagation (BP1–BP4) against finite differences, per example and per mini-batch.

Tolerances (float64): backprop vs central differences, relative error < 1e-7 (the error of
a central difference with ε = 1e-5 is ~1e-10 relative); batch vs mean of per-example
gradients, < 1e-12 (same arithmetic up to summation order).
"""

import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from bpcore import Network, gradient_check, numerical_gradient, rel_error
from bpcore.activations import ACTIVATIONS
from bpcore.backprop import backprop, backprop_batch, mean_of_examples, output_cost, output_error

# Every activation with the quadratic cost; cross-entropy needs outputs in (0, 1), so it
# is paired with the sigmoid (one activation serves all layers in a Network).
COMBOS = [(name, "quadratic") for name in sorted(ACTIVATIONS)] + [("sigmoid", "cross_entropy")]
KINK = 1e-4  # relu draws with any |z| below this are skipped: C is not differentiable there
EPS = 1e-6  # step for the test's own finite differences in z


def make_case(sizes, activation, cost, m, seed):
    """A seeded network and a batch X (n_1, m), Y (n_L, m); Y in (0, 1) for cross-entropy."""
    net = Network(sizes, activation=activation, cost=cost, seed=seed)
    rng = np.random.default_rng(seed + 1)
    X = rng.uniform(-1.0, 1.0, size=(sizes[0], m))
    if cost == "cross_entropy":
        Y = rng.uniform(0.05, 0.95, size=(sizes[-1], m))
    else:
        Y = rng.uniform(-1.0, 1.0, size=(sizes[-1], m))
    return net, X, Y


def away_from_kinks(net, X):
    """True unless a relu network has some |z| < KINK (a point where C has a kink)."""
    if net.activation.name != "relu":
        return True
    zs, _ = net.forward(X)
    return all(np.min(np.abs(z)) >= KINK for z in zs)


def cost_from_layer(net, i, z, y):
    """C_x as a function of z = z^{i+2} (weights index i), running the rest of the network
    forward from there: a = σ(z), then z = w a + b, a = σ(z) for the later layers."""
    a = net.activation.fn(z)
    for w, b in zip(net.weights[i + 1 :], net.biases[i + 1 :], strict=True):
        a = net.activation.fn(w @ a + b)
    return float(net.cost.fn(a, y)[0])


def dC_dz(net, i, z, y):
    """Central differences of C_x with respect to every entry of z^{i+2}: the book's δ."""
    grad = np.zeros_like(z)
    for j in range(z.shape[0]):
        e = np.zeros_like(z)
        e[j, 0] = EPS
        grad[j, 0] = (cost_from_layer(net, i, z + e, y) - cost_from_layer(net, i, z - e, y)) / (
            2 * EPS
        )
    return grad


sizes_st = st.lists(st.integers(1, 5), min_size=2, max_size=4)
seed_st = st.integers(0, 2**31 - 1)
FAST = settings(max_examples=25, deadline=None, derandomize=True)
per_combo = pytest.mark.parametrize("combo", COMBOS, ids=["-".join(c) for c in COMBOS])


@per_combo
@pytest.mark.parametrize("method", ["backprop_batch", "backprop"])
@FAST
@given(sizes=sizes_st, m=st.integers(1, 4), seed=seed_st)
def test_backprop_matches_numerical_gradient(sizes, combo, method, m, seed):
    """The matrix path on m columns, and the per-example path on one, against central
    differences of the mean cost."""
    net, X, Y = make_case(sizes, *combo, 1 if method == "backprop" else m, seed)
    assume(away_from_kinks(net, X))
    nb, nw = getattr(net, method)(X, Y)
    fb, fw = numerical_gradient(net, X, Y)
    assert rel_error(nb + nw, fb + fw) < 1e-7


@per_combo
@FAST
@given(sizes=sizes_st, m=st.integers(1, 6), seed=seed_st)
def test_batch_equals_mean_of_examples(sizes, combo, m, seed):
    net, X, Y = make_case(sizes, *combo, m, seed)
    nb, nw = net.backprop_batch(X, Y)
    # the book's way, written out here: one backprop per column, then the mean
    per_example = [net.backprop(X[:, j : j + 1], Y[:, j : j + 1]) for j in range(m)]
    mean_b = [np.mean([g[0][i] for g in per_example], axis=0) for i in range(len(nb))]
    mean_w = [np.mean([g[1][i] for g in per_example], axis=0) for i in range(len(nw))]
    for got, want in zip(nb + nw, mean_b + mean_w, strict=True):
        assert got.shape == want.shape
        np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-12)
    lib_b, lib_w = mean_of_examples(net, X, Y)
    for got, want in zip(nb + nw, lib_b + lib_w, strict=True):
        np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-12)


# -- each of BP1–BP4 on its own ------------------------------------------------------------


@per_combo
@settings(max_examples=10, deadline=None, derandomize=True)
@given(sizes=sizes_st, seed=seed_st)
def test_bp1_output_error(sizes, combo, seed):
    """BP1: δ^L = ∂C_x/∂z^L, by finite differences in z^L itself."""
    net, x, y = make_case(sizes, *combo, 1, seed)
    trace = net.backprop_deltas(x, y)
    i = len(net.weights) - 1
    if combo[0] == "relu":
        assume(np.min(np.abs(trace.zs[i])) >= KINK)
    expected = dC_dz(net, i, trace.zs[i], y)
    np.testing.assert_allclose(trace.deltas[-1], expected, rtol=1e-6, atol=1e-9)


@per_combo
@settings(max_examples=10, deadline=None, derandomize=True)
@given(sizes=st.lists(st.integers(1, 5), min_size=3, max_size=4), seed=seed_st)
def test_bp2_hidden_error(sizes, combo, seed):
    """BP2: every hidden δ^l = ∂C_x/∂z^l, by finite differences in z^l itself."""
    net, x, y = make_case(sizes, *combo, 1, seed)
    assume(away_from_kinks(net, x))
    trace = net.backprop_deltas(x, y)
    assert len(trace.deltas) == len(net.weights)
    for i in range(len(net.weights) - 1):
        expected = dC_dz(net, i, trace.zs[i], y)
        np.testing.assert_allclose(trace.deltas[i], expected, rtol=1e-6, atol=1e-9)


def test_bp2_is_the_transposed_weights_times_delta():
    """BP2 written out neuron by neuron: δ^l_k = Σ_j w^{l+1}_{jk} δ^{l+1}_j σ'(z^l_k)."""
    net, x, y = make_case([3, 4, 2], "tanh", "quadratic", 1, 7)
    trace = net.backprop_deltas(x, y)
    w, d_next, z = net.weights[1], trace.deltas[1], trace.zs[0]
    for k in range(4):
        total = sum(w[j, k] * d_next[j, 0] for j in range(2))
        tanh_prime = 1 - np.tanh(z[k, 0]) ** 2
        assert trace.deltas[0][k, 0] == pytest.approx(total * tanh_prime, rel=1e-12)


@pytest.mark.parametrize("activation,cost", COMBOS)
def test_bp3_bias_gradient_is_delta(activation, cost):
    net, x, y = make_case([3, 4, 5, 2], activation, cost, 1, 3)
    trace = net.backprop_deltas(x, y)
    for nb, delta in zip(trace.nabla_b, trace.deltas, strict=True):
        np.testing.assert_array_equal(nb, delta)
    nb, _ = net.backprop(x, y)
    for got, delta in zip(nb, trace.deltas, strict=True):
        np.testing.assert_array_equal(got, delta)


@pytest.mark.parametrize("activation,cost", COMBOS)
def test_bp4_weight_gradient_is_outer_product(activation, cost):
    net, x, y = make_case([3, 4, 5, 2], activation, cost, 1, 4)
    trace = net.backprop_deltas(x, y)
    for nw, delta, a_prev in zip(trace.nabla_w, trace.deltas, trace.activations[:-1], strict=True):
        np.testing.assert_allclose(nw, np.outer(delta, a_prev), rtol=1e-15, atol=0)
    # and ∂C/∂w^l_{jk} = a^{l-1}_k δ^l_j agrees with finite differences in each weight
    assert away_from_kinks(net, x)
    _, fw = numerical_gradient(net, x, y)
    for num, delta, a_prev in zip(fw, trace.deltas, trace.activations[:-1], strict=True):
        for j, k in np.ndindex(num.shape):
            assert num[j, k] == pytest.approx(a_prev[k, 0] * delta[j, 0], rel=1e-6, abs=1e-9)


def test_bp3_by_finite_differences():
    net, x, y = make_case([2, 3, 2], "sigmoid", "quadratic", 1, 5)
    trace = net.backprop_deltas(x, y)
    fb, _ = numerical_gradient(net, x, y)
    for num, delta in zip(fb, trace.deltas, strict=True):
        np.testing.assert_allclose(num, delta, rtol=1e-7, atol=1e-10)


# -- forward pass (eq. 23 and eq. 25) ------------------------------------------------------


def test_forward_shapes_and_input():
    sizes = [4, 3, 5, 2]
    net, X, _ = make_case(sizes, "sigmoid", "quadratic", 6, 11)
    zs, activations = net.forward(X)
    assert len(zs) == 3 and len(activations) == 4
    np.testing.assert_array_equal(activations[0], X)
    for i, n in enumerate(sizes[1:]):
        assert zs[i].shape == (n, 6)
        assert activations[i + 1].shape == (n, 6)
    np.testing.assert_array_equal(activations[-1], net.feedforward(X))


@pytest.mark.parametrize("activation", sorted(ACTIVATIONS))
def test_forward_neuron_by_neuron_eq23(activation):
    """(23): z^l_j = Σ_k w^l_{jk} a^{l−1}_k + b^l_j, with explicit loops, equals (25)."""
    net, X, _ = make_case([3, 4, 2], activation, "quadratic", 3, 13)
    zs, activations = net.forward(X)
    sigma = net.activation.fn
    for col in range(X.shape[1]):
        a_prev = [X[k, col] for k in range(X.shape[0])]
        for i, (w, b) in enumerate(zip(net.weights, net.biases, strict=True)):
            z = []
            for j in range(w.shape[0]):
                total = b[j, 0]
                for k in range(w.shape[1]):
                    total += w[j, k] * a_prev[k]
                z.append(total)
            for j, zj in enumerate(z):
                assert zs[i][j, col] == pytest.approx(zj, rel=1e-12, abs=1e-12)
            a_prev = [float(sigma(np.float64(zj))) for zj in z]
            for j, aj in enumerate(a_prev):
                assert activations[i + 1][j, col] == pytest.approx(aj, rel=1e-12, abs=1e-12)


# -- the sigmoid + cross-entropy pair at saturation (chapter 3: δ^L = a − y) ---------------

SATURATED_Z = [-30.0, -40.0, -100.0, -1e4, 30.0]


def one_neuron(z, cost="cross_entropy"):
    """Network([1, 1]) with w = 0 and b = z, so z^L = z for any input; x = 1, y = 1."""
    net = Network([1, 1], cost=cost, seed=0)
    net.weights, net.biases = [np.zeros((1, 1))], [np.array([[z]])]
    return net, np.ones((1, 1)), np.ones((1, 1))


@pytest.mark.parametrize("z", SATURATED_Z)
@pytest.mark.parametrize("method", ["backprop", "backprop_batch"])
def test_cross_entropy_bias_gradient_is_a_minus_y_at_saturation(z, method):
    """∂C/∂b = δ^L = a − y exactly, however deep the saturation (the old clipped product
    gave −0.094 at z = −30 and 0 from z ≈ −38 on)."""
    net, x, y = one_neuron(z)
    nabla_b, _ = getattr(net, method)(x, y)
    a = net.feedforward(x)[0, 0]
    assert nabla_b[0][0, 0] == pytest.approx(a - 1.0, rel=1e-12)  # y = 1
    if z < 0:  # and a itself is σ(z), by the standard library (near 1 it is a rounded 1 − ε)
        assert a == pytest.approx(math.exp(z) / (1 + math.exp(z)), rel=1e-14, abs=1e-300)


@pytest.mark.parametrize("z", SATURATED_Z + [0.5, -3.0])
def test_cross_entropy_cost_is_exact_at_saturation(z):
    """C = −ln σ(z) = ln(1 + e^{−z}) for y = 1, to 1e-12 relative (≈ 1e4 at z = −1e4,
    where clipping a gave 27.6), computed here with the standard library's log1p/exp."""
    net, x, y = one_neuron(z)
    expected = (-z + math.log1p(math.exp(z))) if z < 0 else math.log1p(math.exp(-z))
    assert net.total_cost(x, y) == pytest.approx(expected, rel=1e-12)


def test_gradient_check_passes_in_the_saturated_regime():
    net, x, y = one_neuron(-30.0)
    assert gradient_check(net, x, y) < 1e-6


@pytest.mark.parametrize("activation,cost", COMBOS[:-1])
def test_output_error_and_cost_are_bp1_and_cost_fn_for_other_pairs(activation, cost):
    """Every pair but sigmoid + cross-entropy: δ^L is BP1's product, C_x is cost.fn(σ(z^L))."""
    net, X, Y = make_case([3, 4, 2], activation, cost, 5, 21)
    zs, activations = net.forward(X)
    z_L, a_L = zs[-1], activations[-1]
    bp1 = net.cost.grad_a(a_L, Y) * net.activation.prime(z_L)
    np.testing.assert_array_equal(output_error(net, z_L, a_L, Y), bp1)
    np.testing.assert_array_equal(output_cost(net, z_L, Y), net.cost.fn(a_L, Y))


def test_output_error_is_a_minus_y_for_the_sigmoid_cross_entropy_pair():
    net, X, Y = make_case([3, 4, 2], "sigmoid", "cross_entropy", 5, 22)
    zs, activations = net.forward(X)
    np.testing.assert_array_equal(output_error(net, zs[-1], activations[-1], Y),
                                  activations[-1] - Y)
    # and where nothing saturates it agrees with the general BP1 product to rounding
    bp1 = net.cost.grad_a(activations[-1], Y) * net.activation.prime(zs[-1])
    np.testing.assert_allclose(output_error(net, zs[-1], activations[-1], Y), bp1, rtol=1e-12)


# -- the book's per-example gradient, against the matrix path --------------------------------


@pytest.mark.parametrize("cost", ["quadratic", "cross_entropy"])
def test_per_example_gradients_equal_the_matrix_path_to_1e_14(cost):
    """network.py's backprop is bpcore's literal per-example path, line for line; the
    matrix path with m = 1 must give the same numbers for every digit-sized example."""
    rng = np.random.default_rng(30)
    net = Network([784, 30, 10], cost=cost, seed=31)
    for _ in range(5):
        x = rng.uniform(0, 1, (784, 1))
        y = np.eye(10)[:, [rng.integers(10)]]
        book_b, book_w = backprop(net, x, y)
        fast_b, fast_w = backprop_batch(net, x, y)
        for book, fast in zip(book_b + book_w, fast_b + fast_w, strict=True):
            np.testing.assert_allclose(fast, book, rtol=1e-14, atol=1e-14 * np.abs(book).max())
