"""The computational graph c = a + b, d = b + 1, e = c·d drawn for notebook 11 (static).

Every node shows its value, every edge u → v its derivative ∂v/∂u, computed by
:mod:`bpcore.graph`.
"""

from .. import graph as G
from ..i18n import register
from . import layout

msg = register("graph_view", {"title": "{graph} at a = {a}, b = {b}"})

RED = "#d62728"

CLASSIC_POS = {"a": (0.0, 0.0), "b": (2.0, 0.0), "c": (0.0, 1.0), "d": (2.0, 1.0),
               "e": (1.0, 2.0)}
CLASSIC_EXPR = {"a": "a", "b": "b", "c": "c = a + b", "d": "d = b + 1", "e": "e = c · d"}


def graph_figure(a=2.0, b=1.0):
    """The graph c = a + b, d = b + 1, e = c·d at (a, b): values, and ∂v/∂u on each edge."""
    nodes = G.classic_graph()
    values = G.evaluate(nodes, {"a": a, "b": b})
    edges = G.edge_derivatives(nodes, values)
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
    ax.set_title(str(msg("title", graph="c = a + b, d = b + 1, e = c·d", a=f"{a:g}", b=f"{b:g}")),
                 fontsize=10)
    fig.tight_layout()
    return fig
