"""How fast, measured: the figures and timings of notebooks 09 and 10.

* :func:`time_loop_vs_matrix` and :func:`speedup_figure` — the per-example loop against the
  matrix path, for growing mini-batches (notebook 09).
* :class:`CountingNetwork` — a Network that counts its forward passes, i.e. what a
  finite-difference gradient costs; :func:`time_fd_vs_backprop` and
  :func:`fd_timing_figure` — eq. (46) against backprop as P grows (notebook 10).

Every time is :func:`bpcore.timing.best_time`; every count of work is in
:mod:`bpcore.flops`. matplotlib is imported only by the figure builders.
"""

import dataclasses
from dataclasses import dataclass
from functools import partial

import numpy as np

from bpcore.backprop import mean_of_examples
from bpcore.flops import parameter_count
from bpcore.gradcheck import numerical_gradient
from bpcore.i18n import register
from bpcore.network import Network
from bpcore.timing import best_time

msg = register("speed", {
    "batch_title": "Time for one mini-batch gradient",
    "batch_size": "mini-batch size m (log scale)",
    "batch_time": "time per mini-batch (ms, log scale)",
    "loop": "loop: backprop per example",
    "matrix": "matrix: backprop_batch",
    "ratio_title": "Speed-up of the matrix path",
    "ratio": "speed-up: loop time ÷ matrix time",
    "this_machine": "numpy, this machine",
    "book": "book: about {ratio}×",
    "fd_title": "Time for one gradient: finite differences vs backprop",
    "parameters": "number of parameters P (log scale)",
    "gradient_time": "time per gradient (s, log scale)",
    "fd": "finite differences (46): P + 1 forward passes",
    "bp": "backprop: 1 forward + 1 backward pass",
})


# -- the loop against the matrix path (notebook 09) ------------------------------------
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


# -- finite differences against backprop (notebook 10) ----------------------------------
class CountingNetwork(Network):
    """A Network that counts in ``forward_passes`` every forward pass that ends in a cost.

    It counts the calls of its cost function C_x(a, y): ``total_cost`` makes one, and so does
    each cost evaluation of a finite-difference gradient, so afterwards ``forward_passes``
    says exactly what the gradient cost. Backprop never evaluates C_x, only ∇_a C.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.forward_passes = 0
        fn = self.cost.fn

        def counted(a, y):
            self.forward_passes += 1
            return fn(a, y)

        self.cost = dataclasses.replace(self.cost, fn=counted)


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
    """Time eq. (46) for every parameter (``numerical_gradient(..., scheme="forward")``) and
    ``backprop_batch`` on random data, m examples, for each network ``sizes`` in
    ``sizes_list`` (repeats taken round-robin, best kept)."""
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
            t_fd[n] = min(t_fd[n], best_time(partial(numerical_gradient, net, X, Y,
                                                     scheme="forward"), 1))
            t_bp[n] = min(t_bp[n], best_time(partial(net.backprop_batch, X, Y), 1, number=10))
    P = np.array([parameter_count(sizes) for sizes in sizes_list])
    return FDTiming(list(sizes_list), P, t_fd, t_bp)


# -- figures ------------------------------------------------------------------------------
def speedup_figure(s, book_ratio=2.0):
    """Left: seconds per mini-batch against m (log-log). Right: the ratio, with the book's 2×."""
    from . import layout

    fig, (ax_t, ax_r) = layout.figure(8.4, 3.4, ncols=2)
    ax_t.loglog(s.ms, s.t_loop * 1e3, "o-", label=str(msg("loop")))
    ax_t.loglog(s.ms, s.t_matrix * 1e3, "s-", label=str(msg("matrix")))
    ax_t.set(xlabel=str(msg("batch_size")), ylabel=str(msg("batch_time")),
             title=str(msg("batch_title")))
    ax_t.legend(fontsize=8)
    ax_r.semilogx(s.ms, s.ratio, "o-", color="C2", label=str(msg("this_machine")))
    ax_r.axhline(book_ratio, color="gray", ls="--",
                 label=str(msg("book", ratio=f"{book_ratio:g}")))
    ax_r.set(xlabel=str(msg("batch_size")), ylabel=str(msg("ratio")),
             title=str(msg("ratio_title")), ylim=(0, None))
    ax_r.legend(fontsize=8)
    for ax in (ax_t, ax_r):
        ax.grid(True, which="both", alpha=0.3)
    fig.tight_layout()
    return fig


def fd_timing_figure(t):
    """Seconds per gradient against P (log-log): eq. (46) against backprop."""
    from . import layout

    fig, ax = layout.figure(6.0, 3.6)
    ax.loglog(t.P, t.t_fd, "o-", label=str(msg("fd")))
    ax.loglog(t.P, t.t_bp, "s-", label=str(msg("bp")))
    for P, t_fd, r in zip(t.P, t.t_fd, t.ratio, strict=True):
        ax.annotate(f"{r:.0f}×", (P, t_fd), textcoords="offset points", xytext=(0, 7),
                    fontsize=8, ha="center")
    ax.set(xlabel=str(msg("parameters")), ylabel=str(msg("gradient_time")),
           title=str(msg("fd_title")))
    ax.grid(True, which="both", alpha=0.3)
    ax.margins(x=0.08, y=0.15)
    ax.legend(fontsize=8, loc="upper left")
    fig.tight_layout()
    return fig
