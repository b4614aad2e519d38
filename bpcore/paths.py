"""Backprop as a sum over paths (eqs. 47–53) and a tiny computational-graph evaluator.

Part 1, a :class:`bpcore.Network`. A change in the weight w^l_jk travels to the cost along
every path w^l_jk → a^l_j → a^{l+1}_q → … → a^L_m → C. Each step has a *rate factor*:

    ∂a^l_j/∂w^l_jk        = σ'(z^l_j) a^{l−1}_k
    ∂a^{l+1}_q/∂a^l_j     = σ'(z^{l+1}_q) w^{l+1}_qj
    ∂C/∂a^L_m             = the cost's ∇_a C, entry m

and (53) says ∂C/∂w^l_jk is the sum over all paths of the product of their rate factors.
Layers are the book's (l = 2 … L); neurons j, k, q, m are 0-based, as in ``weights[l-2][j, k]``.

Part 2, a computational graph of scalar nodes (after C. Olah's "Calculus on Computational
Graphs"): evaluate it, read off the derivative on every edge, then get derivatives by forward
mode (one sweep per input) or reverse mode (one sweep per output), or by enumerating paths.
"""

import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from . import gradcheck
from .network import Network

# -- Part 1: paths through a Network -----------------------------------------------------


@dataclass(frozen=True)
class Path:
    """One path from w^l_jk to C.

    neurons : (j, q, …, m), the neuron it passes in layers l, l+1, …, L (0-based).
    factors : (∂a^l_j/∂w^l_jk, ∂a^{l+1}_q/∂a^l_j, …, ∂C/∂a^L_m), the rate factors (51).
    """

    l: int
    neurons: tuple
    factors: tuple

    @property
    def product(self):
        """The product of the rate factors along the path (51)."""
        return math.prod(self.factors)

    def label(self):
        """The path in the book's 1-based numbering, e.g. 'a^2_2 → a^3_1 → a^4_2 → C'."""
        steps = [f"a^{self.l + i}_{n + 1}" for i, n in enumerate(self.neurons)]
        return " → ".join(steps + ["C"])


def weight_paths(net, x, y, l, j, k):
    """Every path from the weight w^l_jk to C, with its rate factors (51).

    net : Network; x ``(n_1, 1)``, y ``(n_L, 1)``; l the book's layer (2 … L); j, k 0-based.
    Returns a list of :class:`Path`, ``prod(sizes[l:])`` of them; their products sum to
    ∂C/∂w^l_jk (53).
    """
    L = net.num_layers
    if not 2 <= l <= L:
        raise ValueError(f"l must be a layer with weights, 2 … {L}; got {l}")
    if not (0 <= j < net.sizes[l - 1] and 0 <= k < net.sizes[l - 2]):
        raise ValueError(f"w^{l} has shape {net.weights[l - 2].shape}; no entry [{j}, {k}]")
    zs, activations = net.forward(x)
    sp = [net.activation.prime(z)[:, 0] for z in zs]  # sp[l-2] = σ'(z^l)
    dC_da = net.cost.grad_a(activations[-1], np.asarray(y, float))[:, 0]
    first = sp[l - 2][j] * activations[l - 2][k, 0]  # ∂a^l_j/∂w^l_jk
    paths = []
    for rest in itertools.product(*(range(n) for n in net.sizes[l:])):
        neurons = (j, *rest)
        factors = [first]
        for i in range(len(rest)):  # step from layer l+i to layer l+i+1
            m, n = neurons[i + 1], neurons[i]
            factors.append(sp[l - 1 + i][m] * net.weights[l - 1 + i][m, n])
        factors.append(dC_da[neurons[-1]])
        paths.append(Path(l, neurons, tuple(float(f) for f in factors)))
    return paths


def count_paths(sizes, l):
    """The number of paths from one weight of layer l to C: n_{l+1} n_{l+2} … n_L."""
    return math.prod(sizes[l:])


def total_paths(sizes):
    """Paths summed over every weight of the network: Σ_l n_l n_{l−1} · count_paths(l)."""
    return sum(sizes[l - 1] * sizes[l - 2] * count_paths(sizes, l)
               for l in range(2, len(sizes) + 1))


def backprop_multiplies(sizes):
    """Multiply–adds in one backprop pass (one example), counting the matrix work only:

    feedforward w^l a^{l−1} (n_l n_{l−1} each), BP2's (w^{l+1})^T δ^{l+1} (n_{l+1} n_l, for
    l = 2 … L−1) and BP4's δ^l (a^{l−1})^T (n_l n_{l−1}). The O(neurons) elementwise work
    (σ, σ', ⊙) is left out: it is smaller by a factor of the layer width.
    """
    n_weights = sum(a * b for a, b in itertools.pairwise(sizes))
    bp2 = sum(a * b for a, b in itertools.pairwise(sizes[1:]))
    return n_weights + bp2 + n_weights


def with_weight(net, l, j, k, dw):
    """A copy of net whose w^l_jk is changed by dw (the perturbation of eq. 47)."""
    new = Network(net.sizes, activation=net.activation, cost=net.cost)
    weights = [w.copy() for w in net.weights]
    weights[l - 2][j, k] += dw
    new.weights, new.biases = weights, net.biases
    return new


def numerical_jacobian(f, a, eps=1e-6):
    """The matrix ∂f_i/∂a_j by central differences; a ``(n, 1)``, f(a) ``(p, 1)`` → ``(p, n)``.

    :func:`bpcore.gradcheck.numerical_jacobian` with a smaller default step.
    """
    return gradcheck.numerical_jacobian(f, a, eps)


# -- Part 2: a computational graph of scalars --------------------------------------------


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
