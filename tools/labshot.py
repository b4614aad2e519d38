"""Look at notebooks as a student would: JupyterLab on localhost in headless chromium.

    python -m tools.labshot notebooks/04-the-demon.ipynb [...]   → tests/artifacts/*.png
    python -m tools.labshot --zoom 1.5 notebooks/05-four-equations.ipynb   # browser at 150 %
    python -m tools.labshot --no-run notebooks/04-the-demon.ipynb   # as stored, before Run All

Runs all cells of each notebook (unless ``--no-run``) and saves screenshots, top to bottom.
The helpers here (``jupyterlab()``, ``launch()``, ``new_page()``, ``open_and_run()``,
``clipped()``) are shared with tests/test_browser.py and benchmarks/browser.py.
"""

import argparse
import contextlib
import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = ROOT / "tests" / "artifacts"
TOKEN = "bpcore-local"
# A fresh user's settings, minus the two questions a first visit asks (which kernel; news?),
# and with every cell kept in the page (no windowing), so tests can find any widget.
SETTINGS = {
    "@jupyterlab/notebook-extension:tracker": {"autoStartDefaultKernel": True,
                                               "windowingMode": "none"},
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false",
                                                     "checkForUpdates": False},
    "@jupyterlab/docmanager-extension:plugin": {"autosave": False},
}
# Flags for a closed network: without them chromium keeps trying to reach Google's hosts.
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def jupyterlab(settings=SETTINGS, args=None, first_visit=False):
    """A JupyterLab server on 127.0.0.1; yields its base URL.

    It serves a copy of notebooks/, never the repository's files: running cells in the
    browser must not change a stored notebook. ``settings`` are the user's settings
    ({plugin id: values}). ``args`` choose what is served, as in a command run from the
    top of the copy (e.g. the README's ``["notebooks/00-start-here.ipynb"]``); by default
    the copy's top is the server root. ``first_visit`` is a user who never ran JupyterLab:
    an empty home, no JUPYTER_* variables, no settings, only what the install put in place.
    """
    with tempfile.TemporaryDirectory() as home:
        home = Path(home)
        shutil.copytree(ROOT / "notebooks", home / "root" / "notebooks",
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        port = free_port()
        if first_visit:
            env = {k: v for k, v in os.environ.items() if not k.startswith("JUPYTER")}
            env["HOME"] = str(home)
            quiet = []
        else:
            user_settings = home / "settings"
            for plugin, values in settings.items():
                path = user_settings / (plugin.replace(":", "/") + ".jupyterlab-settings")
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(json.dumps(values))
            env = {**os.environ, "JUPYTER_CONFIG_DIR": str(home / "config"),
                   "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
                   "JUPYTERLAB_SETTINGS_DIR": str(user_settings)}
            quiet = ["--LabApp.news_url=",
                     "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
        served = [f"--ServerApp.root_dir={home / 'root'}"] if args is None else list(args)
        # port_retries=0: if another process took the port meanwhile, fail (rather than
        # serve on another port, which nobody would ask)
        cmd = [sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--port={port}",
               "--ServerApp.port_retries=0",
               "--ip=127.0.0.1", f"--IdentityProvider.token={TOKEN}", "--allow-root",
               "--LabApp.expose_app_in_browser=True", f"--LabApp.workspaces_dir={home / 'ws'}",
               *quiet, *served]
        with open(home / "lab.log", "w") as log:
            proc = subprocess.Popen(cmd, cwd=home / "root", env=env, stdout=log,
                                    stderr=subprocess.STDOUT)
            base = f"http://127.0.0.1:{port}"
            try:
                for _ in range(240):
                    try:
                        urllib.request.urlopen(f"{base}/api/status?token={TOKEN}", timeout=1)
                        break
                    except (OSError, http.client.HTTPException):  # not up, or not ours
                        if proc.poll() is not None:
                            raise RuntimeError((home / "lab.log").read_text()) from None
                        time.sleep(0.5)
                else:
                    raise RuntimeError("JupyterLab did not start within 120 s")
                yield base
            finally:
                proc.terminate()
                try:
                    proc.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    proc.kill()


# Chromium's fonts: the system's, except its CJK fonts, plus bpcore's CJK subset. So the
# Chinese edition looks the same on every machine, fonts-noto-cjk installed or not, and a
# test of it shows that the shipped font is enough.
FONTS_CONF = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>{fonts}</dir>
  <cachedir>{cache}</cachedir>
  <selectfont><rejectfont><pattern>
    <patelt name="lang"><string>zh-cn</string></patelt>
  </pattern></rejectfont></selectfont>
  <selectfont><acceptfont><pattern>
    <patelt name="family"><string>{family}</string></patelt>
  </pattern></acceptfont></selectfont>
</fontconfig>
"""


def fontconfig_file():
    """A fontconfig file for chromium (see FONTS_CONF), written once per process."""
    from bpcore import fonts

    path = Path(tempfile.gettempdir()) / f"bpcore-fonts-{os.getpid()}" / "fonts.conf"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(FONTS_CONF.format(fonts=fonts.font_path().parent, family=fonts.FAMILY,
                                          cache=path.parent / "cache"))
    return path


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS,
                                      env={**os.environ,
                                           "FONTCONFIG_FILE": str(fontconfig_file())})


LOCAL_HOSTS = ("127.0.0.1", "localhost")


def watch(page):
    """Record on ``page`` what a clean visit has none of: {"errors": console errors and
    uncaught exceptions, "outside": requests to any host but this machine, "failed":
    responses with a status of 400 or more}. The lists fill as the page runs."""
    seen = {"errors": [], "outside": [], "failed": []}
    page.on("console", lambda m: seen["errors"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.on("request", lambda r: seen["outside"].append(r.url)
            if urlsplit(r.url).scheme not in ("data", "blob")
            and urlsplit(r.url).hostname not in LOCAL_HOSTS else None)
    page.on("response", lambda r: seen["failed"].append(f"{r.status} {r.url}")
            if r.status >= 400 else None)
    return seen


KERNEL_READY = """() => {
    const w = window.jupyterapp.shell.currentWidget;
    const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
    return !!k && k.connectionStatus === 'connected' && k.status === 'idle';
}"""
# Every code cell has a fresh execution count and the kernel is idle again.
ALL_RUN = """() => {
    const w = window.jupyterapp.shell.currentWidget;
    const k = w.sessionContext.session.kernel;
    const cells = w.content.widgets.filter(c => c.model.type === 'code');
    return k.status === 'idle' && cells.every(c => c.model.executionCount !== null
        && c.promptNode.innerText.indexOf('*') < 0);
}"""


def new_page(browser, width=1300, height=1000, zoom=1.0):
    """A page as a ``width`` × ``height`` window shows it at browser zoom ``zoom``: the
    page lays out in ``width/zoom`` × ``height/zoom`` CSS px, each drawn as ``zoom`` device
    pixels (what Ctrl + does: window.innerWidth shrinks, devicePixelRatio grows)."""
    return browser.new_page(viewport={"width": round(width / zoom),
                                      "height": round(height / zoom)},
                            device_scale_factor=zoom)


def open_notebook(page, base, notebook, workspace=None):
    """Open ``notebook`` (repo-relative) in JupyterLab; waits until its kernel is idle.
    ``workspace`` names a fresh JupyterLab workspace, so that a second page of the same
    server does not restore (and switch to) the notebooks the first one opened."""
    where = f"workspaces/{workspace}/tree" if workspace else "tree"
    page.goto(f"{base}/lab/{where}/{notebook}?token={TOKEN}")
    page.wait_for_function("window.jupyterapp && window.jupyterapp.shell", timeout=120_000)
    page.wait_for_selector(".jp-Notebook", timeout=120_000)
    page.wait_for_function(KERNEL_READY, timeout=120_000)


def open_and_run(page, base, notebook, workspace=None):
    """Open ``notebook`` (see :func:`open_notebook`) and run all its cells; waits for idle."""
    open_notebook(page, base, notebook, workspace)
    # Fire and forget: the command's promise may outlive the run.
    page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")
    page.wait_for_function(ALL_RUN, timeout=300_000, polling=500)


# The scrolling element of the notebook in the current tab (other tabs have their own).
SCROLLER = "window.jupyterapp.shell.currentWidget.node.querySelector('.jp-WindowedPanel-outer')"


def screenshots(page, stem, max_shots=12):
    """Scroll the notebook panel top to bottom, one PNG per screenful."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    paths = []
    page.evaluate(f"{SCROLLER}.scrollTop = 0")
    for i in range(max_shots):
        page.wait_for_timeout(400)
        path = ARTIFACTS / f"{stem}-{i:02d}.png"
        page.screenshot(path=str(path))
        paths.append(path)
        done = page.evaluate(f"""() => {{ const el = {SCROLLER};
            const before = el.scrollTop; el.scrollTop += el.clientHeight * 0.9;
            return el.scrollTop === before; }}""")
        if done:
            break
    return paths


# Every widget, figure and control in an output that reaches past the output's right edge
# (cut off, or only seen by scrolling sideways), or a figure past its box's bottom (drawn
# over what follows): [{cell, what, right or bottom, edge}], in CSS px.
CLIPPED = """() => {
    const nb = window.jupyterapp.shell.currentWidget.content;
    const found = [];
    nb.widgets.forEach((cell, i) => {
        cell.node.querySelectorAll('.jp-OutputArea-output').forEach(out => {
            const edge = out.getBoundingClientRect().right;
            const parts = out.querySelectorAll('.jupyter-widgets, canvas, img');
            parts.forEach(el => {
                const r = el.getBoundingClientRect();
                if (r.width > 0 && r.right > edge + 1)
                    found.push({cell: i, what: el.className || el.tagName,
                                right: Math.round(r.right), edge: Math.round(edge)});
            });
            out.querySelectorAll('.jupyter-matplotlib-canvas-div').forEach(div => {
                const box = div.getBoundingClientRect(), c = div.querySelector('canvas');
                const r = c.getBoundingClientRect();
                if (r.bottom > box.bottom + 1)
                    found.push({cell: i, what: 'figure taller than its box',
                                bottom: Math.round(r.bottom), edge: Math.round(box.bottom)});
            });
            if (out.scrollWidth > out.clientWidth + 1)
                found.push({cell: i, what: 'output scrolls sideways',
                            right: out.scrollWidth, edge: out.clientWidth});
        });
    });
    return found;
}"""


def clipped(page):
    """What in the current notebook's outputs is cut off at the right (see CLIPPED)."""
    return page.evaluate(CLIPPED)


def main(argv=None):
    from playwright.sync_api import sync_playwright

    p = argparse.ArgumentParser(prog="python -m tools.labshot", description=__doc__.split("\n")[0])
    p.add_argument("notebooks", nargs="+", help="repo-relative paths, e.g. notebooks/04-….ipynb")
    p.add_argument("--zoom", type=float, default=1.0,
                   help="browser zoom, e.g. 1.5 for 150 %% (default 1)")
    p.add_argument("--no-run", action="store_true",
                   help="screenshots of the notebook as stored, without running it")
    args = p.parse_args(argv)
    suffix = (f"-zoom{round(args.zoom * 100)}" if args.zoom != 1 else "") + (
        "-stored" if args.no_run else "")
    with jupyterlab() as base, sync_playwright() as pw:
        browser = launch(pw)
        for nb in args.notebooks:
            page = new_page(browser, zoom=args.zoom)
            errors = []
            page.on("console", lambda m, e=errors: e.append(m.text) if m.type == "error" else None)
            if args.no_run:
                open_notebook(page, base, nb)
                page.wait_for_timeout(2000)  # outputs render
            else:
                open_and_run(page, base, nb)
            for path in screenshots(page, Path(nb).stem + suffix):
                print(path)
            for c in clipped(page):
                print("clipped:", c)
            if errors:
                print("console errors:", *errors, sep="\n  ")
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
