"""The gradient-descent step and SGD: a hand-worked step, batch averaging, determinism,
the accepted data forms, callbacks, printing, and learning XOR."""

import math
import re

import numpy as np
import pytest

from bpcore import DivergenceError, EpochRecord, Network, load_mnist
from bpcore.backprop import backprop
from bpcore.data import Split, two_moons, xor

# A 2-2-1 sigmoid network with quadratic cost and hand-picked parameters.
W2 = [[0.15, 0.20], [0.25, 0.30]]  # w^2_{jk}: hidden neuron j from input k
B2 = [0.35, 0.45]
W3 = [0.40, 0.45]  # w^3_{1k}: the output neuron from hidden neuron k
B3 = 0.60


def sigma(z):
    return 1.0 / (1.0 + math.exp(-z))


def hand_gradient(x, y):
    """Gradient of C_x = ½(a − y)² for the 2-2-1 network above, in scalar arithmetic.

    Returns (dC/dw2 as 2×2 nested list, dC/db2 as a list, dC/dw3 as a list, dC/db3).
    """
    # forward: z^2_j = Σ_k w^2_{jk} x_k + b^2_j, a^2_j = σ(z^2_j); z^3 = Σ_k w^3_k a^2_k + b^3
    z2 = [W2[j][0] * x[0] + W2[j][1] * x[1] + B2[j] for j in range(2)]
    a2 = [sigma(z) for z in z2]
    z3 = W3[0] * a2[0] + W3[1] * a2[1] + B3
    a3 = sigma(z3)
    # BP1: δ^3 = (a − y) σ'(z^3), with σ'(z) = σ(z)(1 − σ(z))
    d3 = (a3 - y) * a3 * (1.0 - a3)
    # BP2: δ^2_j = w^3_j δ^3 σ'(z^2_j)
    d2 = [W3[j] * d3 * a2[j] * (1.0 - a2[j]) for j in range(2)]
    # BP3, BP4
    gw2 = [[d2[j] * x[k] for k in range(2)] for j in range(2)]
    gb2 = [d2[j] for j in range(2)]
    gw3 = [d3 * a2[k] for k in range(2)]
    return gw2, gb2, gw3, d3


def hand_net():
    net = Network([2, 2, 1], activation="sigmoid", cost="quadratic", seed=0)
    net.weights = [np.array(W2), np.array([W3])]
    net.biases = [np.array([B2]).T, np.array([[B3]])]
    return net


def test_one_step_by_hand():
    x, y, eta = (0.05, 0.10), 0.01, 0.5
    gw2, gb2, gw3, gb3 = hand_gradient(x, y)
    new_w2 = [[W2[j][k] - eta * gw2[j][k] for k in range(2)] for j in range(2)]
    new_b2 = [B2[j] - eta * gb2[j] for j in range(2)]
    new_w3 = [W3[k] - eta * gw3[k] for k in range(2)]
    new_b3 = B3 - eta * gb3

    net = hand_net()
    net.update_mini_batch(np.array([x]).T, np.array([[y]]), eta)
    np.testing.assert_allclose(net.weights[0], new_w2, rtol=1e-13)
    np.testing.assert_allclose(net.biases[0].ravel(), new_b2, rtol=1e-13)
    np.testing.assert_allclose(net.weights[1].ravel(), new_w3, rtol=1e-13)
    assert net.biases[1][0, 0] == pytest.approx(new_b3, rel=1e-13)
    # the step moved every parameter (the hand-worked gradient has no zero entry)
    assert all(abs(g) > 1e-6 for g in [*gw2[0], *gw2[1], *gb2, *gw3, gb3])


def test_two_example_step_by_hand():
    """A mini-batch of m = 2: the step is η times the mean of the two hand-worked gradients."""
    xs, ys, eta = [(0.05, 0.10), (0.9, -0.3)], [0.01, 0.99], 3.0
    g1, g2 = hand_gradient(xs[0], ys[0]), hand_gradient(xs[1], ys[1])
    new_w2 = [[W2[j][k] - eta * (g1[0][j][k] + g2[0][j][k]) / 2 for k in range(2)]
              for j in range(2)]
    new_b3 = B3 - eta * (g1[3] + g2[3]) / 2
    net = hand_net()
    net.update_mini_batch(np.array(xs).T, np.array([ys]), eta)
    np.testing.assert_allclose(net.weights[0], new_w2, rtol=1e-13)
    assert net.biases[1][0, 0] == pytest.approx(new_b3, rel=1e-13)


@pytest.mark.parametrize("activation,cost", [("sigmoid", "quadratic"), ("tanh", "quadratic"),
                                             ("sigmoid", "cross_entropy")])
def test_step_is_eta_times_mean_of_example_gradients(activation, cost):
    net = Network([3, 4, 2], activation=activation, cost=cost, seed=2)
    rng = np.random.default_rng(3)
    X, Y = rng.uniform(-1, 1, (3, 5)), rng.uniform(0.1, 0.9, (2, 5))
    eta = 0.7
    grads = [net.backprop(X[:, j : j + 1], Y[:, j : j + 1]) for j in range(5)]
    mean_w = [np.mean([g[1][i] for g in grads], axis=0) for i in range(2)]
    mean_b = [np.mean([g[0][i] for g in grads], axis=0) for i in range(2)]
    want_w = [w - eta * g for w, g in zip(net.weights, mean_w, strict=True)]
    want_b = [b - eta * g for b, g in zip(net.biases, mean_b, strict=True)]
    net.update_mini_batch(X, Y, eta)
    for got, want in zip(net.weights + net.biases, want_w + want_b, strict=True):
        np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-14)


# -- sgd ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def small_mnist():
    return load_mnist(n_train=60, n_test=20, seed=4)


def train_small(data, test, seed=7, **options):
    net = Network([784, 5, 10], seed=1)
    history = net.sgd(data, 2, 16, 3.0, test_data=test, seed=seed, **options)
    return net, history


def counts(history):
    return [(r.epoch, r.correct, r.total) for r in history]


def test_sgd_is_deterministic_given_seeds(small_mnist):
    train, test = small_mnist
    net1, h1 = train_small((train.X, train.Y), test)
    net2, h2 = train_small((train.X, train.Y), test)
    net3, _ = train_small((train.X, train.Y), test, seed=8)
    assert h1 == h2
    for p, q in zip(net1.weights + net1.biases, net2.weights + net2.biases, strict=True):
        np.testing.assert_array_equal(p, q)
    # a different shuffling seed gives different mini-batches, hence different weights
    assert not np.array_equal(net1.weights[0], net3.weights[0])


def test_sgd_accepts_arrays_split_and_pairs(small_mnist):
    train, test = small_mnist
    forms = {
        "arrays": ((train.X, train.Y), (test.X, test.labels)),
        "split": (train, test),
        "pairs": (train.pairs(), test.pairs(one_hot=False)),
        "split+one-hot": (Split(train.X, train.Y, train.labels), (test.X, test.Y)),
    }
    results = {name: train_small(data, t) for name, (data, t) in forms.items()}
    net0, h0 = results["arrays"]
    for name, (net, h) in results.items():
        for p, q in zip(net.weights + net.biases, net0.weights + net0.biases, strict=True):
            np.testing.assert_array_equal(p, q, err_msg=name)
        assert counts(h) == counts(h0)
        # The monitored cost multiplies the whole training matrix, whose memory layout
        # differs between forms (Split.X is a transposed view, pairs are stacked), so BLAS
        # may sum in another order: equal to the last few bits only.
        np.testing.assert_allclose([r.cost for r in h], [r.cost for r in h0], rtol=1e-13)


def test_history_records(small_mnist):
    train, test = small_mnist
    net, history = train_small(train, test)
    assert [r.epoch for r in history] == [0, 1]
    assert all(isinstance(r, EpochRecord) for r in history)
    last = history[-1]
    assert last.cost == pytest.approx(net.total_cost(train.X, train.Y), rel=1e-12)
    predicted = net.feedforward(test.X).argmax(axis=0)
    assert last.correct == int(np.sum(predicted == test.labels)) == net.evaluate(test)
    assert last.total == 20 and last.accuracy == last.correct / 20
    _, quiet = train_small(train, None, monitor_cost=False)
    assert quiet[0] == EpochRecord(0, None, None, None) and quiet[0].accuracy is None


def test_callback_once_per_epoch(small_mnist):
    train, test = small_mnist
    seen = []
    net = Network([784, 5, 10], seed=1)
    history = net.sgd(train, 3, 16, 3.0, test_data=test, seed=0, callback=seen.append)
    assert seen == history and len(seen) == 3
    assert all(isinstance(r, EpochRecord) for r in seen)


def test_progress_callable(small_mnist):
    train, _ = small_mnist
    calls = []
    net = Network([784, 5, 10], seed=1)
    net.sgd(train, 2, 16, 3.0, seed=0, progress=lambda k, n: calls.append((k, n)))
    # 60 examples in batches of 16: 16 + 16 + 16 + 12, i.e. 4 batches per epoch
    assert calls == [(1, 4), (2, 4), (3, 4), (4, 4)] * 2


def test_last_short_batch_is_used():
    """With n = 5 and m = 2 the third step uses one example; the network must see all five."""
    X = np.random.default_rng(0).uniform(-1, 1, (2, 5))
    Y = np.random.default_rng(1).uniform(0, 1, (1, 5))
    net, ref = Network([2, 1], seed=0), Network([2, 1], seed=0)
    net.sgd((X, Y), 1, 2, 1.0, seed=9)
    order = np.random.default_rng(9).permutation(5)
    for start in (0, 2, 4):
        cols = order[start : start + 2]
        ref.update_mini_batch(X[:, cols], Y[:, cols], 1.0)
    np.testing.assert_allclose(net.weights[0], ref.weights[0], rtol=1e-14)


def test_verbose_prints_epoch_lines(small_mnist, capsys):
    train, test = small_mnist
    net, history = train_small(train, test, verbose=True)
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    for k, (line, record) in enumerate(zip(lines, history, strict=True)):
        assert re.fullmatch(r"Epoch \d+: \d+ / 20", line)
        assert line == f"Epoch {k}: {record.correct} / 20"
    train_small(train, None, verbose=True)
    assert capsys.readouterr().out.splitlines() == ["Epoch 0 complete", "Epoch 1 complete"]


@pytest.mark.parametrize(
    "form",
    ["nested lists", "zip of pairs", "generator of pairs", "list of pairs"],
)
def test_sgd_accepts_nested_lists_and_iterators_of_pairs(form):
    """(X.tolist(), Y.tolist()) for a 2-input network has two rows, like a list of two
    (x, y) pairs; it must still be read as (X, Y). Iterators of pairs are read once."""
    X, Y = xor()
    columns = [(X[:, [j]], Y[:, [j]]) for j in range(4)]
    data = {
        "nested lists": lambda: (X.tolist(), Y.tolist()),
        "zip of pairs": lambda: zip([x for x, _ in columns], [y for _, y in columns]),
        "generator of pairs": lambda: ((x, y) for x, y in columns),
        "list of pairs": lambda: columns,
    }[form]()
    net, ref = Network([2, 3, 1], seed=0), Network([2, 3, 1], seed=0)
    history = net.sgd(data, 3, 2, 3.0, seed=1)
    ref_history = ref.sgd((X, Y), 3, 2, 3.0, seed=1)
    assert [r.cost for r in history] == [r.cost for r in ref_history]
    for p, q in zip(net.weights + net.biases, ref.weights + ref.biases, strict=True):
        np.testing.assert_array_equal(p, q)


def test_two_pairs_for_a_two_input_network_are_pairs():
    """The other reading of a two-item list: two (x, y) pairs, x a column (2, 1)."""
    X, Y = xor()
    pairs = [(X[:, [0]], Y[:, [0]]), (X[:, [3]], Y[:, [3]])]
    net, ref = Network([2, 3, 1], seed=0), Network([2, 3, 1], seed=0)
    net.sgd(pairs, 1, 2, 1.0, seed=0)
    ref.update_mini_batch(X[:, [0, 3]], Y[:, [0, 3]], 1.0)  # one batch of both, in order 0, 1
    order = np.random.default_rng(0).permutation(2)
    ref2 = Network([2, 3, 1], seed=0)
    ref2.update_mini_batch(X[:, [0, 3]][:, order], Y[:, [0, 3]][:, order], 1.0)
    for p, q in zip(net.weights, ref2.weights, strict=True):
        np.testing.assert_array_equal(p, q)


# -- one output neuron: the prediction is a^L > 0.5 -------------------------------------------


def test_one_output_network_predicts_by_threshold():
    """argmax over a single row is always 0, so every 0-label would count as right; the rule
    for one output is a^L > 0.5 against a 0/1 label."""
    net = Network([2, 1], seed=0)
    net.weights, net.biases = [np.array([[1.0, 0.0]])], [np.array([[-0.5]])]
    X = np.array([[0.0, 0.2, 0.8, 1.0, 0.9], [0.0, 0.0, 0.0, 0.0, 0.0]])  # a^L > 0.5 iff x > 0.5
    labels = np.array([0, 1, 1, 1, 0])  # right, wrong, right, right, wrong
    assert net.evaluate((X, labels)) == 3
    assert net.evaluate((X, labels[None, :].astype(float))) == 3  # a (1, m) row of 0/1
    assert net.evaluate([(X[:, [j]], int(labels[j])) for j in range(5)]) == 3
    history = Network([2, 1], seed=0).sgd((X, labels[None, :] * 1.0), 1, 5, 1e-9,
                                          test_data=(X, labels))
    assert history[0].total == 5 and history[0].correct == Network([2, 1], seed=0).evaluate(
        (X, labels))


def test_one_output_learns_two_moons_and_is_not_scored_100_percent_untrained():
    X, Y = two_moons(n=200, seed=3)
    labels = Y[0].astype(int)
    net = Network([2, 8, 1], seed=0)
    before = net.evaluate((X, labels))
    assert before < 200  # the old argmax rule scored every network 100 / 100 on label 0 …
    net.sgd((X, Y), 300, 10, 3.0, seed=0)
    assert net.evaluate((X, labels)) > 0.85 * 200


@pytest.mark.parametrize(
    "sizes,labels,match",
    [([2, 3], [0, 3, 1], r"labels must lie in 0 … 2; got values from 0 to 3"),
     ([2, 3], [-1, 0, 1], r"from -1 to 1"),
     ([2, 1], [0, 2, 1], r"0 … 1 \(one output neuron predicts 1 when a\^L > 0\.5"),
     ([2, 1], [[0.0, 0.5, 1.0]], r"must be 0 or 1.*got 0\.5")],
)
def test_labels_outside_the_outputs_raise(sizes, labels, match):
    net = Network(sizes, seed=0)
    with pytest.raises(ValueError, match=match):
        net.evaluate((np.zeros((2, 3)), np.array(labels)))


# -- divergence --------------------------------------------------------------------------------


@pytest.mark.parametrize("monitor_cost", [True, False])
def test_divergence_stops_training_and_names_eta_and_epoch(monitor_cost):
    """Linear neurons with η = 1e6 overflow to inf and NaN within the first epoch."""
    activation = "identity"
    X, Y = two_moons(n=40, seed=1)
    net = Network([2, 5, 1], activation=activation, seed=0)
    with pytest.raises(DivergenceError, match=r"epoch 0.*eta = 1000000\.0") as info:
        net.sgd((X, Y), 5, 4, 1e6, seed=0, monitor_cost=monitor_cost)
    assert info.value.history == []
    # the weights are those from before the epoch: finite, and those of the untouched network
    for p, q in zip(net.weights + net.biases,
                    Network([2, 5, 1], activation=activation, seed=0).weights
                    + Network([2, 5, 1], activation=activation, seed=0).biases, strict=True):
        np.testing.assert_array_equal(p, q)


def test_divergence_after_a_good_epoch_keeps_the_history():
    X, Y = two_moons(n=40, seed=1)
    net = Network([2, 5, 1], activation="identity", seed=0)
    good = net.sgd((X, Y), 1, 4, 1e-3, seed=0)
    state = [p.copy() for p in net.weights]

    def explode(record):  # after epoch 0, make the next epoch diverge
        net.weights[0] = net.weights[0] * 1e200

    with pytest.raises(DivergenceError, match="epoch 1") as info:
        net.sgd((X, Y), 3, 4, 1e-3, seed=0, callback=explode)
    assert len(info.value.history) == 1 and good[0].cost is not None
    assert np.all(np.isfinite(net.weights[0])) and not np.array_equal(net.weights[0], state[0])


def test_cost_growing_tenfold_warns():
    """Sigmoid + cross-entropy at η = 1e6 stays finite but its cost explodes in epoch 0."""
    X, Y = two_moons(n=40, seed=1)
    net = Network([2, 5, 1], cost="cross_entropy", seed=0)
    with pytest.warns(RuntimeWarning, match=r"grew from .* in epoch 0; eta = 1000000\.0"):
        net.sgd((X, Y), 1, 4, 1e6, seed=0)


def test_no_warning_while_the_cost_falls(recwarn):
    X, Y = xor()
    Network([2, 3, 1], cost="cross_entropy", seed=0).sgd((X, Y), 20, 4, 1.0, seed=0)
    assert not [w for w in recwarn if "grew" in str(w.message)]


def test_sgd_learns_xor():
    X, Y = xor()
    net = Network([2, 3, 1], seed=0)
    start = net.total_cost(X, Y)
    history = net.sgd((X, Y), 1000, 4, 3.0, seed=0)
    assert history[-1].cost < 0.1 * start
    np.testing.assert_array_equal(np.round(net.feedforward(X)), Y)


# -- the book's SGD, rebuilt from bpcore's literal per-example path ---------------------------


def book_sgd(net, train, test, epochs, m, eta, seed):
    """SGD as the book's network.py does it, with bpcore's per-example ``backprop`` for its
    backprop: per mini-batch, sum the m per-example gradients, then w → w − (η/m)·Σ∇w and
    b → b − (η/m)·Σ∇b; after each epoch, count test digits one at a time by argmax.
    The mini-batches are those of ``Network.sgd(seed=seed)``. Returns the epoch lines."""
    rng = np.random.default_rng(seed)
    n, lines = train.X.shape[1], []
    for epoch in range(epochs):
        order = rng.permutation(n)
        for start in range(0, n, m):
            batch = order[start : start + m]
            sum_b = [np.zeros(b.shape) for b in net.biases]
            sum_w = [np.zeros(w.shape) for w in net.weights]
            for j in batch:
                delta_b, delta_w = backprop(net, train.X[:, [j]], train.Y[:, [j]])
                sum_b = [s + d for s, d in zip(sum_b, delta_b, strict=True)]
                sum_w = [s + d for s, d in zip(sum_w, delta_w, strict=True)]
            net.weights = [w - (eta / len(batch)) * s for w, s in zip(net.weights, sum_w)]
            net.biases = [b - (eta / len(batch)) * s for b, s in zip(net.biases, sum_b)]
        correct = sum(int(np.argmax(net.feedforward(test.X[:, [j]])) == test.labels[j])
                      for j in range(len(test)))
        lines.append(f"Epoch {epoch}: {correct} / {len(test)}")
    return lines


def test_one_epoch_equals_the_books_sgd_to_1e_12(capsys):
    train, test = load_mnist(seed=0)
    book, fast = Network([784, 30, 10], seed=0), Network([784, 30, 10], seed=0)
    book_lines = book_sgd(book, train, test, 1, 10, 3.0, seed=5)
    fast.sgd(train, 1, 10, 3.0, test_data=test, seed=5, verbose=True)
    for p, q in zip(fast.weights + fast.biases, book.weights + book.biases, strict=True):
        np.testing.assert_allclose(p, q, rtol=0, atol=1e-12 * np.abs(q).max())
    assert capsys.readouterr().out.splitlines() == book_lines


def test_thirty_epochs_print_the_books_trajectory(capsys):
    """The book's experiment (30 epochs, m = 10, η = 3.0): every 'Epoch k: n / N' line."""
    train, test = load_mnist(seed=0)
    book_lines = book_sgd(Network([784, 30, 10], seed=0), train, test, 30, 10, 3.0, seed=0)
    Network([784, 30, 10], seed=0).sgd(train, 30, 10, 3.0, test_data=test, seed=0, verbose=True)
    assert capsys.readouterr().out.splitlines() == book_lines
