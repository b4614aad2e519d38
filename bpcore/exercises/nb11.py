"""Self-checks for notebook 11, "Backpropagation: the big picture".

Exercises 1–4 count paths and sweeps; 5–6 ask for the gradients that the three gate
patterns pass upstream (add distributes, multiply swaps, max routes); 7 grades a reverse-mode
engine, a ``Value`` class written by the student (:mod:`bpcore.exercises.engine`).
Expected gradients of small graphs come from central differences, never from the patterns.
"""

import itertools

import numpy as np

from .. import graph as G
from .. import pathsum as P
from ..gradcheck import finite_differences
from ..network import Network
from .answers import Class, Number, Numbers, Whole
from .engine import N_RANDOM, ReferenceValue, grade_value_class
from .grading import Feedback, exercise, grade, not_attempted, progress_for, reads_as, right, todo
from .messages import register

# Exercise 1: a weight of layer 2 in a [784, 30, 20, 10] network.
SIZES_1 = [784, 30, 20, 10]

# Exercise 2: the graph c = a + b, d = b + 1, e = c·d at new inputs.
A_2, B_2 = 3.0, 0.5

# Exercise 3: the linear network without biases from notebook 11, [2, 2, 2, 1].
SIZES_3, SEED_3 = [2, 2, 2, 1], 4
X_3, Y_3 = [[1.0], [-0.5]], [[0.25]]

# Exercise 4: forward mode on the MNIST network.
SIZES_4 = [784, 30, 10]

# Exercises 5 and 6: gates. L depends on f with ∂L/∂f = UPSTREAM.
GATE_X, GATE_Y, UPSTREAM = 2.5, -1.5, 2.0
GATES = {"add": lambda x, y: x + y, "mul": lambda x, y: x * y, "max": max}
GRAPH_INPUTS = (2.0, -3.0, 1.0, 4.0)  # x, y, z, w of f = (x + y) · max(z, w)

MESSAGES = {
    "what.paths": "number of paths",
    "what.sweeps": "number of forward-mode sweeps",
    "paths.hint": "A path starts at a²_j, fixed by the weight, and then picks one neuron in "
                  "every later layer before it reaches C: count the ways.",
    "paths.right": "Each later layer multiplies the number of paths by its size.",
    "graph.hint": "a reaches e along one path (a → c → e), b along two (b → c → e and "
                  "b → d → e): multiply the edge derivatives along each path, add the paths.",
    "graph.right": "∂e/∂b collects both paths.",
    "two.hint": "There are two paths, through a³_1 and through a³_2; each is a product of "
                "rate factors, and ∂C/∂w²_11 needs both.",
    "two.right": "The two path products add up to backprop's answer.",
    "sweeps.hint": "Forward mode follows one input at a time, and here every weight and every "
                   "bias is an input.",
    "sweeps.right": "One sweep per parameter; reverse mode (backprop) needs one in all.",
    "gate.what": "gradients for {gate}",
    "gate.no_upstream": "For {gate}: each input gets its local derivative times the gradient "
                        "arriving from above, ∂L/∂f = {u:g}.",
    "gate.add_split": "Add does not split the gradient: each input of x + y gets all of it.",
    "gate.mul_noswap": "For x·y the local derivative with respect to x is y, and with respect "
                       "to y it is x: multiply swaps.",
    "gate.max_both": "Max routes: only the input that won, the larger one, passes the "
                     "gradient on; the other input did not affect f.",
    "gate.max_loser": "The gradient went to the input that lost: max routes it to the larger "
                      "input.",
    "gate.right": "Add distributes, multiply swaps, max routes.",
    "graph4.what": "(∂f/∂x, ∂f/∂y, ∂f/∂z, ∂f/∂w)",
    "graph4.hint": "Work backward from f: the multiply swaps, then the add distributes on one "
                   "side and the max routes on the other.",
    "graph4.right": "Three gates, three patterns, composed by the chain rule.",
    "value.what": "Value class",
    "value.right": "Your Value passes seed 004's graph (∂e/∂a = 2, ∂e/∂b = 5), the gate "
                   "patterns and {n} random graphs with and without shared nodes, against "
                   "finite differences.",
}
msg = register("nb11", MESSAGES)


@exercise(Whole(), solution=lambda: P.count_paths(SIZES_1, 2))
def check_path_count(answer):
    """How many paths lead from one weight w^2_jk of a [784, 30, 20, 10] network to C?"""
    return grade(answer, Whole(), P.count_paths(SIZES_1, 2), what=msg("what.paths"),
                 hint=msg("paths.hint"), success=msg("paths.right"))


def _graph_derivatives():
    nodes = G.classic_graph()
    adjoint = G.reverse_mode(nodes, G.evaluate(nodes, {"a": A_2, "b": B_2}), "e")
    return np.array([adjoint["a"], adjoint["b"]])


@exercise(Numbers(["∂e/∂a", "∂e/∂b"]), solution=_graph_derivatives)
def check_graph_derivatives(answer):
    """(∂e/∂a, ∂e/∂b) for c = a + b, d = b + 1, e = c·d at a = 3, b = 0.5."""
    return grade(answer, Numbers(["∂e/∂a", "∂e/∂b"]), _graph_derivatives(),
                 what="(∂e/∂a, ∂e/∂b)", hint=msg("graph.hint"), success=msg("graph.right"))


def linear_network():
    """The linear network of notebook 11 and its example: ``(net, x, y)``.

    Sizes [2, 2, 2, 1], linear neurons (σ(z) = z), every bias zero."""
    net = Network(SIZES_3, activation="identity", seed=SEED_3)
    net.biases = [0 * b for b in net.biases]
    return net, np.array(X_3), np.array(Y_3)


def _two_paths():
    net, x, y = linear_network()
    return sum(p.product for p in P.weight_paths(net, x, y, 2, 0, 0))


@exercise(Number(), solution=_two_paths)
def check_two_paths(answer):
    """∂C/∂w^2_11 (book's numbering) of :func:`linear_network` as a sum of two path products."""
    return grade(answer, Number(), _two_paths(), what="∂C/∂w²_11", hint=msg("two.hint"),
                 success=msg("two.right"))


def _sweeps():
    return sum(n * (m + 1) for m, n in itertools.pairwise(SIZES_4))


@exercise(Whole(), solution=_sweeps)
def check_sweeps(answer):
    """Forward-mode sweeps needed for every ∂C/∂w and ∂C/∂b of a [784, 30, 10] network."""
    return grade(answer, Whole(), _sweeps(), what=msg("what.sweeps"), hint=msg("sweeps.hint"),
                 success=msg("sweeps.right"))


# -- Exercises 5 and 6: gate patterns -------------------------------------------------------
def central(f, values, eps=1e-6):
    """∂f/∂v_i for each input, by central differences (max is piecewise linear: exact)."""
    v = np.array(values, dtype=float)
    return finite_differences([v], lambda: f(*v), eps)[0]


def _gate(name):
    return central(lambda x, y: UPSTREAM * GATES[name](x, y), (GATE_X, GATE_Y))


def _gate_slips(name, gate):
    x, y, u = GATE_X, GATE_Y, UPSTREAM
    local = _gate(name) / u
    slips = [(local, msg("gate.no_upstream", gate=gate, u=u))]
    if name == "add":
        slips.append((np.array([u / 2, u / 2]), msg("gate.add_split")))
    if name == "mul":
        slips.append((np.array([u * x, u * y]), msg("gate.mul_noswap")))
    if name == "max":
        slips += [(np.array([u, u]), msg("gate.max_both")),
                  (u - _gate(name), msg("gate.max_loser"))]
    return slips


GATE_PAIR = Numbers(["∂L/∂x", "∂L/∂y"])


@exercise(GATE_PAIR, GATE_PAIR, GATE_PAIR, solution=lambda: tuple(_gate(g) for g in GATES))
def check_gates(add, mul, max_):
    """Exercise 5: (∂L/∂x, ∂L/∂y) for f = x + y, f = x·y and f = max(x, y) at x = 2.5,
    y = −1.5, when the gradient arriving from above is ∂L/∂f = 2."""
    answers = {"add": add, "mul": mul, "max": max_}
    if all(not_attempted(a) for a in answers.values()):
        return todo(msg("gate.what", gate="x + y, x·y, max(x, y)"))
    for name, gate in (("add", "f = x + y"), ("mul", "f = x·y"), ("max", "f = max(x, y)")):
        fb = grade(answers[name], GATE_PAIR, _gate(name), what=msg("gate.what", gate=gate),
                   slips=_gate_slips(name, gate))
        if not fb.ok:
            return Feedback(False, fb.parts, attempted=True)
    return right(msg("gate.right"))


def gate_graph(x, y, z, w):
    """Exercise 6's graph: f = (x + y) · max(z, w)."""
    return (x + y) * max(z, w)


def _gate_graph():
    return central(gate_graph, GRAPH_INPUTS)


GRAPH_4 = Numbers(["∂f/∂x", "∂f/∂y", "∂f/∂z", "∂f/∂w"])


@exercise(GRAPH_4, solution=_gate_graph)
def check_gate_graph(answer):
    """Exercise 6: the four partial derivatives of f = (x + y)·max(z, w) at (2, −3, 1, 4)."""
    x, y, z, w = GRAPH_INPUTS
    s, m = x + y, max(z, w)
    return grade(answer, GRAPH_4, _gate_graph(), what=msg("graph4.what"), hint=msg("graph4.hint"),
                 slips=[(np.array([m, m, s, s]), msg("gate.max_both")),
                        (np.array([s, s, 0.0, m]), msg("gate.mul_noswap"))],
                 success=msg("graph4.right"))


# -- Exercise 7: a reverse-mode engine (hidden solution: engine.ReferenceValue) -------------
@exercise(Class(), solution=lambda: ReferenceValue)
def check_value(Value):
    """Exercise 7: grade the student's ``Value`` class (see :mod:`bpcore.exercises.engine`)."""
    what = msg("value.what")
    if not_attempted(Value):
        return todo(what)
    if reads_as(Class(), Value) is None:
        return grade(Value, Class(), None, what=what)
    parts, attempted = grade_value_class(Value)
    if parts:
        return Feedback(False, tuple(parts), attempted=attempted)
    return right(msg("value.right", n=2 * N_RANDOM))


progress = progress_for(__name__)
