"""What a notebook keeps of a widget for a reader without a kernel: a still picture.

A cell that ends in a widget stores, beside the live view, a PNG of its figure and a small
HTML page of the controls' values, the figure and the readouts (:func:`bundle`): what
GitHub, nbviewer or an HTML export show, and what a student sees before running the cell.
"""

import base64
import contextlib
import html
import io

import ipywidgets as widgets

from bpcore.i18n import register

from . import live

msg = register("still", {
    "still": "A still picture of the widget as it starts: run the cell to use it.",
    "plain": "{name}: an interactive widget (run the cell to use it)",
    "figure": "figure",
    "plain_figure": "A figure (run the cell to show it)",
})


def png(fig, dpi=None):
    """The whole figure as PNG bytes (the moving artists of its live Painter included)."""
    painter = live.painter_of(fig)
    with painter.printing() if painter is not None else contextlib.nullcontext():
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=dpi or "figure")
        return buf.getvalue()


def bundle(box, fig, plain, note=True, **kwargs):
    """What a cell ending in ``box`` stores: the live widget view plus a still picture of it.

    ``{"application/vnd.jupyter.widget-view+json": …, "image/png": the figure (if ``fig``),
    "text/html": the controls' values, the figure and the readouts (:func:`still`),
    "text/plain": plain}``: ``plain`` is one line naming the widget."""
    box.add_class("bpcore-fit")
    data = dict(widgets.DOMWidget._repr_mimebundle_(box, **kwargs))
    pictures = {}  # figure → its PNG in base64, rendered once
    if fig is not None:
        data["image/png"] = _png64(fig, pictures)
    data["text/html"] = still(box, note, pictures)
    data["text/plain"] = plain
    return data


def still(box, note=True, pictures=None):
    """``box`` as a small static HTML page: what a student would see before touching it;
    ``note`` says under it that it is a still picture."""
    text = html.escape(str(msg("still")))
    under = f'<div style="color:#777;font-size:smaller">{text}</div>' if note else ""
    inner = _html(box, {} if pictures is None else pictures)
    return f'<div class="bpcore-still" style="max-width:100%">{inner}{under}</div>'


def _png64(fig, pictures):
    if fig not in pictures:
        pictures[fig] = base64.b64encode(png(fig)).decode("ascii")
    return pictures[fig]


def _shown_value(w):
    """A control's value as its own readout shows it."""
    if hasattr(w, "options") and hasattr(w, "label"):
        return w.label
    if isinstance(w.value, bool):
        return "☑" if w.value else "☐"
    if isinstance(w, widgets.FloatLogSlider):
        return format(w.value, w.readout_format)
    if isinstance(w, (widgets.IntProgress, widgets.FloatProgress)):
        return f"{w.value} / {w.max}"
    fmt = getattr(w, "readout_format", "")
    return format(w.value, fmt) if fmt else str(w.value)


def _html(w, pictures):
    """One widget of the tree as static HTML (figures as pictures, controls as text)."""
    if getattr(w, "figure", None) is not None:  # a FigureBox, or an ipympl canvas
        alt = html.escape(str(msg("figure")), quote=True)
        return (f'<img src="data:image/png;base64,{_png64(w.figure, pictures)}" '
                f'style="max-width:100%" alt="{alt}">')
    if isinstance(w, widgets.Box):
        direction = "row" if isinstance(w, widgets.HBox) else "column"
        inner = "".join(_html(c, pictures) for c in w.children)
        return (f'<div style="display:flex;flex-direction:{direction};flex-wrap:wrap;'
                f'gap:2px 16px">{inner}</div>')
    if isinstance(w, (widgets.HTML, widgets.HTMLMath)):
        return f"<div>{w.value}</div>"
    if isinstance(w, widgets.Label):
        return f"<div>{html.escape(w.value)}</div>"
    if isinstance(w, widgets.Button):
        return (f'<span style="border:1px solid #aaa;border-radius:2px;padding:0 8px">'
                f"{html.escape(w.description)}</span>")
    if hasattr(w, "value"):
        label = f"{html.escape(w.description)}: " if getattr(w, "description", "") else ""
        return f"<div>{label}<b>{html.escape(_shown_value(w))}</b></div>"
    return ""
