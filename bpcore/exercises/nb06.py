"""Checks for the exercises of notebook 06, the proofs of the four equations.

All exercises use the network of :func:`setup`. Expected partial derivatives such as
∂z^l_j/∂b^l_j are measured here by finite differences, independently of the chain rule the
student is asked to apply; gradients and errors come from ``net.backprop`` (by BP3 its bias
gradients are the errors δ^l).
"""

import numpy as np

import bpcore

from .answers import Array, Arrays
from .grading import combine, exercise, grade, progress_for, reads_as, same, wrong
from .messages import register

LAYER = 3  # the book's l used in exercises 1 and 2 (a hidden layer: a^{l-1} is not x)
EPS = 1e-6
DELTA_SHAPES = [(4, 1), (3, 1), (2, 1)]

MESSAGES = {
    "what.dz_dw": "matrix of ∂z³_j/∂w³_jk",
    "what.deltas": "list [δ², δ³, δ⁴]",
    "dz_db.hint": "z^l_j = Σ_k w^l_jk a^{{l−1}}_k + b^l_j: when b^l_j grows by one, by how much "
                  "does z^l_j grow?",
    "bp3.hint": "Chain rule: ∂C/∂b^l_j = (∂C/∂z^l_j)(∂z^l_j/∂b^l_j), and the first factor "
                "has a name, eq. (29).",
    "bp3.right": "∂C/∂b³_j = δ³_j · 1 = δ³_j: that is BP3.",
    "dz_dw.hint": "In z^l_j = Σ_k w^l_jk a^{{l−1}}_k + b^l_j, which quantity does w^l_jk multiply?",
    "bp4.hint": "Chain rule: ∂C/∂w^l_jk = (∂C/∂z^l_j)(∂z^l_j/∂w^l_jk); combine δ³ with your "
                "first answer, row by row.",
    "bp4.right": "∂C/∂w³_jk = a²_k δ³_j: that is BP4.",
    "sigma.column": "Σ′(z^L) is the square matrix with σ′(z^L_j) on its diagonal, not the "
                    "column σ′(z^L).",
    "sigma.hint": "Σ′(z) is square, with σ′(z_j) on the diagonal and 0 elsewhere.",
    "deltas.hint": "(33) gives δ^L; (34) gives each earlier δ^l from the next one. The list "
                   "starts at layer 2.",
    "deltas.reversed": "Your list runs from the output back; it starts at layer 2: "
                       "[δ², δ³, δ⁴].",
    "deltas.right": "Σ′(z) times a vector is σ′(z) ⊙ that vector: (33)–(34) are BP1–BP2.",
    "component.L.hint": "δ^L_j = (∂C/∂a^L_j)(∂a^L_j/∂z^L_j): what is each factor for the "
                        "quadratic cost and the sigmoid?",
    "component.prev.hint": "δ^l_j sums over q, the neurons of the next layer, using w^{{l+1}}_qj: "
                           "column j of w^{{l+1}}.",
    "component.no_sigma_prime": "Each δ^l_j also has the factor ∂a^l_j/∂z^l_j = σ′(z^l_j).",
    "component.right": "Entry by entry, this is BP1 and BP2.",
}
msg = register("nb06", MESSAGES)


def setup():
    """The exercises' [3, 4, 3, 2] sigmoid network, input and target: ``(net, x, y)``."""
    net = bpcore.Network([3, 4, 3, 2], seed=6)
    x = np.array([[1.0], [-0.5], [0.25]])
    y = np.array([[0.0], [1.0]])
    return net, x, y


def _gradient():
    net, x, y = setup()
    return net.backprop(x, y)  # (nabla_b, nabla_w); nabla_b[l - 2] = δ^l by BP3


def _dz_dparam(kind):
    """∂z^l_j/∂b^l_j (n_l, 1) or ∂z^l_j/∂w^l_{jk} (n_l, n_{l-1}) by central differences."""
    net, x, _ = setup()
    params = net.biases if kind == "b" else net.weights
    p = params[LAYER - 2]
    out = np.zeros_like(p)
    for j, k in np.ndindex(p.shape):
        old = p[j, k]
        p[j, k] = old + EPS
        up = net.forward(x)[0][LAYER - 2][j, 0]
        p[j, k] = old - EPS
        down = net.forward(x)[0][LAYER - 2][j, 0]
        p[j, k] = old
        out[j, k] = (up - down) / (2 * EPS)
    return out


@exercise(Array((3, 1)), Array((3, 1)),
          solution=lambda: (_dz_dparam("b"), _gradient()[0][LAYER - 2]))
def check_bp3(dz_db, nabla_b):
    """Exercise 1: ∂z^3_j/∂b^3_j as a (3, 1) column, then ∂C/∂b^3 (3, 1) by the chain rule."""
    return combine(
        grade(dz_db, Array((3, 1)), _dz_dparam("b"), what="∂z³_j/∂b³_j", rtol=1e-5,
              hint=msg("dz_db.hint")),
        grade(nabla_b, Array((3, 1)), _gradient()[0][LAYER - 2], what="∂C/∂b³",
              hint=msg("bp3.hint"), success=msg("bp3.right")))


@exercise(Array((3, 4)), Array((3, 4)),
          solution=lambda: (_dz_dparam("w"), _gradient()[1][LAYER - 2]))
def check_bp4(dz_dw, nabla_w):
    """Exercise 2: the matrix of ∂z^3_j/∂w^3_{jk} (3, 4), then ∂C/∂w^3 (3, 4)."""
    first = grade(dz_dw, Array((3, 4)), _dz_dparam("w"), what=msg("what.dz_dw"), rtol=1e-5,
                  hint=msg("dz_dw.hint"))
    return combine(first, grade(nabla_w, Array((3, 4)), _gradient()[1][LAYER - 2],
                                what="∂C/∂w³", hint=msg("bp4.hint"), success=msg("bp4.right")))


def _sigma_prime_L():
    net, x, _ = setup()
    return np.diag(net.activation.prime(net.forward(x)[0][-1]).ravel())


@exercise(Array((2, 2)), solution=_sigma_prime_L)
def check_sigma_prime_matrix(Sigma_L):
    """Exercise 3a: Σ'(z^L), the (n_L, n_L) diagonal matrix of eq. (33)."""
    net, x, _ = setup()
    as_column = net.activation.prime(net.forward(x)[0][-1])  # σ′(z^L), (2, 1)
    column = reads_as(Array(as_column.shape), Sigma_L)
    if column is not None and same(column, as_column):
        return wrong(msg("sigma.column"))
    return grade(Sigma_L, Array((2, 2)), _sigma_prime_L(), what="Σ′(z^L)",
                 hint=msg("sigma.hint"))


@exercise(Arrays(DELTA_SHAPES), solution=lambda: _gradient()[0])
def check_matrix_deltas(deltas):
    """Exercise 3b: [δ^2, δ^3, δ^4] by eqs. (33)–(34), with ordinary matrix products."""
    if reads_as(Arrays(DELTA_SHAPES[::-1]), deltas) is not None:
        return wrong(msg("deltas.reversed"))
    return grade(deltas, Arrays(DELTA_SHAPES, ["δ²", "δ³", "δ⁴"]), _gradient()[0],
                 what=msg("what.deltas"), hint=msg("deltas.hint"), success=msg("deltas.right"))


@exercise(Array((2, 1)), Array((3, 1)),
          solution=lambda: (_gradient()[0][-1], _gradient()[0][-2]))
def check_component_forms(delta_L, delta_prev):
    """Exercise 4: δ^L and δ^{L−1}, each entry computed from the component forms."""
    net, _, _ = setup()
    deltas = _gradient()[0]
    no_sigma_prime = net.weights[-1].T @ deltas[-1]  # Σ_q w^L_qj δ^L_q without σ′(z^l_j)
    return combine(
        grade(delta_L, Array((2, 1)), deltas[-1], what="δ^L", hint=msg("component.L.hint")),
        grade(delta_prev, Array((3, 1)), deltas[-2], what="δ^{L−1}",
              hint=msg("component.prev.hint"), success=msg("component.right"),
              slips=[(no_sigma_prime, msg("component.no_sigma_prime"))]))


progress = progress_for(__name__)
