"""Learning: the mini-batch gradient step and stochastic gradient descent (SGD).

Data comes in either of two forms: column arrays ``(X, Y)`` with X ``(n_1, n)`` and Y
``(n_L, n)`` (or, for evaluation, integer labels ``(n,)``), or the book's list of
``(x, y)`` pairs. Anything with ``.X`` and ``.Y`` attributes (a :class:`bpcore.data.Split`)
works too.
"""

import sys
from dataclasses import dataclass

import numpy as np

from . import backprop as _bp
from .blas_threads import limited
from .checks import as_matrix, positive_float, positive_int, same_columns


@dataclass(frozen=True)
class EpochRecord:
    """What one epoch of :func:`sgd` measured. ``cost`` is the mean training cost after the
    epoch (None if not monitored); ``correct``/``total`` count the test data (None without)."""

    epoch: int
    cost: float | None
    correct: int | None
    total: int | None

    @property
    def accuracy(self):
        return None if self.correct is None else self.correct / self.total


def check_eta(eta):
    return positive_float("eta", eta)


def update_mini_batch(net, X, Y, eta):
    """w^l → w^l − η·mean_x ∂C_x/∂w^l and likewise for b^l (arrays already checked)."""
    nabla_b, nabla_w = _bp.backprop_batch(net, X, Y)
    # The gradients are fresh arrays that nobody else holds, so η scales them in place and
    # the step subtracts them in place: no temporary η·∇ the size of w (188 kB for the
    # [784, 30, 10] network, every step). The numbers are those of w −= η·∇, bit for bit.
    # (Folding η into Δ^L with the 1/m would save one more pass over w, but it rounds
    # differently, and after an epoch at η = 3 those last bits change which test digits
    # come out right: stored notebook outputs would no longer match.)
    for w, nw in zip(net.weights, nabla_w):
        nw *= eta
        w -= nw
    for b, nb in zip(net.biases, nabla_b):
        nb *= eta
        b -= nb


def as_columns(data, sizes, name="training_data"):
    """Return ``(X, Y)`` column arrays from either accepted form (see module docstring)."""
    if hasattr(data, "X") and hasattr(data, "Y"):
        X, Y = data.X, data.Y
    elif _is_pairs(data):
        X = np.hstack([np.asarray(x) for x, _ in data])
        Y = np.hstack([np.asarray(y) for _, y in data])
    elif isinstance(data, (tuple, list)) and len(data) == 2:
        X, Y = data
    else:
        raise TypeError(f"{name} must be (X, Y) arrays or a list of (x, y) pairs")
    X = as_matrix(f"{name} X", X, sizes[0])
    Y = as_matrix(f"{name} Y", Y, sizes[-1])
    same_columns(X, Y, f"{name} X", f"{name} Y")
    return X, Y


def as_labelled(data, sizes, name="test_data"):
    """Return ``(X, labels)`` with integer labels ``(n,)`` from either accepted form."""
    if hasattr(data, "X") and hasattr(data, "labels"):
        X, y = data.X, data.labels
    elif _is_pairs(data):
        X = np.hstack([np.asarray(x) for x, _ in data])
        y = [np.argmax(t) if np.ndim(t) else t for _, t in data]
    elif isinstance(data, (tuple, list)) and len(data) == 2:
        X, y = data
    else:
        raise TypeError(f"{name} must be (X, labels) arrays or a list of (x, y) pairs")
    X = as_matrix(f"{name} X", X, sizes[0])
    y = np.asarray(y)
    if y.ndim == 2:  # one-hot columns
        y = as_matrix(f"{name} Y", y, sizes[-1]).argmax(axis=0)
    if y.ndim != 1 or y.shape[0] != X.shape[1] or not np.issubdtype(y.dtype, np.integer):
        raise ValueError(
            f"{name} labels have shape {y.shape} and dtype {y.dtype}; expected "
            f"{X.shape[1]} integer labels or one-hot columns ({sizes[-1]}, {X.shape[1]})"
        )
    return X, y


def count_correct(net, X, labels):
    """How many columns of X the network classifies as ``labels`` (argmax of a^L)."""
    return int(np.sum(net.feedforward(X).argmax(axis=0) == labels))


@limited  # the whole run on one BLAS thread: see bpcore.blas_threads
def sgd(net, training_data, epochs, mini_batch_size, eta, test_data=None, *, seed=None,
        callback=None, progress=False, verbose=False, monitor_cost=True):
    """Train ``net`` in place by mini-batch SGD and return one EpochRecord per epoch.

    Each epoch shuffles the training columns (``numpy.random.default_rng(seed)``), splits
    them into mini-batches of ``mini_batch_size`` and takes one :func:`update_mini_batch`
    step on each. ``callback(record)`` runs after every epoch (live plots);
    ``progress`` is True for a bar on stderr or a callable ``progress(done, total)`` called
    after every mini-batch; ``verbose`` prints the book's ``Epoch k: n / N`` lines.
    """
    X, Y = as_columns(training_data, net.sizes)
    epochs = positive_int("epochs", epochs)
    mini_batch_size = positive_int("mini_batch_size", mini_batch_size)
    eta = check_eta(eta)
    test = as_labelled(test_data, net.sizes) if test_data is not None else None
    if callback is not None and not callable(callback):
        raise TypeError(f"callback must be callable; got {callback!r}")
    report = _terminal_bar if progress is True else (progress or None)
    rng = np.random.default_rng(seed)
    n = X.shape[1]
    n_batches = -(-n // mini_batch_size)
    history = []
    for epoch in range(epochs):
        order = rng.permutation(n)
        Xs, Ys = X[:, order], Y[:, order]
        for k, start in enumerate(range(0, n, mini_batch_size), 1):
            stop = start + mini_batch_size
            update_mini_batch(net, Xs[:, start:stop], Ys[:, start:stop], eta)
            if report:
                report(k, n_batches)
        cost = float(np.mean(net.cost.fn(net.feedforward(X), Y))) if monitor_cost else None
        correct = count_correct(net, *test) if test else None
        record = EpochRecord(epoch, cost, correct, None if test is None else len(test[1]))
        history.append(record)
        if verbose:
            if test:
                print(f"Epoch {epoch}: {correct} / {record.total}", flush=True)
            else:
                print(f"Epoch {epoch} complete", flush=True)
        if callback is not None:
            callback(record)
    return history


def _is_pairs(data):
    """The book's list of (x, y) pairs, as opposed to an (X, Y) pair of arrays."""
    return (isinstance(data, (list, tuple)) and len(data) > 0
            and isinstance(data[0], (tuple, list)) and len(data[0]) == 2)


def _terminal_bar(done, total, width=30):
    filled = width * done // total
    end = "\r" if done < total else "\r" + " " * (width + 20) + "\r"
    sys.stderr.write(f"\r  [{'#' * filled}{'.' * (width - filled)}] {done}/{total}{end}")
    sys.stderr.flush()
