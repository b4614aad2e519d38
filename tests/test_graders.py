"""One property test over every exercise check: can the graders be trusted?

The table is bpcore.exercises.REGISTRY: every check, the kind of each answer it takes, and
its hidden solution. For each check:

* the right answer (from the hidden solution) passes in every natural form of its kind
  (Python and NumPy scalars, shape-(1,) and (1, 1) arrays, lists, tuples, spellings);
* perturbed answers fail (an entry moved by 10 % of the answer's scale, a sign flipped, a
  transpose, a neighbouring index, another choice; planted bugs for function answers);
* a fixed list of garbage never raises and never passes, and the check handles each piece
  itself (the catch-all safety net of ``exercise`` is never needed);
* no feedback on a wrong or missing answer contains the right number.
"""

import functools
import importlib
import re

import numpy as np
import pytest

from bpcore.exercises import answers as A
from bpcore.exercises import grading

NOTEBOOKS = [f"{n:02d}" for n in range(1, 13)]
for nn in NOTEBOOKS:
    importlib.import_module(f"bpcore.exercises.nb{nn}")
EXERCISES = [ex for nn in NOTEBOOKS for ex in grading.REGISTRY[nn]]


def test_every_notebook_with_exercises_registers_them():
    assert len(EXERCISES) >= 44
    assert {ex.notebook for ex in EXERCISES} == set(NOTEBOOKS)


# -- natural forms of a right answer ---------------------------------------------------------

def forms(kind, v):
    """Equivalent spellings of the value v (already in the kind's clean form)."""
    if isinstance(kind, A.Whole):
        return [int(v), np.int64(v), np.int32(v), float(v), np.float64(v), [v], np.array([v]),
                np.array([[v]])]
    if isinstance(kind, A.Number):
        out = [float(v), np.float64(v), [v], np.array([v]), np.array([[v]])]
        return out + ([int(v), np.int64(v)] if float(v).is_integer() else [])
    if isinstance(kind, A.Ints):
        return [tuple(v), list(v), np.array(v), tuple(np.int64(x) for x in v),
                tuple(float(x) for x in v), np.array(v, dtype=float)]
    if isinstance(kind, (A.Vector, A.Numbers)):
        v = np.asarray(v, float)
        out = [v, v.tolist(), tuple(v.tolist()), v.reshape(-1, 1), v.reshape(1, -1),
               [np.float64(x) for x in v]]
        if isinstance(kind, A.Numbers):
            out += [tuple(np.array([[x]]) for x in v), [[x] for x in v]]
        return out
    if isinstance(kind, A.Array):
        return [np.asarray(v), np.asarray(v).tolist(), tuple(map(tuple, np.asarray(v)))]
    if isinstance(kind, A.Arrays):
        return [list(v), tuple(v), [np.asarray(a).tolist() for a in v]]
    if isinstance(kind, A.Tuple):
        return [tuple(v), list(v), tuple(forms(k, p)[1] for k, p in zip(kind.kinds, v))]
    if isinstance(kind, A.Name):
        if v in "+-":
            return [v, f" {v} ", "positive" if v == "+" else "negative"] + (["−"] if v == "-"
                                                                          else [])
        return [v, v.lower(), f" {v[:2]} {v[2:]} ", f"{v[:2]}-{v[2:]}", f"({v})"]
    if isinstance(kind, A.Function):
        return [v, lambda *args: v(*args), functools.partial(v)]
    if isinstance(kind, A.Class):
        return [v, type("Sub", (v,), {})]
    raise AssertionError(f"no natural forms for {kind!r}")


# -- perturbed (wrong) answers ----------------------------------------------------------------

def _moved(v):
    """Arrays that differ from v by far more than any check's tolerance."""
    v = np.asarray(v, float)
    scale = float(np.max(np.abs(v))) if v.size and np.any(v) else 1.0
    out = []
    for idx in {0, v.size - 1}:
        w = v.copy().ravel()
        w[idx] += 0.1 * scale
        out.append(w.reshape(v.shape))
    out += [-v, 2 * v, np.zeros_like(v), 1.1 * v]
    if v.ndim == 2 and v.shape[0] == v.shape[1]:
        out.append(v.T)
    if v.ndim == 1:
        out.append(v[::-1])
    return [w for w in out if np.max(np.abs(w - v)) > 1e-2 * scale]


def perturbations(kind, v):
    if isinstance(kind, A.Whole):  # v + 0.9 would pass a grader that truncates with int()
        return [w for w in (v + 1, v - 1, 10 * v, 0, v + 0.9, str(v)) if w != v]
    if isinstance(kind, A.Number):
        return [float(w[0]) for w in _moved(np.array([v]))]
    if isinstance(kind, A.Ints):
        out = [tuple(x + (i == k) for i, x in enumerate(v)) for k in range(len(v))]
        out += [tuple(x + 0.9 * (i == k) for i, x in enumerate(v)) for k in range(len(v))]
        out.append("".join(str(x) for x in v))  # "113" for (1, 1, 3)
        return out + ([tuple(v[::-1])] if tuple(v[::-1]) != tuple(v) else [])
    if isinstance(kind, (A.Vector, A.Numbers, A.Array)):
        return _moved(v)
    if isinstance(kind, A.Arrays):
        return [[w if i == k else a for i, a in enumerate(v)]
                for k in range(len(v)) for w in _moved(v[k])[:2]]
    if isinstance(kind, A.Tuple):
        return [tuple(w if i == k else p for i, p in enumerate(v))
                for k, part in enumerate(kind.kinds) for w in perturbations(part, v[k])[:3]]
    if isinstance(kind, A.Name):
        return [c for c in kind.choices if c != v]
    if isinstance(kind, (A.Function, A.Class)):
        return []  # planted bugs live in the exercise-specific tests (PLANTED below)
    raise AssertionError(f"no perturbations for {kind!r}")


def _scaled(fn, factor=1.1):
    """A student function whose every returned number is off by 10 %."""
    def scale(out):
        if isinstance(out, (list, tuple)):
            return type(out)(scale(o) for o in out)
        return np.asarray(out) * factor
    return lambda *args: scale(fn(*args))


def _value_with(method, body):
    def make(Value):
        return type("Buggy", (Value,), {method: body})
    return make


PLANTED = {  # function and class answers: wrong versions of the hidden solution
    "check_my_backprop": [_scaled, lambda f: (lambda net, x, y: f(net, x, y)[::-1])],
    "check_my_backprop_batch": [_scaled, lambda f: (lambda net, X, Y: f(net, X[:, :1], Y[:, :1]))],
    "check_leaky_tanh_prime": [_scaled, lambda f: (lambda z: 1 - np.tanh(z) ** 2)],
    "check_value": [
        _value_with("__mul__", lambda self, other: self.__class__.__add__(self, other)),
        _value_with("sigmoid", lambda self: self * 1.0),
    ],
}


def _calls(ex, answers):
    args, kwargs = ex.context_args()
    return ex.check(*answers, *args, **kwargs)


def _right(ex):
    args, kwargs = ex.context_args()
    solution = ex.solution(*args, **kwargs)
    return list(solution) if len(ex.kinds) > 1 else [solution]


def _cases(ex):
    """(slot, answer) for each slot: natural forms and perturbations of that answer."""
    right = _right(ex)
    for slot, kind in enumerate(ex.kinds):
        yield slot, right, kind


@pytest.mark.parametrize("ex", EXERCISES, ids=lambda ex: f"nb{ex.notebook}.{ex.name}")
def test_right_answers_pass_in_every_natural_form(ex):
    for slot, right, kind in _cases(ex):
        for form in forms(kind, right[slot]):
            answers = list(right)
            answers[slot] = form
            fb = _calls(ex, answers)
            assert fb.ok, f"slot {slot}: {form!r} → {fb!r}"


@pytest.mark.parametrize("ex", EXERCISES, ids=lambda ex: f"nb{ex.notebook}.{ex.name}")
def test_perturbed_answers_fail(ex):
    tried = 0
    for slot, right, kind in _cases(ex):
        wrongs = perturbations(kind, right[slot])
        wrongs += [bug(right[slot]) for bug in PLANTED.get(ex.name, [])]
        for wrong in wrongs:
            answers = list(right)
            answers[slot] = wrong
            fb = _calls(ex, answers)
            assert not fb.ok and fb.attempted, f"slot {slot}: {wrong!r} passed: {fb!r}"
            assert fb.message, "a wrong answer must be told why"
            tried += 1
    assert tried >= (1 if isinstance(ex.kinds[0], A.Name) else 2), "too few perturbations"


class _BadArray:
    def __array__(self, *args, **kwargs):
        raise RuntimeError("no array for you")


class _BadFloat:
    def __float__(self):
        raise ValueError("no float either")


def _raises(*args):
    return 1 / 0


class _Empty:
    pass


GARBAGE = [
    "abc", "", "113", "BP5", " ", b"bytes", {}, {"a": 1}, set(), [], [[]], [None, None],
    [1, 2, 3], (30, 25.9), (1.9, 1.2, 3.7), [[1, 2], [3]], np.nan, float("inf"), -1e308,
    10**400, complex(1, 2), True, np.bool_(False), object(), _BadArray(), _BadFloat(),
    np.array([]), np.zeros((7, 7, 7)), np.array(["a", "b"]), np.full((2, 1), np.nan),
    np.array([1 + 2j]), (x for x in range(2)), range(5), lambda: 1, _raises,
    lambda *args: None, lambda *args: "abc", lambda *args: (None, None), _Empty, int, dict,
]


@pytest.mark.parametrize("ex", EXERCISES, ids=lambda ex: f"nb{ex.notebook}.{ex.name}")
def test_garbage_never_raises_and_never_passes(ex):
    before = len(grading.INTERNAL_ERRORS)
    right = _right(ex)
    for slot in range(len(ex.kinds)):
        for junk in GARBAGE + [None, ...]:
            answers = list(right)
            answers[slot] = junk
            fb = _calls(ex, answers)  # must not raise
            assert not fb.ok, f"slot {slot}: garbage {junk!r} passed: {fb!r}"
            assert fb.message
            if isinstance(junk, str):
                assert "got the text" in fb.message, fb.message
    assert grading.INTERNAL_ERRORS[before:] == [], "the check relied on the safety net"


def _numbers_in(value):
    """The right answer's numbers as a student might read them in a message (≥ 3 digits)."""
    if isinstance(value, (list, tuple)):
        return set().union(*(_numbers_in(v) for v in value))
    arr = np.atleast_1d(np.asarray(value, dtype=float)).ravel()
    found = set()
    for x in arr:
        for text in (f"{x:.2f}", f"{x:.3f}", f"{x:.4f}", f"{x:.3g}", f"{x:.4g}", f"{x:,.0f}",
                     f"{x:g}"):
            if len(re.sub(r"\D", "", text).strip("0")) >= 3:
                found.add(text)
    return found


NUMERIC = (A.Number, A.Ints, A.Vector, A.Numbers, A.Array, A.Arrays, A.Tuple)


@pytest.mark.parametrize("ex", [ex for ex in EXERCISES if isinstance(ex.kinds[0], NUMERIC)],
                         ids=lambda ex: f"nb{ex.notebook}.{ex.name}")
def test_feedback_on_wrong_answers_never_contains_the_answer(ex):
    right = _right(ex)
    for slot, _, kind in _cases(ex):
        value = right[slot]
        parts = value if isinstance(kind, (A.Arrays, A.Tuple)) else [value]
        secrets = set().union(*(_numbers_in(p) for p in parts))
        for wrong in perturbations(kind, value) + [0, "abc", None]:
            answers = list(right)
            answers[slot] = wrong
            message = _calls(ex, answers).message
            echoed = f"{wrong!r} {wrong}"  # repeating the student's own answer is no leak
            leaked = [s for s in secrets if s in message and s not in echoed]
            assert leaked == [], f"{wrong!r} → {message!r} gives away {leaked}"


def test_a_student_function_that_raises_is_reported_with_its_own_line():
    from bpcore.exercises import nb05

    def my_backprop(net, x, y):
        zs, activations = net.forward(x)
        return undefined_name  # noqa: F821  (the student's slip)

    fb = nb05.check_my_backprop(my_backprop)
    assert not fb.ok and fb.attempted
    assert "NameError" in fb.message and "return undefined_name" in fb.message, fb.message


def test_progress_counts_the_students_tries_but_not_the_worked_solutions():
    from bpcore.exercises import nb01

    grading.forget_results()
    assert "0 of 3" in repr(nb01.progress()) and repr(nb01.progress()).count("✎") == 3
    nb01.check_step([-0.3, 0.6])
    nb01.check_max_eta(0.25)
    shown = repr(nb01.progress())
    assert "1 of 3" in shown and "✔ check_step" in shown and "✘ check_max_eta" in shown
    assert "✎ check_sgd_step" in shown
    grading.forget_results()
