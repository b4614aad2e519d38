"""The four fundamental equations, checked by finite differences (notebooks 05 and 06).

:func:`equations_explorer`, a widget that shows δ^l from BP1/BP2 beside its finite-difference
value (:func:`bpcore.gradcheck.numerical_delta`, nudging z^l directly) and ∂C/∂w^l from BP4
beside :func:`bpcore.numerical_gradient`; and :func:`jacobian_figure` for notebook 06.

Layers are numbered as in the book: l = 2 … L, so layer l uses ``net.weights[l - 2]``.
"""

import ipywidgets as widgets
import numpy as np

import bpcore
from bpcore import gradcheck

from . import layout
from .widget import Interactive


def _fmt(v):
    """A column vector as '[0.1234, -0.0567]' (rounded, no '-0.0000')."""
    return "[" + ", ".join(f"{round(float(t), 4) + 0.0:.4f}" for t in np.ravel(v)) + "]"


# -- the widget for notebook 05 --------------------------------------------------------


class EquationsExplorer(Interactive):
    """A layer slider and an activation switch over one small seeded network (notebook 05).

    controls: ``l`` (the layer) and ``activation`` ("sigmoid" / "tanh"). Shown: ``readout``,
    ``artists`` ({"bp", "fd": Line2D, "images": [BP4's, finite differences']}), and the
    numbers ``delta_bp``/``delta_fd`` (δ^l by BP1/BP2 and by nudging z^l), ``nabla_w_bp`` and
    ``nabla_w_fd`` (∂C/∂w^l by BP4 and by :func:`bpcore.numerical_gradient`), ``rule``.
    """

    def __init__(self, sizes=(3, 4, 4, 2), seed=0):
        self.sizes, self.seed = list(sizes), seed
        rng = np.random.default_rng(seed)
        self.x = rng.standard_normal((self.sizes[0], 1))
        self.y = np.zeros((self.sizes[-1], 1))
        self.y[0] = 1.0
        L = len(self.sizes)

        fig, axes = layout.figure(8.4, 3.4, ncols=3, gridspec_kw={"width_ratios": [1.1, 1, 1]},
                                  layout="constrained")
        self.figure, self.axes = fig, axes
        ax_d, ax_bp, ax_fd = axes
        (bp_line,) = ax_d.plot([], [], "o", ms=10, color="tab:blue", label="BP1/BP2")
        (fd_line,) = ax_d.plot([], [], "x", ms=10, mew=2, color="tab:orange",
                               label="nudge $z^l_j$")
        ax_d.axhline(0, color="0.6", lw=0.8)
        ax_d.set_xlabel("neuron $j$")
        ax_d.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2, fontsize=8,
                    frameon=False)
        images = []
        for ax, title in ((ax_bp, "BP4: $a^{l-1}_k\\,\\delta^l_j$"),
                          (ax_fd, "finite differences")):
            im = ax.imshow(np.zeros((1, 1)), cmap="RdBu_r", vmin=-1, vmax=1)
            ax.set_title(title, fontsize=10)
            ax.set_xlabel("$k$ (neuron in layer $l-1$)")
            images.append(im)
        ax_bp.set_ylabel("$j$ (neuron in layer $l$)")
        fig.colorbar(images[1], ax=[ax_bp, ax_fd], shrink=0.85)
        self.artists = {"bp": bp_line, "fd": fd_line, "images": images}

        self.controls = {
            "l": widgets.IntSlider(value=L, min=2, max=L, description="layer l"),
            "activation": widgets.ToggleButtons(options=["sigmoid", "tanh"], value="sigmoid",
                                                description="σ"),
        }
        self.readout = widgets.HTML()
        self._assemble(widgets.HBox(list(self.controls.values())), layout.canvas(fig), self.readout)

    def update(self, change=None):
        l, activation = self.controls["l"].value, self.controls["activation"].value
        x, y, L = self.x, self.y, len(self.sizes)
        ax_d, ax_bp, ax_fd = self.axes
        net = bpcore.Network(self.sizes, activation=activation, seed=self.seed)
        trace = net.backprop_deltas(x, y)
        _, fd_w = bpcore.numerical_gradient(net, x, y)
        self.net, self.l = net, l
        self.rule = "BP1" if l == L else "BP2"
        self.delta_bp = trace.deltas[l - 2]
        self.delta_fd = gradcheck.numerical_delta(net, x, y, l)
        self.nabla_w_bp = trace.nabla_w[l - 2]
        self.nabla_w_fd = fd_w[l - 2]

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
        ax_fd.set_title(f"finite differences on $w^{{{l}}}$", fontsize=10)

        ok_delta = bpcore.rel_error(self.delta_bp, self.delta_fd) < 1e-7
        ok_w = bpcore.rel_error(self.nabla_w_bp, self.nabla_w_fd) < 1e-7
        if l == L:
            how = "BP1: ∇<sub>a</sub>C ⊙ σ′(z<sup>L</sup>)"
        else:
            how = (f"BP2: ((w<sup>{l + 1}</sup>)<sup>T</sup> δ<sup>{l + 1}</sup>) "
                   f"⊙ σ′(z<sup>{l}</sup>)")
        self.readout.value = (
            f"<b>l = {l}</b>, σ = {activation}. δ<sup>{l}</sup> by {how} = "
            f"<code>{_fmt(self.delta_bp)}</code>; by nudging z<sup>{l}</sup>: "
            f"<code>{_fmt(self.delta_fd)}</code>. "
            f"Agree (rel. error &lt; 1e-7): <b>{'yes ✓' if ok_delta else 'NO ✗'}</b>. "
            f"∂C/∂w<sup>{l}</sup> by BP4 vs finite differences: "
            f"<b>{'agree ✓' if ok_w else 'DISAGREE ✗'}</b>."
        )
        layout.redraw(self.figure)


def equations_explorer(sizes=(3, 4, 4, 2), seed=0):
    """The explorer of notebook 05 (an :class:`EquationsExplorer`): for the chosen layer l it
    plots δ^l from BP1 (l = L) or BP2 (l < L) beside the finite difference ∂C/∂z^l, and heat
    maps of ∂C/∂w^l from BP4 and from finite differences."""
    return EquationsExplorer(sizes, seed)


def jacobian_figure(jacobians, titles, xlabel="column $j$", ylabel="row $k$"):
    """Heat maps of a few Jacobians side by side, every entry written in its cell.

    jacobians : list of (m, n) arrays J[k, j]; titles : list of str. Returns the figure.
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
        ax.set_xlabel(xlabel)
    axes[0].set_ylabel(ylabel)
    return fig
