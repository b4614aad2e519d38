"""Self-checks for the notebooks' exercises: each says right or wrong, with a hint.

Every check computes the expected answer itself from bpcore (never a stored constant) and
returns a :class:`Feedback`, which prints as one line in the notebook. The checks for
notebook NN live in ``bpcore.exercises.nbNN``.
"""

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Feedback:
    """The verdict on one answer. ``ok`` is True when right; ``attempted`` is False while
    the answer is still the placeholder (None or ``...``)."""

    ok: bool
    message: str
    attempted: bool = True

    def __bool__(self):
        return self.ok

    def __repr__(self):
        if not self.attempted:
            return f"✎ Not attempted yet: {self.message}"
        # Text symbols, not emoji: they render in every monospace font students have.
        return f"✔ Right! {self.message}" if self.ok else f"✘ Not yet. {self.message}"

    def _repr_pretty_(self, p, cycle):  # IPython shows the same one line
        p.text(repr(self))


def not_attempted(answer):
    """True while an exercise's answer is still its placeholder."""
    return answer is None or answer is Ellipsis


def compare(answer, expected, *, what, hint, rtol=1e-6, atol=1e-9, success=""):
    """Compare a numeric answer (number, array or list of arrays) with the expected one.

    ``what`` names the quantity ("δ^L", "∂C/∂w^2"); ``hint`` is shown when it is wrong.
    """
    if not_attempted(answer):
        return Feedback(False, f"replace the placeholder with your {what}.", attempted=False)
    if isinstance(expected, (list, tuple)):
        if not isinstance(answer, (list, tuple)) or len(answer) != len(expected):
            return Feedback(False, f"{what} should be a list of {len(expected)} arrays. {hint}")
        for i, (a, e) in enumerate(zip(answer, expected)):
            fb = compare(a, e, what=f"{what}[{i}]", hint=hint, rtol=rtol, atol=atol)
            if not fb.ok:
                return fb
        return Feedback(True, success or f"your {what} matches.")
    try:
        a = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        return Feedback(False, f"{what} should be numeric; got {type(answer).__name__}. {hint}")
    e = np.asarray(expected, dtype=float)
    if a.shape != e.shape:
        return Feedback(False, f"{what} has shape {a.shape}; expected {e.shape}. {hint}")
    if not np.allclose(a, e, rtol=rtol, atol=atol):
        worst = float(np.max(np.abs(a - e)))
        return Feedback(False, f"{what} is off by up to {worst:.3g}. {hint}")
    return Feedback(True, success or f"your {what} matches.")


def check_choice(answer, correct, *, what, hint, success=""):
    """Check a multiple-choice or short string/number answer (compared case-insensitively)."""
    if not_attempted(answer):
        return Feedback(False, f"set your answer for {what}.", attempted=False)
    norm = str(answer).strip().lower()
    if norm == str(correct).strip().lower():
        return Feedback(True, success or "that's it.")
    return Feedback(False, hint)
