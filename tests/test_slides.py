"""Presenting notebook 04 as slides, with live widgets, in a real browser.

The route the README and docs/teaching.md document: JupyterLab's own page with the
jupyterlab-slideshow deck, so the normal widget manager serves ipywidgets and ipympl inside
the slides. A lecturer opens the notebook, clicks the deck button in the notebook toolbar,
presses Shift-Enter through the title slide (it runs the setup cell), → to the demon slide,
Shift-Enter twice to run the widget there, tabs to the Δz slider and presses → five times:
the readout and the figure must change and the deck must stay on that slide. Then the
lecturer's projector setting (Settings ▸ Fonts ▸ Content ▸ Size ▸ 24px) on a 1280 × 720
screen must leave the figure whole. No console errors, no failed request, nothing fetched
from outside the machine. Screenshots go to tests/artifacts/.
"""

from pathlib import Path

import pytest
from test_browser import number_after

from tools import labshot

ROOT = Path(__file__).resolve().parent.parent

NOTEBOOK = "notebooks/04-the-demon.ipynb"
DEMON_HEADING = "## Try it: the demon widget"
PROJECTOR = {"width": 1280, "height": 720}
# The lecturer's JupyterLab: the test user's settings, but the default windowing mode.
SETTINGS = {**labshot.SETTINGS, "@jupyterlab/notebook-extension:tracker": {
    "autoStartDefaultKernel": True}}

pytestmark = pytest.mark.skipif(
    not Path(labshot.CHROMIUM).exists(),
    reason=f"no browser at {labshot.CHROMIUM}: `apt-get install chromium` to run this test")

NOTEBOOK_JS = "window.jupyterapp.shell.currentWidget"
# Indices of the cells the deck shows now, and of the active cell.
ON_SCREEN = (f"() => {NOTEBOOK_JS}.content.widgets.map((c, i) =>"
             " c.node.classList.contains('jp-deck-mod-onscreen') ? i : -1).filter(i => i >= 0)")
ACTIVE = f"() => {NOTEBOOK_JS}.content.activeCellIndex"
CELL_STARTING = (f"text => {NOTEBOOK_JS}.content.widgets.findIndex("
                 "c => c.model.sharedModel.getSource().startsWith(text))")
EXECUTED = (f"i => {NOTEBOOK_JS}.content.widgets[i].model.executionCount !== null"
            f" && {NOTEBOOK_JS}.sessionContext.session.kernel.status === 'idle'")
CANVAS = ".jp-deck-mod-onscreen .jupyter-matplotlib-canvas-div canvas"
PIXELS = f"() => document.querySelector('{CANVAS}').toDataURL()"
# Left and right edges of what the deck shows, and of the figure and widget boxes in it.
EDGES = f"""() => {{
    const box = e => {{ const r = e.getBoundingClientRect(); return [r.left, r.right]; }};
    return {{panel: box({NOTEBOOK_JS}.node),
             parts: [...document.querySelectorAll(
                 '.jp-deck-mod-onscreen canvas, .jp-deck-mod-onscreen .widget-box')]
                 .filter(e => e.getBoundingClientRect().width > 0).map(box)}}; }}"""


def test_demon_slide_is_live_in_the_deck():
    from playwright.sync_api import sync_playwright

    labshot.ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with labshot.jupyterlab(settings=SETTINGS) as base, sync_playwright() as p:
        browser = labshot.launch(p)
        page = browser.new_page(viewport=PROJECTOR)
        seen = labshot.watch(page)
        try:
            page.goto(f"{base}/lab/tree/{NOTEBOOK}?token={labshot.TOKEN}")
            page.wait_for_selector(".jp-Notebook", timeout=120_000)
            page.wait_for_function(labshot.KERNEL_READY, timeout=120_000)

            # Start the deck from the notebook toolbar, on the title slide.
            page.locator(".jp-Notebook .jp-Cell").first.click()
            page.locator("jp-button[data-command='deck:toggle']").click()
            page.wait_for_function(f"() => {NOTEBOOK_JS}.node.classList.contains('jp-Deck')")
            setup = page.evaluate(CELL_STARTING, "%matplotlib widget")
            assert page.evaluate(ON_SCREEN) == [0, setup], "the title slide shows other cells"

            # Shift-Enter renders the title, then runs the setup cell and leaves the slide.
            page.keyboard.press("Shift+Enter")
            page.keyboard.press("Shift+Enter")
            page.wait_for_function(EXECUTED, arg=setup, timeout=120_000)

            demon = page.evaluate(CELL_STARTING, DEMON_HEADING)
            for _ in range(30):
                if demon in page.evaluate(ON_SCREEN):
                    break
                page.keyboard.press("ArrowRight")
                page.wait_for_timeout(200)
            slide = page.evaluate(ON_SCREEN)
            assert slide[0] == demon, f"→ did not reach the demon slide: on screen {slide}"

            # Shift-Enter on the heading, then on the widget cell: the widget comes to life.
            page.keyboard.press("Shift+Enter")
            page.keyboard.press("Shift+Enter")
            page.wait_for_function(EXECUTED, arg=demon + 1, timeout=120_000)
            slider = page.locator(".jp-deck-mod-onscreen .demon-dz").first
            slider.wait_for(state="visible", timeout=60_000)
            readout = page.locator(".jp-deck-mod-onscreen .demon-readout").first
            page.wait_for_function(
                "() => { const r = document.querySelector('.jp-deck-mod-onscreen "
                ".demon-readout'); return r && r.innerText.includes('actual'); }",
                timeout=60_000)
            page.wait_for_selector(CANVAS, timeout=60_000)
            page.wait_for_timeout(1000)  # the first frame
            before, pixels_before = readout.inner_text(), page.evaluate(PIXELS)
            page.screenshot(path=str(labshot.ARTIFACTS / "slides-demon-before.png"))

            slider.locator(".noUi-handle").first.focus()
            for _ in range(5):
                page.keyboard.press("ArrowRight")
            page.wait_for_function(
                "t => document.querySelector('.jp-deck-mod-onscreen .demon-readout')"
                ".innerText !== t", arg=before, timeout=30_000)
            page.wait_for_timeout(1500)  # the kernel answers the last key press
            after = readout.inner_text()
            page.wait_for_function(f"p => ({PIXELS})() !== p", arg=pixels_before,
                                   timeout=30_000)
            still_on = page.evaluate(ON_SCREEN)
            page.screenshot(path=str(labshot.ARTIFACTS / "slides-demon-after.png"))

            # The lecturer's setting for a projector: larger text, the same figure.
            page.evaluate("() => window.jupyterapp.commands.execute('content-font-size:24px')")
            page.wait_for_timeout(1500)
            edges = page.evaluate(EDGES)
            page.screenshot(path=str(labshot.ARTIFACTS / "slides-demon-projector.png"))
        finally:
            browser.close()

    assert number_after("Δz", after) > number_after("Δz", before), f"{before!r} → {after!r}"
    assert number_after("actual ΔC", after) != number_after("actual ΔC", before)
    assert still_on[0] == demon, f"the slider's → keys left the slide: on screen {still_on}"
    left, right = edges["panel"]
    assert edges["parts"], "no figure or widget box on the slide"
    clipped = [e for e in edges["parts"] if e[0] < left - 0.5 or e[1] > right + 0.5]
    assert clipped == [], f"cut off at the slide's edges {left:.0f}–{right:.0f}: {clipped}"
    assert seen["outside"] == [], f"requests that leave the machine: {seen['outside']}"
    assert seen["failed"] == [], f"failed requests: {seen['failed']}"
    assert seen["errors"] == [], f"JavaScript console errors: {seen['errors']}"
