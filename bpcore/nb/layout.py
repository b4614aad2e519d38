"""Figures that work both live (ipympl canvas in a notebook) and headless (tests).

Build a figure once with :func:`figure`, put :func:`canvas` of it into a widget layout,
and update its artists from callbacks (``line.set_ydata(...)``, then :func:`redraw`).
Under ``%matplotlib widget`` the canvas is an ipympl widget; under a non-interactive
backend (tests, scripts) a placeholder Output widget stands in, so builders never branch.

Sliders must answer at interactive speed, so a widget whose slider moves only a few
artists keeps the rest as a picture and repaints just those (a :class:`Painter`), and a
figure's layout is computed once (:func:`freeze`), not on every frame. :func:`png` renders
the whole figure, moving artists included, for the static picture stored beside a widget.

A figure's box (:func:`canvas`) and every widget scale down to the cell's width (the CSS of
:data:`FIT_CSS`), so nothing is cut off at 150 % zoom. What a cell stores beside the live
widget (:func:`bundle`) is a still picture of it: a PNG of the figure and a small HTML page
of the controls' values, the figure and the readouts, for a notebook opened without a kernel
(GitHub, nbviewer, an HTML export).
"""

import base64
import html
import io
import weakref

import ipywidgets as widgets
import matplotlib.pyplot as plt

from bpcore.i18n import register

_painters = weakref.WeakKeyDictionary()  # figure → its Painter

msg = register("layout", {
    "still": "A still picture of the widget as it starts: run the cell to use it.",
    "plain": "{name}: an interactive widget (run the cell to use it)",
    "figure": "figure",
    "plain_figure": "A figure (run the cell to show it)",
})

# Widgets fit the cell: boxes and sliders shrink to its width (their margins included), rows
# of controls wrap, and the
# ipympl canvas (whose size ipympl sets in px) scales down keeping its aspect; its first
# canvas stays in the flow (ipympl places both absolutely) so that the box keeps the scaled
# height. A canvas box carries these rules in a <style> element; the classes are added by
# canvas() and bundle().
FIT_CSS = """<style>
.bpcore-fit, .bpcore-figure { max-width: 100%; min-width: 0; }
.bpcore-fit .widget-box, .bpcore-fit .widget-inline-hbox, .bpcore-fit .widget-html {
  max-width: calc(100% - 2 * var(--jp-widgets-margin, 2px)); min-width: 0; }
.bpcore-fit .widget-hbox { flex-wrap: wrap; }
.bpcore-figure .jupyter-matplotlib, .bpcore-figure .jupyter-matplotlib-figure,
.bpcore-figure .jupyter-matplotlib-canvas-container { max-width: 100%; min-width: 0; }
.bpcore-figure .jupyter-matplotlib-canvas-div { max-width: 100%; height: auto !important; }
.bpcore-figure .jupyter-matplotlib-canvas-div canvas { max-width: 100%; height: auto !important; }
.bpcore-figure .jupyter-matplotlib-canvas-div canvas:first-child { position: relative !important; }
</style>"""


def figure(width=6.0, height=3.5, **subplots_kw):
    """``(fig, axes)`` created without auto-display, with ipympl's chrome kept small."""
    with plt.ioff():
        fig, axes = plt.subplots(figsize=(width, height), **subplots_kw)
    c = fig.canvas
    if isinstance(c, widgets.DOMWidget):
        c.header_visible = False
        c.footer_visible = False
        c.toolbar_visible = False
        c.resizable = False
    return fig, axes


class FigureBox(widgets.VBox):
    """A figure's place in a layout (see :func:`canvas`); ``figure`` is the figure."""

    def __init__(self, fig):
        live = fig.canvas if isinstance(fig.canvas, widgets.DOMWidget) else widgets.Output()
        super().__init__([widgets.HTML(FIT_CSS), live])
        self.figure = fig
        self.add_class("bpcore-figure")

    def _repr_mimebundle_(self, **kwargs):
        return bundle(self, self.figure, str(msg("plain_figure")), note=False, **kwargs)


def canvas(fig):
    """The widget to place in a layout: a box of the ipympl canvas (or, headless, an empty
    Output stand-in) that scales down to the cell's width. A cell ending in it stores a
    still picture of the figure too (:func:`bundle`)."""
    return FigureBox(fig)


def is_live(fig):
    """True when ``fig`` is drawn on an ipympl canvas in a browser (not headless)."""
    return isinstance(fig.canvas, widgets.DOMWidget)


def browser_ready(fig):
    """True once the browser's view of a live canvas has said it is ready ("initialized").

    Before that, ipympl 0.10 stores each drawn frame as a bare base64 string where the
    browser expects a ``data:`` URL, and the view it then opens stays blank ("drawImage …
    'broken' state"). So nothing is drawn eagerly until the view is there; the view asks
    for its first frame itself."""
    return is_live(fig) and not getattr(fig.canvas, "syncing_data_url", True)


def freeze(fig):
    """Compute the layout once (e.g. ``layout="constrained"``) and keep it: later frames
    skip the layout engine, which otherwise runs on every draw."""
    fig.draw_without_rendering()
    fig.set_layout_engine("none")


def redraw(fig):
    """Show the figure's new state: its :class:`Painter` if it has one, else a full draw.

    Live, the figure is drawn at once and the new frame sent (no round trip through the
    browser); before the browser's view is ready, a draw is only requested; headless
    nothing is drawn until someone asks for pixels."""
    painter = _painters.get(fig)
    if painter is not None:
        painter.paint(whole=True)
    elif browser_ready(fig):
        fig.canvas.draw()
    elif is_live(fig):
        fig.canvas.draw_idle()


class Painter:
    """Repaint only what a slider moves: the rest of the figure is kept as a picture.

    ``moving`` are the artists that change on every frame (markers, a tangent line …);
    they are drawn over a kept copy of everything else and only the changed pixels are
    sent to the browser (blitting)::

        painter = layout.Painter(fig, moving=[marker, gap])
        marker.set_data(...); painter.paint()      # only the moving artists changed
        curve.set_ydata(...); painter.paint(whole=True)   # the background changed too
        kept = painter.background                  # after a whole draw: that picture …
        painter.paint(background=kept)             # … shown again later, nothing drawn

    Headless (tests) ``paint`` draws nothing; :func:`png` still renders every artist.
    """

    def __init__(self, fig, moving=()):
        self.fig = fig
        self.moving = list(moving)
        for artist in self.moving:
            artist.set_animated(True)  # left out of full draws; drawn by _draw_moving
        self._background = None  # pixels of everything but the moving artists
        self._printing = False
        fig.canvas.mpl_connect("draw_event", self._keep_background)
        _painters[fig] = self

    def _keep_background(self, event):
        if self._printing:
            return
        self._background = self.fig.canvas.copy_from_bbox(self.fig.bbox)
        self._draw_moving()

    def _draw_moving(self):
        for artist in self.moving:
            self.fig.draw_artist(artist)

    @property
    def background(self):
        """The kept picture of everything but the moving artists (None before a draw)."""
        return self._background

    @property
    def printing(self):
        """True while :func:`png` draws the figure: that draw is no frame of the canvas."""
        return self._printing

    def paint(self, whole=False, background=None):
        """Show the new state: only the moving artists, or (``whole``) everything, or the
        moving artists over ``background``, a :attr:`background` kept earlier from a
        state whose other artists look as they do now (nothing else is drawn)."""
        if not is_live(self.fig):
            return
        c = self.fig.canvas
        if not browser_ready(self.fig):
            c.draw_idle()  # the view draws its first frame itself (see browser_ready)
            return
        if background is not None:
            self._background = background
        elif whole or self._background is None:
            c.draw()  # draw_event → keep the new background, draw the moving artists
            return
        c.restore_region(self._background)
        self._draw_moving()
        c.blit(self.fig.bbox)


def png(fig, dpi=None):
    """The whole figure as PNG bytes (moving artists of a :class:`Painter` included)."""
    painter = _painters.get(fig)
    moving = painter.moving if painter is not None else []
    for artist in moving:
        artist.set_animated(False)
    if painter is not None:
        painter._printing = True
    try:
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=dpi or "figure")
        return buf.getvalue()
    finally:
        for artist in moving:
            artist.set_animated(True)
        if painter is not None:
            painter._printing = False
            painter._background = None  # the canvas' pixels may be the picture's now


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
