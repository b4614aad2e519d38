"""The Chinese edition in a real browser: Chinese text drawn, no label cut short.

JupyterLab on localhost and Debian's chromium (tools/labshot.py), whose fonts are the system's
minus every CJK font plus bpcore's subset: so this also shows that the shipped font is
enough. Runs all cells of zh-CN notebooks 00 and 04, asks chromium (DevTools protocol,
CSS.getPlatformFontsForNode) which font drew the Chinese title, and checks that every widget
label, readout and button shows its whole text. Screenshots: tests/artifacts/zh-*.png.
"""

from pathlib import Path

import pytest

from bpcore import fonts
from tools import labshot

NOTEBOOKS = ["notebooks/zh-CN/00-start-here.ipynb", "notebooks/zh-CN/04-the-demon.ipynb"]

pytestmark = pytest.mark.skipif(
    not Path(labshot.CHROMIUM).exists(),
    reason=f"no browser at {labshot.CHROMIUM}: `apt-get install chromium` to run this test")

# Every element that shows a widget's words, with how much of its text fits.
SHOWN = ", ".join(f".jp-OutputArea-output .{c}" for c in [
    "widget-label", "widget-label-basic", "widget-readout", "widget-button",
    "widget-html-content", "widget-toggle-button"])
LABELS = f"""() => Array.from(document.querySelectorAll('{SHOWN}'))
    .filter(el => el.offsetParent !== null && el.innerText.trim() !== '')
    .map(el => ({{text: el.innerText, scroll: el.scrollWidth, client: el.clientWidth}}))"""


# A label as ipywidgets draws one, 80 px wide, with a Chinese description too long for it:
# the check must flag it (and it is removed again before the real check).
PLANT = """() => {
    const el = document.createElement('div');
    el.className = 'widget-label planted';
    el.style.cssText = 'width: 80px; overflow: hidden; white-space: nowrap;'
        + ' text-overflow: ellipsis; display: block';
    el.innerText = '学习率 η（每一步走多远）';
    document.querySelector('.jp-OutputArea-output').appendChild(el);
}"""


def fonts_drawing(page, selector):
    """{font family: glyphs drawn} for the text of the first element matching ``selector``."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    assert node, f"nothing matches {selector}"
    drawn = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    return {f["familyName"]: f["glyphCount"] for f in drawn}


def test_chinese_edition_draws_its_text_and_cuts_no_label():
    from playwright.sync_api import sync_playwright

    labshot.ARTIFACTS.mkdir(parents=True, exist_ok=True)
    report = {}
    with labshot.jupyterlab() as base, sync_playwright() as p:
        browser = labshot.launch(p)
        try:
            for notebook in NOTEBOOKS:
                page = browser.new_page(viewport={"width": 1300, "height": 1000})
                seen = labshot.watch(page)
                labshot.open_and_run(page, base, notebook, workspace=Path(notebook).stem)
                page.wait_for_selector(".jp-RenderedMarkdown h1", timeout=60_000)
                title = page.locator(".jp-RenderedMarkdown h1").first.inner_text()
                page.evaluate(PLANT)
                planted = page.evaluate(LABELS)
                page.evaluate("() => document.querySelector('.planted').remove()")
                report[notebook] = {
                    "planted": planted,
                    "title": title,
                    "fonts": fonts_drawing(page, ".jp-RenderedMarkdown h1"),
                    "labels": page.evaluate(LABELS),
                    "seen": seen,
                    "shots": labshot.screenshots(page, "zh-" + Path(notebook).stem, 8),
                }
                page.close()
        finally:
            browser.close()

    zh00 = report[NOTEBOOKS[0]]
    assert any("\u4e00" <= c <= "\u9fff" for c in zh00["title"]), zh00["title"]
    # the Chinese of the title is drawn by the shipped subset (no other CJK font is there)
    assert zh00["fonts"].get(fonts.FAMILY, 0) >= sum(
        "\u4e00" <= c <= "\u9fff" for c in zh00["title"]), zh00["fonts"]
    for notebook, seen in report.items():
        assert [x["text"] for x in seen["planted"] if x["scroll"] > x["client"] + 1] == [
            "学习率 η（每一步走多远）"], "the check missed a label cut short"
        labels = seen["labels"]
        assert labels, f"{notebook}: no widget label found (did the widgets render?)"
        cut = [f"{x['text']!r} ({x['scroll']} > {x['client']} px)" for x in labels
               if x["scroll"] > x["client"] + 1]
        assert cut == [], f"{notebook}: labels cut short: {cut}"
        assert seen["seen"]["errors"] == [], f"{notebook}: {seen['seen']['errors']}"
        assert seen["seen"]["outside"] == [], f"{notebook}: {seen['seen']['outside']}"
