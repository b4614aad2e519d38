"""The one door for input: every public entry point checks its arguments here, once.

Each check fails loudly with a ValueError or TypeError that names the argument, the value
and what was expected, and never reshapes or guesses. The error carries the argument's
name as ``exc.argument`` (the command line turns it back into its ``--flag``).

The per-step methods (``update_mini_batch``, ``backprop_batch``) need O(1) Python work
here: a float64 array of the right shape passes on four attribute reads. A scan for NaN and
infinity costs a pass over the data, so it runs where that is small next to the work that
follows (one example, a forward pass, once per ``sgd`` call), not on every training step.
"""

import numbers
from collections.abc import Iterator, Sequence

import numpy as np


def _error(kind, argument, message):
    exc = kind(message)
    exc.argument = argument
    return exc


# -- arrays ---------------------------------------------------------------------------------
def matrix(name, value, rows=None, *, finite=True, outputs=None):
    """``value`` as a float64 array ``(rows, m)``, m ≥ 1, or raise naming ``name``.

    One example is a column ``(n, 1)``; a batch is ``(n, m)``. 1-D input is rejected rather
    than reshaped. ``outputs`` = n_L marks a target array, whose errors then say how to turn
    class labels into columns. ``finite=False`` skips the scan for NaN and infinity.
    """
    if not (type(value) is np.ndarray and value.dtype.type is np.float64 and value.ndim == 2
            and (rows is None or value.shape[0] == rows) and value.shape[1] > 0):
        value = _convert(name, value, rows, outputs)
    if finite and not np.isfinite(value).all():
        raise _error(ValueError, name, f"{name} contains NaN or infinite values")
    return value


def _convert(name, value, rows, outputs):
    if isinstance(value, (str, bytes)) or value is None:
        raise _error(TypeError, name, f"{name} must be a numeric array; got {type(value).__name__}")
    try:
        arr = np.asarray(value)
    except ValueError:  # a ragged nested list
        raise _error(ValueError, name, f"{name} is a ragged nested sequence; expected "
                     f"({rows or 'n'}, m) numbers") from None
    kind = arr.dtype.kind
    if kind not in "biuf":
        what = "real" if kind == "c" else "a numeric array"
        raise _error(TypeError, name, f"{name} must be {what}; got dtype {arr.dtype}")
    expected, hint = f"({rows if rows is not None else 'n'}, m)", ""
    if arr.ndim == 1 and outputs is not None:
        hint = (" (one target per example: use Y.reshape(1, -1))" if outputs == 1 else
                f" (class labels? bpcore.one_hot(labels, {outputs}) makes one-hot columns)")
    elif arr.ndim == 1:
        hint = " (one example is a column: use x.reshape(-1, 1))"
    elif arr.ndim == 2 and rows is not None and arr.shape[1] == rows != arr.shape[0]:
        hint = " (one example per row? bpcore takes one example per column: pass the .T)"
    if arr.ndim != 2 or (rows is not None and arr.shape[0] != rows):
        raise _error(ValueError, name, f"{name} has shape {arr.shape}; expected {expected}{hint}")
    if arr.shape[1] == 0:
        raise _error(ValueError, name,
                     f"{name} has shape {arr.shape}; expected at least one column")
    return arr.astype(np.float64, copy=False)


def xy(sizes, X, Y, *, one=False, finite=True):
    """Inputs ``(n_1, m)`` and targets ``(n_L, m)`` for a network of ``sizes``, checked."""
    xname, yname = ("x", "y") if one else ("X", "Y")
    X = matrix(xname, X, sizes[0], finite=finite)
    Y = matrix(yname, Y, sizes[-1], finite=finite, outputs=sizes[-1])
    if one and X.shape[1] != 1:
        raise _error(ValueError, xname, f"x has shape {X.shape}; expected ({sizes[0]}, 1), "
                     "one example")
    same_columns(X, Y, xname, yname)
    return X, Y


def same_columns(X, Y, xname="X", yname="Y"):
    """Raise unless X and Y hold the same number of examples (columns)."""
    if X.shape[1] != Y.shape[1]:
        raise _error(ValueError, yname, f"{xname} has {X.shape[1]} columns but {yname} has "
                     f"{Y.shape[1]}; expected one target column per input column")


# -- numbers and options --------------------------------------------------------------------
def positive_int(name, value):
    """``value`` as an int if it is a positive integer (not bool), else raise."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise _error(TypeError, name, f"{name} must be a positive integer; got {value!r}")
    if value <= 0:
        raise _error(ValueError, name, f"{name} must be a positive integer; got {value}")
    return int(value)


def positive_float(name, value):
    """``value`` as a float if it is a finite positive number, else raise."""
    if type(value) is float and 0.0 < value < float("inf"):
        return value
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise _error(TypeError, name, f"{name} must be a positive number; got {value!r}")
    if not np.isfinite(value) or value <= 0:
        raise _error(ValueError, name, f"{name} must be a finite positive number; got {value}")
    return float(value)


def seed(value, name="seed"):
    """None (fresh randomness) or a non-negative integer for ``numpy.random.default_rng``."""
    message = f"{name} must be None or a non-negative integer; got {value!r}"
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise _error(TypeError, name, message)
    if value < 0:
        raise _error(ValueError, name, message)
    return int(value)


def callable_or_none(name, value):
    """``value`` if it is None or callable, else raise."""
    if value is not None and not callable(value):
        raise _error(TypeError, name, f"{name} must be callable; got {value!r}")
    return value


def progress(value):
    """``progress``: False/None (no report), True (a bar) or a callable ``(done, total)``."""
    if value is None or isinstance(value, bool) or callable(value):
        return value
    raise _error(TypeError, "progress", "progress must be True, False or a callable "
                 f"progress(done, total); got {value!r}")


# -- the network's own settings -------------------------------------------------------------
def sizes(value):
    """``[n_1, …, n_L]`` as a list of positive ints, L ≥ 2, from an ordered sequence."""
    ordered = isinstance(value, Sequence) or (isinstance(value, np.ndarray) and value.ndim == 1)
    if isinstance(value, (str, bytes)) or not ordered:
        extra = " (a set has no order)" if isinstance(value, (set, frozenset)) else ""
        raise _error(TypeError, "sizes", "sizes must be a list of layer sizes like "
                     f"[784, 30, 10]; got {value!r}{extra}")
    value = list(value)
    if len(value) < 2:
        raise _error(ValueError, "sizes", f"sizes must list at least 2 layers (input and output); "
                     f"got {value}")
    for n in value:
        where = f"got {n!r} in {value}"
        if isinstance(n, bool) or not isinstance(n, numbers.Integral):
            raise _error(TypeError, "sizes", f"every layer size must be an integer; {where}")
        if n <= 0:
            raise _error(ValueError, "sizes", f"every layer size must be positive; {where}")
    return [int(n) for n in value]


def parameter(name, value, shape):
    """One weight matrix or bias column: a fresh finite float64 copy of shape ``shape``."""
    if np.shape(value) != shape:  # before matrix(), so the message names the full shape
        raise _error(ValueError, name, f"{name} has shape {np.shape(value)}; expected {shape}")
    return matrix(name, value, shape[0]).copy()


def parameters(name, values, shapes):
    """A whole list [p^2, …, p^L], each checked by :func:`parameter`."""
    if len(values := list(values)) != len(shapes):
        raise _error(ValueError, name, f"{name} must be {len(shapes)} arrays; got {len(values)}")
    return [parameter(f"{name}[{i}]", p, s) for i, (p, s) in enumerate(zip(values, shapes))]


def activation_and_cost(activation, cost):
    """Refuse a cost whose formula needs outputs the activation never gives."""
    need, have = cost.needs_outputs, activation.outputs
    if need is not None and have is not None and need != have:
        raise _error(ValueError, "cost", f"the {cost.name} cost needs output activations in "
                     f"{need}, but activation {activation.name!r} gives {have}; use "
                     f"activation='sigmoid' with it, or cost='quadratic'")


# -- the two forms of a data set ------------------------------------------------------------
def columns(data, sizes, name="training_data"):
    """``(X, Y)`` column arrays from (X, Y), a Split or the book's list of (x, y) pairs."""
    data = list(data) if isinstance(data, Iterator) else data  # a zip or generator, once
    if hasattr(data, "X") and hasattr(data, "Y"):
        X, Y = data.X, data.Y
    elif _is_pairs(data):
        X, Y = _stack(name, [x for x, _ in data]), _stack(name, [y for _, y in data])
    elif isinstance(data, (tuple, list)) and len(data) == 2:
        X, Y = data
    else:
        raise _error(TypeError, name, f"{name} must be (X, Y) arrays or a list of (x, y) pairs")
    X = matrix(f"{name} X", X, sizes[0])
    Y = matrix(f"{name} Y", Y, sizes[-1], outputs=sizes[-1])
    same_columns(X, Y, f"{name} X", f"{name} Y")
    return X, Y


def labelled(data, sizes, name="test_data"):
    """``(X, labels)``, labels ``(m,)`` ints in 0 … n_L − 1 (0 or 1 for one output)."""
    data = list(data) if isinstance(data, Iterator) else data
    if hasattr(data, "X") and hasattr(data, "labels"):
        X, y = data.X, data.labels
    elif _is_pairs(data):
        X = _stack(name, [x for x, _ in data])
        targets = [np.asarray(t) for _, t in data]
        y = np.array(targets) if all(t.ndim == 0 for t in targets) else _stack(name, targets)
    elif isinstance(data, (tuple, list)) and len(data) == 2:
        X, y = data
    else:
        raise _error(TypeError, name, f"{name} must be (X, labels) arrays or (x, y) pairs")
    X = matrix(f"{name} X", X, sizes[0])
    n_out, y = sizes[-1], np.asarray(y)
    if y.ndim == 2:  # one-hot columns, or for one output a row of 0/1 targets
        y = matrix(f"{name} Y", y, n_out)
        y = y.argmax(axis=0) if n_out > 1 else _zero_one(name, y[0])
    if (y.ndim != 1 or y.shape[0] != X.shape[1]
            or not (np.issubdtype(y.dtype, np.integer) or y.dtype == bool)):
        raise _error(ValueError, name, f"{name} labels have shape {y.shape} and dtype {y.dtype};"
                     f" expected {X.shape[1]} integer labels or one-hot columns "
                     f"({n_out}, {X.shape[1]})")
    top = max(n_out, 2) - 1
    if y.size and (y.min() < 0 or y.max() > top):
        rule = (" (one output neuron predicts 1 when a^L > 0.5, else 0)" if n_out == 1 else "")
        raise _error(ValueError, name, f"{name} labels must lie in 0 … {top}{rule}; got values "
                     f"from {y.min()} to {y.max()}")
    return X, y.astype(np.int64)


def _zero_one(name, row):
    if not np.all((row == 0) | (row == 1)):
        bad = row[(row != 0) & (row != 1)][0]
        raise _error(ValueError, name, f"{name} targets of a one-output network must be 0 or 1 "
                     f"(it predicts 1 when a^L > 0.5); got {bad}")
    return row.astype(np.int64)


def _is_pairs(data):
    """The book's list of (x, y) pairs, as opposed to an (X, Y) pair of arrays. Two items are
    ambiguous (the XOR set's ``X.tolist()`` has two rows for a 2-input network): a pair's x
    is a column ``(n_1, 1)``, two-dimensional, where a row of X is flat."""
    if not isinstance(data, (list, tuple)) or not data:
        return False
    first = data[0]
    return (isinstance(first, (tuple, list)) and len(first) == 2
            and (len(data) != 2 or np.ndim(first[0]) == 2))


def _stack(name, columns):
    try:
        return np.hstack([np.asarray(c) for c in columns])
    except ValueError as exc:
        raise _error(ValueError, name, f"{name}: the (x, y) pairs do not stack into columns "
                     f"({exc})") from None
