"""Figures that work both live (ipympl canvas in a notebook) and headless (tests).

Build a figure once with :func:`figure`, put :func:`canvas` of it into a widget layout,
and update its artists from callbacks (``line.set_ydata(...)``, then
:func:`bpcore.nb.live.redraw`). Under ``%matplotlib widget`` the canvas is an ipympl widget;
under a non-interactive backend (tests, scripts) a placeholder Output widget stands in, so
builders never branch. A figure's layout is computed once (:func:`freeze`), not on every
frame (how frames are drawn live: :mod:`bpcore.nb.live`).

A figure's box (:func:`canvas`) and every widget scale down to the cell's width (the CSS of
:data:`FIT_CSS`), so nothing is cut off at 150 % zoom. A cell ending in the box stores a
still picture of the figure too (:mod:`bpcore.nb.still`).
"""

import ipywidgets as widgets
import matplotlib.pyplot as plt

from . import still

# Widgets fit the cell: boxes and sliders shrink to its width (their margins included), rows
# of controls wrap, and the
# ipympl canvas (whose size ipympl sets in px) scales down keeping its aspect; its first
# canvas stays in the flow (ipympl places both absolutely) so that the box keeps the scaled
# height. A canvas box carries these rules in a <style> element; the classes are added by
# canvas() and still.bundle().
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
        return still.bundle(self, self.figure, str(still.msg("plain_figure")), note=False,
                            **kwargs)


def canvas(fig):
    """The widget to place in a layout: a box of the ipympl canvas (or, headless, an empty
    Output stand-in) that scales down to the cell's width. A cell ending in it stores a
    still picture of the figure too (:func:`bpcore.nb.still.bundle`)."""
    return FigureBox(fig)


def freeze(fig):
    """Compute the layout once (e.g. ``layout="constrained"``) and keep it: later frames
    skip the layout engine, which otherwise runs on every draw."""
    fig.draw_without_rendering()
    fig.set_layout_engine("none")
