"""bpcore.nb.live.Painter: moving artists are repainted over a kept background, and
the static picture (still.png) still shows them. Runs on a real ipympl canvas (no kernel
is needed to create one) so the blitting path itself is exercised."""

import io

import matplotlib
import numpy as np
import pytest
from PIL import Image

from bpcore.nb import layout, live, still


@pytest.fixture
def ipympl_backend():
    old = matplotlib.get_backend()
    matplotlib.use("module://ipympl.backend_nbagg")
    yield
    matplotlib.use(old)


def _figure_with_marker():
    fig, ax = layout.figure(3, 2, dpi=50)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_axis_off()
    (marker,) = ax.plot([0.25], [0.5], "s", color="red", ms=20)
    return fig, ax, marker


def _open_view(fig):
    """What the browser's view of the canvas says once it is ready."""
    fig.canvas._handle_message(fig.canvas, {"type": "initialized"}, [])


def _red_columns(png_bytes):
    rgb = np.asarray(Image.open(io.BytesIO(png_bytes)).convert("RGB")).astype(int)
    red = (rgb[..., 0] > 200) & (rgb[..., 1] < 60) & (rgb[..., 2] < 60)
    return np.nonzero(red.any(axis=0))[0]


def test_png_shows_the_moving_artists():
    fig, ax, marker = _figure_with_marker()
    live.Painter(fig, moving=[marker])
    assert marker.get_animated()  # left out of full draws …
    cols = _red_columns(still.png(fig))
    assert cols.size and cols.mean() < fig.bbox.width / 2  # … but in the picture, at x=0.25
    assert marker.get_animated()  # and still moving afterwards


def test_blit_repaints_the_marker_where_it_moved(ipympl_backend):
    fig, ax, marker = _figure_with_marker()
    assert live.is_live(fig)
    painter = live.Painter(fig, moving=[marker])
    _open_view(fig)
    painter.paint()  # first paint is a whole draw: background kept
    assert painter._background is not None
    marker.set_data([0.75], [0.5])
    painter.paint()  # blit: background restored, marker drawn at its new place
    rgba = np.asarray(fig.canvas.get_renderer().buffer_rgba()).astype(int)
    red = (rgba[..., 0] > 200) & (rgba[..., 1] < 60) & (rgba[..., 2] < 60)
    cols = np.nonzero(red.any(axis=0))[0]
    assert cols.size and cols.min() > fig.bbox.width / 2  # only at the new place


def test_the_picture_resets_the_kept_background(ipympl_backend):
    fig, ax, marker = _figure_with_marker()
    painter = live.Painter(fig, moving=[marker])
    _open_view(fig)
    painter.paint()
    still.png(fig)
    assert painter._background is None  # next paint is whole, so no stale pixels


@pytest.mark.parametrize("painted", [False, True])
def test_nothing_is_drawn_before_the_browser_view_is_ready(ipympl_backend, painted):
    """ipympl 0.10 stores a frame drawn before its view is ready as a bare base64 string,
    which the browser then fails to load as an image (a blank figure): draw nothing yet."""
    fig, ax, marker = _figure_with_marker()
    if painted:
        live.Painter(fig, moving=[marker])
    assert not live.browser_ready(fig)
    live.redraw(fig)
    url = fig.canvas._data_url
    assert url is None or url.startswith("data:image/png;base64,"), url[:40]
    _open_view(fig)
    assert live.browser_ready(fig)


def _figure_with_states():
    """A figure whose title and curve depend on a state (0, 1, 2) and a moving marker."""
    fig, ax, marker = _figure_with_marker()
    (curve,) = ax.plot([0, 1], [0.1, 0.1], color="blue", lw=4)
    title = ax.set_title("")

    def show(state):
        curve.set_ydata([0.1 + 0.3 * state] * 2)
        title.set_text(f"state {state}")

    show(0)
    return fig, marker, curve, show


def _rgba(fig):
    return np.asarray(fig.canvas.get_renderer().buffer_rgba()).copy()


def test_every_state_is_drawn_once_then_a_state_change_is_a_blit(ipympl_backend):
    fig, marker, curve, show = _figure_with_states()
    painter = live.Painter(fig, moving=[marker], show=show, states=[0, 1, 2], state=0)
    _open_view(fig)
    painter.paint()  # the first whole draw also draws states 1 and 2 off screen
    assert painter.kept == 3 and painter.state == 0
    assert list(curve.get_ydata()) == [0.1, 0.1]  # the artists show state 0 again
    draws = []
    fig.canvas.mpl_connect("draw_event", draws.append)
    for state in (2, 1, 0, 2):
        marker.set_data([0.2 * (state + 1)], [0.5])
        painter.paint(state=state)
        assert draws == [] and painter.state == state
        assert list(curve.get_ydata()) == [0.1 + 0.3 * state] * 2
        shown = _rgba(fig)
        fig.canvas.draw()  # the whole figure in the same state gives the same pixels
        np.testing.assert_array_equal(shown, _rgba(fig))
        draws.clear()


def test_headless_a_state_change_only_shows_the_state():
    fig, marker, curve, show = _figure_with_states()
    painter = live.Painter(fig, moving=[marker], show=show, states=[0, 1], state=0)
    painter.paint(state=1)
    assert painter.state == 1 and list(curve.get_ydata()) == [0.4, 0.4]
    assert painter.kept == 0


def test_after_a_blit_the_kernel_asks_for_no_whole_draw(ipympl_backend):
    """After each comm message the kernel runs post_execute, where pyplot redraws every
    stale figure (draw_idle → the browser asks for a whole frame: a second, slow frame).
    The frame a Painter blits shows the whole figure, so nothing is left stale."""
    from matplotlib._pylab_helpers import Gcf

    fig, marker, curve, show = _figure_with_states()
    painter = live.Painter(fig, moving=[marker], show=show, states=[0, 1], state=0)
    _open_view(fig)
    painter.paint()
    requested = []
    fig.canvas.draw_idle = lambda: requested.append(True)
    for state in (1, 0):
        painter.paint(state=state)  # the curve and the title changed: a kept picture
        marker.set_data([0.5], [0.5])
        painter.paint()
        Gcf.draw_all()  # what pyplot's post_execute hook does
    assert requested == []
