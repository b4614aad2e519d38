"""Grading a student's backprop: which equation goes wrong, where, and which common slip it is.

The student's function is run on a few test cases (small networks with 2–4 layers). When
its gradient differs from the right one, :func:`diagnose`

1. replays the common slips — a missing σ′, σ′(a) for σ′(z), σ′ of the next layer (off by one),
   the sign of ∇_a C, a transposed outer product, z for a or a of the same layer in BP4 (off
   by one), a sum for the mean — with :func:`slipped_gradient`, at one layer or at every
   layer, and names the slip whose gradient the student's matches;
2. otherwise localises the error from the layer-by-layer comparison: by BP3 the bias
   gradients are the errors δ^l, so the first wrong ∂C/∂b^l from the output names BP1
   (l = L) or BP2 (l < L); right biases with wrong weights name BP4.

Layers are the book's: l = 2 … L, ``nabla_w[l - 2]`` is ∂C/∂w^l.
"""

import numpy as np

from ..gradcheck import rel_error
from .answers import Arrays, Function, Problem, close
from .grading import Feedback, grade, not_attempted, reads_as, right, todo, wrong
from .messages import generic, got, register, sup
from .student import GuardedNetwork, Unfinished, call_student

RTOL = 1e-6

MESSAGES = {
    "case": "On test case {i} ({call}: sizes {sizes}, {activation}, m = {m}):",
    "returns": "{call} should return a pair (nabla_b, nabla_w), got {got}.",
    "swapped": "{call} returned (nabla_w, nabla_b); the order is (nabla_b, nabla_w), "
               "like net.backprop.",
    "transposed": "Your ∂C/∂w{sl} is the transpose of the right one: it must have the shape "
                  "of w{sl}, {shape}.",
    "bp1": "BP1 is wrong: your ∂C/∂b{sl}, which is δ{sl} by BP3, is not right.",
    "bp2": "BP1 is right; BP2 is wrong at layer {l}: δ{sl1} is right but δ{sl} is not.",
    "bp3": "BP1 and BP2 are right at layer {l}, but BP3 is not: compare your ∂C/∂b{sl} "
           "with δ{sl}.",
    "bp4": "BP1, BP2 and BP3 are right (every ∂C/∂b is); BP4 is wrong at layer {l}.",
    "summed": "Every array is {m} times too large: you summed over the m = {m} examples. "
              "The gradient of the mean cost divides the sum by m.",
    "no_sigma_prime": "Did you forget ⊙ σ′(z{sl})?",
    "a_for_z": "σ′ takes the weighted input z{sl}, not the activation a{sl}.",
    "next_z": "The σ′ factor of layer {l} is σ′(z{sl}), not σ′(z{sl1}): an index off by one "
              "layer.",
    "sign": "The sign of ∇_a C is flipped: for the quadratic cost it is a^L − y.",
    "bp4_transposed": "Your ∂C/∂w{sl} is the transpose of the right one: its row j must "
                      "belong to neuron j of layer {l}.",
    "bp4_z_for_a": "BP4 needs the activation a{sl0} that flows into layer {l}, not the "
                   "weighted input z{sl0}.",
    "bp4_same_layer": "BP4 needs a{sl0}, the activation of the layer before {l}, not a{sl}: "
                      "an index off by one layer.",
}
msg = register("slips", MESSAGES)

# slip → the equation it breaks when planted at layer l of L ("BP1/2": BP1 at L, else BP2)
SLIPS = {"no_sigma_prime": "BP1/2", "a_for_z": "BP1/2", "next_z": "BP2", "sign": "BP1",
         "bp4_transposed": "BP4", "bp4_z_for_a": "BP4", "bp4_same_layer": "BP4",
         "summed": "mean"}


def slipped_gradient(net, X, Y, slip=None, layers=()):
    """``(nabla_b, nabla_w)`` of the mean cost over the columns of X, Y, with ``slip``
    planted at the book's layers ``layers``; None when the slip makes the shapes clash."""
    sp, L, m = net.activation.prime, net.num_layers, X.shape[1]
    zs, acts = net.forward(X)
    at = set(layers)

    def s_prime(l):  # σ'(z^l), or what the slip uses instead
        if l in at and slip == "no_sigma_prime":
            return 1.0
        if l in at and slip == "a_for_z":
            return sp(acts[l - 1])
        if l in at and slip == "next_z":
            return sp(zs[l - 1])  # z^{l+1}
        return sp(zs[l - 2])

    grad_a = net.cost.grad_a(acts[-1], Y)
    scale = 1 if slip == "summed" else m
    nabla_b, nabla_w = [None] * (L - 1), [None] * (L - 1)
    try:
        with np.errstate(all="ignore"):
            delta = (-grad_a if slip == "sign" else grad_a) * s_prime(L)  # BP1
            for l in range(L, 1, -1):
                a_in = acts[l - 2]
                if l in at and slip == "bp4_z_for_a":
                    a_in = zs[l - 3]
                if l in at and slip == "bp4_same_layer":
                    a_in = acts[l - 1]
                transposed = l in at and slip == "bp4_transposed"
                nabla_b[l - 2] = delta.sum(axis=1, keepdims=True) / scale  # BP3
                nabla_w[l - 2] = (a_in @ delta.T if transposed else delta @ a_in.T) / scale
                if l > 2:
                    delta = (net.weights[l - 2].T @ delta) * s_prime(l - 1)  # BP2
    except (ValueError, IndexError):
        return None
    shapes_ok = all(p.shape == q.shape for p, q in zip(nabla_b + nabla_w,
                                                       net.biases + net.weights))
    return (nabla_b, nabla_w) if shapes_ok else None


def candidates(L, m):
    """Every (slip, layers) worth replaying on a network of L layers and m examples."""
    yield "sign", (L,)
    if m > 1:
        yield "summed", ()
    every = tuple(range(2, L + 1))
    for slip, where in (("no_sigma_prime", every), ("a_for_z", every),
                        ("next_z", every[:-1]), ("bp4_transposed", every),
                        ("bp4_z_for_a", every[1:]), ("bp4_same_layer", every)):
        for l in reversed(where):
            yield slip, (l,)
        if len(where) > 1:
            yield slip, where


def _status(L, b_ok, w_ok):
    """The equation-level verdict from the per-layer comparison (lists indexed l − 2)."""
    wrong_b = [l for l in range(L, 1, -1) if not b_ok[l - 2]]
    wrong_w = [l for l in range(L, 1, -1) if not w_ok[l - 2]]
    if not wrong_b and not wrong_w:  # right by bpcore, wrong by finite differences
        return generic("not_close", what="nabla_w")
    if not wrong_b:
        return msg("bp4", **_layer(wrong_w[0]))
    l = wrong_b[0]
    if w_ok[l - 2]:  # the weights use δ^l and are right, so δ^l is right: BP3 slipped
        return msg("bp3", **_layer(l))
    return msg("bp1" if l == L else "bp2", **_layer(l))


def _layer(l):
    """Fields for layer l: the number, and superscripts for l, l − 1 and l + 1."""
    return {"l": l, "sl": sup(l), "sl0": sup(l - 1), "sl1": sup(l + 1)}


def _slip_parts(slip, layers, L, m):
    if slip == "summed":
        return [msg("summed", m=m)]
    l = max(layers)
    status = "bp4" if SLIPS[slip] == "BP4" else "bp1" if l == L else "bp2"
    return [msg(status, **_layer(l)), msg(slip, **_layer(l))]


def diagnose(net, X, Y, nabla_b, nabla_w, right_b, right_w):
    """Messages that say which equation is wrong, at which layer, and (when it is a common
    slip) what went wrong. All arrays are read already, shaped like the network's."""
    L, m = net.num_layers, X.shape[1]
    b_ok = [close(p, q, RTOL) for p, q in zip(nabla_b, right_b)]
    w_ok = [close(p, q, RTOL) for p, q in zip(nabla_w, right_w)]
    for slip, layers in candidates(L, m):
        planted = slipped_gradient(net, X, Y, slip, layers)
        if planted is not None and all(
            close(p, q, RTOL) for p, q in zip(nabla_b + nabla_w, planted[0] + planted[1])
        ):
            return _slip_parts(slip, layers, L, m)
    return [_status(L, b_ok, w_ok)]


def read_gradient(out, net, call):
    """The student's ``(nabla_b, nabla_w)``, each a list of arrays shaped like the network's;
    raises :class:`Problem` with a message about the first thing that is off."""
    b_shapes = [b.shape for b in net.biases]
    w_shapes = [w.shape for w in net.weights]
    layers = range(2, net.num_layers + 1)
    read_b = Arrays(b_shapes, names=[f"∂C/∂b{sup(l)}" for l in layers])
    read_w = Arrays(w_shapes, names=[f"∂C/∂w{sup(l)}" for l in layers])
    if not isinstance(out, (list, tuple)) or len(out) != 2:
        raise Problem(msg("returns", call=call, got=got(out)))
    try:
        read_b.read(out[1], "nabla_b")
        read_w.read(out[0], "nabla_w")
    except Problem:
        pass
    else:
        if b_shapes != w_shapes:
            raise Problem(msg("swapped", call=call))
    nabla_b = read_b.read(out[0], "nabla_b")
    if isinstance(out[1], (list, tuple)) and len(out[1]) == len(w_shapes):
        for l, (p, shape) in zip(layers, zip(out[1], w_shapes)):
            got_shape = np.shape(p) if isinstance(p, np.ndarray) else None
            if got_shape == shape[::-1] != shape:
                raise Problem(msg("transposed", shape=shape, **_layer(l)))
            if got_shape == (shape[0], shape[0]) != shape:  # δ^l (a^l)^T: one layer off
                raise Problem(msg("bp4", **_layer(l)), msg("bp4_same_layer", **_layer(l)))
    return nabla_b, read_w.read(out[1], "nabla_w")


def case_message(i, call, net, m):
    """"On test case i (how to rebuild it: sizes, activation, m = …):" """
    return msg("case", i=i, call=call, sizes=net.sizes, activation=net.activation.name, m=m)


def grade_backprop(fn, what, call, cases, success):
    """The verdict on a student's backprop ``fn(net, X, Y) → (nabla_b, nabla_w)``.

    cases : an iterable (generated lazily, stopping at the first failure) of
    ``(case message, net, X, Y, (right_b, right_w), references)``; the student's gradient
    must match the right one entry by entry and each further reference (a flat list of
    arrays, e.g. finite differences) within a relative error of 1e-6. On a network whose
    backprop methods are switched off (:class:`GuardedNetwork`).
    """
    if not_attempted(fn):
        return todo(what)
    if reads_as(Function(), fn) is None:
        return grade(fn, Function(), None, what=what)
    for i, (case, net, X, Y, (right_b, right_w), references) in enumerate(cases):
        try:
            out = call_student(fn, (GuardedNetwork.copy_of(net), X.copy(), Y.copy()), call,
                               shape_hint=True)
            nabla_b, nabla_w = read_gradient(out, net, call)
        except Unfinished as unfinished:
            if i == 0:  # the skeleton as handed out
                return Feedback(False, unfinished.parts, attempted=False)
            return wrong(case, *unfinished.parts)
        except Problem as problem:
            return wrong(case, *problem.parts)
        got = nabla_b + nabla_w
        agree = all(close(p, q, RTOL) for p, q in zip(got, right_b + right_w))
        if not agree or any(rel_error(got, ref) > RTOL for ref in references):
            return wrong(case, *diagnose(net, X, Y, nabla_b, nabla_w, right_b, right_w))
    return right(success)
