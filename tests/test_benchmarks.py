"""The benchmarks measure what they say: every contender trains the same weights, the flop
count matches a hand count, the clock is the one passed in, widgets are driven through
their controls alone, targets follow the numbers, and the command prints its report.
No timing is asserted here."""

import copy
import itertools
import json

import ipywidgets as widgets
import numpy as np
import pytest

from benchmarks import epoch, report, timing, ui, under_load
from benchmarks.__main__ import main
from bpcore import Network


def sample(n=60, seed=0):
    rng = np.random.default_rng(seed)
    return np.asfortranarray(rng.random((784, n))), np.eye(10)[:, rng.integers(0, 10, n)]


def all_params(net):
    return net.weights + net.biases


@pytest.mark.parametrize("m", [1, 10, 7])  # 7: the last mini-batch is shorter
def test_every_epoch_contender_trains_the_same_weights(m):
    X, Y = sample()
    start = Network(epoch.SIZES, seed=3)
    fb, cb = epoch.mini_batches(X, Y, m), epoch.mini_batches(*map(np.ascontiguousarray, (X, Y)), m)
    runs = {"loop": (epoch.loop_epoch, fb), "matrix": (epoch.matrix_epoch, fb),
            "matrix_c": (epoch.matrix_epoch, cb), "inner": (epoch.inner_epoch, fb)}
    trained = {}
    for name, (run, batches) in runs.items():
        trained[name] = copy.deepcopy(start)
        run(trained[name], batches)
    if m > 1:
        assert not cb[0][0].flags.f_contiguous  # the caller's mini-batches are strided
    moved = max(np.abs(p - q).max() for p, q in zip(all_params(trained["matrix"]),
                                                     all_params(start)))
    assert moved > 1e-3  # the epoch did train
    for name in ("loop", "matrix_c", "inner"):
        for p, q in zip(all_params(trained[name]), all_params(trained["matrix"])):
            np.testing.assert_allclose(p, q, rtol=0, atol=1e-10, err_msg=name)


def test_mini_batches_cover_every_column_once():
    X, Y = sample(25)
    batches = epoch.mini_batches(X, Y, 10)
    assert [b[0].shape[1] for b in batches] == [10, 10, 5]
    np.testing.assert_array_equal(np.hstack([b[0] for b in batches]), X)


def test_flop_count_against_a_hand_count():
    # [2, 3, 1]: w^2 is 3×2, w^3 is 1×3. Multiply-adds per example:
    #   forward w^2 a^1: 6, forward w^3 a^2: 3, BP4 for both layers: 6 + 3,
    #   BP2 (w^3)^T δ^3: 3 (no BP2 into the input layer). 21 multiply-adds = 42 flops.
    assert epoch.epoch_flops(1, [2, 3, 1]) == 42
    assert epoch.epoch_flops(5, [2, 3, 1]) == 5 * 42
    assert epoch.epoch_flops(1) == 2 * (2 * 784 * 30 + 3 * 30 * 10) == 95_880


def test_torch_epoch_trains_the_same_network():
    torch = pytest.importorskip("torch")
    X, Y = sample(40)
    base = Network(epoch.SIZES, seed=3)
    run, fresh = epoch.torch_epoch(base, X, Y, 10)
    params = run(fresh())
    net = copy.deepcopy(base)
    epoch.matrix_epoch(net, epoch.mini_batches(X, Y, 10))
    for p, q in zip(params, [a for pair in zip(net.weights, net.biases) for a in pair]):
        assert isinstance(p, torch.Tensor)
        np.testing.assert_allclose(p.detach().numpy(), q.reshape(p.shape), rtol=0, atol=1e-10)


def test_interleaved_rounds_use_the_clock_passed_in():
    ticks = itertools.count()
    calls = []
    contenders = {"a": (lambda: calls.append("a"), None),
                  "b": (lambda state: calls.append(state), lambda: "b")}
    # every clock() call advances one tick, so each timing reads exactly 1
    best = timing.interleaved(contenders, 3, clock=lambda: next(ticks))
    assert best == {"a": 1, "b": 1}
    assert calls == ["a", "b"] * 3  # round by round, not a's series then b's
    with pytest.raises(ValueError, match="repeats"):
        timing.interleaved(contenders, 0, clock=lambda: 0)


def test_interleaved_keeps_the_minimum():
    # (start, stop) pairs: round 1 a = 5, b = 2; round 2 a = 3, b = 9
    readings = iter([0, 5, 10, 12, 20, 23, 30, 39])
    best = timing.interleaved({"a": (lambda: None, None), "b": (lambda: None, None)}, 2,
                              clock=lambda: next(readings))
    assert best == {"a": 3, "b": 2}


def test_environment_of_each_mode():
    one = epoch.environment("one_thread")
    assert all(one[v] == "1" for v in epoch.THREAD_VARIABLES)
    default = epoch.environment("default")
    assert not set(epoch.THREAD_VARIABLES) & set(default)
    with pytest.raises(ValueError, match="mode"):
        epoch.environment("two")


class FakeWidget:
    """A widget on the protocol (bpcore/nb/widget.py): controls, figure, update()."""

    def __init__(self):
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        self.figure, ax = plt.subplots()
        (self.line,) = ax.plot([0, 1], [0, 0])
        self.controls = {"n": widgets.IntSlider(value=1, min=0, max=10),
                         "x": widgets.FloatSlider(value=0.0, min=-2.0, max=2.0),
                         "kind": widgets.Dropdown(options=["a", "b", "c"], value="a"),
                         "show": widgets.Checkbox(value=False),
                         "go": widgets.Button(description="go")}
        self.widget = widgets.VBox(list(self.controls.values()))
        self.updates = 0
        for c in self.controls.values():
            if isinstance(c, widgets.Button):
                c.on_click(self.update)
            else:
                c.observe(self.update, names="value")

    def update(self, change=None):
        self.updates += 1
        self.line.set_ydata([0, self.controls["x"].value])
        self.figure.canvas.draw_idle()


def test_controls_are_driven_without_knowing_the_widget():
    w = FakeWidget()
    before = {k: c.value for k, c in w.controls.items() if k != "go"}
    for i in range(len(w.controls)):
        ui.change_control(w, i)
    assert w.updates == len(w.controls)  # every action reached update(): the button too
    for k, old in before.items():
        assert w.controls[k].value != old, k
    assert -2.0 <= w.controls["x"].value <= 2.0 and isinstance(w.controls["n"].value, int)


def test_latency_of_a_protocol_widget():
    w = FakeWidget()
    out = ui.latency(w, changes=4)
    assert out["controls"] == ["n", "x", "kind", "show", "go"]
    assert out["callback_s"] > 0 and out["render_s"] > 0
    assert w.updates == 5  # the warm-up action and four timed ones


def test_every_listed_widget_is_measured():
    out = ui.widget_latency(changes=2)
    assert list(out) == list(ui.WIDGETS)
    for name, w in out.items():
        assert w["callback_s"] > 0, name


def test_busy_cores_start_and_stop():
    with under_load.busy_cores(2, seconds=30) as procs:
        assert len(procs) == 2 and all(p.poll() is None for p in procs)
    assert all(p.poll() is not None for p in procs)


def test_under_load_rows():
    r = under_load.measure(repeats=1, batches=[10], busy=1, examples=20)
    assert r["busy_processes"] == 1
    assert [(row["load"], row["m"]) for row in r["rows"]] == [("idle", 10), ("busy", 10)]
    for row in r["rows"]:
        assert row["unlimited_over_limited"] == pytest.approx(row["unlimited_s"] /
                                                              row["limited_s"])


def fake_run(loop_over_matrix, matrix_over_inner=1.05, limited_s=0.02):
    """A run dict with made-up numbers, to check the targets against them."""
    rows = [{"m": m, "loop_over_matrix": loop_over_matrix, "torch_s": 1.0,
             "torch_over_matrix": 3.5, "matrix_over_floor": 1.5,
             "matrix_over_inner": matrix_over_inner} for m in (10, 100)]
    load = [{"load": load, "m": 100, "limited_s": limited_s, "unlimited_s": 0.02}
            for load in ("idle", "busy")]
    return {"epochs": {"default": {"epochs": rows}, "one_thread": {"epochs": rows}},
            "under_load": {"busy_processes": 2, "rows": load}}


@pytest.mark.parametrize(("ratio", "inner", "limited_s", "missed", "count"), [
    (40, 1.05, 0.02, "", 0),
    (20, 1.05, 0.02, "matrix ≥ 30× the loop at m = 100", 2),  # in both modes
    (40, 1.20, 0.02, "within 10 % of the inner step", 4),  # both m, both modes
    (40, 1.05, 0.03, "thread limit costs at most", 2),  # idle and busy
])
def test_targets_follow_the_numbers(ratio, inner, limited_s, missed, count):
    failed = [t["target"] for t in report.targets(fake_run(ratio, inner, limited_s))
              if not t["holds"]]
    assert len(failed) == count and all(missed in f for f in failed), failed


def test_main_json_on_a_reduced_config(capsys):
    code = main(["--json", "--examples", "40", "--batches", "1", "10", "--repeats", "1",
                 "--no-torch", "--widget-changes", "2"])
    assert code == 0
    r = json.loads(capsys.readouterr().out)
    assert set(r["epochs"]) == {"default", "one_thread"}
    one = r["epochs"]["one_thread"]
    assert one["thread_env"] == dict.fromkeys(epoch.THREAD_VARIABLES, "1")
    assert not any(r["epochs"]["default"]["thread_env"].values())
    assert one["clock"] == "cpu" and r["epochs"]["default"]["clock"] == "wall"
    for e in r["epochs"].values():
        assert e["examples"] == 40 and [row["m"] for row in e["epochs"]] == [1, 10]
        assert e["floor_s"] == pytest.approx(epoch.epoch_flops(40) / (e["matmul_gflops"] * 1e9))
        for row in e["epochs"]:
            assert row["torch_s"] is None
            assert row["loop_over_matrix"] == pytest.approx(row["loop_s"] / row["matrix_s"])
            assert row["matrix_over_inner"] == pytest.approx(row["matrix_s"] / row["inner_s"])
    assert [f["P"] for f in r["finite_differences"]] == [(w + 1) * w + w + 1
                                                         for w in (2, 5, 10, 20, 40)]
    assert r["import"]["pulls_in"] == []
    assert list(r["widgets"]) == list(ui.WIDGETS)
    assert all({"target", "measured", "holds"} == set(t) for t in r["targets"])
    text = report.table(r)
    for words in ("As a student runs it", "With one BLAS thread", "floor:",
                  "finite differences", "import bpcore", "Widgets", "Targets:"):
        assert words in text


def test_step_profile_table():
    from benchmarks.step_profile import profile_table, step_profile

    p = step_profile(2, calls=2, repeats=1)
    assert p["m"] == 2 and len(p["ops"]) == 11 and p["step_s"] > 0 and p["public_step_s"] > 0
    text = profile_table(p)
    assert "Python glue" in text and "BP4 δ^2 (a^1)^T" in text


def test_live_latency_drives_a_ready_ipympl_canvas():
    """The live time is the widget's own redraw on a canvas whose browser view is ready:
    the demon then really sends a frame per change (counted), and the backend is given back."""
    import matplotlib.pyplot as plt

    from bpcore.nb import demon, live

    built, frames = [], []

    def build():
        w = demon.build()
        send = w.figure.canvas.send_binary
        w.figure.canvas.send_binary = lambda data: (frames.append(1), send(data))[1]
        built.append(w)
        return w

    backend = plt.get_backend()
    median_s, whole = ui.live_latency(build, changes=3)
    assert median_s > 0
    assert whole == 0  # the demon's frames leave nothing for post_execute to draw
    assert plt.get_backend() == backend
    assert live.browser_ready(built[0].figure) and len(frames) >= 3


def test_live_latency_counts_the_whole_draws_post_execute_asks_for():
    """A widget whose slider changes an artist and sends no frame leaves its figure stale:
    after each change (a comm message) the kernel's post_execute asks for a frame, and the
    browser's answer, a whole draw, is counted (and timed)."""
    import ipywidgets

    from bpcore.nb import layout

    class Stale:
        def __init__(self):
            self.figure, ax = layout.figure(2, 2)
            (self.line,) = ax.plot([0, 1], [0, 1])
            self.controls = {"k": ipywidgets.IntSlider(value=0, min=0, max=10)}
            self.controls["k"].observe(lambda change: self.line.set_ydata([0, change["new"]]),
                                       names="value")

    draws = []

    def build():
        w = Stale()
        w.figure.canvas.mpl_connect("draw_event", draws.append)
        return w

    median_s, whole = ui.live_latency(build, changes=4)
    assert whole == 1 and len(draws) == 4 and median_s > 0
