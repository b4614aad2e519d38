"""Network construction, parameter assignment and the checks on every public entry point."""

import copy

import numpy as np
import pytest

from bpcore import Network


def test_parameter_shapes():
    sizes = [4, 3, 5, 2]
    net = Network(sizes, seed=0)
    assert net.num_layers == 4
    assert len(net.weights) == len(net.biases) == 3
    for i in range(3):
        assert net.weights[i].shape == (sizes[i + 1], sizes[i])
        assert net.biases[i].shape == (sizes[i + 1], 1)
        assert net.weights[i].dtype == np.float64


def test_parameters_are_standard_normal_from_default_rng():
    sizes = [3, 2, 4]
    net = Network(sizes, seed=123)
    rng = np.random.default_rng(123)
    # documented order: all biases first, then all weights, layer by layer
    for b in net.biases:
        np.testing.assert_array_equal(b, rng.standard_normal(b.shape))
    for w in net.weights:
        np.testing.assert_array_equal(w, rng.standard_normal(w.shape))


def test_standard_normal_statistics():
    net = Network([200, 100, 50], seed=1)
    values = np.concatenate([p.ravel() for p in net.weights + net.biases])
    assert abs(values.mean()) < 0.02  # ~25,000 draws: standard error ≈ 0.006
    assert abs(values.std() - 1.0) < 0.02


def test_same_seed_same_parameters_different_seed_different():
    a, b, c = Network([3, 4, 2], seed=5), Network([3, 4, 2], seed=5), Network([3, 4, 2], seed=6)
    for p, q in zip(a.weights + a.biases, b.weights + b.biases, strict=True):
        np.testing.assert_array_equal(p, q)
    assert not all(np.array_equal(p, q) for p, q in zip(a.weights, c.weights, strict=True))


def test_weights_assignment_copies():
    net = Network([2, 3, 1], seed=0)
    new_w = [np.arange(6.0).reshape(3, 2), np.ones((1, 3))]
    new_b = [np.zeros((3, 1)), np.full((1, 1), 2.0)]
    net.weights = new_w
    net.biases = new_b
    np.testing.assert_array_equal(net.weights[0], new_w[0])
    np.testing.assert_array_equal(net.biases[1], new_b[1])
    new_w[0][0, 0] = 99.0
    new_b[1][0, 0] = 99.0
    assert net.weights[0][0, 0] == 0.0
    assert net.biases[1][0, 0] == 2.0
    # the network computes with the assigned values: σ(Σ σ(w x) + 2)
    x = np.array([[1.0], [-1.0]])
    hidden = 1 / (1 + np.exp(-(np.arange(6.0).reshape(3, 2) @ x)))
    out = 1 / (1 + np.exp(-(hidden.sum() + 2.0)))
    assert net.feedforward(x)[0, 0] == pytest.approx(out, rel=1e-12)


def test_assigned_integer_arrays_become_float():
    net = Network([2, 1], seed=0)
    net.weights = [np.array([[1, 2]])]
    assert net.weights[0].dtype == np.float64


@pytest.mark.parametrize(
    "attr,value,match",
    [
        ("weights", [np.zeros((3, 3)), np.zeros((1, 3))], r"weights\[0\].*\(3, 2\)"),
        ("weights", [np.zeros((3, 2)), np.zeros((3, 1))],
         r"weights\[1\] has shape \(3, 1\); expected \(1, 3\)"),
        ("weights", [np.zeros((3, 2)), np.zeros((1, 2))], r"weights\[1\].*\(1, 3\)"),
        ("weights", [np.zeros((3, 2))], r"weights.*2 arrays.*got 1"),
        ("biases", [np.zeros((3,)), np.zeros((1, 1))], r"biases\[0\] has shape \(3,\).*\(3, 1\)"),
        ("biases", [np.zeros((3, 1)), np.zeros((1, 2))], r"biases\[1\].*\(1, 1\)"),
        ("biases", [np.zeros((3, 1)), np.zeros((2, 1))], r"biases\[1\].*\(1, 1\)"),
        ("biases", [None, np.zeros((1, 1))], r"biases\[0\].*\(3, 1\)"),
    ],
)
def test_assigned_parameters_of_wrong_shape_rejected(attr, value, match):
    net = Network([2, 3, 1], seed=0)
    before = [p.copy() for p in getattr(net, attr)]
    with pytest.raises(ValueError, match=match):
        setattr(net, attr, value)
    for p, q in zip(getattr(net, attr), before, strict=True):
        np.testing.assert_array_equal(p, q)


def test_assigned_parameters_with_nan_rejected():
    net = Network([2, 1], seed=0)
    with pytest.raises(ValueError, match=r"weights\[0\].*NaN"):
        net.weights = [np.array([[np.nan, 1.0]])]


@pytest.mark.parametrize(
    "attr,i,value,match",
    [
        ("weights", 0, np.zeros((3, 3)), r"weights\[0\] has shape \(3, 3\); expected \(3, 2\)"),
        ("weights", -1, np.zeros((3, 1)), r"weights\[1\] has shape \(3, 1\); expected \(1, 3\)"),
        ("biases", 0, np.zeros(3), r"biases\[0\] has shape \(3,\); expected \(3, 1\)"),
        ("biases", 1, np.array([[np.inf]]), r"biases\[1\] contains NaN"),
        ("weights", slice(0, 2), [np.zeros((3, 2))], r"weights\[0:2\] holds 2 arrays; got 1"),
    ],
)
def test_item_assignment_is_checked(attr, i, value, match):
    """net.weights[i] = w must not slip past the checks that net.weights = [...] makes."""
    net = Network([2, 3, 1], seed=0)
    before = [p.copy() for p in getattr(net, attr)]
    with pytest.raises(ValueError, match=match):
        getattr(net, attr)[i] = value
    for p, q in zip(getattr(net, attr), before, strict=True):
        np.testing.assert_array_equal(p, q)


def test_item_assignment_stores_a_float_copy_and_layers_stay_fixed():
    net = Network([2, 3, 1], seed=0)
    w = np.array([[1, 2, 3]])
    net.weights[1] = w
    assert net.weights[1].dtype == np.float64 and net.weights[1] is not w
    np.testing.assert_array_equal(net.weights[1], w)
    for change in (lambda p: p.append(np.zeros((1, 3))), lambda p: p.pop(), lambda p: p.clear()):
        with pytest.raises(TypeError, match=r"net\.weights\[i\] = new"):
            change(net.weights)
    assert len(net.weights) == 2
    copied = copy.deepcopy(net)  # notebooks copy networks
    copied.weights[1] = np.zeros((1, 3))
    np.testing.assert_array_equal(net.weights[1], w)


# -- bad arguments ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sizes,exc,match",
    [
        ([5], ValueError, r"at least 2 layers.*\[5\]"),
        ([], ValueError, r"at least 2 layers.*\[\]"),
        ([3, 2.5, 1], TypeError, r"integer.*2\.5"),
        ([3, "4", 1], TypeError, r"integer.*'4'"),
        ([3, True, 1], TypeError, r"integer.*True"),
        ([3, 0, 1], ValueError, r"positive.*got 0"),
        ([3, -2, 1], ValueError, r"positive.*got -2"),
        ("784 30 10", TypeError, r"784 30 10"),
        (10, TypeError, r"got 10"),
        ({1, 30, 5}, TypeError, r"a set has no order"),
        ({784: 1, 10: 2}, TypeError, r"sizes must be a list"),
    ],
)
def test_bad_sizes(sizes, exc, match):
    with pytest.raises(exc, match=match):
        Network(sizes)


def test_numpy_integer_sizes_accepted():
    net = Network(np.array([3, 2, 1]), seed=0)
    assert net.sizes == [3, 2, 1] and all(type(n) is int for n in net.sizes)


@pytest.mark.parametrize(
    "seed,exc", [("0", TypeError), (1.5, TypeError), (-1, ValueError), (True, TypeError)])
def test_bad_seed_named(seed, exc):
    with pytest.raises(exc, match=f"seed must be None or a non-negative integer; got {seed!r}"):
        Network([2, 1], seed=seed)


@pytest.mark.parametrize("activation", ["tanh", "relu", "identity"])
def test_cross_entropy_refuses_activations_leaving_0_1(activation):
    """ln a and ln(1 − a) need 0 < a < 1: the error names both the cost and the activation."""
    with pytest.raises(ValueError, match=f"cross_entropy.*'{activation}'"):
        Network([2, 3, 1], activation=activation, cost="cross_entropy")
    Network([2, 3, 1], activation=activation, cost="quadratic")  # fine with the other cost


def test_unknown_activation_and_cost_names():
    with pytest.raises(ValueError, match="'softmax'"):
        Network([2, 1], activation="softmax")
    with pytest.raises(ValueError, match="'log_loss'"):
        Network([2, 1], cost="log_loss")


@pytest.fixture
def net():
    return Network([3, 4, 2], seed=0)


# The per-step methods check shapes and dtypes in O(1); they do not scan for NaN/inf.
PER_STEP = {"backprop_batch", "update_mini_batch"}


def method_calls(net):
    """Every public entry point that takes inputs, as (name, call(X, Y)) pairs."""
    return [
        ("feedforward", lambda X, Y: net.feedforward(X)),
        ("forward", lambda X, Y: net.forward(X)),
        ("total_cost", lambda X, Y: net.total_cost(X, Y)),
        ("backprop_batch", lambda X, Y: net.backprop_batch(X, Y)),
        ("update_mini_batch", lambda X, Y: net.update_mini_batch(X, Y, 1.0)),
        ("sgd", lambda X, Y: net.sgd((X, Y), 1, 1, 1.0)),
    ]


@pytest.mark.parametrize(
    "X,match",
    [
        (np.zeros(3), r"shape \(3,\).*\(3, m\).*reshape"),  # 1-D: rejected, not reshaped
        (np.zeros((2, 5)), r"shape \(2, 5\).*\(3, m\)"),
        (np.zeros((5, 3)), r"shape \(5, 3\).*\(3, m\)"),
        (np.zeros((3, 2, 1)), r"shape \(3, 2, 1\)"),
        (np.zeros((3, 0)), r"shape \(3, 0\).*at least one column"),
        (np.array([[np.nan], [0.0], [0.0]]), r"NaN or infinite"),
        (np.array([[np.inf], [0.0], [0.0]]), r"NaN or infinite"),
    ],
)
def test_bad_inputs_rejected_everywhere(net, X, match):
    Y = np.zeros((2, X.shape[-1] if X.ndim == 2 else 1))
    for name, call in method_calls(net):
        if match == "NaN or infinite" and name in PER_STEP:
            continue
        with pytest.raises(ValueError, match=match):
            call(X, Y)


@pytest.mark.parametrize("X", ["abc", None, np.array([["a"], ["b"], ["c"]]), 1j * np.ones((3, 1))])
def test_non_numeric_inputs_rejected(net, X):
    with pytest.raises(TypeError, match=r"X must be"):
        net.feedforward(X)


@pytest.mark.parametrize(
    "Y,match",
    [
        (np.zeros(2), r"Y has shape \(2,\)"),
        (np.zeros((3, 4)), r"Y has shape \(3, 4\).*\(2, m\)"),
        (np.full((2, 4), np.nan), r"Y contains NaN"),
    ],
)
def test_bad_targets_rejected(net, Y, match):
    X = np.zeros((3, 4))
    for name, call in method_calls(net)[2:]:
        if "NaN" in match and name in PER_STEP:
            continue
        with pytest.raises(ValueError, match=match):
            call(X, Y)


@pytest.mark.parametrize(
    "sizes,hint",
    [([3, 4, 2], r"bpcore\.one_hot\(labels, 2\)"), ([3, 4, 1], r"Y\.reshape\(1, -1\)")])
def test_label_vector_as_targets_gets_a_hint(sizes, hint):
    net = Network(sizes, seed=0)
    X, labels = np.zeros((3, 4)), np.array([0, 1, 1, 0])
    for _name, call in method_calls(net)[2:]:
        with pytest.raises(ValueError, match=r"Y has shape \(4,\).*" + hint):
            call(X, labels)


def test_examples_in_rows_get_a_hint(net):
    with pytest.raises(ValueError, match=r"shape \(5, 3\).*one example per column"):
        net.feedforward(np.zeros((5, 3)))


def test_per_step_methods_check_only_o1_but_sgd_scans_once(net):
    """NaN reaches the per-step methods unscanned (the gradient is NaN), and sgd refuses it
    before any weight changes."""
    X, Y = np.zeros((3, 4)), np.zeros((2, 4))
    X[1, 2] = np.nan
    with pytest.warns(RuntimeWarning, match="invalid value"):  # NumPy's, from σ(NaN)
        nb, _ = net.backprop_batch(X, Y)
    assert np.isnan(nb[-1]).all()
    before = [w.copy() for w in net.weights]
    with pytest.raises(ValueError, match=r"training_data X contains NaN"):
        net.sgd((X, Y), 1, 2, 1.0)
    for w, w0 in zip(net.weights, before, strict=True):
        np.testing.assert_array_equal(w, w0)


def test_column_mismatch(net):
    X, Y = np.zeros((3, 4)), np.zeros((2, 5))
    for _name, call in method_calls(net)[2:]:
        with pytest.raises(ValueError, match=r"4 columns.*has 5"):
            call(X, Y)


def test_one_example_methods_reject_batches(net):
    X, Y = np.zeros((3, 2)), np.zeros((2, 2))
    with pytest.raises(ValueError, match=r"x has shape \(3, 2\).*one example"):
        net.backprop(X, Y)
    with pytest.raises(ValueError, match=r"x has shape \(3, 2\).*one example"):
        net.backprop_deltas(X, Y)
    with pytest.raises(ValueError, match=r"x has shape \(3,\)"):
        net.backprop(np.zeros(3), np.zeros((2, 1)))


@pytest.mark.parametrize(
    "eta,exc,match",
    [(0, ValueError, "got 0"), (-0.5, ValueError, r"got -0\.5"),
     (float("nan"), ValueError, "got nan"), (float("inf"), ValueError, "got inf"),
     ("3.0", TypeError, "'3.0'"), (None, TypeError, "None")],
)
def test_bad_eta(net, eta, exc, match):
    X, Y = np.zeros((3, 4)), np.zeros((2, 4))
    before = [w.copy() for w in net.weights]
    with pytest.raises(exc, match="eta.*" + match):
        net.update_mini_batch(X, Y, eta)
    with pytest.raises(exc, match="eta.*" + match):
        net.sgd((X, Y), 1, 2, eta)
    for w, w0 in zip(net.weights, before, strict=True):
        np.testing.assert_array_equal(w, w0)


@pytest.mark.parametrize(
    "value,exc,match",
    [(0, ValueError, "got 0"), (-3, ValueError, "got -3"), (2.5, TypeError, r"got 2\.5"),
     (True, TypeError, "got True")],
)
def test_bad_batch_size_and_epochs(net, value, exc, match):
    data = (np.zeros((3, 4)), np.zeros((2, 4)))
    with pytest.raises(exc, match="mini_batch_size.*" + match):
        net.sgd(data, 1, value, 1.0)
    with pytest.raises(exc, match="epochs.*" + match):
        net.sgd(data, value, 2, 1.0)


@pytest.mark.parametrize(
    "options,exc,match",
    [({"seed": "1"}, TypeError, "seed must be None"), ({"seed": -2}, ValueError, "seed"),
     ({"progress": "yes"}, TypeError, "progress must be True, False or a callable"),
     ({"progress": 3}, TypeError, "progress.*got 3"),
     ({"callback": 5}, TypeError, "callback must be callable; got 5")],
)
def test_bad_sgd_options_refused_before_any_weight_changes(net, options, exc, match):
    data = (np.zeros((3, 4)), np.zeros((2, 4)))
    before = [p.copy() for p in net.weights + net.biases]
    with pytest.raises(exc, match=match):
        net.sgd(data, 1, 2, 1.0, **options)
    for p, p0 in zip(net.weights + net.biases, before, strict=True):
        np.testing.assert_array_equal(p, p0)


def test_sgd_rejects_bad_training_and_test_data(net):
    with pytest.raises(TypeError, match="training_data"):
        net.sgd(np.zeros((3, 4)), 1, 2, 1.0)
    with pytest.raises(ValueError, match=r"training_data X has shape \(3,\)"):
        net.sgd([(np.zeros(3), np.zeros((2, 1)))], 1, 1, 1.0)
    data = (np.zeros((3, 4)), np.zeros((2, 4)))
    with pytest.raises(ValueError, match=r"test_data labels have shape \(3,\)"):
        net.sgd(data, 1, 2, 1.0, test_data=(np.zeros((3, 4)), np.array([0, 1, 1])))


def test_repr(net):
    assert repr(net) == "Network(sizes=[3, 4, 2], activation='sigmoid', cost='quadratic')"
