"""Activation functions σ and their derivatives σ', applied elementwise (eq. 24).

An :class:`Activation` is a pair ``(fn, prime)`` of functions of the weighted input ``z``.
It may also carry ``prime_from_a``: σ' written in terms of the output ``a = σ(z)``, which
the fast matrix path uses so that it never evaluates σ a second time.
"""

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np


def sigmoid(z):
    """σ(z) = 1 / (1 + e^{-z}), elementwise.

    Written as ½(1 + tanh(z/2)), which is the same function but never overflows:
    ``np.exp(-z)`` would warn at z = -1e4, this form simply returns 0.
    """
    return 0.5 * (1.0 + np.tanh(0.5 * z))


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
    """

    name: str
    fn: Callable
    prime: Callable
    prime_from_a: Callable | None = None


ACTIVATIONS = {
    "sigmoid": Activation("sigmoid", sigmoid, sigmoid_prime, lambda a: a * (1.0 - a)),
    "tanh": Activation("tanh", tanh, tanh_prime, lambda a: 1.0 - a * a),
    "relu": Activation("relu", relu, relu_prime, lambda a: (a > 0).astype(float)),
    "identity": Activation("identity", identity, identity_prime, lambda a: np.ones_like(a)),
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
