"""The four fundamental equations, checked by finite differences (notebooks 05 and 06).

Numeric helpers (NumPy only): the cost as a function of one layer's weighted input z^l,
so that δ^l = ∂C/∂z^l (eq. 29) can be measured by nudging z^l directly, and a
finite-difference Jacobian. Then :func:`equations_explorer`, a widget that shows δ^l from
BP1/BP2 beside its finite-difference value and ∂C/∂w^l from BP4 beside
:func:`bpcore.numerical_gradient`, and :func:`jacobian_figure` for notebook 06.

Layers are numbered as in the book: l = 2 … L, so layer l uses ``net.weights[l - 2]``.
"""

from dataclasses import dataclass, field

import numpy as np

import bpcore
from bpcore.gradcheck import (  # noqa: F401  (the notebooks call them from here)
    cost_from_z,
    numerical_delta,
    numerical_deltas,
    numerical_jacobian,
)


def _fmt(v):
    """A column vector as '[0.1234, -0.0567]' (rounded, no '-0.0000')."""
    return "[" + ", ".join(f"{round(float(t), 4) + 0.0:.4f}" for t in np.ravel(v)) + "]"


# -- the widget for notebook 05 --------------------------------------------------------


@dataclass
class EquationsExplorer:
    """What :func:`equations_explorer` builds: the widget, its controls and its numbers.

    ``delta_bp``/``delta_fd`` are δ^l by BP1/BP2 and by nudging z^l; ``nabla_w_bp`` and
    ``nabla_w_fd`` are ∂C/∂w^l by BP4 and by :func:`bpcore.numerical_gradient`.
    """

    widget: object
    slider: object
    buttons: object
    readout: object
    fig: object
    net: object = None
    x: np.ndarray = None
    y: np.ndarray = None
    l: int = 0
    rule: str = ""
    delta_bp: np.ndarray = None
    delta_fd: np.ndarray = None
    nabla_w_bp: np.ndarray = None
    nabla_w_fd: np.ndarray = None
    artists: dict = field(default_factory=dict)


def equations_explorer(sizes=(3, 4, 4, 2), seed=0):
    """A layer slider and an activation switch over one small seeded network.

    For the chosen layer l it plots δ^l from BP1 (l = L) or BP2 (l < L) beside the finite
    difference ∂C/∂z^l, and heat maps of ∂C/∂w^l from BP4 and from finite differences.
    Returns an :class:`EquationsExplorer`.
    """
    import ipywidgets as widgets

    from bpcore.nb import layout

    sizes = list(sizes)
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((sizes[0], 1))
    y = np.zeros((sizes[-1], 1))
    y[0] = 1.0
    L = len(sizes)

    fig, (ax_d, ax_bp, ax_fd) = layout.figure(
        8.4, 3.4, ncols=3, gridspec_kw={"width_ratios": [1.1, 1, 1]}, layout="constrained"
    )
    (bp_line,) = ax_d.plot([], [], "o", ms=10, color="tab:blue", label="BP1/BP2")
    (fd_line,) = ax_d.plot([], [], "x", ms=10, mew=2, color="tab:orange", label="nudge $z^l_j$")
    ax_d.axhline(0, color="0.6", lw=0.8)
    ax_d.set_xlabel("neuron $j$")
    ax_d.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2, fontsize=8,
                frameon=False)
    images = []
    for ax, title in ((ax_bp, "BP4: $a^{l-1}_k\\,\\delta^l_j$"), (ax_fd, "finite differences")):
        im = ax.imshow(np.zeros((1, 1)), cmap="RdBu_r", vmin=-1, vmax=1)
        ax.set_title(title, fontsize=10)
        ax.set_xlabel("$k$ (neuron in layer $l-1$)")
        images.append(im)
    ax_bp.set_ylabel("$j$ (neuron in layer $l$)")
    fig.colorbar(images[1], ax=[ax_bp, ax_fd], shrink=0.85)

    slider = widgets.IntSlider(value=L, min=2, max=L, description="layer l")
    buttons = widgets.ToggleButtons(options=["sigmoid", "tanh"], value="sigmoid",
                                    description="σ")
    readout = widgets.HTML()
    box = widgets.VBox([widgets.HBox([slider, buttons]), layout.canvas(fig), readout])
    ex = EquationsExplorer(box, slider, buttons, readout, fig, x=x, y=y,
                           artists={"bp": bp_line, "fd": fd_line, "images": images})

    def update(_change=None):
        l = slider.value
        net = bpcore.Network(sizes, activation=buttons.value, seed=seed)
        trace = net.backprop_deltas(x, y)
        fd_b, fd_w = bpcore.numerical_gradient(net, x, y)
        ex.net, ex.l = net, l
        ex.rule = "BP1" if l == L else "BP2"
        ex.delta_bp = trace.deltas[l - 2]
        ex.delta_fd = numerical_delta(net, x, y, l)
        ex.nabla_w_bp = trace.nabla_w[l - 2]
        ex.nabla_w_fd = fd_w[l - 2]

        j = np.arange(sizes[l - 1])
        bp_line.set_data(j, ex.delta_bp.ravel())
        fd_line.set_data(j, ex.delta_fd.ravel())
        top = 1.25 * max(float(np.max(np.abs(ex.delta_bp))), 1e-3)
        ax_d.set_xlim(-0.5, len(j) - 0.5)
        ax_d.set_ylim(-top, top)
        ax_d.set_xticks(j, labels=[str(i + 1) for i in j])     # the book counts neurons from 1
        ax_d.set_ylabel(f"$\\delta^{{{l}}}_j = \\partial C/\\partial z^{{{l}}}_j$")
        n_out, n_in = ex.nabla_w_bp.shape
        scale = max(float(np.max(np.abs(ex.nabla_w_bp))), 1e-3)
        for ax, im, g in zip((ax_bp, ax_fd), images, (ex.nabla_w_bp, ex.nabla_w_fd), strict=True):
            im.set_data(g)
            im.set_extent((-0.5, n_in - 0.5, n_out - 0.5, -0.5))
            im.set_clim(-scale, scale)
            ax.set_xticks(range(n_in), labels=[str(i + 1) for i in range(n_in)])
            ax.set_yticks(range(n_out), labels=[str(i + 1) for i in range(n_out)])
        ax_bp.set_title(f"BP4: $\\partial C/\\partial w^{{{l}}}$", fontsize=10)
        ax_fd.set_title(f"finite differences on $w^{{{l}}}$", fontsize=10)

        ok_delta = bpcore.rel_error(ex.delta_bp, ex.delta_fd) < 1e-7
        ok_w = bpcore.rel_error(ex.nabla_w_bp, ex.nabla_w_fd) < 1e-7
        if l == L:
            how = "BP1: ∇<sub>a</sub>C ⊙ σ′(z<sup>L</sup>)"
        else:
            how = (f"BP2: ((w<sup>{l + 1}</sup>)<sup>T</sup> δ<sup>{l + 1}</sup>) "
                   f"⊙ σ′(z<sup>{l}</sup>)")
        readout.value = (
            f"<b>l = {l}</b>, σ = {buttons.value}. δ<sup>{l}</sup> by {how} = "
            f"<code>{_fmt(ex.delta_bp)}</code>; by nudging z<sup>{l}</sup>: "
            f"<code>{_fmt(ex.delta_fd)}</code>. "
            f"Agree (rel. error &lt; 1e-7): <b>{'yes ✓' if ok_delta else 'NO ✗'}</b>. "
            f"∂C/∂w<sup>{l}</sup> by BP4 vs finite differences: "
            f"<b>{'agree ✓' if ok_w else 'DISAGREE ✗'}</b>."
        )
        layout.redraw(fig)

    slider.observe(update, names="value")
    buttons.observe(update, names="value")
    update()
    return ex


def jacobian_figure(jacobians, titles, xlabel="column $j$", ylabel="row $k$"):
    """Heat maps of a few Jacobians side by side, every entry written in its cell.

    jacobians : list of (m, n) arrays J[k, j]; titles : list of str. Returns the figure.
    """
    from bpcore.nb import layout

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
