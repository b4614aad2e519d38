"""bpcore.gradcheck: the finite-difference engine, what it nudges, and gradient checking.

References are independent of the code under test: polynomials and linear maps whose
derivatives are known exactly, one-neuron cases worked by hand, differences written out here,
and backprop (a second method, not an echo).
"""

import re

import numpy as np
import pytest

from bpcore import Cost, Network, gradcheck, gradient_check, numerical_gradient, rel_error
from bpcore.activations import sigmoid, sigmoid_prime
from bpcore.costs import quadratic


def test_rel_error_basics():
    a = np.array([1.0, -2.0, 3.0])
    b = np.array([1.0, -2.0, 3.5])
    assert rel_error(a, a) == 0.0
    assert rel_error(np.zeros(3), np.zeros(3)) == 0.0
    assert rel_error(a, b) == rel_error(b, a)
    # ‖a − b‖ / (‖a‖ + ‖b‖) = 0.5 / (√14 + √(1 + 4 + 12.25))
    assert rel_error(a, b) == pytest.approx(0.5 / (np.sqrt(14) + np.sqrt(17.25)), rel=1e-14)
    assert rel_error(a, -a) == pytest.approx(1.0)
    assert rel_error(a, np.zeros(3)) == pytest.approx(1.0)
    assert rel_error(a, 1.001 * a) == pytest.approx(0.001 / 2.001, rel=1e-9)


def test_rel_error_of_lists_concatenates_entries():
    p = [np.array([[3.0]]), np.array([[0.0, 4.0]])]
    q = [np.array([[3.0]]), np.array([[0.0, 4.0 + 1e-3]])]
    flat_p, flat_q = np.array([3.0, 0.0, 4.0]), np.array([3.0, 0.0, 4.001])
    assert rel_error(p, q) == pytest.approx(rel_error(flat_p, flat_q), rel=1e-14)
    assert rel_error(p, q) == pytest.approx(1e-3 / (5.0 + np.sqrt(9 + 4.001**2)), rel=1e-12)
    assert rel_error(tuple(p), tuple(p)) == 0.0


def test_rel_error_shape_mismatch():
    with pytest.raises(ValueError, match="3 and 2 entries"):
        rel_error(np.zeros(3), np.zeros(2))
    with pytest.raises(ValueError, match="3 and 4 entries"):
        rel_error([np.zeros((1, 1)), np.zeros(2)], [np.zeros((2, 2))])


def test_numerical_gradient_of_a_known_function():
    """A 1-1 identity network with quadratic cost: C = ½(w x + b − y)², so
    ∂C/∂w = (w x + b − y) x and ∂C/∂b = w x + b − y exactly."""
    net = Network([1, 1], activation="identity", seed=0)
    net.weights, net.biases = [np.array([[2.0]])], [np.array([[0.5]])]
    x, y = np.array([[3.0]]), np.array([[1.0]])
    fb, fw = numerical_gradient(net, x, y)
    r = 2.0 * 3.0 + 0.5 - 1.0
    assert fb[0][0, 0] == pytest.approx(r, rel=1e-9)
    assert fw[0][0, 0] == pytest.approx(r * 3.0, rel=1e-9)


def test_numerical_gradient_restores_parameters():
    net = Network([3, 4, 2], seed=1)
    before = [p.copy() for p in net.weights + net.biases]
    ids = [id(p) for p in net.weights + net.biases]
    X = np.random.default_rng(0).uniform(-1, 1, (3, 5))
    Y = np.random.default_rng(1).uniform(0, 1, (2, 5))
    cost_before = net.total_cost(X, Y)
    fb, fw = numerical_gradient(net, X, Y)
    for p, q in zip(net.weights + net.biases, before, strict=True):
        np.testing.assert_array_equal(p, q)
    assert [id(p) for p in net.weights + net.biases] == ids
    assert net.total_cost(X, Y) == cost_before
    assert [g.shape for g in fb] == [b.shape for b in net.biases]
    assert [g.shape for g in fw] == [w.shape for w in net.weights]


@pytest.fixture
def data():
    rng = np.random.default_rng(5)
    return rng.uniform(-1, 1, (3, 4)), rng.uniform(0, 1, (2, 4))


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "identity"])
def test_gradient_check_small_for_correct_network(activation, data):
    net = Network([3, 4, 2], activation=activation, seed=2)
    assert gradient_check(net, *data) < 1e-7


def test_gradient_check_large_for_wrong_gradient(data, monkeypatch):
    net = Network([3, 4, 2], seed=2)

    def wrong_grad(a, y):  # forgot the sign: y − a instead of a − y
        return y - a

    monkeypatch.setattr(net, "cost", Cost("quadratic-wrong", quadratic, wrong_grad))
    assert gradient_check(net, *data) > 1e-2


def test_gradient_check_catches_a_small_error(data, monkeypatch):
    net = Network([3, 4, 2], seed=2)

    def slightly_wrong_grad(a, y):  # a 1% error in ∇_a C
        return 1.01 * (a - y)

    monkeypatch.setattr(net, "cost", Cost("quadratic-1%", quadratic, slightly_wrong_grad))
    err = gradient_check(net, *data)
    assert 1e-3 < err < 1e-2  # 1.01 g vs g: relative error 0.01 / 2.01 ≈ 0.005


def test_gradient_check_reports_the_worst_parameter(data, monkeypatch):
    """One wrong entry in one layer is enough: the check takes the maximum over layers."""
    net = Network([3, 4, 5, 2], seed=2)
    right = net.backprop_batch

    def one_layer_wrong(X, Y):
        nb, nw = right(X, Y)
        nw[1] = 2.0 * nw[1]  # ∂C/∂w^3 doubled: relative error (2 − 1) / (2 + 1) = 1/3
        return nb, nw

    monkeypatch.setattr(net, "backprop_batch", one_layer_wrong)
    assert gradient_check(net, *data) == pytest.approx(1 / 3, rel=1e-6)


# -- the engine: finite_differences --------------------------------------------------------


def cubic_params():
    """p = [[1.5, -0.5]], q = [[2.0]] for f(p, q) = Σ p_i³ + 2 p_0 q."""
    return [np.array([[1.5, -0.5]]), np.array([[2.0]])]


def cubic(params):
    p, q = params
    return float(np.sum(p**3) + 2 * p[0, 0] * q[0, 0])


@pytest.mark.parametrize("scheme, eps, rtol", [("central", 1e-5, 1e-9), ("forward", 1e-7, 1e-6)])
def test_finite_differences_of_a_polynomial(scheme, eps, rtol):
    params = cubic_params()
    p, q = (a.copy() for a in params)
    # by hand: ∂f/∂p_0 = 3p_0² + 2q, ∂f/∂p_1 = 3p_1², ∂f/∂q = 2p_0
    exact = [np.array([[3 * p[0, 0] ** 2 + 2 * q[0, 0], 3 * p[0, 1] ** 2]]),
             np.array([[2 * p[0, 0]]])]
    got = gradcheck.finite_differences(params, lambda: cubic(params), eps, scheme)
    for g, e in zip(got, exact, strict=True):
        assert g.shape == e.shape
        np.testing.assert_allclose(g, e, rtol=rtol)
    np.testing.assert_array_equal(params[0], p)  # every entry put back exactly
    np.testing.assert_array_equal(params[1], q)


def test_forward_scheme_is_eq_46_and_central_is_the_symmetric_quotient():
    params = cubic_params()
    eps = 1e-3  # large enough that the two schemes differ visibly
    p0 = params[0][0, 1]
    f0 = cubic(params)
    params[0][0, 1] = p0 + eps
    f_up = cubic(params)
    params[0][0, 1] = p0 - eps
    f_down = cubic(params)
    params[0][0, 1] = p0
    fwd = gradcheck.finite_differences(params, lambda: cubic(params), eps, "forward")
    cen = gradcheck.finite_differences(params, lambda: cubic(params), eps, "central")
    assert fwd[0][0, 1] == (f_up - f0) / eps
    assert cen[0][0, 1] == (f_up - f_down) / (2 * eps)
    assert fwd[0][0, 1] != cen[0][0, 1]


@pytest.mark.parametrize("scheme, calls", [("central", lambda P: 2 * P),
                                           ("forward", lambda P: P + 1)])
def test_number_of_evaluations(scheme, calls):
    params = [np.zeros((3, 2)), np.zeros((4, 1))]
    count = []
    gradcheck.finite_differences(params, lambda: count.append(1) or 0.0, 1e-5, scheme)
    assert len(count) == calls(10)


def test_array_valued_function_gives_one_derivative_per_output():
    v = np.array([[0.5], [-1.0]])
    A = np.array([[1.0, 2.0], [3.0, -4.0], [0.0, 5.0]])
    (d,) = gradcheck.finite_differences([v], lambda: A @ v)
    assert d.shape == (2, 1, 3, 1)  # p.shape + f().shape
    np.testing.assert_allclose(d[:, 0, :, 0].T, A, atol=1e-9)  # ∂(Av)_k/∂v_j = A[k, j]


def test_a_function_returning_its_own_argument_is_copied_not_aliased():
    v = np.array([[2.0], [3.0]])
    (d,) = gradcheck.finite_differences([v], lambda: v)  # f returns the array being nudged
    np.testing.assert_allclose(d.reshape(2, 2), np.eye(2), atol=1e-9)


def test_parameters_are_restored_when_the_function_raises():
    params = [np.array([[1.0, 2.0]])]

    def f():
        if params[0][0, 1] != 2.0:
            raise RuntimeError("boom")
        return 0.0

    with pytest.raises(RuntimeError, match="boom"):
        gradcheck.finite_differences(params, f)
    np.testing.assert_array_equal(params[0], [[1.0, 2.0]])


def test_unknown_scheme_is_refused_before_anything_moves():
    params = [np.ones((2, 2))]
    with pytest.raises(ValueError, match="scheme must be one of .*'backward'"):
        gradcheck.finite_differences(params, lambda: params[0].sum(), scheme="backward")


BAD_EPS = [("1e-5", TypeError, "eps must be a positive number; got '1e-5'"),
           (1e-300, ValueError, "eps = 1e-300 is too small"),
           (-1e-5, ValueError, "eps must be a finite positive number; got -1e-05"),
           (float("nan"), ValueError, "eps must be a finite positive number; got nan"),
           (0, ValueError, "eps must be a finite positive number; got 0"),
           (True, TypeError, "eps must be a positive number; got True"),
           (None, TypeError, "eps must be a positive number; got None")]


@pytest.mark.parametrize("eps, error, message", BAD_EPS)
@pytest.mark.parametrize("call", ["finite_differences", "numerical_gradient", "gradient_check",
                                  "numerical_delta", "numerical_jacobian"])
def test_bad_eps_is_refused_naming_eps_before_any_parameter_changes(call, eps, error, message):
    net = Network([2, 3, 1], seed=0)
    x, y = np.array([[0.2], [-0.4]]), np.array([[1.0]])
    before = [p.copy() for p in net.weights + net.biases]
    seen = []  # what the cost function saw: it must never be called

    def f():
        seen.append(1)
        return 0.0

    calls = {
        "finite_differences": lambda: gradcheck.finite_differences(net.weights, f, eps),
        "numerical_gradient": lambda: numerical_gradient(net, x, y, eps=eps),
        "gradient_check": lambda: gradient_check(net, x, y, eps=eps),
        "numerical_delta": lambda: gradcheck.numerical_delta(net, x, y, 2, eps=eps),
        "numerical_jacobian": lambda: gradcheck.numerical_jacobian(lambda v: v, x, eps=eps),
    }
    with pytest.raises(error, match=re.escape(message)):
        calls[call]()
    assert seen == []
    for p, q in zip(net.weights + net.biases, before, strict=True):
        np.testing.assert_array_equal(p, q)


@pytest.mark.parametrize("eps", [gradcheck.MIN_EPS, 1e-13, 1e-5, 0.5])
def test_small_but_sensible_eps_is_accepted(eps):
    params = [np.array([[1.0]])]
    (d,) = gradcheck.finite_differences(params, lambda: 3.0 * params[0][0, 0], eps)
    assert d[0, 0] == pytest.approx(3.0, rel=1e-1)  # linear: only rounding error is left


# -- what is nudged: a network's parameters, z^l, a vector --------------------------------


def test_forward_scheme_gradient_matches_backprop_and_eq_46_by_hand(data):
    X, Y = data
    net = Network([3, 4, 2], seed=2)
    fb, fw = numerical_gradient(net, X, Y, eps=1e-7, scheme="forward")
    bb, bw = net.backprop_batch(X, Y)
    # truncation ~ |C''| ε / 2, rounding ~ u|C|/ε: about 1e-8 relative here
    assert rel_error(fb + fw, bb + bw) < 1e-5
    eps, w = 1e-4, net.weights[1]
    c = net.total_cost(X, Y)
    w[1, 2] += eps
    by_hand = (net.total_cost(X, Y) - c) / eps
    w[1, 2] -= eps
    _, gw = numerical_gradient(net, X, Y, eps=eps, scheme="forward")
    assert gw[1][1, 2] == pytest.approx(by_hand, rel=1e-9)


def test_numerical_gradient_checks_its_data_once_with_clear_errors():
    net = Network([2, 1], seed=0)
    with pytest.raises(ValueError, match=r"X has shape \(3, 1\); expected \(2, m\)"):
        numerical_gradient(net, np.zeros((3, 1)), np.zeros((1, 1)))
    with pytest.raises(ValueError, match="X has 2 columns but Y has 1"):
        numerical_gradient(net, np.zeros((2, 2)), np.zeros((1, 1)))


def test_cost_function_is_the_mean_cost_with_the_current_parameters(data):
    X, Y = data
    net = Network([3, 4, 2], seed=2)
    C = gradcheck.cost_function(net, X, Y)
    a = X
    for w, b in zip(net.weights, net.biases, strict=True):  # eq. (25), written out
        a = 1 / (1 + np.exp(-(w @ a + b)))
    assert C() == pytest.approx(np.mean(0.5 * np.sum((a - Y) ** 2, axis=0)), rel=1e-12)
    net.biases[1][0, 0] += 1.0  # C reads the parameters when it is called
    assert C() == pytest.approx(net.total_cost(X, Y), rel=1e-12)


def test_numerical_delta_one_neuron_by_hand():
    # sizes [1, 1]: z = w x + b, C = ½(σ(z) − y)², so δ = (σ(z) − y) σ'(z) by hand.
    net = Network([1, 1], seed=0)
    net.weights, net.biases = [np.array([[0.7]])], [np.array([[-0.2]])]
    x, y = np.array([[1.5]]), np.array([[1.0]])
    z = 0.7 * 1.5 - 0.2
    expected = (sigmoid(z) - 1.0) * sigmoid_prime(z)
    got = gradcheck.numerical_delta(net, x, y, 2)
    np.testing.assert_allclose(got, [[expected]], rtol=1e-8)  # central differences: O(ε²)


@pytest.mark.parametrize("activation", ["sigmoid", "tanh"])
def test_numerical_deltas_match_bias_gradient(activation):
    # Nudging z^l_j and nudging b^l_j move C identically (z^l_j = … + b^l_j), so the two
    # finite differences must agree, without any use of BP1/BP2.
    rng = np.random.default_rng(3)
    net = Network([3, 4, 4, 2], activation=activation, seed=7)
    x, y = rng.standard_normal((3, 1)), rng.random((2, 1))
    fd_b, _ = numerical_gradient(net, x, y)
    for got, want in zip(gradcheck.numerical_deltas(net, x, y), fd_b, strict=True):
        np.testing.assert_allclose(got, want, rtol=1e-6, atol=1e-10)


def test_cost_from_z_at_the_forward_z_is_the_cost_for_each_column():
    net = Network([2, 3, 2], seed=1)
    X = np.array([[0.3, 1.0, -2.0], [-0.8, 0.5, 0.0]])
    Y = np.array([[0.0, 1.0, 1.0], [1.0, 0.0, 1.0]])
    zs, acts = net.forward(X)
    per_example = 0.5 * np.sum((acts[-1] - Y) ** 2, axis=0)
    for l in (2, 3):
        got = gradcheck.cost_from_z(net, l, zs[l - 2], Y)
        assert got.shape == (3,)
        np.testing.assert_allclose(got, per_example, rtol=1e-12)


@pytest.mark.parametrize("l", [1, 4])
def test_layer_out_of_range_is_refused(l):
    net = Network([2, 3, 2], seed=1)
    with pytest.raises(ValueError, match="expected 2 ≤ l ≤ 3"):
        gradcheck.numerical_delta(net, np.zeros((2, 1)), np.zeros((2, 1)), l)


def test_numerical_jacobian_of_linear_map_is_the_matrix():
    A = np.array([[1.0, -2.0, 0.5], [3.0, 0.0, 4.0]])
    J = gradcheck.numerical_jacobian(lambda v: A @ v, np.array([[0.1], [0.2], [0.3]]))
    np.testing.assert_allclose(J, A, atol=1e-9)


def test_numerical_jacobian_of_elementwise_function_is_exactly_diagonal():
    z = np.array([[0.3], [-1.0], [2.0]])
    J = gradcheck.numerical_jacobian(sigmoid, z)
    assert np.all(J - np.diag(np.diag(J)) == 0)  # off-diagonal differences are exactly 0
    np.testing.assert_allclose(np.diag(J), sigmoid_prime(z).ravel(), rtol=1e-8)


def test_numerical_jacobian_of_a_sigmoid_layer_and_its_input_untouched():
    rng = np.random.default_rng(7)
    w, a = rng.standard_normal((3, 2)), rng.standard_normal((2, 1))
    before = a.copy()
    J = gradcheck.numerical_jacobian(lambda v: sigmoid(w @ v), a)
    np.testing.assert_allclose(J, sigmoid_prime(w @ a) * w, rtol=1e-7, atol=1e-9)
    np.testing.assert_array_equal(a, before)


def test_every_cost_after_a_forward_pass_goes_through_one_function(monkeypatch):
    """_cost_at is the one place where finite differences turn z^L into costs (so an exact
    cost from z^L needs one line changed): count its calls for each public route."""
    calls = []
    real = gradcheck._cost_at

    def counted(net, z_L, Y):
        calls.append(z_L.shape)
        return real(net, z_L, Y)

    monkeypatch.setattr(gradcheck, "_cost_at", counted)
    net = Network([2, 3, 2], seed=0)
    x, y = np.array([[0.3], [-0.8]]), np.array([[1.0], [0.0]])
    numerical_gradient(net, x, y)
    assert len(calls) == 2 * (3 * 2 + 3 + 2 * 3 + 2)  # 2P, every one from z^L
    calls.clear()
    gradcheck.numerical_delta(net, x, y, 2)
    assert calls == [(2, 1)] * 6  # two per neuron of layer 2
    calls.clear()
    gradient_check(net, x, y)
    assert len(calls) == 34  # backprop itself evaluates no cost
