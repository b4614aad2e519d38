"""Self-checks for notebook 07 (saturation). Each computes its expected answer from bpcore."""

import numpy as np

import bpcore

from .answers import Function, Numbers, Problem, as_floats, close
from .grading import exercise, grade, not_attempted, progress_for, reads_as, right, todo, wrong
from .messages import got as describe
from .messages import register
from .student import call_student, raised

# Exercise 1: the saturated neuron. One input x = 1, target y = 0, quadratic cost.
SATURATED_W, SATURATED_B = 3.0, 3.0
PAIR = Numbers(["∂C/∂w", "∂C/∂b"])

MESSAGES = {
    "what.pair": "(∂C/∂w, ∂C/∂b)",
    "sat.no_sigma_prime": "Did you forget the factor σ′(z) in BP1?",
    "sat.hint": "BP1 gives δ for this one neuron; BP3 and BP4 turn δ into the two "
                "derivatives.",
    "sat.right": "Both are tiny ({dw:.4f}) although the output is almost completely wrong: "
                 "σ′(6) ≈ 0.0025 throttles them.",
    "leaky.what": "f_prime",
    "leaky.shape": "f_prime(z) should return one value per entry of z (shape {want}); it "
                   "returned {got}.",
    "leaky.no_leak": "That is the derivative of tanh alone: the leak 0.05 z has a slope too.",
    "leaky.hint": "Differentiate the two terms of f(z) = tanh(z) + 0.05 z separately.",
    "leaky.gradcheck": "f′(z) looks right but the gradient check of a network using it "
                       "failed (relative error {err:.1e}).",
    "leaky.right": "f′ is never below {low:.2f}, and a network using it passes the gradient "
                   "check (relative error < 1e-7).",
}
msg = register("nb07", MESSAGES)


def saturated_neuron():
    """``(net, x, y)``: Network([1, 1]) with w = b = 3, so z = 6 and a ≈ 0.9975."""
    net = bpcore.Network([1, 1])
    net.weights = [np.array([[SATURATED_W]])]
    net.biases = [np.array([[SATURATED_B]])]
    return net, np.ones((1, 1)), np.zeros((1, 1))


def _saturated_gradient():
    net, x, y = saturated_neuron()
    nabla_b, nabla_w = net.backprop(x, y)
    return np.array([nabla_w[0][0, 0], nabla_b[0][0, 0]])


@exercise(PAIR, solution=_saturated_gradient)
def check_saturated_gradient(answer):
    """answer = (∂C/∂w, ∂C/∂b) for :func:`saturated_neuron`, as two numbers."""
    net, x, y = saturated_neuron()
    a = net.feedforward(x)[0, 0]
    no_sigma_prime = np.array([a - y[0, 0], a - y[0, 0]])  # x = 1
    expected = _saturated_gradient()
    return grade(answer, PAIR, expected, what=msg("what.pair"), rtol=1e-4, hint=msg("sat.hint"),
                 slips=[(no_sigma_prime, msg("sat.no_sigma_prime"))],
                 success=msg("sat.right", dw=expected[0]))


# Exercise 2: the derivative of a leaky tanh, f(z) = tanh(z) + 0.05 z.
def leaky_tanh(z):
    """f(z) = tanh(z) + 0.05 z, elementwise."""
    return np.tanh(z) + 0.05 * z


def _leaky_tanh_prime(z):
    return 1.0 - np.tanh(z) ** 2 + 0.05


@exercise(Function(), solution=lambda: _leaky_tanh_prime)
def check_leaky_tanh_prime(f_prime):
    """f_prime: a function of an array z returning f'(z) for :func:`leaky_tanh`.

    Right when it matches central differences of f on z ∈ [−8, 8] and a gradient check of a
    Network([3, 4, 2]) using the pair (leaky_tanh, f_prime) passes (relative error < 1e-7).
    """
    what = msg("leaky.what")
    if not_attempted(f_prime):
        return todo(what)
    if reads_as(Function(), f_prime) is None:
        return grade(f_prime, Function(), None, what=what)
    z = np.linspace(-8.0, 8.0, 161)
    h = 1e-5
    expected = (leaky_tanh(z + h) - leaky_tanh(z - h)) / (2 * h)
    try:
        out = call_student(f_prime, (z.copy(),), "f_prime(z)")
    except Problem as problem:
        return wrong(*problem.parts)
    got = as_floats(out)
    if got is None or got.shape != z.shape:
        return wrong(msg("leaky.shape", want=z.shape, got=describe(out)))
    if close(got, expected - 0.05, 1e-6):
        return wrong(msg("leaky.no_leak"))
    if not close(got, expected, 1e-6):
        return wrong(msg("leaky.hint"))
    net = bpcore.Network([3, 4, 2], activation=(leaky_tanh, f_prime), seed=0)
    rng = np.random.default_rng(1)
    X, Y = rng.standard_normal((3, 5)), rng.uniform(0, 1, (2, 5))
    try:
        err = bpcore.gradient_check(net, X, Y)
    except Exception as exc:  # the student's f_prime fails on the network's (n, m) arrays
        return wrong(*raised(exc, "f_prime(z)"))
    if not err < 1e-7:
        return wrong(msg("leaky.gradcheck", err=err))
    return right(msg("leaky.right", low=float(got.min())))


progress = progress_for(__name__)
