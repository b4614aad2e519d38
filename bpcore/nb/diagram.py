"""An interactive network diagram: pick the book's l, j, k and see w^l_{jk} light up.

Layers are drawn left to right (layer 1, the input, on the left) and neurons top to bottom
(neuron 1 at the top), as in the book's figures. Every connection is its own line artist,
so choosing another weight only recolours two lines: nothing is redrawn from scratch.
"""

from dataclasses import dataclass

import ipywidgets as widgets

from . import layout

DIM = {"color": "0.78", "linewidth": 0.8, "zorder": 1}
LIT = {"color": "tab:red", "linewidth": 3.0, "zorder": 3}


def python_index(l, j, k):
    """The book's w^l_{jk} (1-based l ≥ 2, j, k) is ``net.weights[l-2][j-1, k-1]``:
    returns ``(l - 2, j - 1, k - 1)``."""
    return l - 2, j - 1, k - 1


def neuron_positions(sizes):
    """``pos[l][j]`` = (x, y) of neuron j+1 in layer l+1 (0-based lists); columns at
    x = 0, 1, …, neurons spaced 1 apart and centred on y = 0, neuron 1 at the top."""
    return [[(float(i), (n - 1) / 2 - j) for j in range(n)] for i, n in enumerate(sizes)]


def book_symbol(l, j, k, html=True):
    """w^l_{jk} written out: HTML (w<sup>3</sup><sub>24</sub>) or LaTeX."""
    if html:
        return f"w<sup>{l}</sup><sub>{j}{k}</sub>"
    return f"$w^{{{l}}}_{{{j}{k}}}$"


@dataclass
class NetworkDiagram:
    """The parts of :func:`network_diagram`: controls, readout, figure and the numbers shown."""

    net: object
    l: widgets.IntSlider
    j: widgets.IntSlider
    k: widgets.IntSlider
    readout: widgets.HTML
    box: widgets.Box
    fig: object
    lines: dict  # (l, j, k) in the book's 1-based numbering → Line2D
    label: object
    lit: tuple = None  # the (l, j, k) now highlighted
    index: tuple = None  # its Python (i, row, column): net.weights[i][row, column]
    value: float = None  # net.weights[i][row, column]

    def _repr_mimebundle_(self, **kwargs):
        return self.box._repr_mimebundle_(**kwargs)


def network_diagram(net, l=3, j=2, k=4):
    """Draw ``net`` and sliders for l, j, k; the chosen connection w^l_{jk} is highlighted
    and the readout shows ``net.weights[l-2][j-1, k-1]``. Default: the book's w^3_{24}."""
    sizes = net.sizes
    pos = neuron_positions(sizes)
    height = max(sizes)
    fig, ax = layout.figure(width=1.6 * len(sizes) + 1.0, height=0.55 * height + 1.3)
    lines = {}
    for li in range(2, len(sizes) + 1):  # book's layer l, fed by layer l-1
        for jj in range(1, sizes[li - 1] + 1):
            for kk in range(1, sizes[li - 2] + 1):
                (x0, y0), (x1, y1) = pos[li - 2][kk - 1], pos[li - 1][jj - 1]
                (lines[(li, jj, kk)],) = ax.plot([x0, x1], [y0, y1], **DIM)
    for li, column in enumerate(pos, start=1):
        xs, ys = zip(*column, strict=True)
        ax.scatter(xs, ys, s=330, facecolor="white", edgecolor="0.2", linewidth=1.2, zorder=4)
        for jj, (x, y) in enumerate(column, start=1):
            ax.text(x, y, str(jj), ha="center", va="center", fontsize=8, zorder=5)
        name = "input" if li == 1 else ("output" if li == len(sizes) else "hidden")
        ax.text(xs[0], (height - 1) / 2 + 0.75, f"layer {li}\n({name})", ha="center",
                va="bottom", fontsize=9)
    ends = ax.scatter([0, 0], [0, 0], s=330, facecolor="mistyrose", edgecolor="tab:red",
                      linewidth=2, zorder=4.5)
    label = ax.text(0, 0, "", color="tab:red", fontsize=13, ha="center", va="bottom",
                    zorder=6, bbox={"facecolor": "white", "edgecolor": "none", "pad": 1})
    ax.set_xlim(-0.5, len(sizes) - 0.5)
    ax.set_ylim(-(height - 1) / 2 - 0.6, (height - 1) / 2 + 1.6)
    ax.axis("off")
    fig.subplots_adjust(left=0.01, right=0.99, bottom=0.01, top=0.99)

    style = {"description_width": "110px"}
    lay = widgets.Layout(width="380px")
    d = NetworkDiagram(
        net=net,
        l=widgets.IntSlider(value=l, min=2, max=len(sizes), style=style, layout=lay,
                            description="layer l"),
        j=widgets.IntSlider(value=j, min=1, max=sizes[l - 1], style=style, layout=lay,
                            description="to neuron j"),
        k=widgets.IntSlider(value=k, min=1, max=sizes[l - 2], style=style, layout=lay,
                            description="from neuron k"),
        readout=widgets.HTML(), box=None, fig=fig, lines=lines, label=label)

    def update(_change=None):
        li = d.l.value
        d.j.max, d.k.max = sizes[li - 1], sizes[li - 2]  # clamps j and k if needed
        key = (li, d.j.value, d.k.value)
        if d.lit is not None:
            d.lines[d.lit].set(**DIM)
        d.lines[key].set(**LIT)
        d.lit = key
        d.index = python_index(*key)
        i, row, col = d.index
        d.value = float(net.weights[i][row, col])
        (x0, y0), (x1, y1) = pos[li - 2][key[2] - 1], pos[li - 1][key[1] - 1]
        ends.set_offsets([[x0, y0], [x1, y1]])
        label.set_position(((x0 + x1) / 2, (y0 + y1) / 2 + 0.12))
        label.set_text(book_symbol(*key, html=False))
        d.readout.value = (
            f"book: {book_symbol(*key)} = weight from neuron k = {key[2]} of layer {li - 1} "
            f"to neuron j = {key[1]} of layer {li}<br>"
            f"Python: <code>net.weights[{i}][{row}, {col}]</code> = <b>{d.value:.4f}</b> "
            f"&nbsp;(list index l−2 = {i}, row j−1 = {row}, column k−1 = {col})")
        layout.redraw(fig)

    for control in (d.l, d.j, d.k):
        control.observe(update, names="value")
    update()
    d.box = widgets.VBox([widgets.HBox([d.l]), widgets.HBox([d.j, d.k]), d.readout,
                          layout.canvas(fig)])
    return d

