"""Gradient descent on a 2-D valley, live, plus the numbers behind SGD's mini-batch estimate.

The valley is C(v) = v_1² + 3 v_2²: gentle along v_1, steep along v_2. Its gradient is
∇C = (2 v_1, 6 v_2), so one step v → v − η∇C multiplies v_1 by (1 − 2η) and v_2 by
(1 − 6η). Steps overshoot the valley floor once η > 1/6 and blow up once η > 1/3.
"""

import ipywidgets as widgets
import matplotlib.ticker as ticker
import numpy as np

from ..i18n import register
from . import layout, live
from .widget import Interactive

msg = register("gd", {
    "eta": "learning rate η",
    "steps": "steps",
    "start_v1": "start v₁",
    "start_v2": "start v₂",
    "valley_title": "{cost} and the steps {step}",
    "step": "step",
    "cost_axis": "$C$ (log scale)",
    "cost_title": "cost after each step",
    "readout": "η = {eta}, start v = ({v1}, {v2}): C = {start} → <b>{end}</b> after {steps} steps",
    "diverged": "diverged: each step jumps further up the other side and C grew from {start} "
                "to {end}; η is too large",
    "overshot": "overshot: {overshoots} of {steps} steps jumped past the valley floor "
                "(the zig-zag), yet C still fell",
    "crawling": "crawling: after {steps} steps C is still {percent}% of where it started; "
                "η is small",
    "converged": "converged smoothly: every step went downhill without overshooting",
    "measured": "measured spread",
    "batch_size": "mini-batch size $m$",
    "rms": r"RMS $\|\,$estimate $-\ \nabla C\,\|$",
    "spread_title": "mini-batch gradient estimates tighten like {rate}",
})

LIMITS = (-3.2, 3.2, -2.2, 2.2)  # v_1 from, to; v_2 from, to
BLOW_UP = 1e6  # stop iterating once C exceeds this: the step size has clearly diverged
MAX_STEPS = 50  # the steps slider's largest value
# The cost panel's fixed C axis: from "numerically zero" up past BLOW_UP. It does not follow
# the sliders, so a slider move repaints only the lines (no axis, no tick labels).
COST_LIMITS = (1e-12, 1e7)


def valley_cost(v1, v2):
    """C(v) = v_1² + 3 v_2², for numbers or grids of numbers."""
    return v1**2 + 3.0 * v2**2


def valley_grad(v):
    """∇C = (∂C/∂v_1, ∂C/∂v_2) = (2 v_1, 6 v_2) for v of shape (2,)."""
    v = np.asarray(v, dtype=float)
    return np.array([2.0 * v[0], 6.0 * v[1]])


def descend(v0, eta, steps, cost=valley_cost, grad=valley_grad):
    """Repeat v → v − η∇C ``steps`` times from v0.

    Returns ``(trajectory, costs)``: trajectory ``(s + 1, 2)`` holds v_0 … v_s and costs
    ``(s + 1,)`` holds C there. s is ``steps`` unless C passed ``BLOW_UP`` first.
    """
    v = np.asarray(v0, dtype=float).copy()
    trajectory, costs = [v.copy()], [float(cost(*v))]
    for _ in range(int(steps)):
        v = v - eta * grad(v)
        trajectory.append(v.copy())
        costs.append(float(cost(*v)))
        if not costs[-1] < BLOW_UP:
            break
    return np.array(trajectory), np.array(costs)


def count_overshoots(trajectory, grad=valley_grad):
    """Steps after which the slope points the other way: ∇C(v_{t+1}) · ∇C(v_t) < 0,
    i.e. the step jumped past the bottom of the valley."""
    g = np.array([grad(v) for v in trajectory])
    return int(np.sum(np.einsum("ti,ti->t", g[1:], g[:-1]) < 0))


def verdict(costs, overshoots):
    """One of "diverged", "overshot", "crawling", "converged", and a sentence saying why."""
    c0, c = costs[0], costs[-1]
    steps = len(costs) - 1
    if c > c0:
        return "diverged", str(msg("diverged", start=f"{c0:.4g}", end=f"{c:.4g}"))
    if overshoots:
        return "overshot", str(msg("overshot", overshoots=overshoots, steps=steps))
    if c > 0.01 * c0:
        return "crawling", str(msg("crawling", steps=steps, percent=f"{100 * c / c0:.0f}"))
    return "converged", str(msg("converged"))


class GradientDescentWidget(Interactive):
    """Sliders for η, the start point v_0 and the number of steps, driving a trajectory drawn
    over the contours of the valley and C against the step number.

    controls: ``eta``, ``steps``, ``v1``, ``v2``. Shown: ``readout``, ``path_line``,
    ``cost_line``; the numbers ``trajectory``, ``costs``, ``overshoots``, ``status``.
    """

    def __init__(self, eta=0.1, v0=(-2.5, 1.5), steps=20):
        fig, (ax, ax_c) = layout.figure(width=8.6, height=3.4, ncols=2,
                                        gridspec_kw={"width_ratios": [1.35, 1]})
        v1g, v2g = np.meshgrid(np.linspace(*LIMITS[:2], 161), np.linspace(*LIMITS[2:], 121))
        cs = ax.contour(v1g, v2g, valley_cost(v1g, v2g), levels=[1, 3, 6, 10, 15, 21],
                        cmap="Blues_r", linewidths=0.8)
        ax.clabel(cs, fontsize=7, fmt="%g")
        ax.plot([0], [0], marker="*", color="k", markersize=9, linestyle="none")
        (self.path_line,) = ax.plot([], [], "o-", color="tab:red", markersize=3, linewidth=1.2)
        (self.start_marker,) = ax.plot([], [], "o", color="tab:red", markersize=7,
                                markerfacecolor="white")
        ax.set(xlim=LIMITS[:2], ylim=LIMITS[2:], xlabel="$v_1$", ylabel="$v_2$",
               title=str(msg("valley_title", cost="$C(v) = v_1^2 + 3v_2^2$",
                             step=r"$v \to v - \eta\nabla C$")))
        ax.title.set_fontsize(10)
        ax.set_aspect("equal")
        (self.cost_line,) = ax_c.semilogy([], [], "o-", color="tab:red", markersize=3,
                                          linewidth=1)
        ax_c.set(xlim=(-0.5, MAX_STEPS + 0.5), ylim=COST_LIMITS, xlabel=str(msg("step")),
                 ylabel=str(msg("cost_axis")), title=str(msg("cost_title")))
        ax_c.title.set_fontsize(10)
        ax_c.grid(True, which="major", alpha=0.3)
        fig.subplots_adjust(left=0.07, right=0.98, bottom=0.15, top=0.88, wspace=0.25)
        self.figure, self.ax_cost = fig, ax_c
        layout.freeze(fig)
        self.painter = live.Painter(fig, moving=[self.path_line, self.start_marker,
                                                 self.cost_line])

        style = {"description_width": "110px"}
        lay = widgets.Layout(width="360px")
        self.controls = {
            "eta": widgets.FloatSlider(value=eta, min=0.01, max=0.4, step=0.01,
                                       readout_format=".2f", description=str(msg("eta")),
                                       style=style, layout=lay),
            "steps": widgets.IntSlider(value=steps, min=1, max=MAX_STEPS,
                                       description=str(msg("steps")), style=style, layout=lay),
            "v1": widgets.FloatSlider(value=v0[0], min=-3.0, max=3.0, step=0.1,
                                      description=str(msg("start_v1")), style=style, layout=lay),
            "v2": widgets.FloatSlider(value=v0[1], min=-2.0, max=2.0, step=0.1,
                                      description=str(msg("start_v2")), style=style, layout=lay),
        }
        self.readout = widgets.HTML()
        c = self.controls
        self._assemble(widgets.HBox([widgets.VBox([c["eta"], c["steps"]]),
                                 widgets.VBox([c["v1"], c["v2"]])]),
                   self.readout, layout.canvas(fig))

    @property
    def final_cost(self):
        return float(self.costs[-1])

    def update(self, change=None):
        c = self.controls
        eta, steps = c["eta"].value, c["steps"].value
        self.trajectory, self.costs = descend((c["v1"].value, c["v2"].value), eta, steps)
        self.overshoots = count_overshoots(self.trajectory)
        self.status, sentence = verdict(self.costs, self.overshoots)
        self.path_line.set_data(self.trajectory[:, 0], self.trajectory[:, 1])
        self.start_marker.set_data([self.trajectory[0, 0]], [self.trajectory[0, 1]])
        self.cost_line.set_data(np.arange(len(self.costs)), self.costs)
        color = {"diverged": "#b00", "overshot": "#a60", "crawling": "#555"}.get(self.status,
                                                                                 "#070")
        numbers = msg("readout", eta=f"{eta:.2f}", v1=f"{c['v1'].value:.1f}",
                      v2=f"{c['v2'].value:.1f}", start=f"{self.costs[0]:.4g}",
                      end=f"{self.final_cost:.4g}", steps=len(self.costs) - 1)
        self.readout.value = f"{numbers}<br><span style='color:{color}'>{sentence}</span>"
        self.painter.paint()  # only the three lines moved


def gd_widget(eta=0.1, v0=(-2.5, 1.5), steps=20):
    """The gradient-descent widget (a :class:`GradientDescentWidget`): sliders for η, the
    start point v_0 and the number of steps."""
    return GradientDescentWidget(eta, v0, steps)


# -- SGD: how well does a mini-batch's gradient estimate the full gradient? ------------

def least_squares_data(n=10_000, seed=0):
    """A seeded regression set for a 2-weight linear model: X ``(2, n)`` (a column per
    example, first row all ones for an intercept), y ``(n,)`` with y ≈ 1.5 + 0.8 x + noise."""
    rng = np.random.default_rng(seed)
    x = rng.normal(0.0, 1.0, n)
    y = 1.5 + 0.8 * x + rng.normal(0.0, 0.5, n)
    return np.vstack([np.ones(n), x]), y


def per_example_grads(w, X, y):
    """∂C_x/∂w for C_x = ½(w·x − y)², one row per example: ``(n, 2)``."""
    residual = w @ X - y  # (n,)
    return (residual * X).T


def minibatch_spread(G, ms, trials=400, seed=0):
    """RMS distance between a mini-batch estimate (1/m) Σ ∇C_X and the full mean gradient.

    G : (n, p) per-example gradients. For each m in ms, draws ``trials`` mini-batches of m
    examples uniformly at random (with replacement, so the expected spread is exactly
    σ/√m). Returns ``(spreads (len(ms),), sigma)`` where σ is the spread for m = 1 computed
    directly: σ = sqrt(mean ‖∇C_x − ∇C‖²).
    """
    rng = np.random.default_rng(seed)
    full = G.mean(axis=0)
    sigma = float(np.sqrt(np.mean(np.sum((G - full) ** 2, axis=1))))
    spreads = []
    for m in ms:
        idx = rng.integers(0, len(G), size=(trials, m))
        estimates = G[idx].mean(axis=1)  # (trials, p)
        spreads.append(np.sqrt(np.mean(np.sum((estimates - full) ** 2, axis=1))))
    return np.array(spreads), sigma


def spread_figure(ms, spreads, sigma):
    """Log-log plot of the mini-batch spread against m, with the σ/√m line."""
    fig, ax = layout.figure(width=5.2, height=3.2)
    ms, spreads = np.asarray(ms), np.asarray(spreads)
    ax.loglog(ms, sigma / np.sqrt(ms), "--", color="0.5", label=r"$\sigma/\sqrt{m}$")
    ax.loglog(ms, spreads, "o", color="tab:blue", label=str(msg("measured")))
    ax.set(xlabel=str(msg("batch_size")), ylabel=str(msg("rms")),
           title=str(msg("spread_title", rate=r"$1/\sqrt{m}$")))
    ax.title.set_fontsize(10)
    ax.legend()
    ax.grid(True, which="major", alpha=0.3)
    plain = ticker.FuncFormatter(lambda y, _pos: f"{y:g}")
    ax.set_yticks([0.05, 0.1, 0.2, 0.5, 1, 2, 5])
    lowest = min(spreads.min(), sigma / np.sqrt(ms.max()))
    ax.set_ylim(0.7 * lowest, 1.5 * max(spreads.max(), sigma))
    ax.yaxis.set_major_formatter(plain)
    ax.yaxis.set_minor_formatter(ticker.NullFormatter())
    ax.xaxis.set_major_formatter(plain)
    fig.subplots_adjust(left=0.15, right=0.97, bottom=0.16, top=0.9)
    return fig, ax
