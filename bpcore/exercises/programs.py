"""Small computational graphs written as programs, for grading a student's ``Value`` class.

A program is a list of operations on numbered nodes: ``("leaf", 2.0)``, ``("add", i, j)``,
``("mul", i, j)``, ``("const", "add" or "mul", i, c)`` (a plain number on the right) and
``("sig", i)``. Node k is the result of operation k; the last node is the output. The same
program runs on plain floats (:func:`evaluate`, whose central differences give the expected
gradients) and, in :mod:`.engine`, on the student's class.
"""

import math

import numpy as np

from ..gradcheck import finite_differences

OPS = {"add": lambda u, v: u + v, "mul": lambda u, v: u * v}


def evaluate(program, leaves):
    """The output of ``program`` on plain floats, with the leaf values ``leaves``."""
    nodes, it = [], iter(leaves)
    for op in program:
        if op[0] == "leaf":
            nodes.append(next(it))
        elif op[0] in OPS:
            nodes.append(OPS[op[0]](nodes[op[1]], nodes[op[2]]))
        elif op[0] == "const":  # node op const, the plain number on the right
            nodes.append(OPS[op[1]](nodes[op[2]], op[3]))
        else:
            nodes.append(1.0 / (1.0 + math.exp(-nodes[op[1]])))
    return nodes[-1]


def leaf_values(program):
    return [op[1] for op in program if op[0] == "leaf"]


def expected_grads(program, eps=1e-6):
    """∂out/∂leaf for each leaf, by central differences of :func:`evaluate`."""
    x = np.array(leaf_values(program), dtype=float)
    return list(finite_differences([x], lambda: evaluate(program, x), eps)[0])


def code(program):
    """The program as Python lines a student can paste: ``n0 = Value(2.0); …``."""
    lines = []
    for k, op in enumerate(program):
        if op[0] == "leaf":
            rhs = f"Value({op[1]:.4g})"
        elif op[0] in OPS:
            rhs = f"n{op[1]} {'+' if op[0] == 'add' else '*'} n{op[2]}"
        elif op[0] == "const":
            rhs = f"n{op[2]} {'+' if op[1] == 'add' else '*'} {op[3]:g}"
        else:
            rhs = f"n{op[1]}.sigmoid()"
        lines.append(f"n{k} = {rhs}")
    return "; ".join(lines + [f"n{len(program) - 1}.backward()"])


def random_program(seed, shared, n_leaves=3, n_ops=6):
    """A random graph. Each new node uses the previous one; its other input is a fresh leaf
    (``shared=False``: a tree, every node used once) or any earlier node (shared nodes)."""
    rng = np.random.default_rng(seed)
    program = [("leaf", round(float(rng.uniform(-1.5, 1.5)), 3)) for _ in range(n_leaves)]
    for _ in range(n_ops):
        last, kind = len(program) - 1, rng.choice(["add", "mul", "mul", "const", "sig"])
        if kind == "sig":
            program.append(("sig", last))
        elif kind == "const":
            program.append(("const", str(rng.choice(["add", "mul"])), last,
                            round(float(rng.uniform(-2, 2)), 2)))
        elif shared:
            program.append((str(kind), last, int(rng.integers(0, last + 1))))
        else:
            program.append(("leaf", round(float(rng.uniform(-1.5, 1.5)), 3)))
            program.append((str(kind), last, len(program) - 1))
    return program


def inputs(op):
    """The node numbers an operation reads."""
    return {"leaf": (), "sig": op[1:2], "const": op[2:3]}.get(op[0], op[1:3])


def has_shared_node(program):
    """True when some node feeds two operations (or one operation twice)."""
    used = [i for op in program for i in inputs(op)]
    return len(used) != len(set(used))


def shared_program(seed):
    """The first random program with a shared node, from ``seed`` on (deterministic)."""
    while not has_shared_node(program := random_program(seed, shared=True)):
        seed += 1000
    return program
