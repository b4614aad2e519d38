"""Timing, forward-pass counting and the figures of notebooks 09 and 10.

* :func:`best_time` — the minimum over repeats of ``time.perf_counter`` durations (the
  minimum, not the mean: anything slower than the fastest run is interference from the
  rest of the machine, not the cost of the code).
* :class:`CountingNetwork` — a Network that counts how often its cost is evaluated, i.e.
  how many forward passes a finite-difference gradient costs.
* :func:`one_sided_gradient` — the book's eq. (46) for every parameter.
* :func:`eps_errors` — the error of one-sided and central differences against ε.
* figure builders: :func:`speedup_figure`, :func:`fd_timing_figure`, :func:`eps_figure`.

matplotlib is imported only by the figure builders, so the numeric helpers stay light.
"""

import time
from dataclasses import dataclass
from functools import partial
from itertools import pairwise

import numpy as np

from bpcore.backprop import mean_of_examples
from bpcore.network import Network

# Unit roundoff of float64: the relative error of one rounding, 2^-53 ≈ 1.1e-16.
UNIT_ROUNDOFF = np.finfo(np.float64).eps / 2


# -- timing -------------------------------------------------------------------------------
def best_time(fn, repeats=5, number=1):
    """Seconds per call of ``fn()``: ``number`` calls timed together, best of ``repeats``."""
    if repeats < 1 or number < 1:
        raise ValueError(f"repeats and number must be ≥ 1; got {repeats}, {number}")
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        best = min(best, time.perf_counter() - start)
    return best / number


@dataclass
class Speedup:
    """Seconds per mini-batch for each batch size m: the per-example loop and the matrix path."""

    ms: np.ndarray
    t_loop: np.ndarray
    t_matrix: np.ndarray

    @property
    def ratio(self):
        """t_loop / t_matrix: how many times faster the matrix path is."""
        return self.t_loop / self.t_matrix


def time_loop_vs_matrix(net, X, Y, ms, repeats=5):
    """Time ``mean_of_examples`` (one backprop per column) against ``net.backprop_batch``
    on the first m columns of X ``(n_1, ≥ max m)``, Y ``(n_L, ≥ max m)``, for each m.

    The repeats go round all the m in turn, so a burst of activity elsewhere on the machine
    spoils one run of several sizes rather than every run of one size.
    """
    batches = [(X[:, :m], Y[:, :m]) for m in ms]
    t_loop = np.full(len(ms), np.inf)
    t_matrix = np.full(len(ms), np.inf)
    for _ in range(repeats):
        for n, (Xm, Ym) in enumerate(batches):
            t_loop[n] = min(t_loop[n], best_time(partial(mean_of_examples, net, Xm, Ym), 1))
            t_matrix[n] = min(t_matrix[n],
                              best_time(partial(net.backprop_batch, Xm, Ym), 1, number=3))
    return Speedup(np.array(ms), t_loop, t_matrix)


# -- counting parameters, passes and flops ------------------------------------------------
def parameter_count(sizes):
    """P, the number of weights and biases of a network ``sizes = [n_1, …, n_L]``."""
    return sum(n * n_prev + n for n_prev, n in pairwise(sizes))


def forward_flops(sizes, m=1):
    """Multiply-adds of the forward pass's products w^l a^{l−1} (eq. 25), l = 2 … L."""
    return m * sum(n * n_prev for n_prev, n in pairwise(sizes))


def backward_flops(sizes, m=1):
    """Multiply-adds of the backward pass: (w^{l+1})^T δ^{l+1} for l = L−1 … 2 (BP2), and
    δ^l (a^{l−1})^T for l = L … 2 (BP4). The input layer needs no δ, so w^2 has no BP2."""
    products = [n * n_prev for n_prev, n in pairwise(sizes)]
    return m * (sum(products[1:]) + sum(products))


class CountingNetwork(Network):
    """A Network whose ``total_cost`` counts its calls in ``forward_passes``.

    Each call of ``total_cost`` is one forward pass over the batch, so after a
    finite-difference gradient ``forward_passes`` says exactly what it cost.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.forward_passes = 0

    def total_cost(self, X, Y):
        self.forward_passes += 1
        return super().total_cost(X, Y)


def one_sided_gradient(net, X, Y, eps=1e-5):
    """Eq. (46) for every parameter: ∂C/∂p ≈ (C(p + ε) − C(p)) / ε.

    One forward pass for C(w, b), then one per parameter: P + 1 in all. Returns
    ``(nabla_b, nabla_w)`` shaped like ``net.biases``, ``net.weights``; restores them.
    """
    c = net.total_cost(X, Y)
    grads = []
    for params in (net.biases, net.weights):
        grads.append([])
        for p in params:
            g = np.zeros_like(p)
            for idx in np.ndindex(p.shape):
                old = p[idx]
                p[idx] = old + eps
                g[idx] = (net.total_cost(X, Y) - c) / eps
                p[idx] = old
            grads[-1].append(g)
    return grads[0], grads[1]


@dataclass
class FDTiming:
    """Seconds for one gradient by eq. (46) and by backprop, for networks with P parameters."""

    sizes: list
    P: np.ndarray
    t_fd: np.ndarray
    t_bp: np.ndarray

    @property
    def ratio(self):
        return self.t_fd / self.t_bp


def time_fd_vs_backprop(sizes_list, m=10, seed=0, repeats=3):
    """Time :func:`one_sided_gradient` and ``backprop_batch`` on random data, m examples,
    for each network ``sizes`` in ``sizes_list`` (repeats taken round-robin, best kept)."""
    rng = np.random.default_rng(seed)
    cases = []
    for sizes in sizes_list:
        net = Network(sizes, seed=seed)
        X = rng.standard_normal((sizes[0], m))
        Y = rng.uniform(size=(sizes[-1], m))
        cases.append((net, X, Y))
    t_fd = np.full(len(cases), np.inf)
    t_bp = np.full(len(cases), np.inf)
    for _ in range(repeats):
        for n, (net, X, Y) in enumerate(cases):
            t_fd[n] = min(t_fd[n], best_time(partial(one_sided_gradient, net, X, Y), 1))
            t_bp[n] = min(t_bp[n], best_time(partial(net.backprop_batch, X, Y), 1, number=10))
    P = np.array([parameter_count(sizes) for sizes in sizes_list])
    return FDTiming(list(sizes_list), P, t_fd, t_bp)


# -- accuracy against ε -------------------------------------------------------------------
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
    """Errors of eqs. (46) and its central version for ∂C/∂w, w = ``net.weights[i][j, k]``.

    The reference is backprop; C'' and C''' come from central differences of backprop's
    gradient with step h (their own small error does not matter for a model curve).
    """
    w = net.weights[i]
    old = w[j, k]

    def cost_at(v):
        w[j, k] = v
        return net.total_cost(X, Y)

    def grad_at(v):
        w[j, k] = v
        return net.backprop_batch(X, Y)[1][i][j, k]

    try:
        c = cost_at(old)
        exact = grad_at(old)
        one = [abs((cost_at(old + e) - c) / e - exact) for e in eps_values]
        cen = [abs((cost_at(old + e) - cost_at(old - e)) / (2 * e) - exact) for e in eps_values]
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


# -- figures ------------------------------------------------------------------------------
def speedup_figure(s, book_ratio=2.0):
    """Left: seconds per mini-batch against m (log-log). Right: the ratio, with the book's 2×."""
    from . import layout

    fig, (ax_t, ax_r) = layout.figure(8.4, 3.4, ncols=2)
    ax_t.loglog(s.ms, s.t_loop * 1e3, "o-", label="loop: backprop per example")
    ax_t.loglog(s.ms, s.t_matrix * 1e3, "s-", label="matrix: backprop_batch")
    ax_t.set(xlabel="mini-batch size m", ylabel="ms per mini-batch",
             title="Time for one mini-batch gradient")
    ax_t.legend(fontsize=8)
    ax_r.semilogx(s.ms, s.ratio, "o-", color="C2", label="numpy, this machine")
    ax_r.axhline(book_ratio, color="gray", ls="--", label=f"book: about {book_ratio:g}×")
    ax_r.set(xlabel="mini-batch size m", ylabel="loop time / matrix time",
             title="Speed-up of the matrix path", ylim=(0, None))
    ax_r.legend(fontsize=8)
    for ax in (ax_t, ax_r):
        ax.grid(True, which="both", alpha=0.3)
    fig.tight_layout()
    return fig


def fd_timing_figure(t):
    """Seconds per gradient against P (log-log): eq. (46) against backprop."""
    from . import layout

    fig, ax = layout.figure(6.0, 3.6)
    ax.loglog(t.P, t.t_fd, "o-", label="finite differences (46): P + 1 forward passes")
    ax.loglog(t.P, t.t_bp, "s-", label="backprop: 1 forward + 1 backward")
    for P, t_fd, r in zip(t.P, t.t_fd, t.ratio, strict=True):
        ax.annotate(f"{r:.0f}×", (P, t_fd), textcoords="offset points", xytext=(0, 7),
                    fontsize=8, ha="center")
    ax.set(xlabel="number of parameters P", ylabel="seconds per gradient",
           title="One gradient: finite differences vs backprop")
    ax.grid(True, which="both", alpha=0.3)
    ax.margins(x=0.08, y=0.15)
    ax.legend(fontsize=8, loc="upper left")
    fig.tight_layout()
    return fig


def eps_figure(e):
    """The U-shaped error curves of one-sided and central differences against ε."""
    from . import layout

    fig, ax = layout.figure(6.5, 4.0)
    fine = np.logspace(np.log10(e.eps[0]), np.log10(e.eps[-1]), 200)
    tiny = 1e-20  # an error of exactly 0 cannot be drawn on a log axis
    ax.loglog(e.eps, np.maximum(e.one_sided, tiny), "o-", ms=4, label="one-sided (46)")
    ax.loglog(e.eps, np.maximum(e.central, tiny), "s-", ms=4, label="central")
    ax.loglog(fine, e.model_one_sided(fine), "--", color="C0", alpha=0.6,
              label=r"model: $|C''|\epsilon/2 + 2u|C|/\epsilon$")
    ax.loglog(fine, e.model_central(fine), "--", color="C1", alpha=0.6,
              label=r"model: $|C'''|\epsilon^2/6 + u|C|/\epsilon$")
    for kind, color in (("one_sided", "C0"), ("central", "C1")):
        ax.axvline(e.best(kind), color=color, ls=":", alpha=0.8)
    lo = min(e.one_sided[e.one_sided > 0].min(), e.central[e.central > 0].min())
    ax.set(xlabel=r"step $\epsilon$", ylabel="|finite difference − backprop|",
           title="Accuracy of finite differences", ylim=(lo / 10, None))
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8, loc="upper center", framealpha=0.9)
    fig.tight_layout()
    return fig
