"""Paths from a weight to the cost, seen (notebook 11; the sum itself is :mod:`bpcore.pathsum`).

* :func:`path_view` — a network drawing with one path from w^l_jk to C highlighted; a
  dropdown picks the path, the readout shows its rate factors and their product (live).
* :func:`path_count_figure` — paths vs backprop's multiply–adds, on a log scale (static).
"""

import itertools

import ipywidgets as widgets
import numpy as np
from matplotlib.ticker import NullLocator

from .. import flops, pathsum
from ..i18n import register
from . import layout, live
from .diagram import neuron_positions
from .widget import Interactive

msg = register("path_view", {
    "layer": "layer {layer}",
    "path": "path",
    "path_of": "path {number} of {count}",
    "factors": "rate factors: {factors} = <b>{product}</b>",
    "sum": "sum over all {count} paths (53): {total}; backprop's ∂C/∂{weight}: {backprop}",
    "hidden_layers": "hidden layers",
    "width_axis": "neurons per layer (log scale)",
    "width_title": "{width} neurons per layer",
    "depth_title": "{depth} hidden layers",
    "paths": "paths, all weights to C",
    "multiply_adds": "backprop multiply–adds",
    "count": "count (log scale)",
})

GREY, RED, ORANGE = "#c8c8c8", "#d62728", "#ff7f0e"
SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def power_of_ten(value, _pos=None):
    """Tick label '10⁶' in plain text (mathtext '$10^{6}$' is slow to render)."""
    exponent = int(round(np.log10(value))) if value > 0 else 0
    return f"10{str(exponent).translate(SUPERSCRIPT)}" if value == 10.0**exponent else ""

# -- one path at a time through a network ------------------------------------------------


class PathView(Interactive):
    """Every path from w^l_jk (book's l, 0-based j, k) to C, highlighted one at a time.

    controls: ``path`` (a dropdown over the paths). Shown: ``readout``; ``lines`` (each edge
    (u, v) of the drawing → its grey Line2D, never changed); over them ``weight_line``
    (orange) and ``path_line`` (red, its segments split by NaN) draw the selected path's
    edges ``highlighted`` (the weight's own edge first): the only artists a change repaints.
    The numbers: ``paths`` (the :class:`bpcore.pathsum.Path` objects), ``product`` (the
    selected path's product of rate factors) and ``backprop`` (∂C/∂w^l_jk from backprop);
    ``k`` is the weight's input neuron.
    Nodes are ``(layer, 0-based neuron)`` or ``("C", 0)``; ``pos[node]`` is where it is drawn.
    Everything a student reads numbers neurons from 1, as the book does.
    """

    def __init__(self, net, x, y, l, j, k):
        self.paths = paths = pathsum.weight_paths(net, x, y, l, j, k)
        self.backprop = float(net.backprop(x, y)[1][l - 2][j, k])
        self.k, self.product = k, 0.0
        self.weight_name = f"w<sup>{l}</sup><sub>{j + 1}{k + 1}</sub>"  # the book's 1-based
        L, top = net.num_layers, max(net.sizes)
        pos = neuron_positions(net.sizes)  # centred on y = 0; the cost C sits level with it
        pos[("C", 0)] = (float(L), 0.0)
        self.pos = pos
        fig, ax = layout.figure(6.0, 3.0)
        self.figure, self.lines = fig, {}
        pairs = [((i, p), (i + 1, q)) for i in range(1, L)
                 for p in range(net.sizes[i - 1]) for q in range(net.sizes[i])]
        pairs += [((L, m), ("C", 0)) for m in range(net.sizes[-1])]
        for u, v in pairs:
            (x0, y0), (x1, y1) = pos[u], pos[v]
            (self.lines[(u, v)],) = ax.plot([x0, x1], [y0, y1], color=GREY, lw=1, zorder=1)
        self.circles = {}  # node → its label, whose bbox patch is the neuron's circle
        for (layer, n), (px, py) in pos.items():
            label = "C" if layer == "C" else f"$a^{layer}_{n + 1}$"
            self.circles[(layer, n)] = ax.text(
                px, py, label, ha="center", va="center", fontsize=9, zorder=3,
                bbox=dict(boxstyle="circle,pad=0.3", fc="white", ec="0.3"))
        # The selected path over the grey edges: repainted over the kept background, so each
        # edge stops at the circles it joins (see segment) to leave the circles whole.
        (self.weight_line,) = ax.plot([], [], color=ORANGE, lw=3, zorder=2)
        (self.path_line,) = ax.plot([], [], color=RED, lw=3, zorder=2)
        (x0, y0), (x1, y1) = pos[(l - 1, k)], pos[(l, j)]
        ax.text((x0 + x1) / 2, (y0 + y1) / 2 + 0.15, f"$w^{l}_{{{j + 1}{k + 1}}}$",
                color=ORANGE, ha="center", va="bottom", fontsize=11, zorder=3,
                bbox=dict(boxstyle="round,pad=0.1", fc="white", ec="none", alpha=0.8))
        bottom = -(top - 1) / 2  # the lowest neuron of the widest layer
        for i in range(L):
            ax.text(i, bottom - 0.75, str(msg("layer", layer=i + 1)), ha="center", fontsize=8,
                    color="0.4")
        ax.set_xlim(-0.5, L + 0.5)
        ax.set_ylim(bottom - 0.9, -bottom + 0.5)
        ax.set_axis_off()
        fig.tight_layout()
        layout.freeze(fig)
        self.radius = {node: text.get_bbox_patch().get_window_extent().width / 2 * 72 / fig.dpi
                       for node, text in self.circles.items()}  # each circle's, in points
        self.painter = live.Painter(fig, moving=[self.weight_line, self.path_line])

        options = [(f"{i + 1}: {p.label()}", i) for i, p in enumerate(paths)]
        self.controls = {"path": widgets.Dropdown(options=options, value=0,
                                                  description=str(msg("path")),
                                                  layout=widgets.Layout(width="340px"))}
        self.readout = widgets.HTML()
        self._assemble(self.controls["path"], layout.canvas(fig), self.readout)

    def edges_of(self, path):
        """The drawing's edges along ``path``, starting with the weight w^l_jk itself."""
        l = path.l
        nodes = [(l - 1, self.k), *[(l + i, n) for i, n in enumerate(path.neurons)], ("C", 0)]
        return list(itertools.pairwise(nodes))

    def segment(self, u, v):
        """The edge u → v as ``(2, 2)`` data points, cut back to the edges of both circles
        (computed on screen, where the circles are round; radii are kept in points)."""
        ends = self.figure.axes[0].transData.transform([self.pos[u], self.pos[v]])
        unit = (ends[1] - ends[0]) / np.linalg.norm(ends[1] - ends[0])
        pixels = self.figure.dpi / 72
        ends = ends + np.outer([self.radius[u], -self.radius[v]], unit) * pixels
        return self.figure.axes[0].transData.inverted().transform(ends)

    def update(self, change=None):
        i = self.controls["path"].value
        path, paths = self.paths[i], self.paths
        self.highlighted = self.edges_of(path)
        self.weight_line.set_data(*self.segment(*self.highlighted[0]).T)
        gap = np.full((1, 2), np.nan)
        rest = [np.vstack([self.segment(u, v), gap]) for u, v in self.highlighted[1:]]
        self.path_line.set_data(*np.vstack(rest).T)
        self.product = path.product
        factors = " × ".join(f"{f:.4f}" for f in path.factors)
        total = sum(p.product for p in paths)
        self.readout.value = "<br>".join([
            f"<b>{msg('path_of', number=i + 1, count=len(paths))}</b>: {path.label()}",
            str(msg("factors", factors=factors, product=f"{path.product:.4e}")),
            str(msg("sum", count=len(paths), total=f"{total:.6g}", weight=self.weight_name,
                    backprop=f"{self.backprop:.6g}"))])
        self.painter.paint()  # only the highlighted path moved


def path_view(net, x, y, l, j, k):
    """Highlight, one at a time, every path from w^l_jk (book's l, 0-based j, k) to C; a
    dropdown picks the path. Returns a :class:`PathView`."""
    return PathView(net, x, y, l, j, k)


# -- how many paths? ---------------------------------------------------------------------


def path_count_figure(width=10, max_hidden=10, depth=3, max_width=60):
    """Total paths (every weight to C) vs backprop's multiply–adds, as depth and width grow.

    Left: ``[width] * (h + 2)`` for h = 1 … max_hidden hidden layers.
    Right: ``[n] * (depth + 2)`` for n = 2 … max_width. Returns ``(fig, data)``.
    """
    hidden = np.arange(1, max_hidden + 1)
    widths = np.arange(2, max_width + 1)
    deep = [[width] * (h + 2) for h in hidden]
    wide = [[n] * (depth + 2) for n in widths]
    data = {
        "hidden": hidden, "widths": widths,
        "paths_depth": [pathsum.total_paths(s) for s in deep],
        "bp_depth": [flops.backprop_multiplies(s) for s in deep],
        "paths_width": [pathsum.total_paths(s) for s in wide],
        "bp_width": [flops.backprop_multiplies(s) for s in wide],
    }
    fig, (ax0, ax1) = layout.figure(8.0, 3.2, ncols=2)
    for ax, xs, key, xlabel, title in (
        (ax0, hidden, "depth", msg("hidden_layers"), msg("width_title", width=width)),
        (ax1, widths, "width", msg("width_axis"), msg("depth_title", depth=depth)),
    ):
        ax.plot(xs, data[f"paths_{key}"], "o-", color=RED, ms=3, label=str(msg("paths")))
        ax.plot(xs, data[f"bp_{key}"], "s-", color="#1f77b4", ms=3,
                label=str(msg("multiply_adds")))
        ax.set_yscale("log")
        ax.yaxis.set_major_formatter(power_of_ten)
        ax.yaxis.set_minor_locator(NullLocator())
        ax.set_xlabel(str(xlabel))
        ax.set_title(str(title), fontsize=10)
        ax.grid(True, which="major", alpha=0.3)
    ax1.set_xscale("log")  # log–log: a power n^p is a straight line of slope p
    ax1.set_xticks([2, 5, 10, 20, 50], labels=["2", "5", "10", "20", "50"])
    ax1.set_xticks([], minor=True)
    ax0.set_ylabel(str(msg("count")))
    ax0.legend(fontsize=8)
    # fixed margins: tight_layout would measure every log-scale tick label (slow)
    fig.subplots_adjust(left=0.09, right=0.98, bottom=0.16, top=0.9, wspace=0.22)
    return fig, data
