"""The self-checks of notebook 01: right answers pass, typical mistakes get their hint."""

import numpy as np

from bpcore.exercises import nb01


def test_step_right_wrong_and_placeholder():
    # Worked by hand: −0.5 · (0.6, −1.2) = (−0.3, 0.6).
    assert nb01.check_step([-0.3, 0.6]).ok
    uphill = nb01.check_step([0.3, -0.6])  # forgot the minus sign
    assert not uphill.ok and "uphill" in uphill.message
    assert not nb01.check_step([-0.6, 1.2]).ok  # forgot η
    fb = nb01.check_step(None)
    assert not fb.ok and not fb.attempted and "Not attempted" in repr(fb)


def test_largest_stable_eta_is_two_over_k_found_without_the_formula():
    # The check's bisection must land on the textbook bound 2/k for several k.
    for k in (0.5, 4.0, 10.0):
        assert abs(nb01.largest_stable_eta(k) - 2 / k) < 1e-6
    # And the iteration itself: just below 2/k shrinks, just above grows.
    assert nb01.stable(2 / nb01.K - 1e-3) and not nb01.stable(2 / nb01.K + 1e-3)


def test_max_eta_right_wrong_and_placeholder():
    assert nb01.check_max_eta(0.5).ok  # 2 / 4
    one_step = nb01.check_max_eta(0.25)  # the "lands in one step" η = 1/k
    assert not one_step.ok and "(1 − ηk)" in one_step.message
    assert not nb01.check_max_eta(1.0).ok
    assert not nb01.check_max_eta(None).attempted


def test_sgd_step_right_wrong_and_placeholder():
    # By hand: column sums of GRADS are (1.0, 0.8); w − (2/4)(1.0, 0.8) = (0.0, −1.4).
    assert nb01.check_sgd_step(np.array([0.0, -1.4])).ok
    no_mean = nb01.check_sgd_step([0.5 - 2.0, -1.0 - 1.6])  # forgot to divide by m
    assert not no_mean.ok and "dividing by m" in no_mean.message
    assert not nb01.check_sgd_step(None).attempted
