"""Exercise checks of notebook 04: right → ok, a typical mistake → not ok with its hint,
placeholder → not attempted. Expected values come from finite differences of a
hand-written forward pass, not from backprop."""

import numpy as np

from bpcore.exercises import nb04


def sigma(z):
    return 1.0 / (1.0 + np.exp(-z))


def cost(l, j, dz=0.0, da=0.0):
    """C_x with dz added to z^l_j or da to a^l_j, by hand (the book's j: row j − 1)."""
    net, x, y = nb04.exercise_setup()
    a = x
    for layer, (w, b) in enumerate(zip(net.weights, net.biases, strict=True), start=2):
        z = (w @ a + b).copy()
        if layer == l:
            z[j - 1, 0] += dz
        a = sigma(z).copy()
        if layer == l:
            a[j - 1, 0] += da
    return 0.5 * float(np.sum((a - y) ** 2))


def fd(l, j, h=1e-5, wrt="z"):
    kw = {"dz" if wrt == "z" else "da": h}
    kw_minus = {k: -v for k, v in kw.items()}
    return (cost(l, j, **kw) - cost(l, j, **kw_minus)) / (2 * h)


def test_good_sign():
    right = "-" if fd(2, 2) > 0 else "+"
    wrong = "+" if right == "-" else "-"
    assert nb04.check_good_sign(right).ok
    assert nb04.check_good_sign({"-": "negative", "+": "positive"}[right]).ok
    assert nb04.check_good_sign({"-": -1, "+": 1}[right]).ok
    # and it truly lowers C: a small step with that sign
    assert cost(2, 2, dz=(-0.1 if right == "-" else 0.1)) < cost(2, 2)
    fb = nb04.check_good_sign(wrong)
    assert not fb.ok and "sign of δ" in fb.message
    assert not nb04.check_good_sign(None).attempted


def test_predicted_dC():
    pred = fd(3, 1) * 0.02
    assert nb04.check_predicted_dC(pred).ok
    actual = cost(3, 1, dz=0.02) - cost(3, 1)
    fb = nb04.check_predicted_dC(actual)
    assert not fb.ok and "actual" in fb.message
    fb = nb04.check_predicted_dC(pred * 100)  # forgot Δz's size, used 2 instead of 0.02
    assert not fb.ok and "eq. (29)" in fb.message
    assert not nb04.check_predicted_dC(None).attempted


def test_dC_da():
    dC_da = fd(2, 1, wrt="a")
    assert nb04.check_dC_da(dC_da).ok
    s_prime = fd(2, 1) / dC_da
    fb = nb04.check_dC_da(fd(2, 1) * s_prime)  # multiplied instead of divided
    assert not fb.ok and "undoes that factor" in fb.message
    assert not nb04.check_dC_da(None).attempted


def test_least_useful():
    rates = np.array([fd(2, j) for j in (1, 2, 3)])   # the book's j = 1, 2, 3
    least = int(np.argmin(np.abs(rates))) + 1
    assert nb04.check_least_useful(least).ok
    fb = nb04.check_least_useful(int(np.argmin(rates)) + 1)
    assert not fb.ok and "most negative" in fb.message
    assert not nb04.check_least_useful(least - 1).ok   # the numpy row is not the book's j
    assert not nb04.check_least_useful(None).attempted


def test_scalar_answers_may_come_as_one_element_arrays_and_junk_is_refused():
    assert nb04.check_predicted_dC(np.array([fd(3, 1) * 0.02])).ok
    assert nb04.check_dC_da(np.array([[fd(2, 1, wrt="a")]])).ok
    for junk in ("abc", [], [1.0, 2.0]):
        assert not nb04.check_predicted_dC(junk).ok
        assert not nb04.check_dC_da(junk).ok
    assert not nb04.check_good_sign("maybe").ok
    assert not nb04.check_least_useful("two").ok
