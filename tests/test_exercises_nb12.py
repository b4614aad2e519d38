"""The self-checks of notebook 12: right answers pass, typical slips get their hint.

Most cases use a stand-in network whose predictions are chosen by hand, so every expected
count below is worked out by hand from the labels and predictions written in the test.
"""

import numpy as np
import pytest

import bpcore
from bpcore.data import Split
from bpcore.exercises import nb12


class FixedNet:
    """Answers ``predictions[i]`` for test column i: a^L is the one-hot of the prediction."""

    def __init__(self, predictions):
        self.predictions = np.asarray(predictions)

    def feedforward(self, X):
        return bpcore.one_hot(self.predictions[: X.shape[1]])

    def evaluate(self, data):
        X, labels = data
        return int(np.sum(self.predictions[: X.shape[1]] == labels))


# true:       0  0  0  1  1  2  2  2  2  3
# predicted:  0  1  0  1  2  2  1  1  3  3
# right: 0,0,1,2,3 -> 5 of 10. Mistakes: (0,1) once, (1,2) once, (2,1) twice, (2,3) once.
LABELS = np.array([0, 0, 0, 1, 1, 2, 2, 2, 2, 3])
PREDICTIONS = np.array([0, 1, 0, 1, 2, 2, 1, 1, 3, 3])


@pytest.fixture
def case():
    test = Split(np.zeros((784, 10)), bpcore.one_hot(LABELS), LABELS)
    return FixedNet(PREDICTIONS), test


def test_accuracy(case):
    net, test = case
    assert nb12.check_accuracy(0.5, net, test).ok
    fb = nb12.check_accuracy(None, net, test)
    assert not fb.attempted and "Not attempted" in repr(fb)
    fb = nb12.check_accuracy(5, net, test)  # the count, not the fraction
    assert not fb.ok and "fraction of the 10 test digits" in fb.message
    fb = nb12.check_accuracy(50.0, net, test)  # a percentage
    assert not fb.ok and "percentage" in fb.message
    fb = nb12.check_accuracy(0.6, net, test)
    assert not fb.ok and "largest activation" in fb.message


def test_confusion_entry(case):
    net, test = case
    assert nb12.check_confusion_entry(2, net, test, true_digit=2, predicted_digit=1).ok
    assert nb12.check_confusion_entry(0, net, test, true_digit=3, predicted_digit=0).ok
    fb = nb12.check_confusion_entry(1, net, test, true_digit=2, predicted_digit=1)
    assert not fb.ok and "Rows are the true digit" in fb.message  # read C[1, 2] instead
    fb = nb12.check_confusion_entry(3, net, test, true_digit=2, predicted_digit=1)
    assert not fb.ok and "Count the test columns" in fb.message
    assert not nb12.check_confusion_entry(None, net, test, 2, 1).attempted
    assert not nb12.check_confusion_entry("two", net, test, 2, 1).ok


def test_most_confused(case):
    net, test = case
    fb = nb12.check_most_confused((2, 1), net, test)
    assert fb.ok and "2×" in fb.message
    assert nb12.check_most_confused((np.int64(2), np.int64(1)), net, test).ok  # numpy ints
    fb = nb12.check_most_confused((1, 2), net, test)
    assert not fb.ok and "other way round" in fb.message
    fb = nb12.check_most_confused((2, 2), net, test)
    assert not fb.ok and "diagonal" in fb.message
    fb = nb12.check_most_confused((2, 3), net, test)
    assert not fb.ok and "1× in the test set" in fb.message and "largest entry" in fb.message
    assert not nb12.check_most_confused(7, net, test).ok
    assert not nb12.check_most_confused(None, net, test).attempted


def test_most_confused_accepts_any_tied_pair():
    labels = np.array([0, 0, 1, 1, 2])
    predictions = np.array([1, 1, 0, 0, 2])  # (0, 1) and (1, 0) both twice
    test = Split(np.zeros((784, 5)), bpcore.one_hot(labels), labels)
    net = FixedNet(predictions)
    assert nb12.check_most_confused((0, 1), net, test).ok
    assert nb12.check_most_confused((1, 0), net, test).ok


def test_checks_on_a_real_trained_network():
    """On a real network the checks agree with a plain loop over the test digits."""
    train, test = bpcore.load_mnist(n_train=300, n_test=200, seed=3)
    net = bpcore.Network([784, 10, 10], seed=3)
    net.sgd(train, 2, 10, 3.0, seed=3)
    predicted = [int(np.argmax(net.feedforward(test.X[:, [i]]))) for i in range(200)]
    C = np.zeros((10, 10), dtype=int)
    for t, p in zip(test.labels, predicted, strict=True):
        C[t, p] += 1
    right = sum(int(t == p) for t, p in zip(test.labels, predicted, strict=True))
    assert nb12.check_accuracy(right / 200, net, test).ok
    assert nb12.check_confusion_entry(C[4, 9], net, test, 4, 9).ok
    np.fill_diagonal(C, 0)
    i, j = np.unravel_index(np.argmax(C), C.shape)
    assert nb12.check_most_confused((i, j), net, test).ok
