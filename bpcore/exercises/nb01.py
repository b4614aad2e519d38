"""Self-checks for notebook 01, gradient descent and SGD.

Each check computes its expected answer here, from the exercise's data, never from a
stored constant, and returns a :class:`bpcore.exercises.Feedback`.
"""

import numpy as np

from . import Feedback, compare, not_attempted

# Exercise 1: one gradient-descent step.
GRAD_C = np.array([0.6, -1.2])  # ∇C at the current point v
ETA = 0.5

# Exercise 2: the 1-D quadratic C(v) = k v² / 2.
K = 4.0

# Exercise 3: one SGD step on a mini-batch of m = 4 per-example gradients ∂C_X/∂w.
W = np.array([0.5, -1.0])
GRADS = np.array([[0.2, -0.4], [0.6, 0.0], [-0.2, 0.8], [0.4, 0.4]])  # one row per example
ETA_SGD = 2.0


def check_step(answer):
    """Δv for ∇C = GRAD_C and η = ETA: Δv = −η∇C."""
    expected = -ETA * GRAD_C
    if not not_attempted(answer) and np.allclose(np.asarray(answer, dtype=float), -expected):
        return Feedback(False, "that step points uphill: Δv must be −η∇C, with the minus sign, "
                               "so that ΔC ≈ ∇C·Δv = −η‖∇C‖² is negative.")
    return compare(answer, expected, what="Δv",
                   hint="multiply the gradient by the learning rate and flip its sign.",
                   success=f"Δv = {expected.tolist()}; it changes C by about "
                           f"−η‖∇C‖² = {-ETA * GRAD_C @ GRAD_C:.2f}.")


def stable(eta, k=K, steps=200):
    """True when v → v − η k v, repeated from v = 1, ends closer to the minimum 0."""
    v = 1.0
    for _ in range(steps):
        v = v - eta * k * v
    return abs(v) < 1.0


def largest_stable_eta(k=K, tol=1e-9):
    """The largest stable η for C = k v²/2, found numerically by bisection on :func:`stable`
    (no formula used), so the check below does not assume the answer."""
    lo, hi = 0.0, 100.0 / k
    while hi - lo > tol:
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if stable(mid, k) else (lo, mid)
    return lo


def check_max_eta(answer):
    """The largest η for which gradient descent on C = K v²/2 does not blow up."""
    expected = largest_stable_eta()
    if not not_attempted(answer):
        try:
            a = float(answer)
        except (TypeError, ValueError):
            a = None
        if a is not None and np.isclose(a, 1 / K, rtol=1e-3):
            return Feedback(False, f"η = 1/k = {1 / K:g} lands on the minimum in one step, but "
                                   "larger η still converges: the step multiplies v by (1 − ηk). "
                                   "When does |1 − ηk| stay below 1?")
    return compare(answer, expected, what="largest stable η", rtol=1e-4, atol=1e-6,
                   hint="one step multiplies v by (1 − ηk); the iteration shrinks while "
                        "|1 − ηk| < 1.",
                   success=f"η < 2/k = {expected:.4g}: beyond it each step overshoots by more "
                           "than it started with, and C grows.")


def check_sgd_step(answer):
    """The new w after one SGD step: w − (η/m) Σ_X ∂C_X/∂w over the rows of GRADS."""
    m = len(GRADS)
    expected = W - (ETA_SGD / m) * GRADS.sum(axis=0)
    if not not_attempted(answer) and np.allclose(np.asarray(answer, dtype=float),
                                                 W - ETA_SGD * GRADS.sum(axis=0)):
        return Feedback(False, "you summed the m gradients but did not divide by m: the step "
                               "uses their average, (η/m) Σ ∂C_X/∂w.")
    return compare(answer, expected, what="new w",
                   hint="average the rows of GRADS (the mini-batch's estimate of ∇C), multiply "
                        "by η and subtract from w.",
                   success=f"w becomes {np.round(expected, 4).tolist()}.")
