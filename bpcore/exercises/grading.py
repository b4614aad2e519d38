"""The verdict (:class:`Feedback`), the registry of exercises and the progress display.

Every check is declared with :func:`exercise`, which says what kind of answer it takes and
where its right answer comes from (the hidden solution), registers it for its notebook, and
wraps it so that

* nothing a student passes in makes it raise: a check that fails anyway answers
  "expected …, got …" (and the failure is counted in :data:`INTERNAL_ERRORS` for the tests);
* the last verdict is remembered for :func:`progress`, except when the call comes from a
  worked-solution cell (whose first line is :data:`SOLUTION_LINE`): running the solutions
  must not tick off the student's exercises;
* in a worked-solution cell a right answer is only confirmed, without the explanation that
  a student's right answer earns: JupyterLab expands a collapsed output when the cell runs
  (Run All), and what it then shows must not give the answer away.
"""

import functools
import sys
from dataclasses import dataclass

import numpy as np

from .answers import Problem, close
from .messages import generic, got

SOLUTION_LINE = "# Worked solution: open it after your own attempt."


@dataclass(frozen=True)
class Feedback:
    """The verdict on one answer: ``ok`` when right; ``attempted`` is False while the answer
    is still the placeholder. ``parts`` are the messages, shown under the verdict line."""

    ok: bool
    parts: tuple = ()
    attempted: bool = True

    @property
    def verdict(self):
        key = "right" if self.ok else "wrong" if self.attempted else "todo"
        return generic(key).render()

    @property
    def message(self):
        return " ".join(p.render() for p in self.parts)

    def __bool__(self):
        return self.ok

    def __repr__(self):
        # The verdict alone on the first line: a collapsed output shows only that line.
        return f"{self.verdict}\n{self.message}" if self.parts else self.verdict

    def _repr_pretty_(self, p, cycle):  # IPython shows the same text
        p.text(repr(self))


def right(*parts):
    return Feedback(True, parts)


def wrong(*parts):
    return Feedback(False, parts)


def todo(what):
    return Feedback(False, (generic("placeholder", what=what),), attempted=False)


def not_attempted(answer):
    """True while an answer is still its placeholder (None or ``...``)."""
    return answer is None or answer is Ellipsis


@dataclass(frozen=True)
class Report:
    """Lines of text that are not a verdict (progress, a measured speed-up)."""

    lines: tuple

    def __repr__(self):
        return "\n".join(m.render() for m in self.lines)

    def _repr_pretty_(self, p, cycle):
        p.text(repr(self))


# -- the registry ------------------------------------------------------------------------


@dataclass(frozen=True)
class Exercise:
    """One graded exercise. ``kinds``: one answer kind per answer argument of ``check``.
    ``solution(*args, **kwargs)`` gives the right answer (a tuple when there are several
    answer arguments) for the context ``(args, kwargs) = context()`` that the check takes
    after the answers (most checks take none)."""

    notebook: str
    name: str
    check: object
    kinds: tuple
    solution: object
    context: object = None

    def context_args(self):
        return self.context() if self.context else ((), {})


REGISTRY = {}  # notebook "05" → [Exercise, …] in the order the notebook asks them
_RESULTS = {}  # (notebook, check name) → the student's latest Feedback
INTERNAL_ERRORS = []  # (check name, exception) for each answer a check failed to handle


def exercise(*kinds, solution, context=None):
    """Declare a check: ``@exercise(Number(), solution=lambda: 0.5)``."""

    def wrap(check):
        notebook = check.__module__.rsplit(".", 1)[-1].removeprefix("nb")

        @functools.wraps(check)
        def graded(*answers, **options):
            try:
                feedback = check(*answers, **options)
            except Exception as exc:  # a bug in the check: the student still gets a sentence
                del INTERNAL_ERRORS[:-20]
                INTERNAL_ERRORS.append((check.__name__, exc))
                feedback = _unreadable(kinds, answers)
            if not _in_solution_cell():
                _RESULTS[(notebook, check.__name__)] = feedback
            elif feedback.ok:
                feedback = right(generic("solution_ok"))
            return feedback

        REGISTRY.setdefault(notebook, []).append(
            Exercise(notebook, check.__name__, graded, kinds, solution, context))
        return graded

    return wrap


def _unreadable(kinds, answers):
    for kind, answer in zip(kinds, answers):
        if not_attempted(answer):
            return todo(generic("want.number") if kind is None else kind.want())
    kind, answer = (kinds[0], answers[0]) if answers else (None, None)
    expected = kind.want() if kind else generic("want.number")
    return wrong(generic("unreadable", expected=expected, got=got(answer)))


def _in_solution_cell():
    """True while IPython runs a cell whose first line is SOLUTION_LINE. The kernel's
    current request carries the cell's code (history is not kept under nbval)."""
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython and hasattr(ipython, "get_ipython") else None
    try:
        code = shell.kernel.get_parent()["content"]["code"]
    except Exception:  # not in a kernel (plain Python, tests): no solution cell is running
        return False
    return isinstance(code, str) and code.lstrip().startswith(SOLUTION_LINE)


def progress(notebook):
    """✔ / ✘ / ✎ for each exercise of ``notebook`` ("05"), from the student's last tries."""
    exercises = REGISTRY.get(notebook, [])
    lines, n_right = [], 0
    for ex in exercises:
        fb = _RESULTS.get((notebook, ex.name))
        key = "todo" if fb is None or not fb.attempted else "right" if fb.ok else "wrong"
        n_right += key == "right"
        lines.append(generic(f"progress.{key}", name=ex.name))
    head = generic("progress.head", notebook=notebook, right=n_right, total=len(exercises))
    return Report((head, *lines))


def progress_for(module_name):
    """The ``progress()`` function of the module ``bpcore.exercises.nbNN``."""
    notebook = module_name.rsplit(".", 1)[-1].removeprefix("nb")

    def show_progress():
        """Your ✔ / ✘ / ✎ on each of this notebook's exercises."""
        return progress(notebook)

    return show_progress


def forget_results():
    """Clear the remembered verdicts (tests start from a clean slate)."""
    _RESULTS.clear()


# -- grading a value ---------------------------------------------------------------------


def same(value, expected, rtol=1e-6, floor=1e-3):
    """True when a read answer equals the expected one: numbers and arrays by :func:`close`,
    ints and strings exactly, lists and tuples item by item."""
    if isinstance(expected, (list, tuple)):
        return (isinstance(value, (list, tuple)) and len(value) == len(expected)
                and all(same(v, e, rtol, floor) for v, e in zip(value, expected)))
    if isinstance(expected, (str, int, np.integer)) and not isinstance(expected, bool):
        return type(value) is not float and value == expected
    return close(value, expected, rtol, floor)


def reads_as(kind, answer, what="answer"):
    """The answer read as ``kind``, or None when it is not of that kind."""
    try:
        return kind.read(answer, what)
    except Problem:
        return None


def grade(answer, kind, expected, *, what, hint=None, slips=(), success=None, rtol=1e-6,
          floor=1e-3):
    """The common check: placeholder → ✎; wrong form → the kind's message; right → ✔ with
    ``success``; a known slip (``slips``: pairs of a wrong value and its message) → that
    message; anything else → "not right yet" and ``hint``. No message quotes the answer."""
    if not_attempted(answer):
        return todo(what)
    try:
        value = kind.read(answer, what)
    except Problem as problem:
        return wrong(*problem.parts)
    if same(value, expected, rtol, floor):
        return right(success) if success else right()
    for slip, message in slips:
        if slip is not None and same(value, slip, rtol, floor):
            return wrong(message)
    return wrong(generic("not_close", what=what), *([hint] if hint else []))


def combine(*feedbacks):
    """One verdict for an exercise with several answers: ✎ while every answer is still a
    placeholder; otherwise the first part that is not right speaks; all right → the last."""
    if not any(fb.attempted for fb in feedbacks):
        return feedbacks[0]
    for fb in feedbacks:
        if not fb.ok:
            return Feedback(False, fb.parts, attempted=True)
    return feedbacks[-1]
