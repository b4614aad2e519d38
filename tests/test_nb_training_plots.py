"""Kernel-free tests of notebook 12's figures: feed them data, check what they draw."""

import json

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

import bpcore  # noqa: E402
from bpcore import EpochRecord  # noqa: E402
from bpcore.nb import training_plots as tp  # noqa: E402


def test_callback_extends_both_lines_and_the_readout():
    live = tp.live_training(epochs=3)
    live.callback(EpochRecord(epoch=0, cost=0.5, correct=700, total=1000))
    live.callback(EpochRecord(epoch=1, cost=0.25, correct=812, total=1000))
    # The lines hold exactly the records' numbers; accuracy is drawn in percent.
    x, y = live.cost_line.get_data()
    assert list(x) == [0, 1] and list(y) == [0.5, 0.25]
    np.testing.assert_allclose(live.acc_line.get_ydata(), [70.0, 81.2], rtol=1e-12)
    assert live.accuracies == [0.7, 0.812]
    # The readout shows the last record the way the book prints it, plus the cost.
    assert live.readout.value == "Epoch 1: 812 / 1000 (81.2%), C = 0.2500"
    # The cost axis rescales to fit the largest cost seen (10% headroom).
    assert live.ax_cost.get_ylim() == pytest.approx((0.0, 0.55))
    assert live.ax_acc.get_xlim() == pytest.approx((-0.5, 2.5))


def test_progress_counts_mini_batches_across_epochs():
    live = tp.live_training(epochs=3)
    # Epoch 0, 200 of 400 mini-batches done: 200 of the 3·400 in the whole run.
    live.progress(200, 400)
    assert (live.bar.value, live.bar.max) == (200, 1200)
    assert live.bar.description == "epoch 0 of 0–2"  # numbered from 0, like "Epoch 0: …"
    # Between the 20 steps per epoch (every 400 / 20 = 20 mini-batches) the bar stays put.
    live.progress(207, 400)
    assert live.bar.value == 200
    live.progress(400, 400)
    assert live.bar.value == 400
    live.callback(EpochRecord(0, 0.3, 600, 1000))
    live.progress(100, 400)  # epoch 1 is a quarter done: 400 + 100
    assert (live.bar.value, live.bar.description) == (500, "epoch 1 of 0–2")


def test_bar_and_readout_number_the_epochs_alike():
    """One numbering, from 0: while epoch k runs the bar names k and the readout shows the
    last finished one, k − 1; at the end the bar says all of 0 … last are done."""
    live = tp.live_training(epochs=3)
    assert live.bar.description == "epoch 0 of 0–2" and live.readout.value == "not started"
    for epoch in range(3):
        live.progress(50, 100)
        assert live.bar.description == f"epoch {epoch} of 0–2"
        live.progress(100, 100)
        live.callback(EpochRecord(epoch, 0.5, 700 + epoch, 1000))
        assert live.readout.value.startswith(f"Epoch {epoch}: {700 + epoch} / 1000")
        running = f"epoch {epoch + 1} of 0–2" if epoch < 2 else "epochs 0–2 done"
        assert live.bar.description == running
    assert live.bar.value == live.bar.max
    assert "3" not in live.bar.description  # no epoch 3 anywhere (the old bar said "3/3")


def test_record_without_cost_or_test_data():
    live = tp.live_training(epochs=2)
    live.callback(EpochRecord(epoch=0, cost=None, correct=None, total=None))
    assert np.isnan(live.cost_line.get_ydata()[0]) and np.isnan(live.acc_line.get_ydata()[0])
    assert live.readout.value == "Epoch 0"
    assert tp.epoch_text(EpochRecord(3, 0.07772, None, None)) == "Epoch 3, C = 0.0777"


def test_driven_by_real_sgd():
    """Network.sgd calls both hooks; what is drawn equals the history it returns."""
    train, test = bpcore.load_mnist(n_train=200, n_test=100, seed=1)
    net = bpcore.Network([784, 8, 10], seed=1)
    live = tp.live_training(epochs=2)
    history = net.sgd(train, 2, 10, 3.0, test_data=test, seed=1,
                      callback=live.callback, progress=live.progress)
    np.testing.assert_allclose(live.cost_line.get_ydata(), [r.cost for r in history])
    np.testing.assert_allclose(live.acc_line.get_ydata(), [100 * r.correct / 100 for r in history])
    assert live.bar.value == live.bar.max == 2 * 20  # 200 / 10 = 20 mini-batches per epoch
    assert live.readout.value.startswith(f"Epoch 1: {net.evaluate(test)} / 100")


def test_learning_curves_draw_each_run_in_percent():
    runs = {"a": [EpochRecord(0, 1.0, 50, 100), EpochRecord(1, 0.5, 75, 100)],
            "b": [EpochRecord(0, 1.0, 10, 20)]}
    fig, ax, lines = tp.learning_curves(runs)
    assert list(lines["a"].get_ydata()) == [50.0, 75.0]
    assert list(lines["b"].get_xdata()) == [0]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["a", "b"]


def test_confusion_figure_annotates_every_count_and_colours_only_mistakes():
    C = np.array([[5, 1, 0], [2, 7, 0], [0, 3, 9]])
    fig, ax, texts = tp.confusion_figure(C)
    assert [[t.get_text() for t in row] for row in texts] == [
        ["5", "1", "0"], ["2", "7", "0"], ["0", "3", "9"]]
    coloured = ax.images[0].get_array()
    off = ~np.eye(3, dtype=bool)
    assert np.array_equal(np.ma.getmaskarray(coloured), ~off)   # the diagonal is not coloured
    assert np.array_equal(coloured.data[off], C[off])
    assert ax.images[0].get_clim() == (0, 3)              # the largest mistake sets the scale
    assert texts[2][1].get_color() == "white"             # the darkest cell gets white text


def test_hidden_weight_tiles_are_rows_folded_row_major():
    # w[j, k] = 1000 j + k, so pixel (r, c) of tile j must read 1000 j + 28 r + c.
    w = 1000.0 * np.arange(3)[:, None] + np.arange(784)[None, :]
    fig, ax, mosaic = tp.hidden_weights_figure(w, ncols=2, gap=1)
    assert mosaic.shape == (2 * 28 + 1, 2 * 28 + 1)         # 2 × 2 tiles, 1-pixel gaps
    r, c = 5, 17
    for j, (top, left) in enumerate([(0, 0), (0, 29), (29, 0)]):   # tiles fill row by row
        assert mosaic[top + r, left + c] == 1000 * j + 28 * r + c
    assert np.all(np.isnan(mosaic[28, :])) and np.all(np.isnan(mosaic[:, 28]))  # the gaps
    assert np.all(np.isnan(mosaic[29:, 29:]))                # the unused fourth tile
    assert ax.images[0].get_clim() == (-w.max(), w.max())     # one symmetric scale for all
    assert [t.get_text() for t in ax.get_yticklabels()] == ["0", "2"]  # neuron j = row + col
    assert [t.get_text() for t in ax.get_xticklabels()] == ["+0", "+1"]
    np.testing.assert_allclose(ax.get_xticks(), [13.5, 42.5])  # under the tile centres
    # With wider gaps tile 2 moves down by 28 + gap.
    assert tp.weight_mosaic(w, ncols=2, gap=3)[31 + r, c] == 2000 + 28 * r + c


def test_z_histogram_is_a_density_for_each_label():
    rng = np.random.default_rng(0)
    zs = {"before": rng.normal(0, 8, (30, 100)), "after": rng.normal(0, 3, (30, 100))}
    fig, ax = tp.z_histogram(zs, z_sat=4.585, bins=40)
    # Each filled histogram is one Polygon (the step outline); with density=True the area
    # it encloses, by the shoelace formula, is 1.
    polygons = [p for p in ax.patches if p.get_label() in zs]
    assert [p.get_label() for p in polygons] == ["before", "after"]
    for p in polygons:
        x, y = p.get_xy().T
        area = 0.5 * abs(np.sum(x * np.roll(y, -1) - np.roll(x, -1) * y))
        assert area == pytest.approx(1.0, rel=1e-9)
    # The saturated zone starts at ±z_sat.
    assert sorted(line.get_xdata()[0] for line in ax.lines) == pytest.approx([-4.585, 4.585])


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # inside ipympl's Toolbar
def test_push_frame_sends_a_png_of_the_right_size_from_a_running_cell():
    # A live ipympl canvas that has not yet heard "initialized" from the browser, as during
    # the training cell. The frame must arrive as a PNG, after a resize to the figure's size.
    matplotlib_figure = pytest.importorskip("matplotlib.figure")
    nbagg = pytest.importorskip("ipympl.backend_nbagg")
    fig = matplotlib_figure.Figure(figsize=(4, 2), dpi=100)
    canvas = nbagg.Canvas(fig)
    nbagg.FigureManager(canvas, 0)
    assert canvas.syncing_data_url
    sent = []
    canvas.send = lambda content, buffers=None: sent.append((content["data"], buffers))
    fig.add_subplot().plot([0, 1], [1, 0])
    tp.push_frame(fig)
    kinds = [json.loads(data)["type"] for data, _ in sent]
    assert kinds.index("resize") < kinds.index("binary")
    assert json.loads(sent[kinds.index("resize")][0])["size"] == [4 * 100, 2 * 100]
    frame = bytes(memoryview(sent[kinds.index("binary")][1][0]))
    assert frame[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # ipympl's Toolbar, if imported
def test_frames_are_throttled_but_the_last_epoch_is_always_drawn():
    live = tp.live_training(3)
    frames = []
    live.figure.canvas.draw = lambda: frames.append(len(live.epochs))  # count renders
    live.min_frame_interval = 3600.0  # nothing but the first and the last may draw
    for epoch in range(3):
        live.callback(EpochRecord(epoch=epoch, cost=0.5 - 0.1 * epoch, correct=700, total=1000))
    assert frames == [1, 3]  # epoch 0 (first frame) and the final epoch, not epoch 1
    assert list(live.cost_line.get_xdata()) == [0, 1, 2]  # the data still has every epoch


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # ipympl's Toolbar, if imported
def test_the_bar_and_readout_speak_the_chosen_language(monkeypatch):
    from bpcore import i18n

    monkeypatch.setattr(i18n, "_language", i18n._language)  # given back after the test
    i18n.set_language("zh-CN")
    live = tp.live_training(epochs=2)
    live.progress(1, 2)
    assert live.bar.description == "正在训练第 0 轮（0–1）"
    live.callback(EpochRecord(0, 0.25, 812, 1000))
    assert live.readout.value == "第 0 轮：812 / 1000（81.2%），C = 0.2500"


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # ipympl's Toolbar, if imported
def test_confusion_figure_draws_without_a_font_warning(caplog):
    """The bold diagonal used to log "findfont: Failed to find font weight bold for bpcore
    CJK" (a red box in notebook 12): the counts are drawn in a font that has a bold."""
    import bpcore.nb  # noqa: F401  (puts the CJK font in the family list)

    fig, ax, texts = tp.confusion_figure(np.array([[5, 1], [2, 7]]))
    with caplog.at_level("WARNING", logger="matplotlib.font_manager"):
        fig.canvas.draw()
    assert not [r for r in caplog.records if "findfont" in r.getMessage()]
    assert texts[0][0].get_fontweight() == "bold"
