"""Chinese in figures: the shipped subset covers the course, and no figure misses a glyph.

matplotlib reports a missing glyph two ways: a UserWarning "Glyph … missing from font(s)"
for plain text, and a log record "Font … does not have a glyph" from mathtext (a label with
$…$ is drawn by mathtext, which takes its words from the first family and never falls back).
Both are caught here; the first test shows that the catching works.
"""

import json
import logging
import re
import warnings
from contextlib import contextmanager

import nbformat
import pytest
from fontTools.ttLib import TTFont

from bpcore import fonts, i18n
from tools import catalogue, nbtool

ZH = nbtool.edition_paths("zh-CN")
CHINESE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")


@pytest.fixture
def language(monkeypatch):
    """``set_language`` for one test; the language before comes back after it (and the font
    order too: tests/conftest.py)."""
    import bpcore.nb  # noqa: F401  (registers the font)

    monkeypatch.setattr(i18n, "_language", i18n._language)
    return i18n.set_language


@contextmanager
def missing_glyphs():
    """Yield a list that fills with matplotlib's missing-glyph reports while the block runs."""
    found = []

    class Handler(logging.Handler):
        def emit(self, record):
            found.append(record.getMessage())

    handler = Handler(level=logging.WARNING)
    logger = logging.getLogger("matplotlib")
    logger.addHandler(handler)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            yield found
        found += [str(w.message) for w in caught]
    finally:
        logger.removeHandler(handler)
    found[:] = [m for m in found if "glyph" in m.lower()]


def draw_texts(texts, **kw):
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=(8, 0.3 * len(texts) + 1))
    for i, text in enumerate(texts):
        fig.text(0.01, 1 - (i + 1) / (len(texts) + 1), text, **kw)
    fig.canvas.draw()
    plt.close(fig)


def font_characters():
    return set(map(chr, TTFont(fonts.font_path()).getBestCmap()))


def chinese_of_the_edition():
    """Every Chinese character in the zh-CN notebooks (sources and outputs) and catalogue."""
    texts = list(i18n.translations("zh-CN").values())
    for path in ZH:
        for cell in nbformat.read(path, as_version=4).cells:
            texts.append(cell.source)
            for out in cell.get("outputs", []):
                texts += [out.get("text", ""), str(out.get("data", {}).get("text/plain", ""))]
    return set(CHINESE.findall("".join(texts)))


def test_the_check_sees_a_missing_glyph(language):
    rare = "龘"  # in no course text, so not in the subset
    assert rare not in font_characters()
    language("zh-CN")
    with missing_glyphs() as found:
        draw_texts([f"一个生僻字 {rare}"])
    assert found and any("glyph" in m.lower() for m in found)
    language("en")  # DejaVu Sans first: mathtext takes the words from DejaVu, which has none
    with missing_glyphs() as found:
        draw_texts(["加到 $z^l_j$ 上的 Δz"])
    assert found


def test_the_font_ships_small_with_its_licence():
    assert fonts.font_path().is_file()
    assert fonts.font_path().stat().st_size < 400_000  # a few hundred kB at most
    licence = fonts.font_path().parent.joinpath(fonts.LICENCE_FILE).read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence and "Adobe" in licence
    assert TTFont(fonts.font_path())["name"].getDebugName(1) == fonts.FAMILY
    pyproject = (nbtool.ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"fonts/*.otf"' in pyproject and '"fonts/*.txt"' in pyproject  # in the wheel


def test_the_subset_covers_every_chinese_character_of_the_edition():
    missing = chinese_of_the_edition() - font_characters()
    assert not missing, f"re-run `python -m tools.make_cjk_font`: {''.join(sorted(missing))}"


def test_the_font_family_follows_the_language(language):
    import matplotlib
    from matplotlib import font_manager

    assert fonts.FAMILY in {f.name for f in font_manager.fontManager.ttflist}
    language("en")
    assert matplotlib.rcParams["font.family"] == ["DejaVu Sans", fonts.FAMILY]
    language("zh-CN")
    assert matplotlib.rcParams["font.family"] == [fonts.FAMILY, "DejaVu Sans"]


def test_every_chinese_text_draws_with_every_glyph(language):
    """Every character of the edition, and every zh-CN template as a figure label would be."""
    language("zh-CN")
    chars = "".join(sorted(chinese_of_the_edition()))
    labels = [chars[i:i + 40] for i in range(0, len(chars), 40)]
    templates = [re.sub(r"\{[^{}]*\}", "1", t) for t in i18n.translations("zh-CN").values()]
    with missing_glyphs() as found:
        draw_texts(labels)
        for template in templates:
            try:
                draw_texts([template])
            except ValueError:  # not valid mathtext: never a figure label; draw it as text
                draw_texts([template], parse_math=False)
    assert found == []


def test_every_registered_english_label_draws_in_the_chinese_order(language):
    """An untranslated label in the zh-CN edition is drawn with the subset first."""
    language("zh-CN")
    labels = [re.sub(r"\{[^{}]*\}", "1", t) for t in catalogue.registered().values()]
    with missing_glyphs() as found:
        for label in labels:
            try:
                draw_texts([label])
            except ValueError:
                draw_texts([label], parse_math=False)
    assert found == []


# Run before and after a zh-CN notebook: record matplotlib's reports, then draw every figure
# still open (as the browser would ask for) and print the glyph reports.
BEFORE = """import logging as _logging, warnings as _warnings
_reports = []
class _Report(_logging.Handler):
    def emit(self, record): _reports.append(record.getMessage())
_logging.getLogger("matplotlib").addHandler(_Report(level=_logging.WARNING))
_warnings.simplefilter("always")
_warnings.showwarning = lambda message, *args, **kw: _reports.append(str(message))"""
AFTER = """import json as _json
from matplotlib._pylab_helpers import Gcf as _Gcf
for _manager in _Gcf.get_all_fig_managers():
    _manager.canvas.figure.canvas.draw()
print(_json.dumps([m for m in _reports if "glyph" in m.lower()]))"""


@pytest.mark.parametrize("path", ZH, ids=lambda p: p.name)
def test_every_figure_of_the_chinese_edition_has_every_glyph(path):
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    nb.cells = ([nbformat.v4.new_code_cell(BEFORE)] + nb.cells
                + [nbformat.v4.new_code_cell(AFTER)])
    NotebookClient(nb, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    printed = "".join(o.get("text", "") for o in nb.cells[-1].outputs)
    assert json.loads(printed) == []
