"""Self-checks for notebook 12, training on MNIST.

Every check takes the student's own trained network and the test Split, and works out the
expected answer from them, so the checks stay right whatever the network learned.
"""

import functools

import numpy as np

from .answers import Ints, Number, Whole
from .grading import exercise, grade, not_attempted, progress_for, reads_as, right, todo, wrong
from .messages import register

MESSAGES = {
    "what.accuracy": "accuracy",
    "what.count": "count C[{i}, {j}]",
    "what.pair": "(true digit, predicted digit)",
    "accuracy.count": "That is the number of digits right; the accuracy is a fraction of the "
                      "{n} test digits.",
    "accuracy.percent": "That looks like a percentage; give a fraction between 0 and 1.",
    "accuracy.hint": "A prediction is the output neuron with the largest activation; compare "
                     "the predictions with test.labels and take the mean.",
    "accuracy.right": "The same as net.evaluate(test) / len(test.labels).",
    "entry.swapped": "That is C[{j}, {i}]: {j}s taken for {i}s. Rows are the true digit, "
                     "columns the prediction.",
    "entry.hint": "Count the test columns whose label is the true digit and whose prediction "
                  "is the predicted one: row true_digit, column predicted_digit of C.",
    "entry.right": "Test images of a {i} read as a {j}.",
    "pair.range": "({i}, {j}) is not a pair of digits 0–9.",
    "pair.diagonal": "({i}, {i}) is on the diagonal: those are right answers. Leave the "
                     "diagonal out when looking for the largest entry.",
    "pair.swapped": "Rows are the true digit and columns the prediction: read your pair the "
                    "other way round.",
    "pair.hint": "True {i} read as {j}: {k}× in the test set, but some pair happened more "
                 "often. Set the diagonal of the confusion matrix to 0 and find its largest "
                 "entry.",
    "pair.right": "The most common mistake of your network: {n}× in the test set.",
}
msg = register("nb12", MESSAGES)


def _predictions(net, test):
    """The digit the network picks for each test column: argmax of a^L, shape (n,)."""
    return net.feedforward(test.X).argmax(axis=0)


def _confusion(net, test, n=10):
    """C[i, j] = how many test digits i the network calls j (via bincount of i·n + j)."""
    codes = test.labels * n + _predictions(net, test)
    return np.bincount(codes, minlength=n * n).reshape(n, n)


@functools.cache
def _demo():
    from .. import Network, load_mnist

    train, test = load_mnist(n_train=1000, n_test=500, seed=0)
    net = Network([784, 20, 10], seed=0)
    net.sgd(train, epochs=2, mini_batch_size=10, eta=3.0, seed=0)
    return net, test


def demo_context():
    """A small trained network and bundled test digits, for the tests: ``((net, test), {})``."""
    return _demo(), {}


def _accuracy(net, test):
    return net.evaluate((test.X, test.labels)) / len(test.labels)


@exercise(Number(), solution=_accuracy, context=demo_context)
def check_accuracy(answer, net, test):
    """The fraction of ``test`` that ``net`` classifies right, a number in [0, 1]."""
    correct = net.evaluate((test.X, test.labels))
    n = len(test.labels)
    return grade(answer, Number(), correct / n, what=msg("what.accuracy"), rtol=1e-9,
                 hint=msg("accuracy.hint"),
                 slips=[(float(correct), msg("accuracy.count", n=n)),
                        (100 * correct / n, msg("accuracy.percent"))],
                 success=msg("accuracy.right"))


def _entry_context():
    return _demo(), {"true_digit": 4, "predicted_digit": 9}


def _entry(net, test, true_digit, predicted_digit):
    return int(_confusion(net, test)[true_digit, predicted_digit])


@exercise(Whole(), solution=_entry, context=_entry_context)
def check_confusion_entry(answer, net, test, true_digit, predicted_digit):
    """How many test digits ``true_digit`` the network labelled ``predicted_digit``."""
    i, j = true_digit, predicted_digit
    C = _confusion(net, test)
    slips = [(int(C[j, i]), msg("entry.swapped", i=i, j=j))] if C[j, i] != C[i, j] else []
    return grade(answer, Whole(), int(C[i, j]), what=msg("what.count", i=i, j=j),
                 hint=msg("entry.hint"), slips=slips, success=msg("entry.right", i=i, j=j))


def _most_confused(net, test):
    C = _confusion(net, test)
    mistakes = C - np.diag(np.diag(C))
    return tuple(int(v) for v in np.unravel_index(np.argmax(mistakes), C.shape))


@exercise(Ints(2), solution=_most_confused, context=demo_context)
def check_most_confused(answer, net, test):
    """The pair ``(true, predicted)`` with the largest off-diagonal confusion count.

    Any pair that ties for the largest count is accepted.
    """
    what = msg("what.pair")
    if not_attempted(answer):
        return todo(what)
    pair = reads_as(Ints(2), answer)
    if pair is None:
        return grade(answer, Ints(2), None, what=what)
    i, j = pair
    if not (0 <= i < 10 and 0 <= j < 10):
        return wrong(msg("pair.range", i=i, j=j))
    C = _confusion(net, test)
    mistakes = C - np.diag(np.diag(C))
    top = int(mistakes.max())
    if i == j:
        return wrong(msg("pair.diagonal", i=i))
    if mistakes[i, j] == top:
        return right(msg("pair.right", n=top))
    if mistakes[j, i] == top:
        return wrong(msg("pair.swapped"))
    return wrong(msg("pair.hint", i=i, j=j, k=int(mistakes[i, j])))


progress = progress_for(__name__)
