"""A real browser: JupyterLab on localhost, Debian's chromium driven by Playwright.

Opens the demon notebook, runs every cell, moves the Δz slider with the keyboard and checks
that the readout shows the ΔC that bpcore computes for the new Δz. Fails on JavaScript errors;
saves screenshots to tests/artifacts/. Skipped, with the reason, where chromium is missing.
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = ROOT / "tests" / "artifacts"
NOTEBOOK = "notebooks/04-the-demon.ipynb"
TOKEN = "bpcore-browser-test"
# Flags for a closed network: without them chromium keeps trying to reach Google's hosts.
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = [
    pytest.mark.skipif(not Path(CHROMIUM).exists(),
                       reason=f"no browser at {CHROMIUM}: `apt-get install chromium` to run it"),
]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server on 127.0.0.1 serving the repository; yields its base URL."""
    home = tmp_path_factory.mktemp("jupyter")
    port = free_port()
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(home / "config"),
           "JUPYTER_RUNTIME_DIR": str(home / "runtime"), "JUPYTER_DATA_DIR_EXTRA": ""}
    cmd = [sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--port={port}",
           "--ip=127.0.0.1", f"--ServerApp.token={TOKEN}", f"--ServerApp.root_dir={ROOT}",
           "--LabApp.expose_app_in_browser=True", f"--LabApp.workspaces_dir={home / 'ws'}",
           "--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    log = open(home / "lab.log", "w")
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{base}/api/status?token={TOKEN}", timeout=1)
                break
            except OSError:
                if proc.poll() is not None:
                    raise RuntimeError((home / "lab.log").read_text()) from None
                time.sleep(0.5)
        else:
            raise RuntimeError("JupyterLab did not start within 60 s")
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def number_after(label, text):
    """The number printed after 'label =' in the readout text."""
    m = re.search(re.escape(label) + r"\s*=\s*([-+−]?[0-9.]+(?:e[-+]?\d+)?)", text)
    assert m, f"no '{label} = …' in readout {text!r}"
    return float(m.group(1).replace("−", "-"))


def test_demon_slider_moves_the_readout(lab):
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    errors = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        try:
            page.goto(f"{lab}/lab/tree/{NOTEBOOK}?token={TOKEN}")
            page.wait_for_function("window.jupyterapp && window.jupyterapp.shell", timeout=90_000)
            page.wait_for_selector(".jp-Notebook", timeout=90_000)
            # Wait for the kernel, then run every cell as a student would (Run ▸ Run All Cells).
            page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']",
                                   timeout=90_000)
            page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
            slider = page.locator(".demon-dz").first
            slider.wait_for(state="visible", timeout=90_000)
            readout = page.locator(".demon-readout").first
            page.wait_for_function(
                "document.querySelector('.demon-readout') && "
                "document.querySelector('.demon-readout').innerText.includes('actual')",
                timeout=60_000)
            slider.scroll_into_view_if_needed()
            before = readout.inner_text()
            page.screenshot(path=str(ARTIFACTS / "demon-before.png"))

            handle = slider.locator(".noUi-handle").first
            handle.focus()
            for _ in range(5):
                page.keyboard.press("ArrowRight")
            page.wait_for_function(
                "t => document.querySelector('.demon-readout').innerText !== t", arg=before,
                timeout=30_000)
            time.sleep(1.0)  # let the last key's update arrive
            after = readout.inner_text()
            page.screenshot(path=str(ARTIFACTS / "demon-after.png"))
        finally:
            browser.close()

    dz_before, dz_after = number_after("Δz", before), number_after("Δz", after)
    assert dz_after > dz_before, f"Δz did not increase: {before!r} → {after!r}"

    # What the kernel showed must be what bpcore computes for that Δz (built headless here).
    from bpcore.nb import demon

    reference = demon.build()
    reference.dz.value = dz_after
    shown_actual = number_after("actual ΔC", after)
    shown_predicted = number_after("predicted ΔC", after)
    assert shown_actual == pytest.approx(reference.actual_dC, rel=1e-3, abs=1e-6)
    assert shown_predicted == pytest.approx(reference.predicted_dC, rel=1e-3, abs=1e-6)
    assert number_after("actual ΔC", before) != shown_actual

    assert errors == [], f"JavaScript console errors: {errors}"
