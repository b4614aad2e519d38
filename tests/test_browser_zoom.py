"""Widgets fit the cell at 150 % zoom (issue #12): a real browser, as tests/test_browser.py.

A 1300 × 1000 window at 150 % browser zoom (labshot.new_page: 867 × 667 CSS px, each drawn
as 1.5 device pixels). After Run All, no widget, figure or control of notebooks 04 and 05
(and 07, whose sliders are 500 px wide) may reach past its output area's right edge, and
04's Δz slider still moves the readout.
Screenshots of each widget go to tests/artifacts/zoom150-*.png.
"""

from pathlib import Path

import pytest
from test_browser import CAUGHT_UP  # tests/ is on sys.path (pytest)

from tools import labshot

NOTEBOOKS = ["notebooks/04-the-demon.ipynb", "notebooks/05-four-equations.ipynb",
             "notebooks/07-saturation.ipynb"]
ZOOM = 1.5

pytestmark = pytest.mark.skipif(
    not Path(labshot.CHROMIUM).exists(),
    reason=f"no browser at {labshot.CHROMIUM}: `apt-get install chromium` to run this test")

# Every live figure has drawn a frame (a canvas of a figure box with non-blank pixels).
FIGURES_DRAWN = """() => {
    const canvases = [...document.querySelectorAll('.bpcore-figure canvas:first-of-type')];
    return canvases.length > 0 && canvases.every(c => {
        if (!c.width || !c.height) return false;  // not sized yet
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        for (let i = 3; i < d.length; i += 4 * 97) if (d[i] !== 0) return true;
        return false;
    });
}"""


@pytest.fixture(scope="module")
def zoomed_pages():
    """{notebook: (clipped parts, slider moved the readout?)} at 150 % zoom, after Run All."""
    from playwright.sync_api import sync_playwright

    labshot.ARTIFACTS.mkdir(parents=True, exist_ok=True)
    found = {}
    with labshot.jupyterlab() as base, sync_playwright() as p:
        browser = labshot.launch(p)
        try:
            for nb in NOTEBOOKS:
                page = labshot.new_page(browser, zoom=ZOOM)
                labshot.open_and_run(page, base, nb, workspace=Path(nb).stem)
                page.wait_for_function(FIGURES_DRAWN, timeout=60_000)
                for i, box in enumerate(page.locator(".bpcore-fit").all()):
                    box.scroll_into_view_if_needed()
                    page.wait_for_timeout(300)
                    box.screenshot(path=str(labshot.ARTIFACTS / f"zoom150-{Path(nb).stem}-{i}.png"))
                moved = None
                if nb.startswith("notebooks/04"):
                    readout = page.locator(".demon-readout").first
                    before = readout.inner_text()
                    page.locator(".demon-dz .noUi-handle").first.focus()
                    for _ in range(3):
                        page.keyboard.press("ArrowRight")
                    page.wait_for_function(CAUGHT_UP, arg=before, timeout=30_000)
                    moved = readout.inner_text() != before
                found[nb] = (labshot.clipped(page), moved)
                page.close()
        finally:
            browser.close()
    return found


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_nothing_is_cut_off_at_150_percent(zoomed_pages, notebook):
    clipped, _ = zoomed_pages[notebook]
    assert clipped == [], f"cut off at the right at {ZOOM:.0%} zoom: {clipped}"


def test_the_slider_still_works_at_150_percent(zoomed_pages):
    assert zoomed_pages["notebooks/04-the-demon.ipynb"][1] is True
