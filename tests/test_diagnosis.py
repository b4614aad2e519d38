"""The implement-it-yourself checks name the slip: planted-bug student functions.

Each student function below is written the way a student might write it, with one common
slip; the check must fail it and say which equation is wrong, where, and (for the slips the
issue lists) what the slip is. The right versions pass; the skeleton counts as not attempted.
"""

import re

import numpy as np
import pytest

from bpcore.exercises import nb05, nb09, nb11


def backprop(net, x, y, slip=None):
    """A student's per-example or batch backprop (mean over the columns) with one slip."""
    sp = net.activation.prime
    zs, acts = net.forward(x)
    L, m = net.num_layers, x.shape[1]
    s = (lambda l: sp(acts[l - 1])) if slip == "a_for_z" else (lambda l: sp(zs[l - 2]))
    grad = (y - acts[-1]) if slip == "sign" else (acts[-1] - y)
    delta = grad if slip == "no_sp_bp1" else grad * s(L)                    # BP1
    nabla_b, nabla_w = [None] * (L - 1), [None] * (L - 1)
    for l in range(L, 1, -1):
        a_in = acts[l - 2]
        if slip == "z_for_a" and l > 2:
            a_in = zs[l - 3]
        if slip == "same_layer":
            a_in = acts[l - 1]
        per = 1 if slip == "summed" else m
        nabla_b[l - 2] = delta.sum(axis=1, keepdims=slip != "flat_b") / per    # BP3
        nabla_w[l - 2] = (a_in @ delta.T if slip == "transposed" else delta @ a_in.T) / per
        if l > 2:
            back = net.weights[l - 2].T @ delta                              # BP2
            if slip == "next_z":
                delta = back * sp(zs[l - 2])  # σ′(z^{l}) for layer l − 1: one layer off
            else:
                delta = back if slip == "no_sp_bp2" else back * s(l - 1)
    if slip == "swapped":
        return nabla_w, nabla_b
    return nabla_b, nabla_w


def student(slip):
    def my_backprop(net, x, y):
        return backprop(net, x, y, slip)
    return my_backprop


PER_EXAMPLE = [  # slip → phrases the feedback must contain
    ("no_sp_bp1", ["BP1 is wrong", "forget ⊙ σ′(z²)"]),
    ("no_sp_bp2", ["BP1 is right; BP2 is wrong at layer 2", "forget ⊙ σ′(z²)"]),
    ("a_for_z", ["BP1 is wrong", "takes the weighted input z², not the activation a²"]),
    ("sign", ["BP1 is wrong", "sign of ∇_a C is flipped"]),
    ("transposed", ["test case 0", "transpose of the right one", "w², (2, 3)"]),
    ("z_for_a", ["BP4 is wrong at layer 3", "not the weighted input z²"]),
    ("same_layer", ["BP4 is wrong at layer 2", "off by one layer"]),
    ("next_z", ["raised ValueError", "off by one layer"]),
    ("swapped", ["order is (nabla_b, nabla_w)"]),
    ("flat_b", ["∂C/∂b² has shape (2,)", "column (2, 1)"]),
]


BATCH = [
    ("summed", ["m = 7", "7 times too large", "mean cost divides the sum by m"]),
    ("no_sp_bp2", ["BP2 is wrong at layer 2", "forget ⊙ σ′(z²)"]),
    ("flat_b", ["column"]),
]
SLIPS = ([("my_backprop", s, p) for s, p in PER_EXAMPLE]
         + [("my_backprop_batch", s, p) for s, p in BATCH])


@pytest.mark.parametrize(("exercise", "slip", "phrases"), SLIPS,
                         ids=[f"{e}-{s}" for e, s, _ in SLIPS])
def test_the_backprop_checks_name_the_slip(exercise, slip, phrases):
    check = {"my_backprop": nb05.check_my_backprop,
             "my_backprop_batch": nb09.check_my_backprop_batch}[exercise]
    fb = check(student(slip))
    assert not fb.ok and fb.attempted
    for phrase in phrases:
        assert phrase in fb.message, f"{phrase!r} not in {fb.message!r}"


def test_check_my_backprop_passes_a_right_function_and_knows_the_skeleton():
    assert nb05.check_my_backprop(student(None)).ok

    def skeleton(net, x, y):
        # your code here
        raise NotImplementedError

    fb = nb05.check_my_backprop(skeleton)
    assert not fb.ok and not fb.attempted and "NotImplementedError" in fb.message


def test_calling_net_backprop_is_refused_with_the_students_line():
    def lazy(net, x, y):
        return net.backprop(x, y)

    fb = nb05.check_my_backprop(lazy)
    assert not fb.ok and "switched off" in fb.message and "return net.backprop(x, y)" in fb.message


def test_check_my_backprop_batch_grades_at_1_7_and_32_against_the_per_example_mean():
    assert nb09.BATCH_SIZES == (1, 7, 32)
    for m in nb09.BATCH_SIZES:  # the reference really is the mean of per-example gradients
        net, X, Y = nb09.batch_case(m)
        mean_b, mean_w = nb09.mean_of_examples(net, X, Y)
        batch_b, batch_w = net.backprop_batch(X, Y)
        for p, q in zip(mean_b + mean_w, batch_b + batch_w):
            np.testing.assert_allclose(p, q, rtol=1e-10, atol=1e-14)
    assert nb09.check_my_backprop_batch(student(None)).ok
    assert nb09.check_my_backprop_batch(nb09.reference_backprop_batch).ok

    def loop_of_one(net, X, Y):  # right at m = 1 only
        return backprop(net, X[:, :1], Y[:, :1])

    fb = nb09.check_my_backprop_batch(loop_of_one)
    assert not fb.ok and "m = 7" in fb.message


def test_speedup_reports_a_ratio_it_measured():
    shown = repr(nb09.speedup(student(None), repeats=2))
    ratio = float(re.search(r"([0-9.]+)×", shown).group(1))  # "7.3× faster" or "(1.05×)"
    assert "m = 32" in shown and ratio > 0
    assert "✎" in repr(nb09.speedup(student("summed")))  # only a right function is timed


# -- the Value engine ---------------------------------------------------------------------------
Right = nb11.ReferenceValue


class Overwrites(Right):
    """= instead of += in add's backward: a node used twice keeps only one path."""

    def __add__(self, other):
        other = other if isinstance(other, Right) else Overwrites(other)
        out = Overwrites(self.data + other.data, (self, other))

        def backward():
            self.grad = out.grad
            other.grad = out.grad

        out._backward = backward
        return out


class NoSwap(Right):
    def __mul__(self, other):
        other = other if isinstance(other, Right) else NoSwap(other)
        out = NoSwap(self.data * other.data, (self, other))

        def backward():
            self.grad += self.data * out.grad
            other.grad += other.data * out.grad

        out._backward = backward
        return out


class SigmoidOfInput(Right):
    def sigmoid(self):
        out = SigmoidOfInput(1 / (1 + np.exp(-self.data)), (self,))

        def backward():
            self.grad += self.data * (1 - self.data) * out.grad

        out._backward = backward
        return out


class NoSeed(Right):
    def backward(self):  # the right order, but out.grad is never set to 1
        for v in reversed(self.order()):
            v._backward()


class NoOrder(Right):
    """Visits nodes depth first without a topological order (shared nodes run twice)."""

    def backward(self):
        self.grad = 1.0
        stack = [self]
        while stack:
            v = stack.pop()
            v._backward()
            stack.extend(v._children)


VALUE_BUGS = [
    (Overwrites, ["Wrong when one node is used twice", "(+=)"]),
    (NoSwap, ["Multiply swaps"]),
    (SigmoidOfInput, ["σ′(x)", "s(1 − s)"]),
    (NoSeed, ["should be 1, the seed of reverse mode"]),
    (NoOrder, ["Right when every node is used once", "reverse topological order"]),
]


@pytest.mark.parametrize(("Value", "phrases"), VALUE_BUGS, ids=[c.__name__ for c, _ in VALUE_BUGS])
def test_check_value_names_the_slip(Value, phrases):
    fb = nb11.check_value(Value)
    assert not fb.ok and fb.attempted
    for phrase in phrases:
        assert phrase in fb.message, f"{phrase!r} not in {fb.message!r}"


def test_check_value_grades_seed_004_against_finite_differences():
    from bpcore.exercises import engine, programs

    # ∂e/∂a = d = b + 1 = 2 and ∂e/∂b = d + c = 2 + 3 = 5 at a = 2, b = 1, by hand
    np.testing.assert_allclose(programs.expected_grads(engine.SEED_004), [2.0, 5.0], rtol=1e-8)
    assert nb11.check_value(Right).ok
    assert all(programs.has_shared_node(programs.shared_program(s)) for s in range(engine.N_RANDOM))
    assert not any(programs.has_shared_node(programs.random_program(s, shared=False))
                   for s in range(engine.N_RANDOM))


def test_the_value_skeleton_counts_as_not_attempted():
    class Value:
        def __init__(self, data, children=()):
            self.data, self.grad = float(data), 0.0

        def __add__(self, other):
            # your code here
            raise NotImplementedError

    fb = nb11.check_value(Value)
    assert not fb.ok and not fb.attempted
