"""benchmarks/browser.py imports without a browser and its table says pass or miss per
target; the measurement itself needs chromium and is never asserted (docs/performance.md)."""

from benchmarks import browser

SLIDER = {"notebook": "04", "widget": "widget", "control": "dz", "kind": "slider",
          "median_ms": 40.0, "max_ms": 70.0, "fps": 12.5, "last_ms": 260.0}
DROPDOWN = {"notebook": "04", "widget": "widget", "control": "layer", "kind": "dropdown",
            "median_ms": 80.0, "max_ms": float("inf"), "fps": None, "last_ms": None}


def test_the_table_judges_each_target():
    assert browser.verdicts(SLIDER) == {"median": True, "fps": False, "last": False}
    assert browser.verdicts(DROPDOWN) == {"median": False}  # no drag for a dropdown
    text = browser.table([SLIDER, DROPDOWN])
    slider, dropdown = text.splitlines()[-2:]
    assert "widget.dz" in slider and "median pass fps MISS last MISS" in slider
    assert "12.5" in slider and "260" in slider
    assert "median MISS" in dropdown and "n/a" in dropdown and "—" in dropdown  # max: none


def test_every_course_notebook_with_sliders_is_listed():
    names = {n.split("/")[1][:2] for n in browser.NOTEBOOKS}
    assert {"01", "04", "05", "07", "11"} <= names
