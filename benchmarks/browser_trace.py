"""Where a slider's time goes in the browser: one drag, message by message.

    python -m benchmarks.browser_trace NOTEBOOK WIDGET CONTROL [--presses 30] [--timeline]
    e.g. python -m benchmarks.browser_trace notebooks/07-saturation.ipynb sig z

The notebook is run in JupyterLab in chromium as by :mod:`benchmarks.browser`; then the
slider ``WIDGET.CONTROL`` is dragged (a key down every 30 ms). Recorded on one clock (the
machine's): every kernel message through the page's websocket (its type, and the comm
method or ipympl event), the kernel's handling of each comm message (start and end, from
a wrapper around its handler), and each frame with new pixels on the figure's canvas. Per
move of the slider (a value sent to the kernel), in ms, median over the drag:

* **to kernel** — the value leaves the page → the kernel starts handling it;
* **kernel** — the kernel's handling: the callback, its redraw and the frame's PNG;
* **to idle** — the kernel done → its "idle" status in the page; ipywidgets sends the next
  value only then, so this and the two above make the pace of a drag;
* **frame** — the frame's message in the page → its new pixels on the canvas;
* **cycle** — one value sent → the next.

It also counts the kernel's requests for a whole draw ("draw" events: the browser answers
each with a request that makes the kernel draw the whole figure). This is how the two
fixes in docs/performance.md ("In the browser") were found: Nagle's delay on the server's
websocket (the "to idle" time) and a second, whole frame after each move (the draws).
"""

import argparse
import json
import statistics
import sys
from pathlib import Path

from benchmarks import browser
from tools import labshot

# In the page: every websocket message (time, direction, what) in window.__ws. JupyterLab
# speaks the v1 kernel websocket protocol (binary: offsets, then channel, header, parent
# header, metadata, content, buffers) or JSON text.
WS_HOOK = """() => {
  if (window.__ws) return;
  window.__ws = [];
  const Socket = window.WebSocket;
  const decode = d => {
    try {
      if (typeof d === 'string') { const m = JSON.parse(d); return [m.header.msg_type, m.content]; }
      const v = new DataView(d), n = Number(v.getBigUint64(0, true)), off = [];
      for (let i = 0; i < n; i++) off.push(Number(v.getBigUint64(8 * (i + 1), true)));
      const part = i => new TextDecoder().decode(
        new Uint8Array(d, off[i], (i + 1 < n ? off[i + 1] : d.byteLength) - off[i]));
      return [JSON.parse(part(1)).msg_type, JSON.parse(part(4))];
    } catch (e) { return ['?', {}]; }
  };
  const what = d => {
    const [type, c] = decode(d);
    if (type === 'status') return 'status:' + c.execution_state;
    if (type !== 'comm_msg') return type;
    const data = c.data || {};
    let event = '';
    try { event = JSON.parse((data.content || {}).data || '{}').type || ''; } catch (e) {}
    return 'comm:' + (data.method || '') + (event ? ':' + event : '');
  };
  const t = () => performance.timeOrigin + performance.now();
  window.WebSocket = function (...args) {
    const ws = new Socket(...args);
    const send = ws.send.bind(ws);
    ws.send = d => { window.__ws.push([t(), 'out', what(d)]); return send(d); };
    ws.addEventListener('message', e => window.__ws.push([t(), 'in', what(e.data)]));
    return ws;
  };
  window.WebSocket.prototype = Socket.prototype;
  Object.assign(window.WebSocket, Socket);
}"""

# In the kernel: time the handling of every comm message (epoch ms, like the page's).
KERNEL_HOOK = """
import time as _time
_k = get_ipython().kernel
_handle_comm_msg = _k.shell_handlers["comm_msg"]
_bench_kernel = []
def _timed_comm_msg(*args):
    start = _time.time() * 1000
    try:
        return _handle_comm_msg(*args)
    finally:
        _bench_kernel.append((start, _time.time() * 1000))
_k.shell_handlers["comm_msg"] = _timed_comm_msg
"""
KERNEL_RESTORE = """
import json as _json
_k.shell_handlers["comm_msg"] = _handle_comm_msg
print(_json.dumps(_bench_kernel))
"""


def _first(times, after):
    return next((t for t in times if t >= after), None)


def phases(ws, kernel, frames):
    """Per value sent: {to_kernel, kernel, to_idle, frame, cycle} in ms (None where the
    drag gave no such event), from the recorded events (see the module doc)."""
    sends = [t for t, way, what in ws if way == "out" and what == "comm:update"]
    idles = [t for t, way, what in ws if way == "in" and what == "status:idle"]
    images = [t for t, way, what in ws if way == "in" and what == "comm:custom:binary"]
    out = []
    for i, sent in enumerate(sends):
        start, end = next(((s, e) for s, e in kernel if s >= sent), (None, None))
        row = dict.fromkeys(("to_kernel", "kernel", "to_idle", "frame", "cycle"))
        if i + 1 < len(sends):
            row["cycle"] = sends[i + 1] - sent
        if start is not None:
            row["to_kernel"], row["kernel"] = start - sent, end - start
            idle = _first(idles, end)
            row["to_idle"] = None if idle is None else idle - end
            image = _first(images, start)
            frame = None if image is None else _first(frames, image)
            row["frame"] = None if frame is None else frame - image
        out.append(row)
    return out


def trace(notebook, widget, control, presses=30):
    """Drag ``widget.control`` in ``notebook``; the recorded events and their phases."""
    from playwright.sync_api import sync_playwright

    with labshot.jupyterlab() as base, sync_playwright() as p:
        chromium = labshot.launch(p)
        try:
            page = labshot.new_page(chromium, width=1400)
            page.add_init_script(f"({browser.HOOK})()")
            page.add_init_script(f"({WS_HOOK})()")
            labshot.open_and_run(page, base, notebook, workspace=Path(notebook).stem)
            marked = json.loads(browser.execute(page, browser.MARK))
            if not any(m["widget"] == widget and m["control"] == control and
                       m["kind"] == "slider" for m in marked):
                raise SystemExit(f"no slider {widget}.{control} in {notebook}; there are: "
                                 + ", ".join(f"{m['widget']}.{m['control']}" for m in marked))
            page.wait_for_timeout(1000)  # the classes reach the views
            sel = f".bench-{widget}-{control}"
            page.evaluate(browser.WATCH, widget)
            page.locator(f"{sel} .noUi-handle").first.focus()
            browser.execute(page, KERNEL_HOOK)
            page.evaluate("() => { window.__ws = []; }")
            page.evaluate(browser.DRAG, [sel, presses, browser.KEY_REPEAT_S * 1000])
            browser._settle(page, timeout_s=10.0)
            origin = page.evaluate("() => performance.timeOrigin")
            frames = [origin + t for t in page.evaluate("() => window.__bench.frames")]
            ws = page.evaluate("() => window.__ws")
            kernel = json.loads(browser.execute(page, KERNEL_RESTORE))
        finally:
            chromium.close()
    return {"ws": ws, "kernel": kernel, "frames": frames,
            "phases": phases(ws, kernel, frames),
            "draw_requests": sum(what == "comm:custom:draw" for _, _, what in ws)}


def report(t):
    """The medians of the phases, and the whole-draw requests, as text."""
    lines = ["one move of the slider, median ms over the drag:"]
    for key, label in [("to_kernel", "to kernel"), ("kernel", "kernel"),
                       ("to_idle", "to idle"), ("frame", "frame"), ("cycle", "cycle")]:
        values = [r[key] for r in t["phases"] if r[key] is not None]
        lines.append(f"  {label:<10} {statistics.median(values):6.1f}" if values
                     else f"  {label:<10}      —")
    cycles = [r["cycle"] for r in t["phases"] if r["cycle"]]
    if cycles:
        lines.append(f"  = {1000 / statistics.median(cycles):.1f} values a second")
    lines.append(f"values sent: {len(t['phases'])}, frames with new pixels: "
                 f"{len(t['frames'])}, whole-draw requests from the kernel: "
                 f"{t['draw_requests']}")
    return "\n".join(lines)


def timeline(t):
    """Every recorded event, in ms from the first."""
    events = ([(s, "kernel", "start") for s, _ in t["kernel"]] +
              [(e, "kernel", "done") for _, e in t["kernel"]] +
              [(f, "canvas", "new pixels") for f in t["frames"]] +
              [tuple(x) for x in t["ws"]])
    events.sort()
    t0 = events[0][0] if events else 0
    return "\n".join(f"{at - t0:8.1f}  {where:<6} {what}" for at, where, what in events)


def main(argv=None):
    p = argparse.ArgumentParser(prog="python -m benchmarks.browser_trace",
                                description=__doc__.split("\n")[0])
    p.add_argument("notebook")
    p.add_argument("widget", help="the widget's name in the notebook, e.g. sig")
    p.add_argument("control", help="its slider in w.controls, e.g. z")
    p.add_argument("--presses", type=int, default=30, help="key downs, one every 30 ms")
    p.add_argument("--timeline", action="store_true", help="also print every event")
    args = p.parse_args(argv)
    t = trace(args.notebook, args.widget, args.control, args.presses)
    if args.timeline:
        print(timeline(t))
    print(report(t))
    return 0


if __name__ == "__main__":
    sys.exit(main())
