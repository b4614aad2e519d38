"""Self-checks for notebook 01, gradient descent and SGD.

Each check computes its expected answer here, from the exercise's data, never from a
stored constant, and returns a :class:`bpcore.exercises.Feedback`.
"""

import numpy as np

from .answers import Number, Vector
from .grading import exercise, grade, progress_for
from .messages import register

# Exercise 1: one gradient-descent step.
GRAD_C = np.array([0.6, -1.2])  # ∇C at the current point v
ETA = 0.5

# Exercise 2: the 1-D quadratic C(v) = k v² / 2.
K = 4.0

# Exercise 3: one SGD step on a mini-batch of m = 4 per-example gradients ∂C_X/∂w.
W = np.array([0.5, -1.0])
GRADS = np.array([[0.2, -0.4], [0.6, 0.0], [-0.2, 0.8], [0.4, 0.4]])  # one row per example
ETA_SGD = 2.0

MESSAGES = {
    "what.eta": "bound η_max",
    "what.w": "new w",
    "step.uphill": "That step points uphill: with it ΔC ≈ ∇C·Δv comes out positive.",
    "step.no_eta": "The direction is right, but the step's length ignores the learning rate η.",
    "step.hint": "Which Δv makes ΔC ≈ ∇C·Δv as negative as possible for a step of size η?",
    "step.right": "This step changes C by about −η‖∇C‖² = {dC:.2f}: downhill.",
    "eta.one_step": "That η lands on the minimum in one step, but a larger η still converges. "
                    "One step multiplies v by (1 − ηk): when does that factor shrink v?",
    "eta.hint": "Write one step as v → (factor) · v. The iteration converges while the size "
                "of the factor stays below 1.",
    "eta.right": "Beyond it each step overshoots by more than it started with, and C grows.",
    "sgd.summed": "You summed the m gradients without dividing by m: the step uses their "
                  "average, the mini-batch's estimate of ∇C.",
    "sgd.uphill": "That step goes uphill: gradient descent subtracts the gradient.",
    "sgd.hint": "The mini-batch estimates ∇C by the average of its per-example gradients "
                "(the rows of GRADS); then take one gradient-descent step with η.",
    "sgd.right": "One step of SGD: the average of four gradients stands in for ∇C.",
}
msg = register("nb01", MESSAGES)


def _step():
    return -ETA * GRAD_C


@exercise(Vector(2), solution=_step)
def check_step(answer):
    """Δv for ∇C = GRAD_C and η = ETA: Δv = −η∇C."""
    return grade(answer, Vector(2), _step(), what="Δv", hint=msg("step.hint"),
                 slips=[(ETA * GRAD_C, msg("step.uphill")), (-GRAD_C, msg("step.no_eta"))],
                 success=msg("step.right", dC=-ETA * GRAD_C @ GRAD_C))


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


@exercise(Number(), solution=largest_stable_eta)
def check_max_eta(answer):
    """The largest η for which gradient descent on C = K v²/2 does not blow up."""
    return grade(answer, Number(), largest_stable_eta(), what=msg("what.eta"), rtol=1e-4,
                 hint=msg("eta.hint"), slips=[(1 / K, msg("eta.one_step"))],
                 success=msg("eta.right"))


def _sgd_step():
    return W - (ETA_SGD / len(GRADS)) * GRADS.sum(axis=0)


@exercise(Vector(2), solution=_sgd_step)
def check_sgd_step(answer):
    """The new w after one SGD step: w − (η/m) Σ_X ∂C_X/∂w over the rows of GRADS."""
    m = len(GRADS)
    return grade(answer, Vector(2), _sgd_step(), what=msg("what.w"), hint=msg("sgd.hint"),
                 slips=[(W - ETA_SGD * GRADS.sum(axis=0), msg("sgd.summed")),
                        (W + (ETA_SGD / m) * GRADS.sum(axis=0), msg("sgd.uphill"))],
                 success=msg("sgd.right"))


progress = progress_for(__name__)
