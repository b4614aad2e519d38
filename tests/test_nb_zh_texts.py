"""Every text a student reads in the widgets and figures of bpcore.nb (the demon, the
equations explorer and Jacobian figure, the network diagram, the stepper, gd, saturation,
path_view, graph_view, speed, fd_accuracy and training_plots) is in Chinese under
``set_language("zh-CN")``: no English word is left in a title, axis label, legend, annotation,
control description, dropdown label, readout or step line (symbols, formulas, markup and code
names aside). The English rendering is checked to have English words, so the check can fail."""

import re

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.text import Text  # noqa: E402

import bpcore  # noqa: E402
from bpcore import EpochRecord, i18n  # noqa: E402
from bpcore.nb import (  # noqa: E402
    demon,
    diagram,
    equations,
    fd_accuracy,
    gd,
    graph_view,
    path_view,
    saturation,
    speed,
    stepper,
)
from bpcore.nb import training_plots as tp  # noqa: E402

# Names a Chinese text keeps in Latin letters: activation and cost names (code names and
# the glossary's "sigmoid"), code names, the data set, the unit ms and the language the
# diagram's readout names.
NAMES = {"sigmoid", "tanh", "ReLU", "quadratic", "cross_entropy", "MNIST", "numpy",
         "backprop_batch", "ms", "Python"}


def figure_texts(fig):
    """Every visible, non-empty text of ``fig``: titles, labels, legends, annotations."""
    return [t.get_text() for t in fig.findobj(Text) if t.get_visible() and t.get_text()]


def control_texts(w):
    """Descriptions of the controls (buttons too) and the labels of their options."""
    texts = [c.description for c in w.controls.values()]
    for c in w.controls.values():
        texts += [o if isinstance(o, str) else o[0] for o in getattr(c, "options", ())]
    return texts


def widget_texts(w):
    """A widget's control descriptions, dropdown labels, readout and figure texts."""
    return control_texts(w) + [w.readout.value, *figure_texts(w.figure)]


def english_words(text):
    """Words of two or more Latin letters (not an equation's tag such as BP1) outside
    formulas ($…$), code, sub- and superscripts, HTML tags and entities, and not in NAMES."""
    plain = re.sub(r"\$[^$]*\$|<(code|sub|sup)>.*?</\1>|<[^>]*>|&\w+;", " ", text)
    # a run of letters followed by a digit is an equation's tag (BP1), not a word
    return [w for w in re.findall(r"(?<![A-Za-z_])[A-Za-z_]{2,}(?![A-Za-z_0-9])", plain)
            if w not in NAMES]


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


def valley():
    w = gd.gd_widget(eta=0.1, steps=20)
    texts = widget_texts(w)
    for eta, steps in ((0.38, 20), (0.3, 20), (0.01, 5)):  # diverged, overshot, crawling
        w.controls["eta"].value, w.controls["steps"].value = eta, steps
        texts.append(w.readout.value)
    return texts


def spread():
    G = gd.per_example_grads(np.zeros(2), *gd.least_squares_data(500))
    spreads, sigma = gd.minibatch_spread(G, [1, 10, 100], trials=20)
    return figure_texts(gd.spread_figure([1, 10, 100], spreads, sigma)[0])


def paths():
    net = bpcore.Network([2, 3, 3, 2], seed=11)
    x, y = np.ones((2, 1)), np.zeros((2, 1))
    return widget_texts(path_view.path_view(net, x, y, 2, 1, 0))


def speeds():
    s = speed.Speedup(np.array([1, 10]), np.array([1e-3, 1e-2]), np.array([1e-3, 2e-3]))
    t = speed.FDTiming([[2, 2], [4, 4]], np.array([6, 20]), np.array([1e-3, 1e-2]),
                       np.array([1e-4, 2e-4]))
    return figure_texts(speed.speedup_figure(s)) + figure_texts(speed.fd_timing_figure(t))


def eps():
    rng = np.random.default_rng(0)
    net, X, Y = bpcore.Network([3, 4, 2], seed=0), rng.standard_normal((3, 5)), rng.uniform(
        size=(2, 5))
    return figure_texts(fd_accuracy.eps_figure(
        fd_accuracy.eps_errors(net, X, Y, np.logspace(-10, -2, 5))))


def live():
    live = tp.live_training(2)
    live.progress(1, 2)
    live.callback(EpochRecord(0, 0.25, 812, 1000))
    return [live.bar.description, live.readout.value, *figure_texts(live.figure)]


def statics():
    history = [EpochRecord(0, 0.3, 800, 1000), EpochRecord(1, 0.2, 900, 1000)]
    return (figure_texts(tp.learning_curves({"quadratic": history})[0])
            + figure_texts(tp.confusion_figure(np.array([[5, 1], [2, 7]]))[0])
            + figure_texts(tp.hidden_weights_figure(np.ones((2, 784)))[0])
            + figure_texts(tp.z_histogram({"z": np.linspace(-5, 5, 50)}, 2.0)[0]))


def one_neuron():
    runs = {cost: saturation.train_one_neuron(cost, epochs=3)
            for cost in ["quadratic", "cross_entropy"]}
    return figure_texts(saturation.one_neuron_figure(runs))


SHOWN = {
    "demon": demon_texts,
    "equations explorer": explorer_texts,
    "jacobian figure": lambda: figure_texts(equations.jacobian_figure([np.eye(2)], ["$J$"])),
    "network diagram": diagram_texts,
    "stepper": stepper_texts,
    "gd widget": valley,
    "gd spread": spread,
    "sigma slider": lambda: widget_texts(saturation.sigma_slider(z=5.0)),
    "init scale": lambda: widget_texts(saturation.init_scale_widget(scale=3.0)),
    "activations": lambda: figure_texts(saturation.compare_activations()[0]),
    "one neuron": one_neuron,
    "path view": paths,
    "path count": lambda: figure_texts(path_view.path_count_figure(max_hidden=3,
                                                                   max_width=5)[0]),
    "graph": lambda: figure_texts(graph_view.graph_figure()),
    "speed": speeds,
    "fd accuracy": eps,
    "live training": live,
    "training figures": statics,
}


@pytest.fixture
def language(monkeypatch):
    """set_language for one test; the language and font order before it are given back."""
    monkeypatch.setattr(i18n, "_language", i18n._language)
    monkeypatch.setitem(matplotlib.rcParams, "font.family", matplotlib.rcParams["font.family"])
    return i18n.set_language


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # ipympl's Toolbar, if imported
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


def test_the_word_finder_skips_formulas_markup_and_names():
    assert english_words(r"<b>path 1</b> &nbsp; $\sigma/\sqrt{m}$ sigmoid 路径") == ["path"]
    assert english_words(r"<b>layer 2</b> &nbsp; $w^{3}_{24}$ <code>net.weights</code> "
                         "w<sub>jk</sub> sigmoid BP1 层") == ["layer"]
