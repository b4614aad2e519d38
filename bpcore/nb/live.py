"""Drawing a figure live, on an ipympl canvas in the browser, at slider speed.

Under ``%matplotlib widget`` a figure's canvas is an ipympl widget: a drawn frame is sent
to the browser as a PNG. A slider must answer at interactive speed, so a widget whose
slider moves only a few artists keeps the rest as a picture and repaints just those (a
:class:`Painter`), and a figure that shows one of a few states (a layer, a neuron, an
activation) keeps one picture per state. Headless (tests, scripts) nothing here draws;
:func:`bpcore.nb.still.png` renders the whole figure whenever pixels are wanted.
"""

import contextlib
import weakref

import ipywidgets as widgets

_painters = weakref.WeakKeyDictionary()  # figure → its Painter


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


def painter_of(fig):
    """The figure's :class:`Painter`, or None."""
    return _painters.get(fig)


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

        painter = live.Painter(fig, moving=[marker, gap])
        marker.set_data(...); painter.paint()              # only the moving artists changed
        curve.set_ydata(...); painter.paint(whole=True)    # the rest changed too

    A figure that shows one of a few ``states`` (any hashable: a layer, (l, j) …) keeps
    the picture behind the moving artists for each: ``show(state)`` puts the artists into
    a state, ``state`` is the one they show now. ``paint(state=s)`` shows s (if it is not
    shown) and repaints like a slider move over s's kept picture, or draws the whole figure
    the first time. Live, the first whole draw also draws every other state off screen
    (nothing is sent), so that no state change waits for a whole draw::

        painter = live.Painter(fig, [marker], show=put_layer, states=[2, 3], state=2)
        painter.paint(state=3)

    Headless (tests) ``paint`` only shows the state; :func:`bpcore.nb.still.png` still
    renders every artist.
    """

    def __init__(self, fig, moving=(), show=None, states=(), state=None):
        self.fig = fig
        self.moving = list(moving)
        for artist in self.moving:
            artist.set_animated(True)  # left out of full draws; drawn by _draw_moving
        self._show = show
        self.states = list(states)
        self.state = state
        self._background = None  # pixels of everything but the moving artists
        self._kept = {}  # (state, figure size in pixels) → that state's background
        self._printing = False
        self._warming = False  # True while _warm_up draws the other states
        fig.canvas.mpl_connect("draw_event", self._keep_background)
        _painters[fig] = self

    def _key(self, state):
        return state, tuple(self.fig.bbox.size)

    def _keep_background(self, event):
        """After a whole draw: keep its picture (for the state shown), draw the moving
        artists over it; on a live canvas the first time, draw the other states too."""
        if self._printing:
            return
        self._background = self.fig.canvas.copy_from_bbox(self.fig.bbox)
        self._draw_moving()
        if self._show is None or not browser_ready(self.fig):
            return
        self._kept[self._key(self.state)] = self._background
        missing = [s for s in self.states if self._key(s) not in self._kept]
        if missing and not self._warming:
            self._warm_up(event.renderer, missing + [self.state])

    def _warm_up(self, renderer, states):
        """Draw ``states`` (the one shown last) into ``renderer``: nothing is sent to the
        browser; each draw's picture is kept by :meth:`_keep_background`, and the last
        leaves the shown state's pixels and background in place."""
        self._warming = True
        try:
            for state in states:
                self._show(state)
                self.state = state
                renderer.clear()
                self.fig.draw(renderer)
        finally:
            self._warming = False

    def _draw_moving(self):
        for artist in self.moving:
            self.fig.draw_artist(artist)

    @property
    def kept(self):
        """How many state pictures are kept (each state once per figure size)."""
        return len(self._kept)

    @contextlib.contextmanager
    def printing(self):
        """While the whole figure is drawn as a picture (:func:`bpcore.nb.still.png`): the
        moving artists are drawn with the rest, and nothing of that draw is kept."""
        for artist in self.moving:
            artist.set_animated(False)
        self._printing = True
        try:
            yield
        finally:
            for artist in self.moving:
                artist.set_animated(True)
            self._printing = False
            self._background = None  # the canvas' pixels may be the picture's now

    def paint(self, whole=False, state=None):
        """Show the new state: only the moving artists, or (``whole``) everything; with
        ``state``, that state first (see the class doc)."""
        new_state = state is not None and state != self.state
        if new_state:
            self._show(state)
            self.state = state
        if not is_live(self.fig):
            return
        c = self.fig.canvas
        if not browser_ready(self.fig):
            c.draw_idle()  # the view draws its first frame itself (see browser_ready)
            return
        if new_state:
            self._background = self._kept.get(self._key(state))
        if whole or self._background is None:
            c.draw()  # draw_event → keep the new background, draw the moving artists
            return
        c.restore_region(self._background)
        self._draw_moving()
        c.blit(self.fig.bbox)
        # The frame sent shows the whole figure as it is. Without this, artists changed
        # with the state leave the figure "stale", and after every comm message the kernel
        # (post_execute) asks the browser for a full draw, a second frame ~70 ms later.
        self.fig.stale = False
