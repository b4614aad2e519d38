"""Self-checks for notebook 12, training on MNIST.

Every check takes the student's own trained network and the test Split, and works out the
expected answer from them, so the checks stay right whatever the network learned.
"""

import numpy as np

from . import Feedback, compare, not_attempted


def _predictions(net, test):
    """The digit the network picks for each test column: argmax of a^L, shape (n,)."""
    return net.feedforward(test.X).argmax(axis=0)


def _confusion(net, test, n=10):
    """C[i, j] = how many test digits i the network calls j (via bincount of i·n + j)."""
    codes = test.labels * n + _predictions(net, test)
    return np.bincount(codes, minlength=n * n).reshape(n, n)


def _number(answer):
    """The answer as a float if it is a single number, else None."""
    if not_attempted(answer) or np.ndim(answer) != 0:
        return None
    try:
        return float(answer)
    except (TypeError, ValueError):
        return None


def _times(k):
    return f"{k} time" if k == 1 else f"{k} times"


def check_accuracy(answer, net, test):
    """The fraction of ``test`` that ``net`` classifies right, a number in [0, 1]."""
    correct = net.evaluate((test.X, test.labels))
    expected = correct / len(test.labels)
    hint = ("Predictions are the argmax over the output neurons (axis 0) of "
            "net.feedforward(test.X); compare them with test.labels and take the mean.")
    value = _number(answer)
    if value is not None and value == correct and correct != expected:
        return Feedback(False, f"{correct} is the number right; the accuracy is that "
                               f"divided by the {len(test.labels)} test digits.")
    if value is not None and np.isclose(value, 100 * expected) and expected > 0.01:
        return Feedback(False, "That looks like a percentage; give a fraction between 0 and 1.")
    return compare(answer, expected, what="accuracy", hint=hint, atol=1e-12,
                   success=f"{correct} of {len(test.labels)} right: accuracy {expected:.3f}, "
                           "the same as net.evaluate(test) / len(test.labels).")


def check_confusion_entry(answer, net, test, true_digit, predicted_digit):
    """How many test digits ``true_digit`` the network labelled ``predicted_digit``."""
    C = _confusion(net, test)
    expected = int(C[true_digit, predicted_digit])
    swapped = int(C[predicted_digit, true_digit])
    value = _number(answer)
    if value is not None and swapped != expected and value == swapped:
        return Feedback(False, f"{swapped} is C[{predicted_digit}, {true_digit}]: "
                               f"{predicted_digit}s taken for {true_digit}s. Rows are the "
                               "true digit, columns the prediction.")
    return compare(answer, expected, what=f"count C[{true_digit}, {predicted_digit}]",
                   hint="Count the test columns whose label is the true digit AND whose "
                        "argmax prediction is the predicted one; that is row true_digit, "
                        "column predicted_digit of the confusion matrix.",
                   success=f"{expected} test images of a {true_digit} were read as a "
                           f"{predicted_digit}.")


def check_most_confused(answer, net, test):
    """The pair ``(true, predicted)`` with the largest off-diagonal confusion count.

    Any pair that ties for the largest count is accepted.
    """
    if not_attempted(answer):
        return Feedback(False, "set answer = (true digit, predicted digit).", attempted=False)
    try:
        i, j = (int(v) for v in answer)
    except (TypeError, ValueError):
        return Feedback(False, "answer should be a pair of digits, e.g. (4, 9): the true "
                               "digit first, then what the network predicted.")
    if not (0 <= i < 10 and 0 <= j < 10):
        return Feedback(False, f"({i}, {j}) is not a pair of digits 0–9.")
    C = _confusion(net, test)
    mistakes = C - np.diag(np.diag(C))
    top = int(mistakes.max())
    if i == j:
        return Feedback(False, f"({i}, {i}) is on the diagonal: those are right answers. "
                               "Set the diagonal to 0 before looking for the largest entry.")
    if mistakes[i, j] == top:
        return Feedback(True, f"true {i} read as {j}: {_times(top)}, the most common "
                              "mistake of your network.")
    if mistakes[j, i] == top:
        return Feedback(False, f"({j}, {i}) is the most common mistake, not ({i}, {j}): "
                               "rows are the true digit, columns the prediction.")
    return Feedback(False, f"true {i} read as {j} happened {_times(int(mistakes[i, j]))}; "
                           "some pair happened more often. Use np.unravel_index(np.argmax(M), "
                           "M.shape) on the confusion matrix M with its diagonal set to 0.")
