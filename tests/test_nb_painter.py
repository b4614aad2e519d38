"""bpcore.nb.layout's Painter: moving artists are repainted over a kept background, and
the static picture (layout.png) still shows them. Runs on a real ipympl canvas (no kernel
is needed to create one) so the blitting path itself is exercised."""

import io

import matplotlib
import numpy as np
import pytest
from PIL import Image

from bpcore.nb import layout


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
    layout.Painter(fig, moving=[marker])
    assert marker.get_animated()  # left out of full draws …
    cols = _red_columns(layout.png(fig))
    assert cols.size and cols.mean() < fig.bbox.width / 2  # … but in the picture, at x=0.25
    assert marker.get_animated()  # and still moving afterwards


def test_blit_repaints_the_marker_where_it_moved(ipympl_backend):
    fig, ax, marker = _figure_with_marker()
    assert layout.is_live(fig)
    painter = layout.Painter(fig, moving=[marker])
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
    painter = layout.Painter(fig, moving=[marker])
    _open_view(fig)
    painter.paint()
    layout.png(fig)
    assert painter._background is None  # next paint is whole, so no stale pixels


@pytest.mark.parametrize("painted", [False, True])
def test_nothing_is_drawn_before_the_browser_view_is_ready(ipympl_backend, painted):
    """ipympl 0.10 stores a frame drawn before its view is ready as a bare base64 string,
    which the browser then fails to load as an image (a blank figure): draw nothing yet."""
    fig, ax, marker = _figure_with_marker()
    if painted:
        layout.Painter(fig, moving=[marker])
    assert not layout.browser_ready(fig)
    layout.redraw(fig)
    url = fig.canvas._data_url
    assert url is None or url.startswith("data:image/png;base64,"), url[:40]
    _open_view(fig)
    assert layout.browser_ready(fig)
