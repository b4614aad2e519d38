"""Input checks for the public entry points: fail loudly, name the value, never reshape."""

import numbers

import numpy as np


def as_matrix(name, value, rows=None):
    """Return ``value`` as a finite float64 array of shape ``(rows, m)``, or raise.

    One example is a column ``(n, 1)``; a batch is ``(n, m)``. 1-D input is rejected rather
    than reshaped, because guessing row-vs-column is how silent bugs start.
    """
    if isinstance(value, (str, bytes)) or value is None:
        raise TypeError(f"{name} must be a numeric array; got {type(value).__name__}")
    arr = np.asarray(value)
    if arr.dtype == object or not (
        np.issubdtype(arr.dtype, np.number) or np.issubdtype(arr.dtype, np.bool_)
    ):
        raise TypeError(f"{name} must be a numeric array; got dtype {arr.dtype}")
    if np.issubdtype(arr.dtype, np.complexfloating):
        raise TypeError(f"{name} must be real; got dtype {arr.dtype}")
    expected = f"({rows if rows is not None else 'n'}, m)"
    if arr.ndim != 2:
        hint = " (one example is a column: use x.reshape(-1, 1))" if arr.ndim == 1 else ""
        raise ValueError(f"{name} has shape {arr.shape}; expected {expected}{hint}")
    if rows is not None and arr.shape[0] != rows:
        raise ValueError(f"{name} has shape {arr.shape}; expected {expected}")
    if arr.shape[1] == 0:
        raise ValueError(f"{name} has shape {arr.shape}; expected at least one column")
    arr = arr.astype(np.float64, copy=False)
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} contains NaN or infinite values")
    return arr


def same_columns(X, Y, xname="X", yname="Y"):
    """Raise unless X and Y hold the same number of examples (columns)."""
    if X.shape[1] != Y.shape[1]:
        raise ValueError(
            f"{xname} has {X.shape[1]} columns but {yname} has {Y.shape[1]}; "
            "expected one target column per input column"
        )


def positive_int(name, value):
    """Return ``value`` as an int if it is a positive integer (not bool), else raise."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be a positive integer; got {value!r}")
    if value <= 0:
        raise ValueError(f"{name} must be a positive integer; got {value}")
    return int(value)


def positive_float(name, value):
    """Return ``value`` as a float if it is a finite positive number, else raise."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a positive number; got {value!r}")
    if not np.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be a finite positive number; got {value}")
    return float(value)
