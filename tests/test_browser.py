"""A real browser: JupyterLab on localhost, Debian's chromium driven by Playwright.

Opens the demon notebook, runs every cell, moves the Δz slider with the keyboard and checks
that the readout shows the ΔC that bpcore computes for the new Δz. Fails on JavaScript errors;
saves screenshots to tests/artifacts/. Skipped, with the reason, where chromium is missing.
The server and browser helpers are shared with tools/labshot.py.
"""

import re
from pathlib import Path

import pytest

from tools import labshot

NOTEBOOK = "notebooks/04-the-demon.ipynb"

pytestmark = pytest.mark.skipif(
    not Path(labshot.CHROMIUM).exists(),
    reason=f"no browser at {labshot.CHROMIUM}: `apt-get install chromium` to run this test")


def number_after(label, text):
    """The number printed after 'label =' in the readout text."""
    m = re.search(re.escape(label) + r"\s*=\s*([-+−]?[0-9.]+(?:e[-+]?\d+)?)", text)
    assert m, f"no '{label} = …' in readout {text!r}"
    return float(m.group(1).replace("−", "-"))


# True once the readout has changed and its Δz is the value the slider itself shows.
CAUGHT_UP = """before => {
    const readout = document.querySelector('.demon-readout');
    const slider = document.querySelector('.demon-dz .widget-readout');
    if (!readout || !slider || readout.innerText === before) return false;
    const m = readout.innerText.match(/Δz\\s*=\\s*([-−]?[0-9.]+)/);
    return m !== null
        && Math.abs(parseFloat(m[1].replace('−', '-')) - parseFloat(slider.innerText)) < 1e-9;
}"""


def test_demon_slider_moves_the_readout():
    from playwright.sync_api import sync_playwright

    labshot.ARTIFACTS.mkdir(parents=True, exist_ok=True)
    errors = []
    with labshot.jupyterlab() as base, sync_playwright() as p:
        browser = labshot.launch(p)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        try:
            labshot.open_and_run(page, base, NOTEBOOK)
            slider = page.locator(".demon-dz").first
            slider.wait_for(state="visible", timeout=120_000)
            page.wait_for_function(
                "() => { const r = document.querySelector('.demon-readout');"
                " return r && r.innerText.includes('actual'); }", timeout=60_000)
            readout = page.locator(".demon-readout").first
            slider.scroll_into_view_if_needed()
            before = readout.inner_text()
            page.screenshot(path=str(labshot.ARTIFACTS / "demon-before.png"))

            # A student tabs to the slider's handle and presses → five times.
            slider.locator(".noUi-handle").first.focus()
            for _ in range(5):
                page.keyboard.press("ArrowRight")
            # The slider's own readout moves at once, in the browser; the demon's readout
            # changes when the kernel has answered. Done when it shows the slider's last Δz.
            page.wait_for_function(CAUGHT_UP, arg=before, timeout=30_000)
            after = readout.inner_text()
            page.screenshot(path=str(labshot.ARTIFACTS / "demon-after.png"))
        finally:
            browser.close()

    dz_before, dz_after = number_after("Δz", before), number_after("Δz", after)
    assert dz_after > dz_before, f"Δz did not increase: {before!r} → {after!r}"

    # What the kernel showed must be what bpcore computes for that Δz (built headless here).
    from bpcore.nb import demon

    reference = demon.build()
    reference.controls["dz"].value = dz_after
    assert number_after("actual ΔC", after) == pytest.approx(reference.actual_dC, rel=1e-3,
                                                             abs=1e-6)
    assert number_after("predicted ΔC", after) == pytest.approx(reference.predicted_dC,
                                                                rel=1e-3, abs=1e-6)
    assert number_after("actual ΔC", before) != number_after("actual ΔC", after)

    assert errors == [], f"JavaScript console errors: {errors}"


def test_the_stored_demon_shows_a_still_picture_before_run_all():
    """Opened as stored, before Run All (an untrusted notebook, no widget models yet),
    JupyterLab shows the demon's still picture: its figure as an image and its readout."""
    from playwright.sync_api import sync_playwright

    with labshot.jupyterlab() as base, sync_playwright() as p:
        browser = labshot.launch(p)
        page = labshot.new_page(browser)
        try:
            labshot.open_notebook(page, base, NOTEBOOK)
            still = page.locator(".jp-OutputArea-output .bpcore-still").first
            still.wait_for(state="attached", timeout=60_000)
            still.scroll_into_view_if_needed()
            page.screenshot(path=str(labshot.ARTIFACTS / "demon-stored.png"))
            shown = still.evaluate("""el => ({text: el.innerText,
                images: [...el.querySelectorAll('img')].map(i => i.naturalWidth)})""")
        finally:
            browser.close()
    assert "actual ΔC" in shown["text"]
    assert len(shown["images"]) == 1 and shown["images"][0] > 100  # the PNG decoded
