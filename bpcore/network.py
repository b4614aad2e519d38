"""A feed-forward network in the book's notation: sizes, weights w^l, biases b^l.

Indexing. The book numbers layers l = 1 … L, with layer 1 the input, which has no weights.
Python lists start at 0 and skip the input, so::

    weights[i]  is the book's w^{i+2},  shape (sizes[i+1], sizes[i])
    biases[i]   is the book's b^{i+2},  shape (sizes[i+1], 1)

and the entry ``weights[i][j, k]`` is w^{i+2}_{jk} with 0-based j, k: the weight from
neuron k of the previous layer to neuron j of this one. Examples are columns: one input is
``(sizes[0], 1)``, a mini-batch is ``(sizes[0], m)``, so ``z = w @ a + b`` reads the same.
"""

import operator

import numpy as np

from . import _validate
from . import backprop as _bp
from . import training as _training
from .activations import get_activation
from .blas_threads import limited
from .costs import get_cost


class Layers(list):
    """``net.weights`` or ``net.biases``: one array per layer, each checked when assigned.

    ``net.weights[i] = w`` stores a float64 copy of w after checking its shape and values;
    ``net.weights = [...]`` replaces them all. The number of layers is fixed by ``sizes``.
    """

    def __init__(self, name, shapes, arrays):
        super().__init__(arrays)
        self._name, self._shapes = name, shapes

    def __setitem__(self, i, value):
        if isinstance(i, slice):
            where = range(len(self))[i]
            values = list(value)
            if len(values) != len(where):
                raise ValueError(f"{self._name}[{i.start}:{i.stop}] holds {len(where)} arrays; "
                                 f"got {len(values)}")
            checked = [self._check(k, v) for k, v in zip(where, values)]
            for k, v in zip(where, checked):
                super().__setitem__(k, v)
        else:
            k = range(len(self))[operator.index(i)]  # IndexError as for a list
            super().__setitem__(k, self._check(k, value))

    def _check(self, k, value):
        return _validate.parameter(f"{self._name}[{k}]", value, self._shapes[k])

    def _fixed(self, *args, **kwargs):
        raise TypeError(f"net.{self._name} holds one array per layer, as many as sizes says; "
                        f"replace one with net.{self._name}[i] = new, or all with "
                        f"net.{self._name} = [...]")

    append = extend = insert = pop = remove = clear = sort = reverse = _fixed
    __delitem__ = __iadd__ = __imul__ = _fixed

    def __reduce__(self):  # copy.deepcopy(net) and copy.copy
        return Layers, (self._name, self._shapes, list(self))


class Network:
    """A fully connected network ``sizes = [n_1, …, n_L]`` with one activation and one cost.

    Weights and biases start standard-normal, drawn from ``numpy.random.default_rng(seed)``,
    as in the book. The cross-entropy cost needs outputs in (0, 1), so it is refused with an
    activation whose outputs leave that range (tanh, relu, identity).
    """

    def __init__(self, sizes, activation="sigmoid", cost="quadratic", seed=None):
        self.sizes = _validate.sizes(sizes)
        self.activation = get_activation(activation)
        self.cost = get_cost(cost)
        _validate.activation_and_cost(self.activation, self.cost)
        rng = np.random.default_rng(_validate.seed(seed))
        self.biases = [rng.standard_normal((n, 1)) for n in self.sizes[1:]]
        self.weights = [
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
        self._weights = Layers("weights", shapes, _validate.parameters("weights", new, shapes))

    @property
    def biases(self):
        """[b^2, …, b^L]; ``biases[i]`` has shape ``(sizes[i+1], 1)``."""
        return self._biases

    @biases.setter
    def biases(self, new):
        shapes = [(n, 1) for n in self.sizes[1:]]
        self._biases = Layers("biases", shapes, _validate.parameters("biases", new, shapes))

    # -- feedforward (eq. 25) ---------------------------------------------------------
    @limited  # one BLAS thread: see bpcore.blas_threads
    def feedforward(self, X):
        """a^L for every column of X: X ``(n_1, m)`` → ``(n_L, m)``."""
        return _bp.forward_from(self, 1, _validate.matrix("X", X, self.sizes[0]))

    @limited
    def forward(self, X):
        """The weighted inputs and activations of every layer (eq. 25).

        Returns ``(zs, activations)``: ``zs[i]`` is z^{i+2} ``(sizes[i+1], m)`` and
        ``activations[i]`` is a^{i+1}, so ``activations[0]`` is X and ``activations[-1]``
        is a^L. ``len(activations) == len(zs) + 1``.
        """
        return _bp.forward(self, _validate.matrix("X", X, self.sizes[0]))

    @limited
    def total_cost(self, X, Y):
        """C = (1/m) Σ_x C_x over the columns of X, Y (assumption 1)."""
        X, Y = _validate.xy(self.sizes, X, Y)
        return _training.mean_cost(self, X, Y)

    # -- gradients (BP1–BP4) ----------------------------------------------------------
    @limited
    def backprop(self, x, y):
        """``(nabla_b, nabla_w)`` of C_x for one example x ``(n_1, 1)``, y ``(n_L, 1)``.

        Written literally as BP1, BP2, BP3, BP4; see :func:`bpcore.backprop.backprop`.
        """
        x, y = _validate.xy(self.sizes, x, y, one=True)
        return _bp.backprop(self, x, y)

    @limited
    def backprop_deltas(self, x, y):
        """Like :meth:`backprop`, but returns a :class:`bpcore.backprop.BackpropDeltas`
        record with ``zs``, ``activations``, ``deltas`` (δ^2 … δ^L), ``nabla_b``, ``nabla_w``.
        """
        x, y = _validate.xy(self.sizes, x, y, one=True)
        return _bp.backprop_deltas(self, x, y)

    @limited
    def backprop_batch(self, X, Y):
        """Gradient of the mini-batch's *mean* cost, fully matrix-based over the m columns.

        Equals the mean of :meth:`backprop` over the columns (the book's update sums the
        per-example gradients and divides by m). Returns ``(nabla_b, nabla_w)``. Checks
        shapes and dtypes only: NaN or infinity in X or Y gives NaN gradients.
        """
        X, Y = _validate.xy(self.sizes, X, Y, finite=False)
        return _bp.backprop_batch(self, X, Y)

    # -- learning ---------------------------------------------------------------------
    @limited
    def update_mini_batch(self, X, Y, eta):
        """One gradient-descent step on a mini-batch: w → w − η ∇_w C, b → b − η ∇_b C.

        ∇C here is the mean over the m columns, which is the book's (η/m) Σ_x ∇C_x. Checks
        shapes and dtypes only, so that the check costs next to nothing per step; NaN or
        infinity in X or Y would turn the weights into NaN (:meth:`sgd` scans its data once
        and stops with an error if the weights stop being finite).
        """
        X, Y = _validate.xy(self.sizes, X, Y, finite=False)
        _training.update_mini_batch(self, X, Y, _validate.positive_float("eta", eta))

    def sgd(self, training_data, epochs, mini_batch_size, eta, test_data=None, **options):
        """Mini-batch stochastic gradient descent; see :func:`bpcore.training.sgd`."""
        return _training.sgd(
            self, training_data, epochs, mini_batch_size, eta, test_data, **options
        )

    @limited
    def evaluate(self, test_data):
        """The number of test inputs the network classifies right.

        With several output neurons the prediction is the most active one (argmax of a^L);
        with one output neuron it is 1 if a^L > 0.5, else 0. test_data: ``(X, labels)``
        with labels ``(m,)`` ints in 0 … n_L − 1 (0 or 1 for one output) or one-hot
        ``(n_L, m)``, a :class:`bpcore.data.Split`, or the book's list of ``(x, y)`` pairs.
        """
        X, labels = _validate.labelled(test_data, self.sizes)
        return _training.count_correct(self, X, labels)
