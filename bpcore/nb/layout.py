"""Figures that work both live (ipympl canvas in a notebook) and headless (tests).

Build a figure once with :func:`figure`, put :func:`canvas` of it into a widget layout,
and update its artists from callbacks (``line.set_ydata(...)``, then :func:`redraw`).
Under ``%matplotlib widget`` the canvas is an ipympl widget; under a non-interactive
backend (tests, scripts) a placeholder Output widget stands in, so builders never branch.

Sliders must answer at interactive speed, so a widget whose slider moves only a few
artists keeps the rest as a picture and repaints just those (a :class:`Painter`), and a
figure's layout is computed once (:func:`freeze`), not on every frame. :func:`png` renders
the whole figure, moving artists included, for the static picture stored beside a widget.
"""

import io
import weakref

import ipywidgets as widgets
import matplotlib.pyplot as plt

_painters = weakref.WeakKeyDictionary()  # figure → its Painter


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


def canvas(fig):
    """The widget to place in a layout: the ipympl canvas, or an empty Output stand-in."""
    return fig.canvas if isinstance(fig.canvas, widgets.DOMWidget) else widgets.Output()


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
