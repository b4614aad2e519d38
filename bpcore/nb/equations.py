"""The four fundamental equations, checked by finite differences (notebooks 05 and 06).

:func:`equations_explorer`, a widget that shows δ^l from BP1/BP2 beside its finite-difference
value (:func:`bpcore.gradcheck.numerical_delta`, nudging z^l directly) and ∂C/∂w^l from BP4
beside :func:`bpcore.numerical_gradient`; and :func:`jacobian_figure` for notebook 06.

Layers are numbered as in the book: l = 2 … L, so layer l uses ``net.weights[l - 2]``.
"""

import ipywidgets as widgets
import numpy as np
from matplotlib import ticker

import bpcore
from bpcore import gradcheck
from bpcore.i18n import register

from . import layout, live
from .widget import Interactive

msg = register("equations", {
    "layer": "layer l",
    "nudge": "nudge $z^l_j$",
    "neuron_j": "neuron $j$",
    "k_axis": "$k$ (neuron in layer $l-1$)",
    "j_axis": "$j$ (neuron in layer $l$)",
    "fd_title": "finite differences on $w^{{{l}}}$",
    "readout": "<b>l = {l}</b>, σ = {activation}.<br>{delta_by} = <code>{delta_bp}</code>; "
               "{by_nudging} <code>{delta_fd}</code>. {agree} <b>{delta_verdict}</b>.<br>"
               "{w_by} <b>{w_verdict}</b>.",
    "delta_by": "δ<sup>{l}</sup> by {how}",
    "by_nudging": "by nudging z<sup>{l}</sup>:",
    "agree": "Agree (rel. error &lt; 1e-7):",
    "yes": "yes ✓",
    "no": "NO ✗",
    "w_by": "∂C/∂w<sup>{l}</sup> by BP4 vs finite differences:",
    "w_agree": "agree ✓",
    "w_disagree": "DISAGREE ✗",
    "column": "column $j$",
    "row": "row $k$",
})


def _fmt(v):
    """A column vector as '[0.1234, -0.0567]' (rounded, no '-0.0000')."""
    return "[" + ", ".join(f"{round(float(t), 4) + 0.0:.4f}" for t in np.ravel(v)) + "]"


# -- the widget for notebook 05 --------------------------------------------------------


def _nowrap(html):
    """``html`` (a str or a catalogue message) kept on one line in the readout (no break
    inside a formula like ∂C/∂w⁴)."""
    return f"<span style='white-space:nowrap'>{html}</span>"


class EquationsExplorer(Interactive):
    """A layer slider and an activation switch over one small seeded network (notebook 05).

    controls: ``l`` (the layer) and ``activation`` ("sigmoid" / "tanh"). Shown: ``readout``,
    ``artists`` ({"bp", "fd": Line2D, "images": [BP4's, finite differences']}), and the
    numbers ``delta_bp``/``delta_fd`` (δ^l by BP1/BP2 and by nudging z^l), ``nabla_w_bp`` and
    ``nabla_w_fd`` (∂C/∂w^l by BP4 and by :func:`bpcore.numerical_gradient`), ``rule``.

    There are only 2 × (L − 1) states (activation, l), so each one's numbers are computed
    once (``_states``), and each is a state of a :class:`live.Painter` with nothing moving:
    live, every state's frame is drawn off screen with the first frame and then shown from
    its kept pixels, so a control change draws nothing. The layout is computed once
    (:func:`layout.freeze`).
    """

    def __init__(self, sizes=(3, 4, 4, 2), seed=0):
        self.sizes, self.seed = list(sizes), seed
        rng = np.random.default_rng(seed)
        self.x = rng.standard_normal((self.sizes[0], 1))
        self.y = np.zeros((self.sizes[-1], 1))
        self.y[0] = 1.0
        L = len(self.sizes)
        self._states = {}  # (activation, l) → the numbers shown (see _state)

        fig, axes = layout.figure(8.4, 3.4, ncols=3, gridspec_kw={"width_ratios": [1.1, 1, 1]},
                                  layout="constrained")
        fig.get_layout_engine().set(w_pad=0.08, wspace=0.1)  # labels clear of the next axes
        self.figure, self.axes = fig, axes
        ax_d, ax_bp, ax_fd = axes
        (bp_line,) = ax_d.plot([], [], "o", ms=10, color="tab:blue", label="BP1/BP2")
        (fd_line,) = ax_d.plot([], [], "x", ms=10, mew=2, color="tab:orange",
                               label=str(msg("nudge")))
        ax_d.axhline(0, color="0.6", lw=0.8)
        ax_d.set_xlabel(str(msg("neuron_j")))
        ax_d.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2, fontsize=8,
                    frameon=False)
        images = []
        for ax in (ax_bp, ax_fd):
            im = ax.imshow(np.zeros((1, 1)), cmap="RdBu_r", vmin=-1, vmax=1)
            ax.set_xlabel(str(msg("k_axis")))
            images.append(im)
        ax_bp.set_ylabel(str(msg("j_axis")))
        colorbar = fig.colorbar(images[1], ax=[ax_bp, ax_fd], shrink=0.85)
        # one width of tick label for every layer's scale: the frozen layout fits them all
        colorbar.formatter = ticker.FuncFormatter(lambda v, _: f"{v:.0e}" if v else "0")
        self.artists = {"bp": bp_line, "fd": fd_line, "images": images}

        self.controls = {
            "l": widgets.IntSlider(value=L, min=2, max=L, description=str(msg("layer"))),
            "activation": widgets.ToggleButtons(options=["sigmoid", "tanh"], value="sigmoid",
                                                style={"button_width": "5.5em"},
                                                layout=widgets.Layout(width="auto")),
        }
        self.controls["l"].add_class("explorer-l")  # a hook for browser tests
        self.readout = widgets.HTML()
        self._show(L, "sigmoid")  # the first state, so the frozen layout has room for it
        layout.freeze(fig)
        states = [(a, l) for a in self.controls["activation"].options for l in range(2, L + 1)]
        self.painter = live.Painter(fig, show=lambda state: self._show(state[1], state[0]),
                                    states=states, state=("sigmoid", L))
        # σ is a Label beside its buttons: a ToggleButtons' description sits above them
        row = widgets.HBox([self.controls["l"], widgets.Label("σ"), self.controls["activation"]],
                           layout=widgets.Layout(align_items="center"))
        self._assemble(row, layout.canvas(fig), self.readout)

    def _state(self, activation, l):
        """The numbers shown for ``(activation, l)``, computed once."""
        if (activation, l) not in self._states:
            x, y = self.x, self.y
            net = bpcore.Network(self.sizes, activation=activation, seed=self.seed)
            trace = net.backprop_deltas(x, y)
            _, fd_w = bpcore.numerical_gradient(net, x, y)
            self._states[(activation, l)] = {
                "net": net, "delta_bp": trace.deltas[l - 2],
                "delta_fd": gradcheck.numerical_delta(net, x, y, l),
                "nabla_w_bp": trace.nabla_w[l - 2], "nabla_w_fd": fd_w[l - 2]}
        return self._states[(activation, l)]

    def update(self, change=None):
        l, activation = self.controls["l"].value, self.controls["activation"].value
        self.painter.paint(state=(activation, l))  # its kept frame, once drawn
        self._write_readout(activation)

    def _show(self, l, activation):
        """Put the state ``(activation, l)`` into the attributes and artists."""
        L = len(self.sizes)
        ax_d, ax_bp, ax_fd = self.axes
        state = self._state(activation, l)
        self.net, self.l = state["net"], l
        self.rule = "BP1" if l == L else "BP2"
        self.delta_bp, self.delta_fd = state["delta_bp"], state["delta_fd"]
        self.nabla_w_bp, self.nabla_w_fd = state["nabla_w_bp"], state["nabla_w_fd"]

        j = np.arange(self.sizes[l - 1])
        self.artists["bp"].set_data(j, self.delta_bp.ravel())
        self.artists["fd"].set_data(j, self.delta_fd.ravel())
        top = 1.25 * max(float(np.max(np.abs(self.delta_bp))), 1e-3)
        ax_d.set_xlim(-0.5, len(j) - 0.5)
        ax_d.set_ylim(-top, top)
        ax_d.set_xticks(j, labels=[str(i + 1) for i in j])     # the book counts neurons from 1
        ax_d.set_ylabel(f"$\\delta^{{{l}}}_j = \\partial C/\\partial z^{{{l}}}_j$")
        n_out, n_in = self.nabla_w_bp.shape
        scale = max(float(np.max(np.abs(self.nabla_w_bp))), 1e-3)
        for ax, im, g in zip((ax_bp, ax_fd), self.artists["images"],
                             (self.nabla_w_bp, self.nabla_w_fd), strict=True):
            im.set_data(g)
            im.set_extent((-0.5, n_in - 0.5, n_out - 0.5, -0.5))
            im.set_clim(-scale, scale)
            ax.set_xticks(range(n_in), labels=[str(i + 1) for i in range(n_in)])
            ax.set_yticks(range(n_out), labels=[str(i + 1) for i in range(n_out)])
        ax_bp.set_title(f"BP4: $\\partial C/\\partial w^{{{l}}}$", fontsize=10)
        ax_fd.set_title(str(msg("fd_title", l=l)), fontsize=10)

    def _write_readout(self, activation):
        """The readout of the state :meth:`_show` put in place."""
        l, L = self.l, len(self.sizes)
        ok_delta = bpcore.rel_error(self.delta_bp, self.delta_fd) < 1e-7
        ok_w = bpcore.rel_error(self.nabla_w_bp, self.nabla_w_fd) < 1e-7
        if l == L:
            how = "BP1: ∇<sub>a</sub>C ⊙ σ′(z<sup>L</sup>)"
        else:
            how = (f"BP2: ((w<sup>{l + 1}</sup>)<sup>T</sup> δ<sup>{l + 1}</sup>) "
                   f"⊙ σ′(z<sup>{l}</sup>)")
        self.readout.value = str(msg(
            "readout", l=l, activation=activation,
            delta_by=_nowrap(msg("delta_by", l=l, how=how)), delta_bp=_fmt(self.delta_bp),
            by_nudging=_nowrap(msg("by_nudging", l=l)), delta_fd=_fmt(self.delta_fd),
            agree=_nowrap(msg("agree")), delta_verdict=msg("yes" if ok_delta else "no"),
            w_by=_nowrap(msg("w_by", l=l)),
            w_verdict=msg("w_agree" if ok_w else "w_disagree")))


def equations_explorer(sizes=(3, 4, 4, 2), seed=0):
    """The explorer of notebook 05 (an :class:`EquationsExplorer`): for the chosen layer l it
    plots δ^l from BP1 (l = L) or BP2 (l < L) beside the finite difference ∂C/∂z^l, and heat
    maps of ∂C/∂w^l from BP4 and from finite differences."""
    return EquationsExplorer(sizes, seed)


def jacobian_figure(jacobians, titles, xlabel=None, ylabel=None):
    """Heat maps of a few Jacobians side by side, every entry written in its cell.

    jacobians : list of (m, n) arrays J[k, j]; titles : list of str. The axis labels default
    to "column j" and "row k" in the current language. Returns the figure.
    """
    fig, axes = layout.figure(3.3 * len(jacobians), 3.2, ncols=len(jacobians),
                              layout="constrained")
    axes = np.atleast_1d(axes)
    for ax, J, title in zip(axes, jacobians, titles, strict=True):
        scale = max(float(np.max(np.abs(J))), 1e-12)
        ax.imshow(J, cmap="RdBu_r", vmin=-scale, vmax=scale)
        for (k, j), v in np.ndenumerate(J):
            color = "white" if abs(v) > 0.6 * scale else "black"
            ax.text(j, k, f"{round(float(v), 3) + 0.0:.3f}", ha="center", va="center",
                    fontsize=8, color=color)
        ax.set_xticks(range(J.shape[1]), labels=[str(i + 1) for i in range(J.shape[1])])
        ax.set_yticks(range(J.shape[0]), labels=[str(i + 1) for i in range(J.shape[0])])
        ax.set_title(title, fontsize=10)
        ax.set_xlabel(str(msg("column")) if xlabel is None else xlabel)
    axes[0].set_ylabel(str(msg("row")) if ylabel is None else ylabel)
    return fig
