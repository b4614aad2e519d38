"""Activation functions σ and their derivatives σ', applied elementwise (eq. 24).

An :class:`Activation` is a pair ``(fn, prime)`` of functions of the weighted input ``z``.
It may also carry ``prime_from_a``: σ' written in terms of the output ``a = σ(z)``, which
the fast matrix path uses so that it never evaluates σ a second time, and ``outputs``: the
range of its values, which tells a cost that needs outputs in (0, 1) whether it can work.
"""

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np


def sigmoid(z):
    """σ(z) = 1 / (1 + e^{-z}), elementwise, to full relative precision for every z.

    ``1/(1 + np.exp(-z))`` overflows and warns below z ≈ −709, and the tanh form
    ½(1 + tanh(z/2)) subtracts nearly equal numbers for negative z (exactly 0 from z ≈ −37
    on, where σ(z) ≈ 1e-16). Two exact forms instead, chosen for speed only: for a few
    entries, σ(z) = exp(−ln(1 + e^{−z})) with NumPy's logaddexp (the fewest NumPy calls);
    for many, e = e^{−|z|} ∈ (0, 1], which never overflows, and σ(z) = 1/(1 + e) for z ≥ 0,
    e/(1 + e) for z < 0 (cheaper per entry). Both stay within 1e-14 relative everywhere and
    never warn for finite or infinite z (NaN gives NaN; NumPy may warn "invalid value").
    """
    if getattr(z, "size", 1) < 200:
        return np.exp(-np.logaddexp(0.0, -z))
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0, e) / (1.0 + e)


def sigmoid_prime(z):
    """σ'(z) = σ(z)(1 − σ(z)), elementwise."""
    s = sigmoid(z)
    return s * (1.0 - s)


def tanh(z):
    """tanh(z), elementwise; outputs in (−1, 1)."""
    return np.tanh(z)


def tanh_prime(z):
    """tanh'(z) = 1 − tanh²(z)."""
    return 1.0 - np.tanh(z) ** 2


def relu(z):
    """max(0, z), elementwise."""
    return np.maximum(z, 0.0)


def relu_prime(z):
    """1 where z > 0, else 0 (we take the derivative at the kink z = 0 to be 0)."""
    return (z > 0).astype(float)


def identity(z):
    """σ(z) = z: a linear neuron."""
    return z


def identity_prime(z):
    """σ'(z) = 1."""
    return np.ones_like(z, dtype=float)


@dataclass(frozen=True)
class Activation:
    """An activation function σ with its derivative σ'.

    fn, prime : callables mapping an array z of any shape to an array of the same shape.
    prime_from_a : optional σ' as a function of a = σ(z) (e.g. a(1 − a) for the sigmoid).
    outputs : the range of σ as text, e.g. ``"(0, 1)"``; None when unknown (a custom pair).
    """

    name: str
    fn: Callable
    prime: Callable
    prime_from_a: Callable | None = None
    outputs: str | None = None


ACTIVATIONS = {
    "sigmoid": Activation("sigmoid", sigmoid, sigmoid_prime, lambda a: a * (1.0 - a), "(0, 1)"),
    "tanh": Activation("tanh", tanh, tanh_prime, lambda a: 1.0 - a * a, "(-1, 1)"),
    "relu": Activation("relu", relu, relu_prime, lambda a: (a > 0).astype(float), "[0, inf)"),
    "identity": Activation("identity", identity, identity_prime, lambda a: np.ones_like(a),
                           "all real numbers"),
}


def get_activation(spec) -> Activation:
    """Turn a name from ``ACTIVATIONS``, an ``(fn, prime)`` pair or an Activation into one."""
    if isinstance(spec, Activation):
        return spec
    if isinstance(spec, str):
        if spec not in ACTIVATIONS:
            raise ValueError(
                f"unknown activation {spec!r}; expected one of {sorted(ACTIVATIONS)} "
                "or a (fn, prime) pair"
            )
        return ACTIVATIONS[spec]
    if isinstance(spec, tuple) and len(spec) == 2 and all(callable(f) for f in spec):
        fn, prime = spec
        return Activation(getattr(fn, "__name__", "custom"), fn, prime)
    raise TypeError(
        f"activation must be a name from {sorted(ACTIVATIONS)} or a (fn, prime) pair of "
        f"callables; got {spec!r}"
    )
