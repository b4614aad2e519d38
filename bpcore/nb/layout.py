"""Figures that work both live (ipympl canvas in a notebook) and headless (tests).

Build a figure once with :func:`figure`, put :func:`canvas` of it into a widget layout,
and update its artists from callbacks (``line.set_ydata(...)``, then :func:`redraw`).
Under ``%matplotlib widget`` the canvas is an ipympl widget; under a non-interactive
backend (tests, scripts) a placeholder Output widget stands in, so builders never branch.
"""

import ipywidgets as widgets
import matplotlib.pyplot as plt


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


def redraw(fig):
    """Ask for a redraw after artists changed (cheap; coalesced by the canvas)."""
    fig.canvas.draw_idle()
