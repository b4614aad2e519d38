"""An interactive network diagram: pick the book's l, j, k and see w^l_{jk} light up.

Layers are drawn left to right (layer 1, the input, on the left) and neurons top to bottom
(neuron 1 at the top), as in the book's figures. Every connection is its own grey line, kept
in a picture; the chosen one is a red line drawn over it, and choosing another weight
repaints only that line, its two neurons and its label (a :class:`live.Painter`).
:func:`neuron_positions` is also where notebook 11's path view puts its neurons.
"""

import ipywidgets as widgets

from bpcore.i18n import register

from . import layout, live
from .widget import Interactive

msg = register("diagram", {
    "input": "layer {l}\n(input)",
    "hidden": "layer {l}\n(hidden)",
    "output": "layer {l}\n(output)",
    "l": "layer l",
    "j": "to neuron j",
    "k": "from neuron k",
    "readout": "book: {symbol} = weight from neuron k = {k} of layer {previous} "
               "to neuron j = {j} of layer {l}<br>"
               "Python: <code>net.weights[{i}][{row}, {column}]</code> = <b>{value}</b> "
               "&nbsp;(list index l−2 = {i}, row j−1 = {row}, column k−1 = {column})",
})

DIM = {"color": "0.78", "linewidth": 0.8, "zorder": 1}
LIT = {"color": "tab:red", "linewidth": 3.0, "zorder": 3}


def python_index(l, j, k):
    """The book's w^l_{jk} (1-based l ≥ 2, j, k) is ``net.weights[l-2][j-1, k-1]``:
    returns ``(l - 2, j - 1, k - 1)``."""
    return l - 2, j - 1, k - 1


def neuron_positions(sizes):
    """``{(l, j): (x, y)}`` for every neuron: the book's layer l = 1 … L, 0-based j.

    Layer l is the column x = l − 1; its neurons are spaced 1 apart, centred on y = 0, with
    neuron j = 0 (the book's neuron 1) at the top.
    """
    return {(l, j): (float(l - 1), (n - 1) / 2 - j)
            for l, n in enumerate(sizes, start=1) for j in range(n)}


def book_symbol(l, j, k, html=True):
    """w^l_{jk} written out: HTML (w<sup>3</sup><sub>24</sub>) or LaTeX."""
    if html:
        return f"w<sup>{l}</sup><sub>{j}{k}</sub>"
    return f"$w^{{{l}}}_{{{j}{k}}}$"


class NetworkDiagram(Interactive):
    """Sliders for l, j, k over a drawing of ``net``; the connection w^l_{jk} lights up.

    controls: ``l``, ``j``, ``k`` (the book's 1-based numbers). Shown: ``readout``,
    ``lines`` ((l, j, k) → the grey Line2D of every connection), ``highlight`` (the red
    Line2D over the chosen one), ``lit`` (the (l, j, k) highlighted), ``index`` (its Python
    (i, row, column)) and ``value`` = ``net.weights[i][row, column]``.
    """

    def __init__(self, net, l=3, j=2, k=4):
        self.net = net
        sizes = net.sizes
        self.pos = pos = neuron_positions(sizes)
        height = max(sizes)
        fig, ax = layout.figure(width=1.6 * len(sizes) + 1.0, height=0.55 * height + 1.3)
        self.figure = fig
        self.lines = {}  # (l, j, k) in the book's 1-based numbering → Line2D
        for li in range(2, len(sizes) + 1):  # book's layer l, fed by layer l-1
            for jj in range(1, sizes[li - 1] + 1):
                for kk in range(1, sizes[li - 2] + 1):
                    (x0, y0), (x1, y1) = pos[(li - 1, kk - 1)], pos[(li, jj - 1)]
                    (self.lines[(li, jj, kk)],) = ax.plot([x0, x1], [y0, y1], **DIM)
        for li, n in enumerate(sizes, start=1):
            xs, ys = zip(*(pos[(li, jj)] for jj in range(n)), strict=True)
            ax.scatter(xs, ys, s=330, facecolor="white", edgecolor="0.2", linewidth=1.2,
                       zorder=4)
            for jj, (x, y) in enumerate(zip(xs, ys, strict=True), start=1):
                ax.text(x, y, str(jj), ha="center", va="center", fontsize=8, zorder=5)
            name = "input" if li == 1 else ("output" if li == len(sizes) else "hidden")
            ax.text(xs[0], (height - 1) / 2 + 0.75, str(msg(name, l=li)), ha="center",
                    va="bottom", fontsize=9)
        (self.highlight,) = ax.plot([0, 0], [0, 0], **LIT)
        self.ends = ax.scatter([0, 0], [0, 0], s=330, facecolor="mistyrose",
                               edgecolor="tab:red", linewidth=2, zorder=4.5)
        self.end_numbers = [ax.text(0, 0, "", ha="center", va="center", fontsize=8,
                                    zorder=5.5) for _ in range(2)]  # k's and j's, on top
        self.label = ax.text(0, 0, "", color="tab:red", fontsize=13, ha="center",
                             va="bottom", zorder=6,
                             bbox={"facecolor": "white", "edgecolor": "none", "pad": 1})
        ax.set_xlim(-0.5, len(sizes) - 0.5)
        ax.set_ylim(-(height - 1) / 2 - 0.6, (height - 1) / 2 + 1.6)
        ax.axis("off")
        fig.subplots_adjust(left=0.01, right=0.99, bottom=0.01, top=0.99)
        self.painter = live.Painter(fig, moving=[self.highlight, self.ends,
                                                 *self.end_numbers, self.label])

        style = {"description_width": "110px"}
        lay = widgets.Layout(width="380px")
        self.controls = {
            "l": widgets.IntSlider(value=l, min=2, max=len(sizes), style=style, layout=lay,
                                   description=str(msg("l"))),
            "j": widgets.IntSlider(value=j, min=1, max=sizes[l - 1], style=style, layout=lay,
                                   description=str(msg("j"))),
            "k": widgets.IntSlider(value=k, min=1, max=sizes[l - 2], style=style, layout=lay,
                                   description=str(msg("k"))),
        }
        self.readout = widgets.HTML()
        self.lit = self.index = self.value = None
        c = self.controls
        self._assemble(widgets.HBox([c["l"]]), widgets.HBox([c["j"], c["k"]]), self.readout,
                   layout.canvas(fig))

    def update(self, change=None):
        c, sizes = self.controls, self.net.sizes
        li = c["l"].value
        c["j"].max, c["k"].max = sizes[li - 1], sizes[li - 2]  # clamps j and k if needed
        key = (li, c["j"].value, c["k"].value)
        self.highlight.set_data(*self.lines[key].get_data())
        self.lit = key
        self.index = python_index(*key)
        i, row, col = self.index
        self.value = float(self.net.weights[i][row, col])
        (x0, y0), (x1, y1) = self.pos[(li - 1, key[2] - 1)], self.pos[(li, key[1] - 1)]
        self.ends.set_offsets([[x0, y0], [x1, y1]])
        for number, x, y, n in zip(self.end_numbers, (x0, x1), (y0, y1), (key[2], key[1]),
                                   strict=True):
            number.set_position((x, y))
            number.set_text(str(n))
        self.label.set_position(((x0 + x1) / 2, (y0 + y1) / 2 + 0.12))
        self.label.set_text(book_symbol(*key, html=False))
        self.readout.value = str(msg(
            "readout", symbol=book_symbol(*key), k=key[2], previous=li - 1, j=key[1], l=li,
            i=i, row=row, column=col, value=f"{self.value:.4f}"))
        self.painter.paint()  # only the red line, its two neurons and its label moved


def network_diagram(net, l=3, j=2, k=4):
    """Draw ``net`` and sliders for l, j, k; the chosen connection w^l_{jk} is highlighted
    and the readout shows ``net.weights[l-2][j-1, k-1]``. Default: the book's w^3_{24}.
    Returns a :class:`NetworkDiagram`."""
    return NetworkDiagram(net, l, j, k)
