"""The one widget protocol, for every widget in bpcore.nb; and the notebook ↔ module table.

Each builder is called as its notebook calls it. Then, with nothing but the protocol
(``widget``, ``controls``, ``figure``, ``update``), every control is moved and the test
checks that the widget noticed: its figure was asked to redraw, or its text changed.
"""

import ast
import re
from pathlib import Path

import ipywidgets
import matplotlib
import nbformat
import numpy as np
import pytest

matplotlib.use("Agg")

import bpcore  # noqa: E402
import bpcore.nb  # noqa: E402
from bpcore.nb import (  # noqa: E402
    demon,
    diagram,
    equations,
    gd,
    path_view,
    saturation,
    stepper,
    training_plots,
)
from bpcore.nb.widget import Interactive  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def path_view_of_11():
    net = bpcore.Network([2, 3, 3, 2], seed=11)
    rng = np.random.default_rng(11)
    return path_view.path_view(net, rng.random((2, 1)), rng.random((2, 1)), 2, 1, 0)


BUILDERS = {
    "gd.gd_widget": lambda: gd.gd_widget(eta=0.1, v0=(-2.5, 1.5), steps=20),
    "diagram.network_diagram": lambda: diagram.network_diagram(
        bpcore.Network([4, 4, 3, 2], seed=2), l=3, j=2, k=4),
    "demon.build": demon.build,
    "equations.equations_explorer": lambda: equations.equations_explorer((3, 4, 4, 2), seed=0),
    "saturation.sigma_slider": lambda: saturation.sigma_slider(z=5.0),
    "saturation.init_scale_widget": lambda: saturation.init_scale_widget([10, 8, 8, 8, 4]),
    "stepper.stepper": lambda: stepper.stepper([2, 3, 2], seed=0),
    "path_view.path_view": path_view_of_11,
    "training_plots.live_training": lambda: training_plots.live_training(3),
}


def descendants(w):
    """Every widget inside ``w`` (``w`` included), through the ``children`` of boxes."""
    yield w
    for child in getattr(w, "children", ()):
        yield from descendants(child)


def other_value(control):
    """A valid value different from the control's current one."""
    if hasattr(control, "options"):
        values = [o[1] if isinstance(o, tuple) else o for o in control.options]
        return next(v for v in values if v != control.value)
    step = control.step or 1
    return control.value - step if control.value - step >= control.min else control.value + step


def shown_text(w):
    return [getattr(d, "value", None) for d in descendants(w.widget)
            if isinstance(d, ipywidgets.HTML)]


@pytest.mark.parametrize("name", BUILDERS)
def test_the_protocol_shape(name):
    w = BUILDERS[name]()
    assert isinstance(w, Interactive)
    assert isinstance(w.widget, ipywidgets.Widget) and not hasattr(w, "box")
    assert isinstance(w.controls, dict)
    inside = {id(d) for d in descendants(w.widget)}
    for key, control in w.controls.items():
        assert isinstance(control, ipywidgets.Widget), key
        assert id(control) in inside, f"control {key!r} is not displayed"
    assert w.figure is None or isinstance(w.figure, matplotlib.figure.Figure)
    # a cell ending in the object shows the widget itself (and stores a still picture)
    view = "application/vnd.jupyter.widget-view+json"
    assert w._repr_mimebundle_()[view] == w.widget._repr_mimebundle_()[view]


@pytest.mark.parametrize("name", BUILDERS)
def test_every_control_reaches_update_and_a_redraw(name):
    w = BUILDERS[name]()
    redraws = []
    if w.figure is not None:
        w.figure.canvas.draw_idle = lambda *a, **k: redraws.append(1)
    for key, control in w.controls.items():
        before_text, before_redraws = shown_text(w), len(redraws)
        if isinstance(control, ipywidgets.Button):
            if control.disabled:  # e.g. "Previous" at the first step: take one step first
                next(c for c in w.controls.values() if not c.disabled).click()
                before_text = shown_text(w)
            control.click()
        else:
            control.value = other_value(control)
        assert len(redraws) > before_redraws or shown_text(w) != before_text, key


def test_update_without_a_change_redraws_everything_the_same():
    d = demon.build()
    d.controls["dz"].value = -1.25
    shown = (d.readout.value, d.delta, d.actual_dC, list(d.curve.get_ydata()))
    d.update()
    assert (d.readout.value, d.delta, d.actual_dC, list(d.curve.get_ydata())) == shown


# -- the table in bpcore/nb/__init__.py says which notebook uses which modules -------------


def table():
    """{notebook stem: (set of bpcore.nb modules, exercises module or None)} from the table."""
    rows = {}
    for line in bpcore.nb.__doc__.splitlines():
        m = re.match(r"^(\d\d-[a-z0-9-]+)\s{2,}(.+?)\s{2,}(\S+)$", line)
        if m:
            mods = {s.strip() for s in m.group(2).split(",")} - {"—"}
            rows[m.group(1)] = (mods, None if m.group(3) == "—" else m.group(3))
    return rows


def imports_of(path):
    """The bpcore.nb modules (layout and widget aside) and exercise modules a notebook uses."""
    nb, mods, exercises = nbformat.read(path, as_version=4), set(), set()
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        source = "\n".join(line for line in cell.source.splitlines()
                           if not line.lstrip().startswith(("%", "!")))
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [a.name for a in node.names]
                if node.module == "bpcore.nb":
                    mods.update(names)
                elif node.module.startswith("bpcore.nb."):
                    mods.add(node.module.split(".")[2])
                elif node.module == "bpcore.exercises":
                    exercises.update(names)
                elif node.module.startswith("bpcore.exercises."):
                    exercises.add(node.module.split(".")[2])
    return mods - {"layout", "live", "still", "widget"}, exercises


def test_the_table_lists_every_notebook_with_the_modules_it_imports():
    rows = table()
    paths = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
    assert sorted(rows) == [p.stem for p in paths]
    for path in paths:
        mods, exercises = imports_of(path)
        assert (mods, exercises) == (rows[path.stem][0],
                                     {rows[path.stem][1]} - {None}), path.name
    listed = set().union(*(m for m, _ in rows.values()))
    modules = {p.stem for p in (ROOT / "bpcore" / "nb").glob("*.py")}
    assert listed <= modules
    assert modules - listed == {"__init__", "layout", "live", "still", "widget"}  # all known
