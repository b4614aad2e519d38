"""Learning: the mini-batch gradient step and stochastic gradient descent (SGD).

Data comes in either of two forms: column arrays ``(X, Y)`` with X ``(n_1, n)`` and Y
``(n_L, n)`` (or, for evaluation, integer labels ``(n,)``), or the book's list of
``(x, y)`` pairs (a zip or generator of pairs works too). Anything with ``.X`` and ``.Y``
attributes (a :class:`bpcore.data.Split`) works as well. :mod:`bpcore._validate` turns every
form into columns, once per call.
"""

import math
import sys
import warnings
from dataclasses import dataclass

import numpy as np

from . import _validate
from . import backprop as _bp
from .blas_threads import limited
from .i18n import register

# What verbose training prints (the book's lines), in the course's one catalogue.
msg = register("training", {"epoch": "Epoch {epoch}: {correct} / {total}",
                            "epoch_done": "Epoch {epoch} complete"})


class DivergenceError(ArithmeticError):
    """Training produced a non-finite cost or weight: η is too large for this network."""


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


def mean_cost(net, X, Y):
    """C = (1/m) Σ_x C_x over the columns of X, Y, through :func:`bpcore.backprop.output_cost`."""
    zs, _ = _bp.forward(net, X)
    return float(np.mean(_bp.output_cost(net, zs[-1], Y)))


def count_correct(net, X, labels):
    """How many columns of X the network classifies as ``labels``.

    The prediction is the most active output neuron (argmax of a^L); a network with one
    output neuron predicts 1 where a^L > 0.5 and 0 elsewhere.
    """
    a_L = _bp.forward_from(net, 1, X)
    predicted = a_L.argmax(axis=0) if a_L.shape[0] > 1 else a_L[0] > 0.5
    return int(np.sum(predicted == labels))


@limited  # the whole run on one BLAS thread: see bpcore.blas_threads
def sgd(net, training_data, epochs, mini_batch_size, eta, test_data=None, *, seed=None,
        callback=None, progress=False, verbose=False, monitor_cost=True):
    """Train ``net`` in place by mini-batch SGD and return one EpochRecord per epoch.

    Each epoch shuffles the training columns (``numpy.random.default_rng(seed)``), splits
    them into mini-batches of ``mini_batch_size`` and takes one :func:`update_mini_batch`
    step on each. ``callback(record)`` runs after every epoch (live plots);
    ``progress`` is True for a bar on stderr or a callable ``progress(done, total)`` called
    after every mini-batch; ``verbose`` prints the book's ``Epoch k: n / N`` lines.

    Every argument is checked before any weight changes. If an epoch leaves a weight or the
    cost non-finite, the network gets back the weights it had before that epoch and
    :class:`DivergenceError` names η and the epoch (its ``history`` holds the epochs
    before). A training cost that grows tenfold in one epoch gives a RuntimeWarning.
    """
    X, Y = _validate.columns(training_data, net.sizes)
    epochs = _validate.positive_int("epochs", epochs)
    mini_batch_size = _validate.positive_int("mini_batch_size", mini_batch_size)
    eta = _validate.positive_float("eta", eta)
    test = _validate.labelled(test_data, net.sizes) if test_data is not None else None
    callback = _validate.callable_or_none("callback", callback)
    progress = _validate.progress(progress)
    report = _terminal_bar if progress is True else (progress or None)
    rng = np.random.default_rng(_validate.seed(seed))
    n = X.shape[1]
    n_batches = -(-n // mini_batch_size)
    history = []
    last_cost = mean_cost(net, X, Y) if monitor_cost else None
    for epoch in range(epochs):
        before = [p.copy() for p in net.weights + net.biases]
        order = rng.permutation(n)
        Xs, Ys = X[:, order], Y[:, order]
        with np.errstate(over="ignore", invalid="ignore"):  # divergence is reported below
            for k, start in enumerate(range(0, n, mini_batch_size), 1):
                stop = start + mini_batch_size
                update_mini_batch(net, Xs[:, start:stop], Ys[:, start:stop], eta)
                if report:
                    report(k, n_batches)
            finite = all(math.isfinite(p.sum()) for p in net.weights + net.biases)
            cost = mean_cost(net, X, Y) if monitor_cost and finite else None
        if not finite or (cost is not None and not math.isfinite(cost)):
            for p, p0 in zip(net.weights + net.biases, before):
                p[...] = p0
            exc = DivergenceError(
                f"training diverged in epoch {epoch}: with eta = {eta} the "
                f"{'cost' if finite else 'weights'} stopped being finite. The network keeps "
                f"its weights from before epoch {epoch}; try a smaller eta.")
            exc.history = history
            raise exc
        if cost is not None and cost > 10 * last_cost:
            warnings.warn(f"the training cost grew from {last_cost:.3g} to {cost:.3g} in epoch "
                          f"{epoch}; eta = {eta} may be too large", RuntimeWarning, stacklevel=3)
        last_cost = cost
        correct = count_correct(net, *test) if test else None
        record = EpochRecord(epoch, cost, correct, None if test is None else len(test[1]))
        history.append(record)
        if verbose:
            if test:
                print(msg("epoch", epoch=epoch, correct=correct, total=record.total), flush=True)
            else:
                print(msg("epoch_done", epoch=epoch), flush=True)
        if callback is not None:
            callback(record)
    return history


def _terminal_bar(done, total, width=30):
    filled = width * done // total
    end = "\r" if done < total else "\r" + " " * (width + 20) + "\r"
    sys.stderr.write(f"\r  [{'#' * filled}{'.' * (width - filled)}] {done}/{total}{end}")
    sys.stderr.flush()
