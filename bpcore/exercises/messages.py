"""Every sentence a self-check shows, as a template with named fields, kept in tables.

A message is a key and its fields, ``Msg("nb01.uphill", eta=0.5)``; the words live in one
table per module (``MESSAGES`` in each ``nbNN`` module, :data:`GENERIC` below), registered
under the module's prefix in the course's one catalogue, :mod:`bpcore.i18n`, which also holds
the translations.
"""

import numpy as np

from ..i18n import Msg, register  # noqa: F401  (Msg: re-exported for the exercise modules)

SUPERSCRIPT = str.maketrans("0123456789+-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻")


def sup(n):
    """The book's layer number as a superscript: sup(3) → '³', so z³, w³, δ³ read as printed."""
    return str(n).translate(SUPERSCRIPT)


# Messages shared by every check: verdicts, answers of the wrong form, a student's code raising.
GENERIC = {
    "right": "✔ Right!",
    "wrong": "✘ Not yet.",
    "todo": "✎ Not attempted yet.",
    "solution_ok": "The worked solution passes its check.",
    "placeholder": "Replace the placeholder (None) with your {what}.",
    "expected_got": "Expected your {what} as {expected}, got {got}.",
    "shape": "Your {what} has shape {got}; expected {expected}.",
    "shape_column": "Your {what} has shape {got}; expected a column {expected}, like every layer's "
                    "values in bpcore.",
    "not_close": "Your {what} is not right yet.",
    "part": "Part {i} of {n}: {inner}",
    "raised": "Calling {call} raised {error}: {detail}",
    "raised_at": "Calling {call} raised {error}: {detail} (line {line}: {code})",
    "shape_clash": "A shape clash inside backpropagation usually means an index off by one "
                   "layer: check which z, a and w each line uses.",
    "shortcut": "{method} is switched off in this exercise: write BP1–BP4 yourself "
                "(net.forward is allowed).",
    "unfinished": "{call} still raises NotImplementedError: replace that line with your code.",
    "unreadable": "This check could not read your answer: expected {expected}, got {got}.",
    "not_whole": "Your {what} should hold whole numbers; {value:g} is not one.",
    "item": "{what}[{i}]",
    # what an answer was, for "got …"
    "got.none": "None",
    "got.bool": "the boolean {value}",
    "got.text": "the text {text!r}",
    "got.number": "the number {value:.6g}",
    "got.complex": "the complex number {value}",
    "got.nonfinite": "{value} (not a finite number)",
    "got.array": "an array of shape {shape}",
    "got.array_nonfinite": "an array of shape {shape} containing NaN or infinity",
    "got.sequence": "a {kind} of {n} items",
    "got.mapping": "a dict",
    "got.function": "a function",
    "got.class": "a class",
    "got.object": "an object of type {kind}",
    # what an answer should be, for "expected …"
    "want.number": "one number",
    "want.whole": "a whole number",
    "want.ints": "{n} whole numbers",
    "want.vector": "{n} numbers",
    "want.array": "an array of shape {shape}",
    "want.arrays": "a list of {n} arrays",
    "want.tuple": "a tuple ({names})",
    "want.name": "one of {choices}",
    "want.function": "a function",
    "want.class": "a class",
    # the progress display at the end of a notebook
    "progress.head": "Your progress in notebook {notebook}: {right} of {total} exercises right.",
    "progress.right": "✔ {name}",
    "progress.wrong": "✘ {name} (not yet)",
    "progress.todo": "✎ {name} (not attempted)",
}
generic = register("generic", GENERIC)


def got(answer):
    """A short description of ``answer`` for "got …", never a long dump."""
    if answer is None:
        return generic("got.none")
    if isinstance(answer, (bool, np.bool_)):
        return generic("got.bool", value=bool(answer))
    if isinstance(answer, (str, bytes)):
        text = answer if isinstance(answer, str) else answer.decode("utf-8", "replace")
        return generic("got.text", text=text if len(text) <= 30 else text[:27] + "…")
    if isinstance(answer, (complex, np.complexfloating)):
        return generic("got.complex", value=answer)
    if isinstance(answer, (int, float, np.integer, np.floating)):
        if isinstance(answer, int) and abs(answer) > 1e300:
            return generic("got.nonfinite", value="a huge integer")
        value = float(answer)
        if not np.isfinite(value):
            return generic("got.nonfinite", value=value)
        return generic("got.number", value=value)
    if isinstance(answer, np.ndarray):
        finite = answer.dtype.kind not in "fc" or bool(np.all(np.isfinite(answer)))
        return generic("got.array" if finite else "got.array_nonfinite", shape=answer.shape)
    if isinstance(answer, type):
        return generic("got.class")
    if callable(answer):
        return generic("got.function")
    if isinstance(answer, dict):
        return generic("got.mapping")
    if isinstance(answer, (list, tuple)):
        return generic("got.sequence", kind=type(answer).__name__, n=len(answer))
    return generic("got.object", kind=type(answer).__name__)
