"""Cost functions C_x(a, y) for one example and their gradients ∇_a C.

Both of the book's assumptions hold by construction: the cost of a batch is the mean of
per-example costs (assumption 1), and each C_x depends on the output activations a^L and
the fixed target y only (assumption 2). A cost never sees z or σ': BP1 combines ∇_a C with
the activation's σ'(z^L) in the network, so a cost works with any activation whose outputs
it can take. The one exception is the book's chapter-3 pair, a sigmoid output with the
cross-entropy cost: there σ' cancels exactly, and :func:`bpcore.backprop.output_error` and
:func:`bpcore.backprop.output_cost` compute δ^L and C_x for it from z^L, exactly.

Shapes: ``a`` and ``y`` are ``(n_L, m)``, one example per column; ``fn`` returns the ``m``
per-example costs ``(m,)``, ``grad_a`` returns ``(n_L, m)``.
"""

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

# Cross-entropy takes ln a and ln(1 − a). Where a has already rounded to exactly 0 or 1 the
# information is gone; such an a moves to the nearest float inside (0, 1), so that C and
# ∇_a C stay finite, and no other value of a changes.
A_MIN, A_MAX = np.finfo(float).tiny, 1.0 - np.finfo(float).epsneg


def quadratic(a, y):
    """C_x = ½‖y − a‖² per column (eq. 27); returns shape (m,)."""
    return 0.5 * np.sum((a - y) ** 2, axis=0)


def quadratic_grad(a, y):
    """∇_a C_x = a − y (the factor in eq. 30)."""
    return a - y


def cross_entropy(a, y):
    """C_x = −Σ_j [y_j ln a_j + (1 − y_j) ln(1 − a_j)] per column; returns shape (m,)."""
    a = np.clip(a, A_MIN, A_MAX)
    return -np.sum(y * np.log(a) + (1.0 - y) * np.log1p(-a), axis=0)


def cross_entropy_grad(a, y):
    """∇_a C_x = (a − y) / (a(1 − a)), elementwise."""
    a = np.clip(a, A_MIN, A_MAX)
    return (a - y) / (a * (1.0 - a))


@dataclass(frozen=True)
class Cost:
    """A per-example cost C_x with its gradient ∇_a C_x (see module docstring for shapes).

    ``needs_outputs``: the range the output activations must lie in (matched against
    :attr:`bpcore.activations.Activation.outputs`), or None if any value will do.
    """

    name: str
    fn: Callable
    grad_a: Callable
    needs_outputs: str | None = None


COSTS = {
    "quadratic": Cost("quadratic", quadratic, quadratic_grad),
    "cross_entropy": Cost("cross_entropy", cross_entropy, cross_entropy_grad, "(0, 1)"),
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
