"""How long a student waits after moving a control: every notebook widget, driven alike.

Each widget is built headless under matplotlib's Agg backend and driven through the widget
protocol of :mod:`bpcore.nb.widget` only: ``w.controls`` (the student's inputs by name),
``w.figure`` and ``w.update()``. The i-th action changes control i mod k of the k controls:
a slider moves to another point of its range, a dropdown or toggle group to its next
option, a check box flips, a button is clicked. For each action two times are kept:

* **callback** — the kernel's work: the observers run ``update()``, which redraws the
  artists and asks for a frame (``draw_idle``, deferred as ipympl defers it);
* **render** — that frame: a full Agg ``fig.canvas.draw()`` of ``w.figure``, which the
  kernel does next when the browser asks for it (0 for a widget without a figure);
* **live** — the whole kernel side of one action as in a notebook: the widget built on an
  ipympl canvas whose browser view is ready, so the callback's own redraw (a full draw or a
  :class:`~bpcore.nb.live.Painter`'s blit) renders the frame and ipympl encodes it as PNG
  for the browser (the message itself goes nowhere: there is no kernel). Then what the
  kernel does after every comm message: pyplot's post_execute hook asks for a frame of
  every stale figure (``draw_idle``), and the browser answers with a request for a whole
  draw, which is done and timed here too; ``whole_draws`` counts them per action (0 when
  the widget's own frame left nothing stale). Not for live_training, whose epochs run
  inside one cell: there is no comm message, and the hook runs once at the cell's end.

:data:`WIDGETS` is the one list of builder calls.
"""

import importlib
import statistics
import time

import numpy as np

from bpcore import Network
from bpcore.training import EpochRecord

SLIDER_POINTS = (0.2, 0.8, 0.5, 0.35, 0.65, 0.05, 0.95)  # fractions of a slider's range


def _nb(module):
    return importlib.import_module(f"bpcore.nb.{module}")


def _path_view():
    net = Network([2, 3, 3, 2], seed=11)  # notebook 11's network
    rng = np.random.default_rng(0)
    return _nb("path_view").path_view(net, rng.random((2, 1)), rng.random((2, 1)), 2, 1, 0)


def _epoch_reported(w, i):
    """live_training's action is not a control: training reports one more epoch."""
    w.progress(10, 10)
    w.callback(EpochRecord(len(w.epochs), 0.1 / (1 + i), 800 + i, 1000))


# name → (build, action): action None means "the next control" (see change_control)
WIDGETS = {
    "gd.gd_widget": (lambda: _nb("gd").gd_widget(eta=0.1, v0=(-2.5, 1.5), steps=20), None),
    "diagram.network_diagram": (lambda: _nb("diagram").network_diagram(
        Network([4, 4, 3, 2], seed=2), l=3, j=2, k=4), None),
    "demon.build": (lambda: _nb("demon").build(), None),
    "equations.equations_explorer": (
        lambda: _nb("equations").equations_explorer(sizes=(3, 4, 4, 2), seed=0), None),
    "saturation.sigma_slider": (lambda: _nb("saturation").sigma_slider(z=5.0), None),
    "saturation.init_scale_widget": (
        lambda: _nb("saturation").init_scale_widget([10, 8, 8, 8, 4], seed=7, layer=2), None),
    "stepper.stepper": (lambda: _nb("stepper").stepper([2, 3, 2], seed=0), None),
    "path_view.path_view": (_path_view, None),
    "training_plots.live_training": (lambda: _nb("training_plots").live_training(30),
                                     _epoch_reported),
}


def change_control(w, i):
    """The i-th user action on ``w``: change control number i mod len(w.controls)."""
    import ipywidgets as widgets

    controls = list(w.controls.values())
    c = controls[i % len(controls)]
    turn = i // len(controls)
    if isinstance(c, widgets.Button):
        c.click()
    elif getattr(c, "options", None):
        c.index = ((c.index or 0) + 1) % len(c.options)
    elif isinstance(c.value, bool):
        c.value = not c.value
    elif hasattr(c, "min") and hasattr(c, "max"):
        point = c.min + SLIDER_POINTS[turn % len(SLIDER_POINTS)] * (c.max - c.min)
        if isinstance(c, widgets.FloatLogSlider):
            point = c.base**point
        c.value = round(point) if isinstance(c.value, int) else point
    else:
        raise TypeError(f"don't know how to change a {type(c).__name__} control")


def latency(w, action=None, changes=20):
    """``{"callback_s", "render_s", "controls"}`` of the built widget ``w``: medians over
    ``changes`` actions (the protocol's ``controls``, or ``action`` for a widget without)."""
    import matplotlib.pyplot as plt

    controls = w.controls
    act = action or change_control
    fig = getattr(w, "figure", None)
    if fig is not None:
        fig.canvas.draw_idle = lambda *args, **kwargs: None  # deferred, as ipympl does
    act(w, 0)  # warm up: caches, the first draw
    if fig is not None:
        fig.canvas.draw()
    calls, renders = [], []
    for i in range(1, changes + 1):
        start = time.perf_counter()
        act(w, i)
        middle = time.perf_counter()
        if fig is not None:
            fig.canvas.draw()
        calls.append(middle - start)
        renders.append(time.perf_counter() - middle)
    plt.close("all")
    return {"callback_s": statistics.median(calls), "render_s": statistics.median(renders),
            "controls": list(controls or [])}


IPYMPL = "module://ipympl.backend_nbagg"


def live_latency(build, action=None, changes=20):
    """``(median seconds, whole draws per action)`` of one action on the widget ``build()``
    makes with a live figure (see **live** in the module docstring); the time of the
    callback alone for a widget without a figure."""
    import matplotlib.pyplot as plt
    from matplotlib._pylab_helpers import Gcf

    backend = plt.get_backend()
    plt.switch_backend(IPYMPL)
    try:
        w = build()
        fig = getattr(w, "figure", None)
        asked = []  # frames asked for by draw_idle: the browser answers "draw"
        if fig is not None:
            fig.canvas.syncing_data_url = False  # as after the browser's "initialized"
            fig.canvas.draw_idle = lambda *args, **kwargs: asked.append(True)
        act = action or change_control
        # a control's change comes as a comm message, after which the kernel runs its
        # post_execute hooks; a custom action (an epoch of training) runs inside one cell
        comm_message = action is None
        act(w, 0)  # warm up
        Gcf.draw_all()
        asked.clear()
        times, whole = [], 0
        for i in range(1, changes + 1):
            start = time.perf_counter()
            act(w, i)
            if comm_message:
                Gcf.draw_all()  # pyplot's post_execute hook
            while asked:  # the browser's answer: a whole draw and its frame
                asked.pop()
                whole += 1
                fig.canvas.handle_draw({})
            times.append(time.perf_counter() - start)
        plt.close("all")
        return statistics.median(times), whole / changes
    finally:
        plt.switch_backend(backend)


def widget_latency(changes=20, widgets=None):
    """``{name: latency(...) and "live_s"}`` for every widget in ``widgets`` (default
    :data:`WIDGETS`): built under Agg, and again live (:func:`live_latency`)."""
    import matplotlib

    matplotlib.use("Agg")
    out = {}
    for name, (build, action) in (widgets or WIDGETS).items():
        out[name] = latency(build(), action, changes)
        out[name]["live_s"], out[name]["whole_draws"] = live_latency(build, action, changes)
    return out
