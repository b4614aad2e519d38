"""The one protocol every notebook widget in :mod:`bpcore.nb` follows.

A widget object has

* ``widget`` — the displayable ipywidgets box (its only displayable attribute); a cell that
  ends in the object (or ``display(obj)``) displays it too, and stores beside it a still
  picture of its first state for a notebook opened without a kernel
  (:func:`bpcore.nb.still.bundle`);
* ``controls`` — the student's inputs by name, in display order (sliders, dropdowns, toggle
  buttons, buttons);
* ``figure`` — the matplotlib figure it draws into, or None;
* ``update(change=None)`` — recompute and redraw from the controls' values. Every observer
  calls it (``change`` is the ipywidgets change, or None for "everything"), and it ends by
  asking for a redraw with :func:`bpcore.nb.live.redraw`.

So a test or a benchmark drives any widget alike: ``w.controls[name].value = v`` (or
``w.controls[name].click()`` for a button), then reads the readout, the artists or
``w.figure``. What a widget shows (readouts, artists, numbers such as ``actual_dC``) stays
in public attributes named after it.
"""

import ipywidgets

from . import still


class Interactive:
    """Base of every notebook widget in bpcore.nb (see the module docstring)."""

    widget: ipywidgets.Widget
    controls: dict
    figure = None

    def update(self, change=None):
        """Recompute and redraw from the controls' values."""
        raise NotImplementedError

    def _assemble(self, *children):
        """Finish building: ``widget`` is a VBox of ``children``; every control now calls
        :meth:`update`, which draws the first state."""
        self.widget = ipywidgets.VBox(list(children))
        self.observe_controls()
        self.update()

    def observe_controls(self):
        """Call :meth:`update` whenever a control's value changes (buttons excepted: a
        button has no value, so its ``on_click`` handler says what a click means)."""
        for control in self.controls.values():
            if not isinstance(control, ipywidgets.Button):
                control.observe(self.update, names="value")

    def changed(self, change, *names):
        """True if ``change`` came from one of the controls ``names`` (or is None: all)."""
        return change is None or any(change["owner"] is self.controls[n] for n in names)

    def _repr_mimebundle_(self, **kwargs):
        """The live widget view plus a still picture (PNG of the figure, static HTML)."""
        plain = str(still.msg("plain", name=type(self).__name__))
        return still.bundle(self.widget, self.figure, plain, **kwargs)
