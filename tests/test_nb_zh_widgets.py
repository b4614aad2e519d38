"""Every text a student reads in the demon (04), the equations explorer and Jacobian figure
(05, 06), the network diagram (02) and the stepper (08) is in Chinese under
``set_language("zh-CN")``: no English word is left in a control's description, a dropdown's
labels, a readout, the stepper's lines and table, or a figure's title, axis labels, legend and
annotations (formulas, markup, code and names aside). The English rendering is checked to have
English words, so the check can fail."""

import re

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.text import Text  # noqa: E402

import bpcore  # noqa: E402
from bpcore import i18n  # noqa: E402
from bpcore.nb import demon, diagram, equations, stepper  # noqa: E402

# Names a Chinese text keeps in Latin letters: activation names (the glossary's "sigmoid")
# and the language the diagram's readout names.
NAMES = {"sigmoid", "tanh", "Python"}


def figure_texts(fig):
    """Every visible, non-empty text of ``fig``: titles, labels, legends, annotations."""
    return [t.get_text() for t in fig.findobj(Text) if t.get_visible() and t.get_text()]


def control_texts(w):
    """Descriptions of the controls (buttons too) and the labels of their options."""
    texts = [c.description for c in w.controls.values()]
    for c in w.controls.values():
        texts += [o if isinstance(o, str) else o[0] for o in getattr(c, "options", ())]
    return texts


def english_words(text):
    """Words of two or more Latin letters outside formulas ($…$, sub- and superscripts),
    code, HTML tags and entities, and not in NAMES."""
    plain = re.sub(r"\$[^$]*\$|<(code|sub|sup)>.*?</\1>|<[^>]*>|&\w+;", " ", text)
    return [w for w in re.findall(r"\b[A-Za-z]{2,}\b", plain) if w not in NAMES]


def demon_texts():
    d = demon.build()
    texts = control_texts(d) + [d.readout.value, *figure_texts(d.figure)]
    d.controls["layer"].value = 3
    d.controls["dz"].value = -1.0
    return texts + [d.readout.value, *figure_texts(d.figure)]


def explorer_texts():
    e = equations.equations_explorer()
    texts = control_texts(e) + [e.readout.value, *figure_texts(e.figure)]
    e.controls["l"].value = 2  # BP2 instead of BP1
    return texts + [e.readout.value, *figure_texts(e.figure)]


def diagram_texts():
    g = diagram.network_diagram(bpcore.Network([4, 5, 6, 3], seed=0))
    return control_texts(g) + [g.readout.value, *figure_texts(g.figure)]


def stepper_texts():
    s = stepper.stepper([2, 3, 3, 2])
    texts = control_texts(s) + [s.widget.children[0].value]
    for _ in s.steps:  # every step's line and table
        texts += [s.equation.value, s.table.value]
        s.controls["next"].click()
    return texts


SHOWN = {
    "demon": demon_texts,
    "equations explorer": explorer_texts,
    "jacobian figure": lambda: figure_texts(equations.jacobian_figure([np.eye(2)], ["$J$"])),
    "network diagram": diagram_texts,
    "stepper": stepper_texts,
}


@pytest.fixture
def language(monkeypatch):
    """set_language for one test; the language and font order before it are given back."""
    monkeypatch.setattr(i18n, "_language", i18n._language)
    monkeypatch.setitem(matplotlib.rcParams, "font.family", matplotlib.rcParams["font.family"])
    return i18n.set_language


@pytest.mark.parametrize("name", SHOWN)
def test_no_english_word_is_left_in_chinese(name, language):
    language("en")
    english = SHOWN[name]()
    assert any(english_words(t) for t in english)  # the check has English words to catch
    language("zh-CN")
    chinese = SHOWN[name]()
    left = {t: english_words(t) for t in chinese if english_words(t)}
    assert left == {}
    assert any(re.search(r"[\u4e00-\u9fff]", t) for t in chinese)


def test_the_word_finder_skips_formulas_markup_code_and_names():
    assert english_words(r"<b>layer 2</b> &nbsp; $w^{3}_{24}$ <code>net.weights</code> "
                         "w<sub>jk</sub> sigmoid BP1 层") == ["layer"]
