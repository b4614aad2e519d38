"""How accurate are finite differences? Their error against the step ε (notebook 10).

Two errors pull in opposite directions: truncation (Taylor's next term, ∝ ε for eq. (46)'s
one-sided difference, ∝ ε² for the central one) and rounding (the cost is rounded to about
u|C|, and the difference divides that by ε). :func:`eps_errors` measures both curves for
one weight against backprop, :class:`EpsErrors` holds them with a model of each,
:func:`optimal_eps` gives a model's best ε and :func:`eps_figure` draws the U shapes.
"""

from dataclasses import dataclass

import numpy as np

from bpcore import gradcheck
from bpcore.i18n import register

msg = register("fd_accuracy", {
    "title": "Error of a finite-difference ∂C/∂w against the step ε",
    "step": "step ε (log scale)",
    "error": "error |finite difference − backprop| (log scale)",
    "one_sided": "one-sided (46)",
    "central": "central",
    "model": "model: {formula}",
})

# Unit roundoff of float64: the relative error of one rounding, 2^-53 ≈ 1.1e-16.
UNIT_ROUNDOFF = np.finfo(np.float64).eps / 2


@dataclass
class EpsErrors:
    """|finite difference − backprop| for one weight, for each ε, and a model of it.

    eps, one_sided, central : (k,) arrays. exact : backprop's ∂C/∂w. cost : C(w).
    d2, d3 : ∂²C/∂w², ∂³C/∂w³ (from differences of backprop's gradient), which set the
    truncation errors |d2| ε/2 (one-sided) and |d3| ε²/6 (central).
    """

    eps: np.ndarray
    one_sided: np.ndarray
    central: np.ndarray
    exact: float
    cost: float
    d2: float
    d3: float

    def model_one_sided(self, eps):
        """Truncation |C''| ε/2 plus rounding 2u|C|/ε (two roundings of C, divided by ε)."""
        return abs(self.d2) * eps / 2 + 2 * UNIT_ROUNDOFF * abs(self.cost) / eps

    def model_central(self, eps):
        """Truncation |C'''| ε²/6 plus rounding u|C|/ε (two roundings divided by 2ε)."""
        return abs(self.d3) * eps**2 / 6 + UNIT_ROUNDOFF * abs(self.cost) / eps

    def best(self, kind):
        """The ε in the sweep with the smallest measured error ("one_sided" or "central")."""
        return float(self.eps[np.argmin(getattr(self, kind))])


def eps_errors(net, X, Y, eps_values, i=0, j=0, k=0, h=1e-3):
    """Errors of eq. (46) and of the central difference for ∂C/∂w, w = ``net.weights[i][j, k]``,
    for each ε in ``eps_values``; both come from :func:`bpcore.gradcheck.finite_differences`.

    The reference is backprop; C'' and C''' come from central differences of backprop's
    gradient with step h (their own small error does not matter for a model curve).
    """
    w = net.weights[i]
    entry = [w[j : j + 1, k : k + 1]]  # a view of the one weight: the engine nudges it in place
    C = gradcheck.cost_function(net, X, Y)

    def difference(eps, scheme):
        return float(gradcheck.finite_differences(entry, C, eps, scheme)[0][0, 0])

    def grad_at(v):
        w[j, k] = v
        return net.backprop_batch(X, Y)[1][i][j, k]

    old = w[j, k]
    try:
        c = C()
        exact = grad_at(old)
        one = [abs(difference(e, "forward") - exact) for e in eps_values]
        cen = [abs(difference(e, "central") - exact) for e in eps_values]
        g_plus, g_minus = grad_at(old + h), grad_at(old - h)
        d2 = (g_plus - g_minus) / (2 * h)
        d3 = (g_plus - 2 * exact + g_minus) / h**2
    finally:
        w[j, k] = old
    return EpsErrors(np.asarray(eps_values, float), np.array(one), np.array(cen),
                     float(exact), float(c), float(d2), float(d3))


def optimal_eps(a, b, power):
    """The ε minimising a ε^power + b/ε: (b / (power a))^{1/(power+1)}."""
    return (b / (power * a)) ** (1 / (power + 1))


def eps_figure(e):
    """The U-shaped error curves of one-sided and central differences against ε."""
    from . import layout

    fig, ax = layout.figure(6.5, 4.0)
    fine = np.logspace(np.log10(e.eps[0]), np.log10(e.eps[-1]), 200)
    tiny = 1e-20  # an error of exactly 0 cannot be drawn on a log axis
    ax.loglog(e.eps, np.maximum(e.one_sided, tiny), "o-", ms=4, label=str(msg("one_sided")))
    ax.loglog(e.eps, np.maximum(e.central, tiny), "s-", ms=4, label=str(msg("central")))
    ax.loglog(fine, e.model_one_sided(fine), "--", color="C0", alpha=0.6,
              label=str(msg("model", formula=r"$|C''|\epsilon/2 + 2u|C|/\epsilon$")))
    ax.loglog(fine, e.model_central(fine), "--", color="C1", alpha=0.6,
              label=str(msg("model", formula=r"$|C'''|\epsilon^2/6 + u|C|/\epsilon$")))
    for kind, color in (("one_sided", "C0"), ("central", "C1")):
        ax.axvline(e.best(kind), color=color, ls=":", alpha=0.8)
    lo = min(e.one_sided[e.one_sided > 0].min(), e.central[e.central > 0].min())
    ax.set(xlabel=str(msg("step")), ylabel=str(msg("error")), title=str(msg("title")),
           ylim=(lo / 10, None))
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8, loc="upper center", framealpha=0.9)
    fig.tight_layout()
    return fig
