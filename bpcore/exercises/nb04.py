"""Self-checks for notebook 04, *The demon and the error δ*.

The exercises use one small network, :func:`exercise_setup`. Layers and neurons are the
book's, l ≥ 2 and j ≥ 1 (neuron j is row j − 1). The errors come from ``net.backprop``: by BP3,
∂C/∂b^l = δ^l.
"""

import numpy as np

import bpcore

from .answers import Name, Number, Whole
from .grading import exercise, grade, not_attempted, progress_for, reads_as
from .messages import register, sup

MESSAGES = {
    "what.sign": "sign of Δz",
    "what.dC": "predicted ΔC",
    "what.neuron": "neuron j",
    "sign.hint": "ΔC ≈ δ Δz: for ΔC < 0, how must the sign of Δz relate to the sign of δ? "
                 "Compute δ first.",
    "sign.right": "δ{l}_{j} = {delta:.4f}: a Δz of the opposite sign lowers C.",
    "dC.actual": "That is the actual ΔC from re-running the network; the exercise asks for "
                 "backprop's prediction from δ.",
    "dC.hint": "By eq. (29), δ is the rate at which C changes with z: combine it with Δz.",
    "dC.right": "One multiplication predicts what a whole forward pass would measure.",
    "da.multiplied": "You multiplied δ by σ′; going from δ back to ∂C/∂a undoes that factor.",
    "da.hint": "How are δ^l_j = ∂C/∂z^l_j and ∂C/∂a^l_j related? The chain rule through "
               "a^l_j = σ(z^l_j) links them.",
    "least.most_negative": "That δ is the most negative, not the smallest in size: a large "
                           "negative δ helps the demon as much as a large positive one.",
    "least.hint": "The rate ∂C/∂z^l_j = δ^l_j tells how much a small Δz can do: look for "
                  "the weakest rate, whatever its sign.",
    "least.right": "|δ{l}_{j}| = {size:.4f} is the smallest.",
}
msg = register("nb04", MESSAGES)

SIGN = Name(["+", "-"], aliases={"positive": "+", "pos": "+", "up": "+", "increase": "+",
                                 "negative": "-", "neg": "-", "down": "-", "decrease": "-"})


def exercise_setup():
    """``(net, x, y)``: a [3, 3, 2] network (seed 8), one input x (3, 1), target y (2, 1)."""
    net = bpcore.Network([3, 3, 2], seed=8)
    x = np.array([[0.5], [-1.0], [0.25]])
    y = np.array([[0.0], [1.0]])
    return net, x, y


def _deltas():
    """[δ^2, δ^3] of the exercise network (BP3: the bias gradients are the errors)."""
    net, x, y = exercise_setup()
    return net.backprop(x, y)[0]


def _delta(l, j):
    return float(_deltas()[l - 2][j - 1, 0])


def _good_sign(l=2, j=2):
    return "-" if _delta(l, j) > 0 else "+"


@exercise(SIGN, solution=_good_sign)
def check_good_sign(answer, l=2, j=2):
    """The sign of Δz ("+" or "-") that lowers C when the demon sits at z^l_j."""
    what = msg("what.sign")
    if not not_attempted(answer) and reads_as(Number(), answer) in (1.0, -1.0):
        answer = "+" if reads_as(Number(), answer) > 0 else "-"  # +1 and −1 say it too
    return grade(answer, SIGN, _good_sign(l, j), what=what, hint=msg("sign.hint"),
                 success=msg("sign.right", l=sup(l), j=j, delta=_delta(l, j)))


def _predicted_dC(l=3, j=1, dz=0.02):
    return _delta(l, j) * dz


@exercise(Number(), solution=_predicted_dC)
def check_predicted_dC(answer, l=3, j=1, dz=0.02):
    """Backprop's prediction δ^l_j Δz for the change in C."""
    net, x, y = exercise_setup()
    zs, _ = net.forward(x)
    z = zs[l - 2].copy()
    z[j - 1, 0] += dz  # the demon's nudge on neuron j, then the rest of the network
    a = net.activation.fn(z)
    for w, b in zip(net.weights[l - 1 :], net.biases[l - 1 :]):
        a = net.activation.fn(w @ a + b)
    actual = 0.5 * float(np.sum((a - y) ** 2)) - net.total_cost(x, y)
    return grade(answer, Number(), _predicted_dC(l, j, dz), what=msg("what.dC"),
                 hint=msg("dC.hint"), slips=[(actual, msg("dC.actual"))],
                 success=msg("dC.right"), rtol=1e-6, floor=0)


def _dC_da(l=2, j=1):
    net, x, y = exercise_setup()
    delta_next = _deltas()[l - 1]  # δ^{l+1}
    return float((net.weights[l - 1].T @ delta_next)[j - 1, 0])  # (w^{l+1})^T δ^{l+1}


@exercise(Number(), solution=_dC_da)
def check_dC_da(answer, l=2, j=1):
    """∂C/∂a^l_j for a hidden neuron: δ^l_j = σ'(z^l_j) ∂C/∂a^l_j, so it is δ^l_j / σ'(z^l_j)."""
    net, x, _ = exercise_setup()
    s_prime = float(bpcore.sigmoid_prime(net.forward(x)[0][l - 2][j - 1, 0]))
    return grade(answer, Number(), _dC_da(l, j), what=f"∂C/∂a{sup(l)}_{j}", hint=msg("da.hint"),
                 slips=[(_delta(l, j) * s_prime, msg("da.multiplied"))], floor=0)


def _least_useful(l=2):
    return int(np.argmin(np.abs(_deltas()[l - 2]))) + 1  # row j − 1 is the book's neuron j


@exercise(Whole(), solution=_least_useful)
def check_least_useful(answer, l=2):
    """The book's neuron j (from 1) of layer l where the demon can do least: smallest |δ^l_j|."""
    deltas = _deltas()[l - 2].ravel()
    j = _least_useful(l)
    return grade(answer, Whole(), j, what=msg("what.neuron"), hint=msg("least.hint"),
                 slips=[(int(np.argmin(deltas)) + 1, msg("least.most_negative"))],
                 success=msg("least.right", l=sup(l), j=j, size=abs(deltas[j - 1])))


progress = progress_for(__name__)
