"""The benchmark measures what it says: the three epochs compute the same training, the
flop count matches a hand count, and the command line yields its report. No timing asserts."""

import copy
import json

import numpy as np
import pytest

from bpcore import Network, bench
from bpcore.backprop import backprop, backprop_batch, mean_of_examples
from bpcore.training import update_mini_batch


def sample(n=60, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.random((784, n))
    Y = np.eye(10)[:, rng.integers(0, 10, n)]
    return X, Y


@pytest.mark.parametrize("m", [1, 10, 7])  # 7: the last mini-batch is shorter
def test_book_epoch_and_matrix_epoch_give_the_same_weights(m):
    X, Y = sample()
    book, fast = Network(bench.SIZES, seed=3), Network(bench.SIZES, seed=3)
    batches = bench.mini_batches(X, Y, m)
    bench.epoch_loop(book, batches)
    bench.epoch_matrix(fast, batches)
    moved = max(np.abs(w - w0).max() for w, w0 in zip(fast.weights, Network(bench.SIZES,
                                                                              seed=3).weights))
    assert moved > 1e-3  # the epoch did train
    for p, q in zip(book.weights + book.biases, fast.weights + fast.biases):
        np.testing.assert_allclose(q, p, rtol=0, atol=1e-10)


def test_mini_batches_cover_every_column_once():
    X, Y = sample(25)
    batches = bench.mini_batches(X, Y, 10)
    assert [b[0].shape[1] for b in batches] == [10, 10, 5]
    np.testing.assert_array_equal(np.hstack([b[0] for b in batches]), X)


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu"])
@pytest.mark.parametrize("m", [1, 2, 9])
def test_fast_path_matches_the_literal_backprop(activation, m):
    """backprop_batch (with its m = 1 outer-product shortcut) against the BP1–BP4 code."""
    rng = np.random.default_rng(m)
    net = Network([4, 5, 3], activation=activation, seed=1)
    X, Y = rng.standard_normal((4, m)), rng.random((3, m))
    fast_b, fast_w = backprop_batch(net, X, Y)
    book_b, book_w = mean_of_examples(net, X, Y)
    for f, b in zip(fast_b + fast_w, book_b + book_w):
        np.testing.assert_allclose(f, b, rtol=0, atol=1e-12)
    if m == 1:  # one example: the very numbers of backprop
        nb, nw = backprop(net, X, Y)
        for f, b in zip(fast_b + fast_w, nb + nw):
            np.testing.assert_array_equal(f, b)


def test_fast_path_with_an_activation_without_prime_from_a():
    """A custom (fn, prime) pair takes the branch that keeps z and calls σ'(z)."""
    sig = (lambda z: 1 / (1 + np.exp(-z)), lambda z: np.exp(-z) / (1 + np.exp(-z)) ** 2)
    net = Network([3, 4, 2], activation=sig, seed=2)
    rng = np.random.default_rng(0)
    for m in (1, 5):
        X, Y = rng.standard_normal((3, m)), rng.random((2, m))
        for f, b in zip(sum(backprop_batch(net, X, Y), []), sum(mean_of_examples(net, X, Y), [])):
            np.testing.assert_allclose(f, b, rtol=0, atol=1e-12)


def test_update_mini_batch_is_the_book_step():
    """w → w − η·(mean of the per-example gradients), computed independently."""
    rng = np.random.default_rng(4)
    net = Network([4, 5, 3], seed=5)
    X, Y = rng.standard_normal((4, 6)), rng.random((3, 6))
    nabla_b, nabla_w = mean_of_examples(net, X, Y)
    want_w = [w - 0.7 * nw for w, nw in zip(net.weights, nabla_w)]
    want_b = [b - 0.7 * nb for b, nb in zip(net.biases, nabla_b)]
    update_mini_batch(net, X, Y, 0.7)
    for got, want in zip(net.weights + net.biases, want_w + want_b):
        np.testing.assert_allclose(got, want, rtol=0, atol=1e-12)


def test_flop_count_against_a_hand_count():
    # [2, 3, 1]: w^2 is 3×2, w^3 is 1×3. Multiply-adds per example:
    #   forward w^2 a^1: 3·2 = 6, forward w^3 a^2: 1·3 = 3,
    #   BP4 δ^2 (a^1)^T: 6, BP4 δ^3 (a^2)^T: 3,
    #   BP2 (w^3)^T δ^3: 3 (no BP2 into the input layer).
    # 21 multiply-adds = 42 flops per example.
    assert bench.epoch_flops(1, [2, 3, 1]) == 42
    assert bench.epoch_flops(5, [2, 3, 1]) == 5 * 42
    # [784, 30, 10]: 2·(2·784·30 + 3·30·10) = 95,880 per example.
    assert bench.epoch_flops(1) == 95_880


def test_torch_epoch_trains_the_same_network():
    torch = pytest.importorskip("torch")
    X, Y = sample(40)
    base = Network(bench.SIZES, seed=3)
    run, fresh = bench.torch_epoch(base, X, Y, 10)
    params = run(fresh())
    net = copy.deepcopy(base)
    bench.epoch_matrix(net, bench.mini_batches(X, Y, 10))
    for p, q in zip(params, [a for pair in zip(net.weights, net.biases) for a in pair]):
        assert isinstance(p, torch.Tensor)
        np.testing.assert_allclose(p.detach().numpy(), q.reshape(p.shape), rtol=0, atol=1e-10)


def test_main_json_on_a_reduced_config(capsys):
    code = bench.main(["--json", "--threads", "0", "--examples", "40", "--batches", "1", "10",
                       "--repeats", "1", "--no-torch", "--widget-changes", "2"])
    assert code == 0
    r = json.loads(capsys.readouterr().out)
    assert {"sizes", "examples", "floor_s", "matmul_gflops", "epochs", "finite_differences",
            "import", "widgets_s", "targets"} <= set(r)
    assert r["examples"] == 40 and [e["m"] for e in r["epochs"]] == [1, 10]
    for e in r["epochs"]:
        assert {"loop_s", "matrix_s", "torch_s", "loop_over_matrix", "matrix_over_floor"} <= set(e)
        assert e["torch_s"] is None
        assert e["loop_over_matrix"] == pytest.approx(e["loop_s"] / e["matrix_s"])
    assert r["floor_s"] == pytest.approx(bench.epoch_flops(40) / (r["matmul_gflops"] * 1e9))
    assert [f["P"] for f in r["finite_differences"]] == [(w + 1) * w + w + 1
                                                         for w in (2, 5, 10, 20, 40)]
    assert r["import"]["pulls_in"] == []
    assert len(r["widgets_s"]) == len(bench.widget_cases())
    for w in r["widgets_s"].values():
        assert w["callback_s"] > 0 and w["render_s"] >= 0
    assert all({"target", "measured", "holds"} == set(t) for t in r["targets"])


def test_table_reports_every_section():
    r = bench.run(repeats=1, examples=20, batches=[5], use_torch=False, widget_changes=0)
    text = bench.table(r)
    for words in ("loop/matrix", "floor:", "finite differences", "import bpcore", "Targets:"):
        assert words in text
