"""Figures for notebook 11: a computational graph, paths through a network, path counts.

* :func:`graph_figure` — the graph c = a + b, d = b + 1, e = c·d with every value and the
  derivative on every edge (static).
* :func:`path_view` — a network drawing with one path from w^l_jk to C highlighted; a
  dropdown picks the path, the readout shows its rate factors and their product (live).
* :func:`path_count_figure` — paths vs backprop's multiply–adds, on a log scale (static).
"""

import itertools
from dataclasses import dataclass

import ipywidgets as widgets
import numpy as np
from matplotlib.ticker import NullLocator

from .. import paths as P
from . import layout

GREY, RED, ORANGE = "#c8c8c8", "#d62728", "#ff7f0e"
SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def power_of_ten(value, _pos=None):
    """Tick label '10⁶' in plain text (mathtext '$10^{6}$' is slow to render)."""
    exponent = int(round(np.log10(value))) if value > 0 else 0
    return f"10{str(exponent).translate(SUPERSCRIPT)}" if value == 10.0**exponent else ""

# -- the computational graph -------------------------------------------------------------

CLASSIC_POS = {"a": (0.0, 0.0), "b": (2.0, 0.0), "c": (0.0, 1.0), "d": (2.0, 1.0),
               "e": (1.0, 2.0)}
CLASSIC_EXPR = {"a": "a", "b": "b", "c": "c = a + b", "d": "d = b + 1", "e": "e = c · d"}


def graph_figure(a=2.0, b=1.0):
    """The graph c = a + b, d = b + 1, e = c·d at (a, b): values, and ∂v/∂u on each edge."""
    nodes = P.classic_graph()
    values = P.evaluate(nodes, {"a": a, "b": b})
    edges = P.edge_derivatives(nodes, values)
    fig, ax = layout.figure(5.0, 3.6)
    boxes = {
        name: ax.text(x, y, f"{CLASSIC_EXPR[name]}\n= {values[name]:g}", ha="center",
                      va="center", fontsize=10, zorder=3,
                      bbox=dict(boxstyle="round,pad=0.5", fc="#e8f0fa", ec="#1f77b4"))
        for name, (x, y) in CLASSIC_POS.items()
    }
    for (u, v), g in edges.items():
        (x0, y0), (x1, y1) = CLASSIC_POS[u], CLASSIC_POS[v]
        ax.annotate("", xy=(x1, y1), xytext=(x0, y0), zorder=2,
                    arrowprops=dict(arrowstyle="-|>", color="0.35", lw=1.4, shrinkA=3,
                                    shrinkB=3, patchA=boxes[u].get_bbox_patch(),
                                    patchB=boxes[v].get_bbox_patch()))
        ax.text((x0 + x1) / 2, (y0 + y1) / 2, f"∂{v}/∂{u} = {g:g}", ha="center",
                va="center", fontsize=9, color=RED, zorder=4,
                bbox=dict(boxstyle="round,pad=0.2", fc="white", ec="none"))
    ax.set_xlim(-0.7, 2.7)
    ax.set_ylim(-0.4, 2.4)
    ax.set_axis_off()
    ax.set_title(f"c = a + b, d = b + 1, e = c·d at a = {a:g}, b = {b:g}", fontsize=10)
    fig.tight_layout()
    return fig


# -- one path at a time through a network ------------------------------------------------


def neuron_positions(sizes):
    """{(layer, j): (x, y)} for the book's layers 1 … L (0-based j), plus ('C', 0)."""
    pos = {}
    top = max(sizes)
    for i, n in enumerate(sizes):
        for j in range(n):
            pos[(i + 1, j)] = (float(i), (n - 1) / 2 - j + (top - 1) / 2)
    pos[("C", 0)] = (float(len(sizes)), (top - 1) / 2)
    return pos


@dataclass
class PathView:
    """The widget and its parts: ``dropdown`` picks a path, ``readout`` shows it.

    ``paths`` are the :class:`bpcore.paths.Path` objects; ``backprop`` is ∂C/∂w^l_jk from
    backprop; ``k`` is the weight's input neuron; ``product`` is the selected path's
    product; ``lines`` maps each edge (u, v) of the drawing to its Line2D.
    """

    widget: widgets.Widget
    dropdown: widgets.Dropdown
    readout: widgets.HTML
    fig: object
    lines: dict
    paths: list
    backprop: float
    k: int
    product: float = 0.0

    def edges_of(self, path):
        """The drawing's edges along ``path``, starting with the weight w^l_jk itself."""
        l = path.l
        nodes = [(l - 1, self.k), *[(l + i, n) for i, n in enumerate(path.neurons)], ("C", 0)]
        return list(itertools.pairwise(nodes))


def path_view(net, x, y, l, j, k):
    """Highlight, one at a time, every path from w^l_jk (book's l, 0-based j, k) to C."""
    paths = P.weight_paths(net, x, y, l, j, k)
    backprop = float(net.backprop(x, y)[1][l - 2][j, k])
    pos = neuron_positions(net.sizes)
    L = net.num_layers
    fig, ax = layout.figure(6.0, 3.0)
    lines = {}
    pairs = [((i, p), (i + 1, q)) for i in range(1, L)
             for p in range(net.sizes[i - 1]) for q in range(net.sizes[i])]
    pairs += [((L, m), ("C", 0)) for m in range(net.sizes[-1])]
    for u, v in pairs:
        (x0, y0), (x1, y1) = pos[u], pos[v]
        (lines[(u, v)],) = ax.plot([x0, x1], [y0, y1], color=GREY, lw=1, zorder=1)
    for (layer, n), (px, py) in pos.items():
        label = "C" if layer == "C" else f"$a^{layer}_{n + 1}$"
        ax.text(px, py, label, ha="center", va="center", fontsize=9, zorder=3,
                bbox=dict(boxstyle="circle,pad=0.3", fc="white", ec="0.3"))
    (x0, y0), (x1, y1) = pos[(l - 1, k)], pos[(l, j)]
    ax.text((x0 + x1) / 2, (y0 + y1) / 2 + 0.15, f"$w^{l}_{{{j + 1}{k + 1}}}$", color=ORANGE,
            ha="center", va="bottom", fontsize=11, zorder=3,
            bbox=dict(boxstyle="round,pad=0.1", fc="white", ec="none", alpha=0.8))
    for i in range(L):
        ax.text(i, -0.75, f"layer {i + 1}", ha="center", fontsize=8, color="0.4")
    ax.set_xlim(-0.5, L + 0.5)
    ax.set_ylim(-0.9, max(net.sizes) - 0.5)
    ax.set_axis_off()
    fig.tight_layout()

    options = [(f"{i + 1}: {p.label()}", i) for i, p in enumerate(paths)]
    dropdown = widgets.Dropdown(options=options, value=0, description="path",
                                layout=widgets.Layout(width="340px"))
    readout = widgets.HTML()
    box = widgets.VBox([dropdown, layout.canvas(fig), readout])
    view = PathView(box, dropdown, readout, fig, lines, paths, backprop, k)

    def show(change=None):
        path = paths[dropdown.value]
        on = view.edges_of(path)
        for line in lines.values():
            line.set_color(GREY)
            line.set_linewidth(1)
            line.set_zorder(1)
        for n, edge in enumerate(on):
            lines[edge].set_color(ORANGE if n == 0 else RED)
            lines[edge].set_linewidth(3)
            lines[edge].set_zorder(2)
        view.product = path.product
        factors = " × ".join(f"{f:.4f}" for f in path.factors)
        total = sum(p.product for p in paths)
        readout.value = (
            f"<b>path {dropdown.value + 1} of {len(paths)}</b>: {path.label()}<br>"
            f"rate factors: {factors} = <b>{path.product:.4e}</b><br>"
            f"sum over all {len(paths)} paths (53): {total:.6g}; "
            f"backprop's ∂C/∂w: {backprop:.6g}")
        layout.redraw(fig)

    dropdown.observe(show, names="value")
    show()
    return view


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
        "paths_depth": [P.total_paths(s) for s in deep],
        "bp_depth": [P.backprop_multiplies(s) for s in deep],
        "paths_width": [P.total_paths(s) for s in wide],
        "bp_width": [P.backprop_multiplies(s) for s in wide],
    }
    fig, (ax0, ax1) = layout.figure(8.0, 3.2, ncols=2)
    for ax, xs, key, xlabel, title in (
        (ax0, hidden, "depth", "hidden layers", f"{width} neurons per layer"),
        (ax1, widths, "width", "neurons per layer (log scale)", f"{depth} hidden layers"),
    ):
        ax.plot(xs, data[f"paths_{key}"], "o-", color=RED, ms=3, label="paths, all weights to C")
        ax.plot(xs, data[f"bp_{key}"], "s-", color="#1f77b4", ms=3,
                label="backprop multiply–adds")
        ax.set_yscale("log")
        ax.yaxis.set_major_formatter(power_of_ten)
        ax.yaxis.set_minor_locator(NullLocator())
        ax.set_xlabel(xlabel)
        ax.set_title(title, fontsize=10)
        ax.grid(True, which="major", alpha=0.3)
    ax1.set_xscale("log")  # log–log: a power n^p is a straight line of slope p
    ax1.set_xticks([2, 5, 10, 20, 50], labels=["2", "5", "10", "20", "50"])
    ax1.set_xticks([], minor=True)
    ax0.set_ylabel("count (log scale)")
    ax0.legend(fontsize=8)
    # fixed margins: tight_layout would measure every log-scale tick label (slow)
    fig.subplots_adjust(left=0.09, right=0.98, bottom=0.16, top=0.9, wspace=0.22)
    return fig, data
