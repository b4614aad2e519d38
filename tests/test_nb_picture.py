"""Figures that show without a kernel: every widget a notebook stores carries a still picture.

Opened without a kernel (GitHub, nbviewer, an HTML export, JupyterLab before Run All) a
widget's live view has no model to draw. So a cell ending in a bpcore widget stores, beside
the view, a PNG of its figure and a static HTML rendering of its first state
(``bpcore.nb.still.bundle``). Checked on a built widget and on both editions as stored.
"""

import base64
import re
from pathlib import Path

import ipywidgets
import matplotlib
import nbformat
import pytest

matplotlib.use("Agg")

from bpcore import i18n  # noqa: E402
from bpcore.nb import demon, layout, stepper, still  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb")) + sorted(
    (ROOT / "notebooks" / "zh-CN").glob("*.ipynb"))
VIEW = "application/vnd.jupyter.widget-view+json"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
# Widget outputs that are not bpcore's: 00's check that ipywidgets works at all is plain
# ipywidgets on purpose (a slider and a label), with nothing to picture.
PLAIN_IPYWIDGETS = {"widgets.HBox([slider, label])"}


def widget_outputs(path):
    """``(cell's last line, output data)`` of every stored widget output of a notebook."""
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        last = cell.source.strip().splitlines()[-1].strip()
        for out in cell.get("outputs", []):
            if VIEW in out.get("data", {}) and last not in PLAIN_IPYWIDGETS:
                yield last, out["data"]


def test_a_built_widget_stores_a_picture_of_its_first_state():
    w = demon.build()
    w.controls["dz"].value = -1.25  # the picture shows the state at display time
    data = w._repr_mimebundle_()
    assert data[VIEW] == w.widget._repr_mimebundle_()[VIEW]
    assert base64.b64decode(data["image/png"]).startswith(PNG_MAGIC)
    html = data["text/html"]
    assert html.count("<img") == 1
    assert "−1.25" in html or "-1.25" in html  # the slider's value, as its readout shows it
    assert w.readout.value in html  # the readout's text
    for name in ("layer l", "neuron j", "Δz"):
        assert name in html
    assert "Demon" in data["text/plain"] and "\n" not in data["text/plain"]


def test_a_widget_without_a_figure_still_gets_html():
    st = stepper.stepper([2, 3, 2], seed=0)
    data = st._repr_mimebundle_()
    assert "image/png" not in data and "<img" not in data["text/html"]
    assert st.controls["next"].description in data["text/html"]
    assert "bpcore-still" in data["text/html"]


def test_a_figure_box_stores_its_picture(monkeypatch):
    fig, ax = layout.figure(4, 3)
    ax.plot([0, 1], [0, 1])
    box = layout.canvas(fig)
    assert isinstance(box, ipywidgets.Box)
    data = box._repr_mimebundle_()
    assert base64.b64decode(data["image/png"]).startswith(PNG_MAGIC)
    assert "<img" in data["text/html"]
    assert str(still.msg("still")) not in data["text/html"]  # a figure: nothing to use
    monkeypatch.setattr(i18n, "_language", "zh-CN")
    assert "运行" in box._repr_mimebundle_()["text/plain"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_stored_widget_has_a_still_picture(path):
    for last, data in widget_outputs(path):
        html = data.get("text/html", "")
        assert "bpcore-still" in html or "<img" in html, f"{last!r} stores no still picture"
        if "image/png" in data:
            assert "<img" in html, f"{last!r}: a PNG but no picture in its HTML"
        assert not data["text/plain"].startswith(("VBox(", "HBox(", "Canvas(")), last


def test_every_stored_figure_widget_has_a_png():
    """Each notebook widget whose object has a figure stores its PNG (04's demon, …)."""
    for path in NOTEBOOKS:
        for last, data in widget_outputs(path):
            if "<img" in data.get("text/html", ""):
                assert base64.b64decode(data["image/png"]).startswith(PNG_MAGIC), last


def test_the_html_export_of_04_shows_the_demon():
    nbconvert = pytest.importorskip("nbconvert")
    page, _ = nbconvert.HTMLExporter().from_filename(
        str(ROOT / "notebooks" / "04-the-demon.ipynb"))
    # the cell "widget = demon.build()", its code highlighted (tags between the words)
    cell = re.search(r"demon(?:\s|<[^>]*>)*\.(?:\s|<[^>]*>)*build", page)
    assert cell, "no demon.build() cell in the export"
    after = page[cell.end():]
    img = re.search(r"<img[^>]*src=\"data:image/png;base64,", after)
    assert img, "the exported page shows no picture after the demon's cell"
    assert "VBox(children=" not in after[:img.start()]
