"""Chinese in figures: a subset of Noto Sans CJK SC, registered with matplotlib on demand.

matplotlib's own fonts have no CJK glyphs, so a Chinese title would show empty boxes and warn
"Glyph … missing from font(s) DejaVu Sans". :func:`use_cjk_font` (called when
:mod:`bpcore.nb` is imported) adds the shipped subset, ``bpcore-cjk.otf`` (family
:data:`FAMILY`, made by ``python -m tools.make_cjk_font``; licence ``OFL.txt``), to
matplotlib's font list and sets ``font.family`` to a list, the only setting in which
matplotlib falls back glyph by glyph:

* English (the default): ``["DejaVu Sans", FAMILY]``: figures look as they always did, and a
  Chinese character still finds its glyph.
* zh-CN: ``[FAMILY, "DejaVu Sans"]``: a label that mixes words and math (``"加到 $z^l_j$ 的
  Δz"``) is drawn by mathtext, which does not fall back: its words take the first family.

:func:`bpcore.i18n.set_language` re-applies the order, so the language cell may come before
or after the imports. Importing this package does not import matplotlib; calling does.
"""

import warnings
from importlib import resources

from .. import i18n

FAMILY = "bpcore CJK"
FONT_FILE = "bpcore-cjk.otf"
LICENCE_FILE = "OFL.txt"


def font_path():
    """The shipped subset, a path in the installed package."""
    return resources.files(__name__).joinpath(FONT_FILE)


def families(language):
    """``font.family`` for ``language``: DejaVu Sans first, except in Chinese."""
    return [FAMILY, "DejaVu Sans"] if language == "zh-CN" else ["DejaVu Sans", FAMILY]


def use_cjk_font(language=None):
    """Register the subset with matplotlib (once) and set ``font.family`` for ``language``
    (default: the current one); later ``set_language`` calls keep it in step."""
    import matplotlib
    from matplotlib import font_manager

    if FAMILY not in {f.name for f in font_manager.fontManager.ttflist}:
        if font_path().is_file():
            font_manager.fontManager.addfont(str(font_path()))
        else:  # a broken install (or tools/make_cjk_font.py's first run)
            warnings.warn(f"bpcore's font {FONT_FILE} is missing: Chinese in figures will "
                          "show as empty boxes", stacklevel=2)
    matplotlib.rcParams["font.family"] = families(language or i18n.get_language())
    i18n.on_language_change(_follow_language)


def _follow_language(language):
    import matplotlib

    matplotlib.rcParams["font.family"] = families(language)
