"""Self-checks for notebook 04, *The demon and the error δ*.

The exercises use one small network, :func:`exercise_setup`. Layers are the book's l ≥ 2,
neurons j are 0-based rows: δ^l_j is ``trace.deltas[l - 2][j, 0]``.
"""

import numpy as np

import bpcore

from . import Feedback, check_choice, compare, not_attempted


def exercise_setup():
    """``(net, x, y)``: a [3, 3, 2] network (seed 8), one input x (3, 1), target y (2, 1)."""
    net = bpcore.Network([3, 3, 2], seed=8)
    x = np.array([[0.5], [-1.0], [0.25]])
    y = np.array([[0.0], [1.0]])
    return net, x, y


def _delta(l, j):
    net, x, y = exercise_setup()
    return float(net.backprop_deltas(x, y).deltas[l - 2][j, 0])


def _is_number(answer):
    """True for a real number or a one-element numeric array."""
    try:
        return np.size(answer) == 1 and np.isfinite(float(np.ravel(answer)[0]))
    except (TypeError, ValueError):
        return False


def _sign_word(answer):
    """'+' or '-' from '+', 'positive', 1, '-', 'negative', -1 …; else the answer as text."""
    text = str(answer).strip().lower()
    if text in ("+", "positive", "pos", "up", "increase") or (
        isinstance(answer, (int, float)) and answer > 0
    ):
        return "+"
    if text in ("-", "−", "negative", "neg", "down", "decrease") or (
        isinstance(answer, (int, float)) and answer < 0
    ):
        return "-"
    return text


def check_good_sign(answer, l=2, j=1):
    """The sign of Δz ("+" or "-") that lowers C when the demon sits at z^l_j."""
    correct = "-" if _delta(l, j) > 0 else "+"
    if not_attempted(answer):
        return check_choice(answer, correct, what="the sign", hint="")
    return check_choice(
        _sign_word(answer), correct, what="the sign",
        hint="ΔC ≈ δ Δz: for ΔC < 0, Δz needs the sign opposite to δ^l_j. Compute δ first.",
        success=f"δ^{l}_{j} = {_delta(l, j):.4f}, so Δz should be "
                f"{'negative' if correct == '-' else 'positive'}.",
    )


def check_predicted_dC(answer, l=3, j=0, dz=0.02):
    """Backprop's prediction δ^l_j Δz for the change in C."""
    expected = _delta(l, j) * dz
    if not not_attempted(answer):
        net, x, y = exercise_setup()
        zs, _ = net.forward(x)
        z = zs[l - 2].copy()
        z[j, 0] += dz  # the demon's nudge, then the rest of the network
        a = bpcore.sigmoid(z)
        for w, b in zip(net.weights[l - 1 :], net.biases[l - 1 :], strict=True):
            a = bpcore.sigmoid(w @ a + b)
        actual = float(net.cost.fn(a, y)[0] - net.total_cost(x, y))
        if _is_number(answer) and np.isclose(float(np.ravel(answer)[0]), actual, rtol=1e-9, atol=0):
            return Feedback(False, f"that is the actual ΔC from re-running the network "
                                   f"({actual:.3g}); the exercise asks for the prediction δ Δz.")
    if _is_number(answer):
        answer = float(np.ravel(answer)[0])  # accept δ[j] of shape (1,) as well as a float
    return compare(answer, expected, what="predicted ΔC", rtol=1e-6,
                   hint=f"ΔC ≈ δ^{l}_{j} Δz with δ from net.backprop_deltas(x, y).deltas"
                        f"[{l - 2}][{j}, 0] and Δz = {dz}.")


def check_dC_da(answer, l=2, j=0):
    """∂C/∂a^l_j for a hidden neuron: δ^l_j = σ'(z^l_j) ∂C/∂a^l_j, so it is δ^l_j / σ'(z^l_j)."""
    net, x, y = exercise_setup()
    trace = net.backprop_deltas(x, y)
    delta_next = trace.deltas[l - 1]  # δ^{l+1}
    expected = float((net.weights[l - 1].T @ delta_next)[j, 0])  # (w^{l+1})^T δ^{l+1}
    s_prime = float(bpcore.sigmoid_prime(trace.zs[l - 2][j, 0]))
    if _is_number(answer):
        if np.isclose(float(np.ravel(answer)[0]), trace.deltas[l - 2][j, 0] * s_prime):
            return Feedback(False, "you multiplied δ by σ'; going from δ back to ∂C/∂a "
                                   "undoes that factor: divide.")
    if _is_number(answer):
        answer = float(np.ravel(answer)[0])
    return compare(answer, expected, what=f"∂C/∂a^{l}_{j}", rtol=1e-6,
                   hint="either (w^{l+1})^T δ^{l+1} at row j, or δ^l_j / σ'(z^l_j).")


def check_least_useful(answer, l=2):
    """The neuron j of layer l where the demon can do least: the smallest |δ^l_j|."""
    net, x, y = exercise_setup()
    deltas = net.backprop_deltas(x, y).deltas[l - 2].ravel()
    correct = int(np.argmin(np.abs(deltas)))
    if not_attempted(answer):
        return check_choice(answer, correct, what="the neuron j", hint="")
    if str(answer).strip() == str(int(np.argmin(deltas))):
        return Feedback(False, "that δ is the most negative, not the smallest: the demon "
                               "can use a large negative δ as well as a large positive one. "
                               "Compare |δ|.")
    return check_choice(answer, correct, what="the neuron j",
                        hint="the rate ∂C/∂z^l_j = δ^l_j tells how much Δz can do: find the "
                             "j with the smallest |δ^l_j| (np.argmin(np.abs(...))).",
                        success=f"|δ^{l}_{correct}| = {abs(deltas[correct]):.4f} is the smallest.")
