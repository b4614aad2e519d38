"""A widget on a live ipympl canvas without a kernel, its browser view "open", so that a
slider move really draws: what is drawn can be counted (no timing, only what happens)."""

import contextlib

import matplotlib


@contextlib.contextmanager
def ipympl_backend():
    """Figures built inside get ipympl canvases (the backend of ``%matplotlib widget``)."""
    old = matplotlib.get_backend()
    matplotlib.use("module://ipympl.backend_nbagg")
    try:
        yield
    finally:
        matplotlib.use(old)


def open_view(fig):
    """What the browser's view of the canvas says once it is ready; then its first frame."""
    fig.canvas._handle_message(fig.canvas, {"type": "initialized"}, [])
    fig.canvas.draw()


def frames_after(fig, control, value):
    """``(full_draws, frames)`` caused by ``control.value = value``: full figure draws (each
    fires a draw_event; a blit does not) and frames sent to the browser."""
    full, frames = [], []
    cid = fig.canvas.mpl_connect("draw_event", lambda event: full.append(1))
    fig.canvas.send = lambda content, buffers=None: frames.append(content) if buffers else None
    try:
        control.value = value
    finally:
        fig.canvas.mpl_disconnect(cid)
    return len(full), len(frames)
