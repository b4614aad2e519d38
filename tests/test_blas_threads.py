"""bpcore runs its matrix products on at most one BLAS thread, and gives the count back."""

import numpy as np
import pytest

import bpcore
from bpcore import blas_threads
from bpcore.backprop import mean_of_examples

threadpoolctl = pytest.importorskip("threadpoolctl")
# The BLAS libraries as seen by the tests themselves, apart from bpcore's own cache.
LIBS = threadpoolctl.ThreadpoolController().select(user_api="blas").lib_controllers


@pytest.fixture
def two_threads():
    """NumPy's BLAS at two threads for the test (whatever the machine or environment)."""
    libs = LIBS
    if not libs:
        pytest.skip("threadpoolctl finds no BLAS library to limit")
    before = [lib.get_num_threads() for lib in libs]
    for lib in libs:
        lib.set_num_threads(2)
    if any(lib.get_num_threads() != 2 for lib in libs):
        pytest.skip("this BLAS cannot be set to two threads")
    yield libs
    for lib, n in zip(libs, before):
        lib.set_num_threads(n)


def threads_now():
    return [lib.get_num_threads() for lib in LIBS]


def spying_net(seen, sizes=(3, 4, 2)):
    """A sigmoid network whose σ records the BLAS thread counts each time it runs."""
    def fn(z):
        seen.append(threads_now())
        return bpcore.sigmoid(z)
    return bpcore.Network(list(sizes), activation=(fn, bpcore.sigmoid_prime), seed=0)


X, Y = np.random.default_rng(0).random((3, 5)), np.random.default_rng(1).random((2, 5))
CALLS = {
    "feedforward": lambda net: net.feedforward(X),
    "forward": lambda net: net.forward(X),
    "total_cost": lambda net: net.total_cost(X, Y),
    "backprop": lambda net: net.backprop(X[:, :1], Y[:, :1]),
    "backprop_deltas": lambda net: net.backprop_deltas(X[:, :1], Y[:, :1]),
    "backprop_batch": lambda net: net.backprop_batch(X, Y),
    "update_mini_batch": lambda net: net.update_mini_batch(X, Y, 0.5),
    "evaluate": lambda net: net.evaluate((X, np.arange(5) % 2)),
    "sgd": lambda net: net.sgd((X, Y), 1, 2, 0.5, seed=0),
    "mean_of_examples": lambda net: mean_of_examples(net, X, Y),
}


@pytest.mark.parametrize("call", CALLS.values(), ids=CALLS.keys())
def test_public_calls_run_on_one_thread_and_restore_the_count(two_threads, call):
    seen = []
    call(spying_net(seen))
    assert seen and all(counts == [1] * len(two_threads) for counts in seen)
    assert threads_now() == [2] * len(two_threads)


def test_restored_after_an_error(two_threads):
    with pytest.raises(ValueError):
        spying_net([]).backprop_batch(X, Y[:, :2])  # 5 inputs, 2 targets
    assert threads_now() == [2] * len(two_threads)


def test_nested_calls_leave_the_limit_to_the_outermost(two_threads):
    with blas_threads.limit():
        assert threads_now() == [1] * len(two_threads)
        with blas_threads.limit():
            assert threads_now() == [1] * len(two_threads)
        assert threads_now() == [1] * len(two_threads)
    assert threads_now() == [2] * len(two_threads)


def test_the_limit_can_be_raised_or_lifted(two_threads):
    seen = []
    net = spying_net(seen)
    assert blas_threads.set_max_threads(None) == 1
    try:
        net.feedforward(X)
        assert seen[-1] == [2] * len(two_threads)
        blas_threads.set_max_threads(2)
        net.feedforward(X)
        assert seen[-1] == [2] * len(two_threads) and blas_threads.max_threads() == 2
    finally:
        blas_threads.set_max_threads(1)
    net.feedforward(X)
    assert seen[-1] == [1] * len(two_threads)


@pytest.mark.parametrize(("bad", "error"), [
    (0, ValueError), (-2, ValueError), (1.5, TypeError), ("1", TypeError), (True, TypeError)])
def test_a_bad_limit_is_refused_by_name(bad, error):
    with pytest.raises(error, match="BLAS thread limit"):
        blas_threads.set_max_threads(bad)
    assert blas_threads.max_threads() == 1


def test_without_threadpoolctl_the_blas_is_left_alone(monkeypatch, two_threads):
    monkeypatch.setattr(blas_threads, "_libraries", [])  # as if threadpoolctl were missing
    seen = []
    spying_net(seen).feedforward(X)
    monkeypatch.undo()
    assert seen and all(counts == [2] * len(two_threads) for counts in seen)


def test_thread_environment_for_a_child_process():
    env = blas_threads.thread_environment(3, {"PATH": "/bin", "OMP_NUM_THREADS": "8"})
    assert env == {"PATH": "/bin", "OPENBLAS_NUM_THREADS": "3", "OMP_NUM_THREADS": "3",
                   "MKL_NUM_THREADS": "3"}


def test_blas_libraries_without_threadpoolctl(monkeypatch):
    monkeypatch.setitem(__import__("sys").modules, "threadpoolctl", None)  # import fails
    monkeypatch.setattr(blas_threads, "_libraries", None)  # not looked up yet
    assert blas_threads.blas_libraries() == []
    assert bpcore.Network([3, 2], seed=0).feedforward(X).shape == (2, 5)
