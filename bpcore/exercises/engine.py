"""Grading a reverse-mode engine written by the student: a scalar ``Value`` class.

:class:`ReferenceValue` is the hidden solution.

The contract (notebook 11): ``Value(data)`` has ``.data`` and ``.grad`` (0 until
``backward()`` runs); ``v + w`` and ``v * w`` work with a Value or a plain number on the
right; ``v.sigmoid()``; ``v.backward()`` sets ``v.grad = 1`` and fills in the ``.grad`` of
every Value that v depends on.

A graph is a small program, a list of operations on numbered nodes, run twice: on plain
floats (:func:`evaluate`), whose central differences give the expected gradients, and on the
student's class (:func:`build`). The check goes from simple to hard and stops at the first
failure, so its message can say what went wrong: seed 004's graph (c = a + b, d = b + 1,
e = c·d at a = 2, b = 1, where ∂e/∂a = 2 and ∂e/∂b = 5), the gate patterns one by one,
random graphs in which every node is used once, then random graphs with shared nodes.
"""

import math

from .answers import Number, Problem, close
from .messages import register
from .programs import (
    OPS,
    code,
    evaluate,
    expected_grads,
    leaf_values,
    random_program,
    shared_program,
)
from .student import Unfinished, call_student

MESSAGES = {
    "data": "After {code}:\n    {node}.data is {got:.6g}; expected {want:.6g}.",
    "seed": "After {node}.backward(), {node}.grad should be 1, the seed of reverse mode; "
            "got {got:.6g}.",
    "nothing": "After {node}.backward() every gradient is still 0: backward() must reach "
               "every node that {node} depends on.",
    "shared": "In seed 004's graph (n0 = a, n1 = b, n2 = c, n3 = d, n4 = e), ∂e/∂a is right "
              "but ∂e/∂b is not. b is used twice, in c = a + b and in d = b + 1, so its "
              "gradient collects both paths: a node used twice must add its gradients (+=).",
    "grad": "After {code}:\n    {node}.grad does not match finite differences.",
    "add": "Add distributes: for z = x + y both x.grad and y.grad receive z.grad.",
    "mul": "Multiply swaps: for z = x·y, x.grad receives z.grad times y's data, and y.grad "
           "receives z.grad times x's data.",
    "sigmoid": "For s = x.sigmoid(), x.grad receives s.grad times σ′(x), and σ′(x) can be "
               "computed from the output: s(1 − s).",
    "twice": "Wrong when one node is used twice:\n    {code}\nIts gradient must add up both "
             "uses (+=).",
    "tree": "Wrong on a random graph in which every node is used once:\n    {code}\nCheck "
            "each operation's local derivative.",
    "dag": "Right when every node is used once, wrong on this graph with shared nodes:\n    "
           "{code}\nDoes backward() handle a node only after every node that uses it (a "
           "reverse topological order), adding gradients with +=?",
}
msg = register("engine", MESSAGES)

def build(program, Value):
    """Run ``program`` on the student's class; returns every node (leaves included)."""
    nodes = []
    for op in program:
        if op[0] == "leaf":
            nodes.append(call_student(Value, (op[1],), f"Value({op[1]:g})"))
        elif op[0] in OPS:
            sym = "+" if op[0] == "add" else "*"
            nodes.append(call_student(OPS[op[0]], (nodes[op[1]], nodes[op[2]]), f"x {sym} y"))
        elif op[0] == "const":
            sym = "+" if op[1] == "add" else "*"
            nodes.append(call_student(OPS[op[1]], (nodes[op[2]], op[3]), f"x {sym} {op[3]:g}"))
        else:
            nodes.append(call_student(lambda v: v.sigmoid(), (nodes[op[1]],), "x.sigmoid()"))
    return nodes


SEED_004 = [("leaf", 2.0), ("leaf", 1.0), ("add", 0, 1), ("const", "add", 1, 1.0),
            ("mul", 2, 3)]  # a, b, c = a + b, d = b + 1, e = c·d
GATES = {  # name → (program, message when it fails)
    "add": [("leaf", 1.5), ("leaf", -2.0), ("add", 0, 1)],
    "mul": [("leaf", 1.5), ("leaf", -2.0), ("mul", 0, 1)],
    "sigmoid": [("leaf", 0.7), ("sig", 0)],
    "mulc": [("leaf", 1.5), ("const", "mul", 0, 3.0)],
    "twice_mul": [("leaf", 1.5), ("mul", 0, 0)],
    "twice_add": [("leaf", 1.5), ("add", 0, 0)],
}
N_RANDOM = 8


def _grade_program(program, Value):
    """None when the student's Value gets ``program`` right, else the failing (node, what)."""
    nodes = build(program, Value)
    out = nodes[-1]
    want = evaluate(program, leaf_values(program))
    data = Number().read(getattr(out, "data", None), "out.data")
    if not close(data, want, 1e-9):
        return "data", {"got": data, "want": want}
    call_student(lambda: out.backward(), (), f"n{len(program) - 1}.backward()")
    leaves = [n for n, op in zip(nodes, program) if op[0] == "leaf"]
    got = [Number().read(getattr(v, "grad", None), "grad") for v in leaves]
    if not all(close(g, e, 1e-5, floor=1e-2) for g, e in zip(got, expected_grads(program))):
        return "grad", {"got": got, "out": Number().read(getattr(out, "grad", None), "grad")}
    return None


def _explain(failed, program, specific):
    """The message for a failed program: the forward value, the seed 1, nothing reached, or
    ``specific`` (what this program tests)."""
    kind, info = failed
    node = f"n{len(program) - 1}"
    if kind == "data":
        return msg("data", code=code(program), node=node, **info)
    if not close(info["out"], 1.0, 1e-12):
        return msg("seed", node=node, got=info["out"])
    if all(g == 0 for g in info["got"]):
        return msg("nothing", node=node)
    return specific


def _steps():
    """(program, message if it fails) from simple to hard."""
    for name, program in GATES.items():
        key = "twice" if name.startswith("twice") else "mul" if name == "mulc" else name
        yield program, msg(key, code=code(program))
    yield SEED_004, None  # decided by _seed_graph
    for seed in range(N_RANDOM):
        program = random_program(seed, shared=False)
        yield program, msg("tree", code=code(program))
    for seed in range(N_RANDOM):
        program = shared_program(seed)
        yield program, msg("dag", code=code(program))


def _seed_graph(failed):
    """Seed 004's graph: a right and b wrong means b's two paths were not added."""
    if close(failed[1]["got"][0], 2.0, 1e-5):
        return msg("shared")
    return msg("grad", code=code(SEED_004), node="n0 or n1")


def grade_value_class(Value):
    """The messages on the student's class (empty when right) and whether it was attempted
    (the skeleton as handed out raises NotImplementedError at its first ``+``)."""
    try:
        build(GATES["add"], Value)
    except Unfinished as unfinished:
        return list(unfinished.parts), False
    except Problem:
        pass  # reported below
    for program, specific in _steps():
        try:
            failed = _grade_program(program, Value)
        except Problem as problem:
            return list(problem.parts), True
        if failed:
            specific = specific or _seed_graph(failed)
            return [_explain(failed, program, specific)], True
    return [], True


class ReferenceValue:
    """The hidden solution: a scalar that remembers how it was computed."""

    def __init__(self, data, children=()):
        self.data, self.grad = float(data), 0.0
        self._children, self._backward = children, lambda: None

    def __add__(self, other):
        other = other if isinstance(other, ReferenceValue) else type(self)(other)
        out = type(self)(self.data + other.data, (self, other))

        def backward():  # add distributes
            self.grad += out.grad
            other.grad += out.grad

        out._backward = backward
        return out

    def __mul__(self, other):
        other = other if isinstance(other, ReferenceValue) else type(self)(other)
        out = type(self)(self.data * other.data, (self, other))

        def backward():  # multiply swaps
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad

        out._backward = backward
        return out

    def sigmoid(self):
        s = 1.0 / (1.0 + math.exp(-self.data))
        out = type(self)(s, (self,))

        def backward():
            self.grad += s * (1.0 - s) * out.grad

        out._backward = backward
        return out

    def order(self):
        """Every node this one depends on, each after all the nodes it was computed from."""
        order, seen = [], set()

        def visit(v):
            if id(v) not in seen:
                seen.add(id(v))
                for child in v._children:
                    visit(child)
                order.append(v)

        visit(self)
        return order

    def backward(self):
        self.grad = 1.0
        for v in reversed(self.order()):  # each node after all the nodes that use it
            v._backward()
