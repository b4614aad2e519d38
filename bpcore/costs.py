"""Cost functions C_x(a, y) for one example and their gradients ∇_a C.

Both of the book's assumptions hold by construction: the cost of a batch is the mean of
per-example costs (assumption 1), and each C_x depends on the output activations a^L and
the fixed target y only (assumption 2). A cost never sees z or σ': BP1 combines ∇_a C with
the activation's σ'(z^L) in the network, so any cost works with any activation.

Shapes: ``a`` and ``y`` are ``(n_L, m)``, one example per column; ``fn`` returns the ``m``
per-example costs ``(m,)``, ``grad_a`` returns ``(n_L, m)``.
"""

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

# Cross-entropy takes log(a) and log(1 − a); a sigmoid output can round to exactly 0 or 1
# in float64, so we clip into [EPS, 1 − EPS]. That keeps C and ∇_a C finite at saturation.
EPS = 1e-12


def quadratic(a, y):
    """C_x = ½‖y − a‖² per column (eq. 27); returns shape (m,)."""
    return 0.5 * np.sum((a - y) ** 2, axis=0)


def quadratic_grad(a, y):
    """∇_a C_x = a − y (the factor in eq. 30)."""
    return a - y


def cross_entropy(a, y):
    """C_x = −Σ_j [y_j ln a_j + (1 − y_j) ln(1 − a_j)] per column; returns shape (m,)."""
    a = np.clip(a, EPS, 1.0 - EPS)
    return -np.sum(y * np.log(a) + (1.0 - y) * np.log(1.0 - a), axis=0)


def cross_entropy_grad(a, y):
    """∇_a C_x = (a − y) / (a(1 − a)), elementwise."""
    a = np.clip(a, EPS, 1.0 - EPS)
    return (a - y) / (a * (1.0 - a))


@dataclass(frozen=True)
class Cost:
    """A per-example cost C_x with its gradient ∇_a C_x (see module docstring for shapes)."""

    name: str
    fn: Callable
    grad_a: Callable


COSTS = {
    "quadratic": Cost("quadratic", quadratic, quadratic_grad),
    "cross_entropy": Cost("cross_entropy", cross_entropy, cross_entropy_grad),
}


def get_cost(spec) -> Cost:
    """Turn a name from ``COSTS``, an ``(fn, grad_a)`` pair or a Cost into a Cost."""
    if isinstance(spec, Cost):
        return spec
    if isinstance(spec, str):
        if spec not in COSTS:
            raise ValueError(f"unknown cost {spec!r}; expected one of {sorted(COSTS)}")
        return COSTS[spec]
    if isinstance(spec, tuple) and len(spec) == 2 and all(callable(f) for f in spec):
        return Cost(getattr(spec[0], "__name__", "custom"), *spec)
    raise TypeError(
        f"cost must be a name from {sorted(COSTS)} or a (fn, grad_a) pair; got {spec!r}")
