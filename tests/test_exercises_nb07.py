"""The self-checks of notebook 07: right answers pass, typical wrong ones get the hint."""

import math

import numpy as np

from bpcore.exercises import nb07


def test_saturated_gradient():
    a = 1 / (1 + math.exp(-6.0))           # z = w·x + b = 3 + 3
    delta = (a - 0.0) * a * (1 - a)        # BP1 by hand, quadratic cost
    assert nb07.check_saturated_gradient((1.0 * delta, delta)).ok
    # forgetting σ'(z): δ = a − y
    fb = nb07.check_saturated_gradient((a, a))
    assert not fb.ok and "σ′(z)" in fb.message
    fb = nb07.check_saturated_gradient(None)
    assert not fb.attempted and not fb.ok


def test_leaky_tanh_prime():
    fb = nb07.check_leaky_tanh_prime(lambda z: 1 - np.tanh(z) ** 2 + 0.05)
    assert fb.ok and "0.05" in fb.message  # reports the floor of f'
    fb = nb07.check_leaky_tanh_prime(lambda z: 1 - np.tanh(z) ** 2)  # the leak forgotten
    assert not fb.ok and "0.05" in fb.message
    assert not nb07.check_leaky_tanh_prime(0.05).ok
    fb = nb07.check_leaky_tanh_prime(None)
    assert not fb.attempted
