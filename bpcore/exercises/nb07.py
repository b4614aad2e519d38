"""Self-checks for notebook 07 (saturation). Each computes its expected answer from bpcore."""

import numpy as np

import bpcore

from . import Feedback, compare, not_attempted

# Exercise 1: the saturated neuron. One input x = 1, target y = 0, quadratic cost.
SATURATED_W, SATURATED_B = 3.0, 3.0


def saturated_neuron():
    """``(net, x, y)``: Network([1, 1]) with w = b = 3, so z = 6 and a ≈ 0.9975."""
    net = bpcore.Network([1, 1])
    net.weights = [np.array([[SATURATED_W]])]
    net.biases = [np.array([[SATURATED_B]])]
    return net, np.ones((1, 1)), np.zeros((1, 1))


def check_saturated_gradient(answer):
    """answer = (∂C/∂w, ∂C/∂b) for :func:`saturated_neuron`, as two numbers."""
    net, x, y = saturated_neuron()
    nabla_b, nabla_w = net.backprop(x, y)
    expected = [float(nabla_w[0][0, 0]), float(nabla_b[0][0, 0])]
    if not not_attempted(answer):
        answer = list(answer) if isinstance(answer, (tuple, list)) else answer
    hint = (
        "BP1 gives δ = (a − y) σ'(z) with z = w·x + b; then BP4 gives ∂C/∂w = x δ and BP3 "
        "gives ∂C/∂b = δ. Did you forget the factor σ'(z) = a(1 − a)?"
    )
    return compare(answer, expected, what="(∂C/∂w, ∂C/∂b)", hint=hint, rtol=1e-4,
                   success=f"both are tiny ({expected[0]:.4f}) although the output is "
                           "almost completely wrong: σ'(6) ≈ 0.0025 throttles them.")


# Exercise 2: the derivative of a leaky tanh, f(z) = tanh(z) + 0.05 z.
def leaky_tanh(z):
    """f(z) = tanh(z) + 0.05 z, elementwise."""
    return np.tanh(z) + 0.05 * z


def check_leaky_tanh_prime(f_prime):
    """f_prime: a function of an array z returning f'(z) for :func:`leaky_tanh`.

    Right when it matches central differences of f on z ∈ [−8, 8] and a gradient check of a
    Network([3, 4, 2]) using the pair (leaky_tanh, f_prime) passes (relative error < 1e-7).
    """
    if not_attempted(f_prime):
        return Feedback(False, "define f_prime(z) and pass the function.", attempted=False)
    if not callable(f_prime):
        return Feedback(False, f"pass a function f_prime(z); got {type(f_prime).__name__}.")
    z = np.linspace(-8.0, 8.0, 161)
    h = 1e-5
    expected = (leaky_tanh(z + h) - leaky_tanh(z - h)) / (2 * h)
    try:
        got = np.asarray(f_prime(z), dtype=float)
    except Exception as exc:  # a student's function may fail in any way
        return Feedback(False, f"calling f_prime(z) on an array raised {exc!r}.")
    fb = compare(got, expected, what="f'(z) on z ∈ [−8, 8]", rtol=1e-6, atol=1e-8,
                 hint="The derivative of tanh(z) is 1 − tanh(z)²; the leak adds its slope 0.05.")
    if not fb.ok:
        return fb
    net = bpcore.Network([3, 4, 2], activation=(leaky_tanh, f_prime), seed=0)
    rng = np.random.default_rng(1)
    X, Y = rng.standard_normal((3, 5)), rng.uniform(0, 1, (2, 5))
    err = bpcore.gradient_check(net, X, Y)
    if not err < 1e-7:
        return Feedback(False, f"f'(z) looks right but the gradient check failed ({err:.1e}).")
    return Feedback(True, f"f' is never below {got.min():.2f}, and a network using it passes "
                          "the gradient check (relative error < 1e-7).")
