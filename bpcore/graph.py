"""A computational graph of scalar nodes (after C. Olah's "Calculus on Computational Graphs").

Evaluate it, read off the derivative on every edge, then get derivatives three ways: by
enumerating paths (multiply along a path, add over the paths, as eq. 53 does for a network),
by forward mode (one sweep per input) or by reverse mode (one sweep per output: backprop).
:func:`network_graph` writes a :class:`bpcore.Network` out as such a graph.
"""

import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Node:
    """v = fn(*inputs); ``grads(*inputs)`` gives (∂v/∂input_1, …) at those input values."""

    name: str
    inputs: tuple
    fn: Callable
    grads: Callable


def add(name, u, v):
    return Node(name, (u, v), lambda p, q: p + q, lambda p, q: (1.0, 1.0))


def add_const(name, u, c):
    return Node(name, (u,), lambda p: p + c, lambda p: (1.0,))


def mul(name, u, v):
    return Node(name, (u, v), lambda p, q: p * q, lambda p, q: (q, p))


def classic_graph():
    """The classic graph c = a + b, d = b + 1, e = c·d. Leaves a, b; output e."""
    return [add("c", "a", "b"), add_const("d", "b", 1.0), mul("e", "c", "d")]


def evaluate(nodes, leaves):
    """Every node's value, in order (nodes must come after their inputs)."""
    values = dict(leaves)
    for node in nodes:
        values[node.name] = node.fn(*(values[u] for u in node.inputs))
    return values


def edge_derivatives(nodes, values):
    """{(u, v): ∂v/∂u} for every edge u → v, at the given values."""
    out = {}
    for node in nodes:
        grads = node.grads(*(values[u] for u in node.inputs))
        for u, g in zip(node.inputs, grads, strict=True):
            out[(u, node.name)] = out.get((u, node.name), 0.0) + g
    return out


def forward_mode(nodes, values, wrt):
    """One sweep from the input ``wrt`` to the end: {v: ∂v/∂wrt} for every node v."""
    edges = edge_derivatives(nodes, values)
    tangent = {name: 0.0 for name in values}
    tangent[wrt] = 1.0
    for node in nodes:
        tangent[node.name] = sum(edges[(u, node.name)] * tangent[u]
                                 for u in dict.fromkeys(node.inputs))
    return tangent


def reverse_mode(nodes, values, output):
    """One sweep from ``output`` back to the start: {u: ∂output/∂u} for every node u."""
    edges = edge_derivatives(nodes, values)
    adjoint = {name: 0.0 for name in values}
    adjoint[output] = 1.0
    for node in reversed(nodes):
        for u in dict.fromkeys(node.inputs):
            adjoint[u] += edges[(u, node.name)] * adjoint[node.name]
    return adjoint


def graph_paths(nodes, source, target):
    """Every path source → … → target, as a list of node names."""
    children = {}
    for node in nodes:
        for u in dict.fromkeys(node.inputs):
            children.setdefault(u, []).append(node.name)
    if source == target:
        return [[source]]
    return [[source, *rest] for c in children.get(source, [])
            for rest in graph_paths(nodes, c, target)]


def sum_over_paths(nodes, values, source, target):
    """∂target/∂source as "multiply along each path, add over the paths"."""
    edges = edge_derivatives(nodes, values)
    return sum(math.prod(edges[edge] for edge in itertools.pairwise(p))
               for p in graph_paths(nodes, source, target))


def network_graph(net, x, y):
    """A Network written out as a scalar graph, one node per z^l_j, a^l_j and C.

    Returns ``(nodes, leaves)``: leaves hold x_k as ``'a1[k]'`` and every parameter as
    ``'w{l}[j,k]'`` / ``'b{l}[j]'`` (book's l, 0-based j, k); the output node is ``'C'``.
    """
    act, cost = net.activation, net.cost
    leaves = {f"a1[{k}]": float(x[k, 0]) for k in range(net.sizes[0])}
    nodes = []
    for l in range(2, net.num_layers + 1):
        w, b = net.weights[l - 2], net.biases[l - 2]
        for j in range(net.sizes[l - 1]):
            ws = [f"w{l}[{j},{k}]" for k in range(w.shape[1])]
            leaves.update({n: float(w[j, k]) for k, n in enumerate(ws)})
            leaves[f"b{l}[{j}]"] = float(b[j, 0])
            a_in = [f"a{l - 1}[{k}]" for k in range(w.shape[1])]
            n = len(ws)
            # z = Σ_k w_k a_k + b; inputs (w_1 … w_n, a_1 … a_n, b)
            nodes.append(Node(
                f"z{l}[{j}]", (*ws, *a_in, f"b{l}[{j}]"),
                lambda *v, n=n: sum(v[i] * v[n + i] for i in range(n)) + v[-1],
                lambda *v, n=n: (*v[n:2 * n], *v[:n], 1.0)))
            nodes.append(Node(f"a{l}[{j}]", (f"z{l}[{j}]",),
                              lambda z: float(act.fn(np.array(z))),
                              lambda z: (float(act.prime(np.array(z))),)))
    outs = [f"a{net.num_layers}[{m}]" for m in range(net.sizes[-1])]
    y_col = np.asarray(y, float)

    def c_fn(*a):
        return float(cost.fn(np.array(a).reshape(-1, 1), y_col)[0])

    def c_grads(*a):
        return tuple(float(g) for g in cost.grad_a(np.array(a).reshape(-1, 1), y_col)[:, 0])

    nodes.append(Node("C", tuple(outs), c_fn, c_grads))
    return nodes, leaves
