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


def test_the_trace_splits_each_move_into_its_phases():
    from benchmarks import browser_trace

    ws = [(100.0, "out", "comm:update"), (111.0, "in", "status:busy"),
          (140.0, "in", "comm:custom:binary"), (145.0, "in", "status:idle"),
          (146.0, "out", "comm:update"), (150.0, "in", "comm:custom:draw"),
          (170.0, "in", "comm:custom:binary"), (175.0, "in", "status:idle")]
    kernel = [(102.0, 110.0), (148.0, 160.0)]
    frames = [152.0, 181.0]
    first, second = browser_trace.phases(ws, kernel, frames)
    assert first == {"to_kernel": 2.0, "kernel": 8.0, "to_idle": 35.0, "frame": 12.0,
                     "cycle": 46.0}
    assert second == {"to_kernel": 2.0, "kernel": 12.0, "to_idle": 15.0, "frame": 11.0,
                      "cycle": None}
    t = {"phases": [first, second], "frames": frames, "draw_requests": 1, "kernel": kernel,
         "ws": ws}
    text = browser_trace.report(t)
    assert "kernel" in text and "10.0" in text  # the median of 8 and 12
    assert "whole-draw requests from the kernel: 1" in text
    assert browser_trace.timeline(t).splitlines()[0].split()[0] == "0.0"
