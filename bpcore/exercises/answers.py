"""Reading a student's answer: the forms each kind of answer may take.

A *kind* turns a raw answer into a clean value with ``kind.read(answer, what)`` or raises
:class:`Problem` with the message to show. Kinds accept every natural spelling of a right
answer (Python or NumPy scalars, shape-(1,) or (1, 1) arrays for a number, lists and tuples
for vectors, ``2.0`` for an index, ``"bp 4"`` for ``"BP4"``) and never guess: no truncation
(``25.9`` is not a whole number), no silent reshape (a layer's values are columns), no
strings read as numbers. :func:`close` compares with a relative tolerance.
"""

import re
import warnings

import numpy as np

from .messages import generic, got


class Problem(Exception):
    """An answer that cannot be graded as it stands; ``parts`` are the messages to show."""

    def __init__(self, *parts):
        super().__init__(*parts)
        self.parts = parts


def as_floats(answer):
    """``answer`` as a finite float array, or None when it is not plain real numbers."""
    if isinstance(answer, (str, bytes, dict, set, frozenset, bool, np.bool_)) or callable(answer):
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            arr = np.asarray(answer)
    except Exception:  # ragged lists, objects whose __array__ fails, …
        return None
    if arr.dtype.kind not in "iuf":  # bool, complex, object and text arrays are not numbers
        return None
    arr = arr.astype(float)
    return arr if np.all(np.isfinite(arr)) else None


def close(a, e, rtol, floor=1e-3):
    """True when every |a − e| ≤ rtol·|e| + rtol·floor·max|e|: relative, entry by entry,
    with a small allowance scaled to the largest entry for the entries that are ≈ 0."""
    a, e = np.asarray(a, float), np.asarray(e, float)
    if a.shape != e.shape:
        return False
    scale = float(np.max(np.abs(e))) if e.size else 0.0
    atol = rtol * floor * scale if scale > 0 else 1e-12
    return bool(np.all(np.abs(a - e) <= rtol * np.abs(e) + atol))


class Kind:
    """What an answer should be. ``want()`` describes it; ``read()`` cleans or rejects it."""

    def want(self):
        raise NotImplementedError

    def read(self, answer, what):
        raise NotImplementedError

    def _reject(self, answer, what):
        return Problem(generic("expected_got", what=what, expected=self.want(), got=got(answer)))


class Number(Kind):
    """One real number: 0.5, np.float32(0.5), [0.5], np.array([[0.5]])."""

    def want(self):
        return generic("want.number")

    def read(self, answer, what):
        arr = as_floats(answer)
        if arr is None or arr.size != 1:
            raise self._reject(answer, what)
        return float(arr.reshape(()))


class Whole(Number):
    """A count or an index: 3, np.int64(3), 3.0, [3] — but not 3.5 and not "3"."""

    def want(self):
        return generic("want.whole")

    def read(self, answer, what):
        value = super().read(answer, what)
        if value != round(value):
            raise Problem(generic("not_whole", what=what, value=value))
        return int(round(value))


class Ints(Kind):
    """n whole numbers in a tuple, list or 1-D array: a shape, an index triple, a pair."""

    def __init__(self, n):
        self.n = n

    def want(self):
        return generic("want.ints", n=self.n)

    def read(self, answer, what):
        arr = as_floats(answer)
        if arr is None or arr.ndim != 1 or arr.size != self.n:
            raise self._reject(answer, what)
        for value in arr:
            if value != round(value):
                raise Problem(generic("not_whole", what=what, value=float(value)))
        return tuple(int(round(v)) for v in arr)


class Vector(Kind):
    """n numbers: a list, a tuple, or an array of shape (n,), (n, 1) or (1, n)."""

    def __init__(self, n):
        self.n = n

    def want(self):
        return generic("want.vector", n=self.n)

    def read(self, answer, what):
        arr = as_floats(answer)
        if arr is None or arr.size != self.n or arr.shape not in {
            (self.n,), (self.n, 1), (1, self.n)
        }:
            raise self._reject(answer, what)
        return arr.ravel()


class Numbers(Kind):
    """n numbers that are named separately, e.g. ``(∂e/∂a, ∂e/∂b)``: any :class:`Vector`
    form, or a list or tuple whose items are each a :class:`Number` (0.5, [[0.5]], …)."""

    def __init__(self, names):
        self.names = list(names)

    def want(self):
        return generic("want.tuple", names=", ".join(self.names))

    def read(self, answer, what):
        try:
            return Vector(len(self.names)).read(answer, what)
        except Problem:
            if not isinstance(answer, (list, tuple)) or len(answer) != len(self.names):
                raise self._reject(answer, what) from None
        return np.array([Number().read(a, name) for a, name in zip(answer, self.names)])


class Array(Kind):
    """An array of one exact shape (nested lists welcome); the right numbers in another
    shape are told so, since bpcore keeps a layer's values as columns."""

    def __init__(self, shape):
        self.shape = tuple(shape)

    def want(self):
        return generic("want.array", shape=self.shape)

    def read(self, answer, what):
        arr = as_floats(answer)
        if arr is None:
            raise self._reject(answer, what)
        if arr.shape != self.shape:
            if arr.size == int(np.prod(self.shape)):
                column = len(self.shape) == 2 and self.shape[1] == 1
                key = "shape_column" if column else "shape"
                raise Problem(generic(key, what=what, got=arr.shape, expected=self.shape))
            raise self._reject(answer, what)
        return arr


class Arrays(Kind):
    """A list (or tuple) of arrays with the given shapes, e.g. one per layer."""

    def __init__(self, shapes, names=None):
        self.shapes = [tuple(s) for s in shapes]
        self.names = names

    def want(self):
        return generic("want.arrays", n=len(self.shapes))

    def read(self, answer, what):
        if not isinstance(answer, (list, tuple)) or len(answer) != len(self.shapes):
            raise self._reject(answer, what)
        out = []
        for i, (item, shape) in enumerate(zip(answer, self.shapes)):
            name = self.names[i] if self.names else generic("item", what=what, i=i)
            out.append(Array(shape).read(item, name))
        return out


class Tuple(Kind):
    """A fixed number of parts, each of its own kind: ``(W, b)``, ``(nabla_b, nabla_w)``."""

    def __init__(self, kinds, names):
        self.kinds, self.names = list(kinds), list(names)

    def want(self):
        return generic("want.tuple", names=", ".join(self.names))

    def read(self, answer, what):
        if not isinstance(answer, (list, tuple)) or len(answer) != len(self.kinds):
            raise self._reject(answer, what)
        return tuple(k.read(a, n) for k, a, n in zip(self.kinds, answer, self.names))


def _norm(text):
    """Lower case without spaces, quotes, brackets, and (between letters or digits) hyphens."""
    text = re.sub(r"[\s_'\"()]", "", text).lower().replace("−", "-")
    return text.replace("-", "") if re.search(r"\w", text) else text


class Name(Kind):
    """One of a few words, in any case and spacing: "BP4", "bp 4", "BP-4"; ``aliases`` maps
    more spellings to a choice ({"positive": "+"})."""

    def __init__(self, choices, aliases=None):
        self.choices = list(choices)
        self._lookup = {_norm(c): c for c in self.choices}
        self._lookup.update({_norm(k): v for k, v in (aliases or {}).items()})

    def want(self):
        return generic("want.name", choices=", ".join(f'"{c}"' for c in self.choices))

    def read(self, answer, what):
        if isinstance(answer, str) and _norm(answer) in self._lookup:
            return self._lookup[_norm(answer)]
        raise self._reject(answer, what)


class Function(Kind):
    """A function the check will call (not a class, not a value)."""

    def want(self):
        return generic("want.function")

    def read(self, answer, what):
        if not callable(answer) or isinstance(answer, type):
            raise self._reject(answer, what)
        return answer


class Class(Kind):
    """A class the check will build objects of."""

    def want(self):
        return generic("want.class")

    def read(self, answer, what):
        if not isinstance(answer, type):
            raise self._reject(answer, what)
        return answer
