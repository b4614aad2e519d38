"""Calling a student's function or class, and reporting what it raised.

A student's code may fail in any way. :func:`call_student` turns an exception into messages
that name the error and the student's own line (the innermost frame outside bpcore, NumPy
and the standard library), so the student sees where their code broke, not the grader.
:class:`GuardedNetwork` is a Network whose backprop methods refuse to run, for exercises
whose point is to write backprop.
"""

import sysconfig
import traceback
from pathlib import Path

import numpy as np

from ..network import Network
from .answers import Problem
from .messages import Msg, generic


class Unfinished(Problem):
    """The student's code raised NotImplementedError: a skeleton not filled in yet."""


_NOT_STUDENT = tuple(str(p) for p in (
    Path(__file__).resolve().parent.parent, Path(np.__file__).resolve().parent,
    Path(sysconfig.get_paths()["stdlib"]).resolve(),
))


def call_student(fn, args, call, shape_hint=False):
    """``fn(*args)``; when it raises, :class:`Problem` naming the error and the student's line.

    ``call`` shows how it was called ("my_backprop(net, x, y)"). NotImplementedError becomes
    :class:`Unfinished`. With ``shape_hint``, a shape error adds the off-by-one-layer hint.
    """
    try:
        return fn(*args)
    except NotImplementedError:
        raise Unfinished(generic("unfinished", call=call)) from None
    except Exception as exc:
        raise Problem(*raised(exc, call, shape_hint)) from None


def raised(exc, call, shape_hint=False):
    """The messages for an exception raised by a student's code."""
    detail = exc.msg if isinstance(getattr(exc, "msg", None), Msg) else str(exc)[:300]
    frame = None
    for fr in reversed(traceback.extract_tb(exc.__traceback__)):
        if not str(Path(fr.filename).resolve()).startswith(_NOT_STUDENT):
            frame = fr
            break
    name = type(exc).__name__
    if frame is not None and frame.line:
        parts = [generic("raised_at", call=call, error=name, detail=detail,
                         line=frame.lineno, code=frame.line.strip())]
    else:
        parts = [generic("raised", call=call, error=name, detail=detail)]
    text = str(exc)
    if shape_hint and isinstance(exc, ValueError) and any(
        w in text for w in ("broadcast", "matmul", "shapes", "aligned", "dimension")
    ):
        parts.append(generic("shape_clash"))
    return parts


class ShortcutUsed(Exception):
    """Raised by :class:`GuardedNetwork` when the student calls a method the exercise forbids."""

    def __init__(self, method):
        self.msg = generic("shortcut", method=method)
        super().__init__(self.msg.render())


class GuardedNetwork(Network):
    """A copy of a Network whose ``backprop``, ``backprop_batch`` and ``backprop_deltas``
    raise :class:`ShortcutUsed`; ``forward`` and ``feedforward`` work as usual."""

    @classmethod
    def copy_of(cls, net):
        guarded = cls(net.sizes, activation=net.activation, cost=net.cost)
        guarded.weights = [w.copy() for w in net.weights]
        guarded.biases = [b.copy() for b in net.biases]
        return guarded

    def backprop(self, *args, **kwargs):
        raise ShortcutUsed("net.backprop")

    def backprop_batch(self, *args, **kwargs):
        raise ShortcutUsed("net.backprop_batch")

    def backprop_deltas(self, *args, **kwargs):
        raise ShortcutUsed("net.backprop_deltas")
