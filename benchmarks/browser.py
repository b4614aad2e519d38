"""How fast a slider answers in a real browser: key press → new pixels on the figure.

    python -m benchmarks.browser [--presses 15] [--drag 2.0] [--json] [notebooks …]
    python -m benchmarks --browser

JupyterLab on localhost in Debian's chromium (Playwright, as tests/test_browser.py). Each
notebook is run (Run All); then the kernel marks every control of every widget object in
the notebook's namespace (the widget protocol's ``controls``, bpcore/nb/widget.py) with a
CSS class, and its figure's canvas too. Every slider and dropdown of a widget with a figure
is measured as a student moves it: a slider by the keyboard (← → on its handle), a dropdown
by picking the next option (JupyterLab takes the arrow keys from a focused dropdown):

* **latency** — key down → the first frame whose pixels differ, median and max over
  ``presses`` single presses (each waits for the figure to settle);
* **fps** — sliders: frames with new pixels per second while the key is "held" for
  ``drag`` s (a key down on the handle every 30 ms, the browser's key repeat, dispatched
  by a timer in the page; back and forth at the ends of the range);
* **last** — sliders, after that drag: the last key down → the last new frame (how long the
  figure keeps catching up after the student lets go).

A frame is a ``drawImage`` onto the figure's visible canvas (how ipympl shows a frame)
whose pixels' checksum changed. Targets: median ≤ 50 ms, ≥ 20 fps, last ≤ 100 ms.
"""

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

from tools import labshot

NOTEBOOKS = ["notebooks/01-gradient-descent.ipynb", "notebooks/02-notation-and-feedforward.ipynb",
             "notebooks/04-the-demon.ipynb", "notebooks/05-four-equations.ipynb",
             "notebooks/07-saturation.ipynb", "notebooks/11-big-picture.ipynb"]
TARGETS = {"median_ms": 50.0, "fps": 20.0, "last_ms": 100.0}
KEY_REPEAT_S = 0.030
SETTLE_S = 0.25  # no new frame for this long: the figure has caught up

# Run in the kernel: mark each control of each widget object (with a figure) by a class;
# print [{widget, control, kind}] of the sliders and dropdowns.
MARK = """
import json as _json
import ipywidgets as _w
from bpcore.nb.widget import Interactive as _Interactive
_marked = []
for _name, _obj in list(globals().items()):
    if _name.startswith("_") or not isinstance(_obj, _Interactive) or _obj.figure is None:
        continue
    _obj.figure.canvas.add_class(f"bench-fig-{_name}")
    for _key, _c in _obj.controls.items():
        _kind = ("slider" if isinstance(_c, (_w.IntSlider, _w.FloatSlider, _w.FloatLogSlider,
                                             _w.SelectionSlider)) else
                 "dropdown" if isinstance(_c, _w.Dropdown) else None)
        if _kind and _c.layout.display != "none":
            _c.add_class(f"bench-{_name}-{_key}")
            _marked.append({"widget": _name, "control": _key, "kind": _kind})
print(_json.dumps(_marked))
"""

# In the page: hook drawImage on 2d contexts; a frame of the watched canvas is recorded
# (time, checksum) when its pixels changed. Key downs are recorded too.
HOOK = """() => {
    if (window.__bench) return;
    const bench = window.__bench = {canvas: null, frames: [], keys: [], sum: null};
    const draw = CanvasRenderingContext2D.prototype.drawImage;
    CanvasRenderingContext2D.prototype.drawImage = function (...args) {
        const out = draw.apply(this, args);
        if (this.canvas === bench.canvas) {
            const t = performance.now();
            const d = this.getImageData(0, 0, this.canvas.width, this.canvas.height).data;
            let h = 0;
            for (let i = 0; i < d.length; i += 7) h = (h * 31 + d[i]) | 0;
            if (h !== bench.sum) { bench.sum = h; bench.frames.push(t); }
        }
        return out;
    };
    document.addEventListener('keydown', () => bench.keys.push(performance.now()), true);
}"""

# Watch the first (visible) canvas of a widget's figure; forget earlier frames and keys.
WATCH = """fig => {
    const c = document.querySelector('.bench-fig-' + fig + ' canvas');
    window.__bench.canvas = c; window.__bench.frames = []; window.__bench.keys = [];
    window.__bench.sum = null;
    const ctx = c.getContext('2d');
    ctx.drawImage(c, 0, 0);   // the current picture's checksum, not counted as a frame
    window.__bench.frames = [];
    return !!c;
}"""

# Where the control is: +1 may still move up/right, -1 down/left, as [up_ok, down_ok].
ROOM = """sel => {
    const el = document.querySelector(sel);
    const handle = el.querySelector('.noUi-handle');
    if (handle) {
        const v = parseFloat(handle.getAttribute('aria-valuenow'));
        return [v < parseFloat(handle.getAttribute('aria-valuemax')),
                v > parseFloat(handle.getAttribute('aria-valuemin'))];
    }
    const s = el.querySelector('select');
    return [s.selectedIndex < s.options.length - 1, s.selectedIndex > 0];
}"""


# A student picks option index + step of a dropdown (recorded as a key down, at the change).
PICK = """([sel, step]) => {
    const s = document.querySelector(sel + ' select');
    window.__bench.keys.push(performance.now());
    s.selectedIndex += step;
    s.dispatchEvent(new Event('change', {bubbles: true}));
}"""


# Hold an arrow key on a slider's handle: n key downs, one every dt ms (the browser's key
# repeat), turning at the ends of the range; resolves after the last one.
DRAG = """([sel, n, dt]) => new Promise(done => {
    const h = document.querySelector(sel + ' .noUi-handle');
    let i = 0, up = true;
    const timer = setInterval(() => {
        const v = parseFloat(h.getAttribute('aria-valuenow'));
        if (up && v >= parseFloat(h.getAttribute('aria-valuemax'))) up = false;
        if (!up && v <= parseFloat(h.getAttribute('aria-valuemin'))) up = true;
        h.dispatchEvent(new KeyboardEvent('keydown', {key: up ? 'ArrowRight' : 'ArrowLeft',
                                                      bubbles: true, cancelable: true}));
        if (++i >= n) { clearInterval(timer); done(); }
    }, dt);
})"""


def _act(page, sel, kind, up):
    """One move of the control: → (or ←) on a slider's handle, the next (or previous) option
    of a dropdown."""
    if kind == "slider":
        page.keyboard.press("ArrowRight" if up else "ArrowLeft")
    else:
        page.evaluate(PICK, [sel, 1 if up else -1])


def _settle(page, timeout_s=5.0):
    """Wait until no new frame came for SETTLE_S; return the frames so far."""
    end = time.monotonic() + timeout_s
    last = None
    while time.monotonic() < end:
        frames = page.evaluate("() => window.__bench.frames.slice()")
        if frames and frames == last:
            return frames
        last = frames
        time.sleep(SETTLE_S)
    return page.evaluate("() => window.__bench.frames.slice()")


def measure(page, widget, control, kind, presses=15, drag_s=2.0):
    """{latency_ms: [...], median_ms, max_ms, fps, last_ms} of one control (see module doc)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    sel = f".bench-{widget}-{control}"
    page.evaluate(WATCH, widget)
    inner = page.locator(f"{sel} {'.noUi-handle' if kind == 'slider' else 'select'}").first
    inner.scroll_into_view_if_needed()
    if kind == "slider":
        inner.focus()
    latencies, up = [], True
    for _ in range(presses):
        room_up, room_down = page.evaluate(ROOM, sel)
        up = room_up if up else not room_down  # turn at the ends of the range
        n = page.evaluate("() => window.__bench.frames.length")
        _act(page, sel, kind, up)
        try:
            page.wait_for_function(f"() => window.__bench.frames.length > {n}", timeout=3000)
        except PlaywrightTimeout:  # no new frame within 3 s: counted as missing
            latencies.append(float("inf"))
            continue
        key = page.evaluate("() => window.__bench.keys[window.__bench.keys.length - 1]")
        first = page.evaluate(f"() => window.__bench.frames[{n}]")
        latencies.append(first - key)
        _settle(page)
        up = not up
    row = {"widget": widget, "control": control, "kind": kind, "latency_ms": latencies,
           "median_ms": statistics.median(latencies), "max_ms": max(latencies),
           "missed": sum(x == float("inf") for x in latencies),
           "fps": None, "drag_presses": 0, "last_ms": None}
    if kind != "slider":
        return row
    # drag: a key down every KEY_REPEAT_S for drag_s, timed in the page (a round trip from
    # Python per press would set the pace instead: ~18 presses/s), turning at the range's ends
    _settle(page)
    page.evaluate("() => { window.__bench.frames = []; window.__bench.keys = []; }")
    page.evaluate(DRAG, [sel, int(drag_s / KEY_REPEAT_S), KEY_REPEAT_S * 1000])
    frames = _settle(page, timeout_s=10.0)
    keys = page.evaluate("() => window.__bench.keys.slice()")
    in_drag = [t for t in frames if t <= keys[-1]]
    span_s = (keys[-1] - keys[0]) / 1000
    row.update(fps=len(in_drag) / span_s, drag_presses=len(keys),
               # 0 if the last press drew nothing new: the figure had caught up already
               last_ms=max(frames[-1] - keys[-1], 0.0) if frames else float("inf"))
    return row


def run(notebooks=NOTEBOOKS, presses=15, drag_s=2.0, log=print):
    """Every slider and dropdown of the course's widgets, measured (see the module doc)."""
    from playwright.sync_api import sync_playwright

    rows = []
    with labshot.jupyterlab() as base, sync_playwright() as p:
        browser = labshot.launch(p)
        try:
            for nb in notebooks:
                page = labshot.new_page(browser, width=1400)
                page.add_init_script(f"({HOOK})()")
                labshot.open_and_run(page, base, nb, workspace=Path(nb).stem)
                marked = json.loads(execute(page, MARK))
                page.wait_for_timeout(1000)  # the classes reach the views
                for m in marked:
                    row = measure(page, m["widget"], m["control"], m["kind"], presses, drag_s)
                    row["notebook"] = Path(nb).stem[:2]
                    rows.append(row)
                    log(table_row(row), flush=True)
                page.close()
        finally:
            browser.close()
    return rows


def execute(page, code):
    """Run ``code`` in the current notebook's kernel; its stdout."""
    return page.evaluate("""async code => {
        const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
        let out = '';
        const future = kernel.requestExecute({code, silent: false, store_history: false});
        future.onIOPub = msg => { if (msg.header.msg_type === 'stream') out += msg.content.text; };
        await future.done;
        return out;
    }""", code)


def _num(x, digits=0):
    return "n/a" if x is None else "—" if x == float("inf") else f"{x:.{digits}f}"


def verdicts(r):
    """{target: True (pass) / False (miss)} for the targets that apply to row ``r``."""
    out = {"median": r["median_ms"] <= TARGETS["median_ms"]}
    if r["fps"] is not None:
        out["fps"] = r["fps"] >= TARGETS["fps"]
        out["last"] = r["last_ms"] <= TARGETS["last_ms"]
    return out


def table_row(r):
    marks = " ".join(f"{k} {'pass' if v else 'MISS'}" for k, v in verdicts(r).items())
    name = f"{r['notebook']} {r['widget']}.{r['control']} ({r['kind']})"
    return (f"  {name:<40} {_num(r['median_ms']):>6} {_num(r['max_ms']):>6} "
            f"{_num(r['fps'], 1):>6} {_num(r['last_ms']):>6}  {marks}")


def table(rows):
    """The measurements as a text table with the targets and pass/miss per control."""
    head = [f"Browser: key press → new pixels (targets: median ≤ {TARGETS['median_ms']:.0f} ms,"
            f" ≥ {TARGETS['fps']:.0f} fps while dragging, last frame ≤ "
            f"{TARGETS['last_ms']:.0f} ms after release)",
            f"  {'notebook widget.control':<40} {'median':>6} {'max':>6} {'fps':>6} "
            f"{'last':>6}  (ms, fps)"]
    return "\n".join(head + [table_row(r) for r in rows])


def main(argv=None):
    p = argparse.ArgumentParser(prog="python -m benchmarks.browser",
                                description=__doc__.split("\n")[0])
    p.add_argument("notebooks", nargs="*", default=NOTEBOOKS)
    p.add_argument("--presses", type=int, default=15, help="single presses per control")
    p.add_argument("--drag", type=float, default=2.0, help="seconds of key repeat per control")
    p.add_argument("--json", action="store_true", help="print the raw measurements as JSON")
    args = p.parse_args(argv)
    rows = run(args.notebooks, args.presses, args.drag,
               log=(lambda *a, **k: None) if args.json else print)
    print(json.dumps(rows, indent=2) if args.json else "\n" + table(rows), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
