"""A feed-forward network in the book's notation: sizes, weights w^l, biases b^l.

Indexing. The book numbers layers l = 1 … L, with layer 1 the input, which has no weights.
Python lists start at 0 and skip the input, so::

    weights[i]  is the book's w^{i+2},  shape (sizes[i+1], sizes[i])
    biases[i]   is the book's b^{i+2},  shape (sizes[i+1], 1)

and the entry ``weights[i][j, k]`` is w^{i+2}_{jk} with 0-based j, k: the weight from
neuron k of the previous layer to neuron j of this one. Examples are columns: one input is
``(sizes[0], 1)``, a mini-batch is ``(sizes[0], m)``, so ``z = w @ a + b`` reads the same.
"""

import numbers

import numpy as np

from . import backprop as _bp
from . import training as _training
from .activations import get_activation
from .blas_threads import limited
from .checks import as_matrix, same_columns
from .costs import get_cost


class Network:
    """A fully connected network ``sizes = [n_1, …, n_L]`` with one activation and one cost.

    Weights and biases start standard-normal, drawn from ``numpy.random.default_rng(seed)``,
    as in the book.
    """

    def __init__(self, sizes, activation="sigmoid", cost="quadratic", seed=None):
        self.sizes = _check_sizes(sizes)
        self.activation = get_activation(activation)
        self.cost = get_cost(cost)
        rng = np.random.default_rng(seed)
        self._biases = [rng.standard_normal((n, 1)) for n in self.sizes[1:]]
        self._weights = [
            rng.standard_normal((n, n_prev)) for n_prev, n in zip(self.sizes[:-1], self.sizes[1:])
        ]

    def __repr__(self):
        return (
            f"Network(sizes={self.sizes}, activation={self.activation.name!r}, "
            f"cost={self.cost.name!r})"
        )

    @property
    def num_layers(self):
        """L, the number of layers including the input layer."""
        return len(self.sizes)

    @property
    def weights(self):
        """[w^2, …, w^L]; ``weights[i]`` has shape ``(sizes[i+1], sizes[i])``."""
        return self._weights

    @weights.setter
    def weights(self, new):
        shapes = [(n, n_prev) for n_prev, n in zip(self.sizes[:-1], self.sizes[1:])]
        self._weights = _check_params("weights", new, shapes)

    @property
    def biases(self):
        """[b^2, …, b^L]; ``biases[i]`` has shape ``(sizes[i+1], 1)``."""
        return self._biases

    @biases.setter
    def biases(self, new):
        self._biases = _check_params("biases", new, [(n, 1) for n in self.sizes[1:]])

    # -- feedforward (eq. 25) ---------------------------------------------------------
    @limited  # one BLAS thread: see bpcore.blas_threads
    def feedforward(self, X):
        """a^L for every column of X: X ``(n_1, m)`` → ``(n_L, m)``."""
        a = as_matrix("X", X, self.sizes[0])
        for w, b in zip(self._weights, self._biases):
            a = self.activation.fn(w @ a + b)
        return a

    @limited
    def forward(self, X):
        """The weighted inputs and activations of every layer (eq. 25).

        Returns ``(zs, activations)``: ``zs[i]`` is z^{i+2} ``(sizes[i+1], m)`` and
        ``activations[i]`` is a^{i+1}, so ``activations[0]`` is X and ``activations[-1]``
        is a^L. ``len(activations) == len(zs) + 1``.
        """
        return _bp.forward(self, as_matrix("X", X, self.sizes[0]))

    @limited
    def total_cost(self, X, Y):
        """C = (1/m) Σ_x C_x over the columns of X, Y (assumption 1)."""
        X, Y = self._check_xy(X, Y)
        return float(np.mean(self.cost.fn(_bp.forward(self, X)[1][-1], Y)))

    # -- gradients (BP1–BP4) ----------------------------------------------------------
    @limited
    def backprop(self, x, y):
        """``(nabla_b, nabla_w)`` of C_x for one example x ``(n_1, 1)``, y ``(n_L, 1)``.

        Written literally as BP1, BP2, BP3, BP4; see :func:`bpcore.backprop.backprop`.
        """
        x, y = self._check_xy(x, y, one=True)
        return _bp.backprop(self, x, y)

    @limited
    def backprop_deltas(self, x, y):
        """Like :meth:`backprop`, but returns a :class:`bpcore.backprop.Trace` record with
        ``zs``, ``activations``, ``deltas`` (δ^2 … δ^L), ``nabla_b`` and ``nabla_w``."""
        x, y = self._check_xy(x, y, one=True)
        return _bp.backprop_trace(self, x, y)

    @limited
    def backprop_batch(self, X, Y):
        """Gradient of the mini-batch's mean cost, fully matrix-based over the m columns.

        Equals the mean of :meth:`backprop` over the columns. Returns ``(nabla_b, nabla_w)``.
        """
        X, Y = self._check_xy(X, Y)
        return _bp.backprop_batch(self, X, Y)

    # -- learning ---------------------------------------------------------------------
    @limited
    def update_mini_batch(self, X, Y, eta):
        """One gradient-descent step on a mini-batch: w → w − η ∇_w C, b → b − η ∇_b C.

        ∇C here is the mean over the m columns, which is the book's (η/m) Σ_x ∇C_x.
        """
        X, Y = self._check_xy(X, Y)
        _training.update_mini_batch(self, X, Y, _training.check_eta(eta))

    def sgd(self, training_data, epochs, mini_batch_size, eta, test_data=None, **options):
        """Mini-batch stochastic gradient descent; see :func:`bpcore.training.sgd`."""
        return _training.sgd(
            self, training_data, epochs, mini_batch_size, eta, test_data, **options
        )

    @limited
    def evaluate(self, test_data):
        """The number of test inputs whose most active output neuron is the right digit.

        test_data: ``(X, labels)`` with labels ``(m,)`` ints or one-hot ``(n_L, m)``, or the
        book's list of ``(x, y)`` pairs.
        """
        X, labels = _training.as_labelled(test_data, self.sizes)
        return _training.count_correct(self, X, labels)

    def _check_xy(self, X, Y, one=False):
        X = as_matrix("x" if one else "X", X, self.sizes[0])
        Y = as_matrix("y" if one else "Y", Y, self.sizes[-1])
        if one and X.shape[1] != 1:
            raise ValueError(f"x has shape {X.shape}; expected ({self.sizes[0]}, 1), one example")
        same_columns(X, Y, "x" if one else "X", "y" if one else "Y")
        return X, Y


def _check_sizes(sizes):
    if isinstance(sizes, (str, bytes)) or not hasattr(sizes, "__len__"):
        raise TypeError(f"sizes must be a list of layer sizes like [784, 30, 10]; got {sizes!r}")
    sizes = list(sizes)
    if len(sizes) < 2:
        raise ValueError(f"sizes must list at least 2 layers (input and output); got {sizes}")
    for n in sizes:
        if isinstance(n, bool) or not isinstance(n, numbers.Integral):
            raise TypeError(f"every layer size must be an integer; got {n!r} in {sizes}")
        if n <= 0:
            raise ValueError(f"every layer size must be positive; got {n} in {sizes}")
    return [int(n) for n in sizes]


def _check_params(name, new, shapes):
    new = list(new)
    if len(new) != len(shapes):
        raise ValueError(f"{name} must be a list of {len(shapes)} arrays; got {len(new)}")
    out = []
    for i, (p, shape) in enumerate(zip(new, shapes)):
        if np.shape(p) != shape:  # before as_matrix, so the message names the full shape
            raise ValueError(f"{name}[{i}] has shape {np.shape(p)}; expected {shape}")
        out.append(as_matrix(f"{name}[{i}]", p, shape[0]).copy())
    return out
