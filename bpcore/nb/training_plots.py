"""Figures for notebook 12: training [784, 30, 10] on MNIST and looking at the result.

:func:`live_training` (a cost/accuracy plot and progress bar that ``Network.sgd`` drives
through ``callback`` and ``progress``); static: :func:`learning_curves`,
:func:`confusion_figure`, :func:`hidden_weights_figure` (each hidden neuron's weights as a
28×28 image) and :func:`z_histogram`. Each returns its parts, for tests without a kernel.
"""

import time

import ipywidgets as widgets
import matplotlib
import numpy as np

from bpcore.i18n import register
from bpcore.nb import layout
from bpcore.nb.widget import Interactive

# Epochs are numbered from 0, as the book's network.py prints them ("Epoch 0" … "Epoch 9"):
# the bar names the epoch running and the range, so "9 of 0–9" is the last one.
msg = register("training_plots", {
    "bar_running": "epoch {epoch} of 0–{last}",
    "bar_done": "epochs 0–{last} done",
    "not_started": "not started",
    "epoch": "Epoch {epoch}",
    "epoch_test": "Epoch {epoch}: {correct} / {total} ({percent}%)",
    "with_cost": "{before}, C = {cost}",
    "training_title": "Training [784, 30, 10]",
    "epoch_axis": "epoch",
    "cost_title": "training cost C",
    "accuracy": "test accuracy (%)",
    "curves_title": "Test accuracy after each epoch",
    "confusion_title": "Confusion matrix (rows: true digit, columns: predicted)",
    "predicted": "predicted digit",
    "true": "true digit",
    "mistakes": "mistakes",
    "weights_title": "Incoming weights of each hidden neuron",
    "neuron": "neuron j",
    "z_title": "Weighted inputs z of the hidden layer (l = 2), test set",
    "grey_saturated": "{title} (grey: saturated)",
    "density": "density",
})

# Both colours come from matplotlib's default cycle, so the notebooks look alike.
COST_COLOR, ACC_COLOR = "tab:blue", "tab:orange"


# -- live training plot ---------------------------------------------------------------
class LiveTraining(Interactive):
    """A live cost/accuracy plot with a progress bar, driven by ``Network.sgd``.

    Pass ``callback=live.callback, progress=live.progress`` to ``sgd``; no controls. Shown:
    ``readout``, ``bar``, ``cost_line``, ``acc_line``, drawing ``epochs``, ``costs`` and
    ``accuracies`` (test accuracy as a fraction).
    """

    steps_per_epoch = 20  # the bar moves this often per epoch (each move is a message)
    # A frame (render + send) costs ~75 ms here, more than a short epoch: draw at most one
    # every ``min_frame_interval`` seconds, and always after the last planned epoch.
    min_frame_interval = 0.25

    def __init__(self, epochs, title=None):
        self.epochs_planned = epochs
        self.epochs, self.costs, self.accuracies = [], [], []
        self.last_frame_at = float("-inf")
        fig, (self.ax_cost, self.ax_acc) = layout.figure(width=8.0, height=3.0, ncols=2)
        (self.cost_line,) = self.ax_cost.plot([], [], "o-", color=COST_COLOR, ms=4)
        (self.acc_line,) = self.ax_acc.plot([], [], "o-", color=ACC_COLOR, ms=4)
        for ax in (self.ax_cost, self.ax_acc):
            ax.set_xlim(-0.5, epochs - 0.5)
            ax.set_xlabel(str(msg("epoch_axis")))
            ax.grid(alpha=0.3)
        self.ax_cost.set_ylim(0, 1)
        self.ax_cost.set_title(str(msg("cost_title")))
        self.ax_acc.set_ylim(0, 100)
        self.ax_acc.set_title(str(msg("accuracy")))
        fig.suptitle(str(msg("training_title")) if title is None else title)
        fig.tight_layout()
        self.figure, self.controls = fig, {}
        self.bar = widgets.IntProgress(value=0, min=0, max=1, description=self.bar_text(),
                                       style={"description_width": "initial"})
        self.readout = widgets.HTML(str(msg("not_started")))
        self.widget = widgets.VBox([widgets.HBox([self.bar, self.readout]), layout.canvas(fig)])

    def bar_text(self):
        """The bar's label: the epoch running, numbered from 0 like ``Epoch k`` in the readout
        ("epoch 3 of 0–9"), or "epochs 0–9 done" once every planned epoch has reported."""
        last = self.epochs_planned - 1
        if len(self.epochs) >= self.epochs_planned:
            return str(msg("bar_done", last=last))
        return str(msg("bar_running", epoch=len(self.epochs), last=last))

    def progress(self, done, total):
        """``progress(done, total)``: ``done`` of ``total`` mini-batches of this epoch.

        The bar moves ``steps_per_epoch`` times per epoch, not after every mini-batch: each
        move is a message to the browser, and 400 of them per epoch would slow training.
        """
        step = max(1, total // self.steps_per_epoch)
        if done % step and done != total:
            return
        finished = len(self.epochs)
        self.bar.max = self.epochs_planned * total
        self.bar.value = min(finished * total + done, self.bar.max)
        self.bar.description = self.bar_text()

    def callback(self, record):
        """Called by ``sgd`` with each :class:`bpcore.EpochRecord`: record it and redraw."""
        self.epochs.append(record.epoch)
        self.costs.append(np.nan if record.cost is None else record.cost)
        self.accuracies.append(np.nan if record.accuracy is None else record.accuracy)
        self.bar.value = self.bar.max * len(self.epochs) // self.epochs_planned
        self.bar.description = self.bar_text()
        self.readout.value = epoch_text(record)
        self.update()

    def update(self, change=None):
        """Draw the recorded epochs. While ``sgd`` runs the cell keeps the kernel busy, so the
        canvas never gets to answer the browser's request that draw_idle() makes:
        :func:`push_frame` renders and sends the frame now (throttled, see above)."""
        self.cost_line.set_data(self.epochs, self.costs)
        self.acc_line.set_data(self.epochs, [100 * a for a in self.accuracies])
        finite = [c for c in self.costs if np.isfinite(c)]
        if finite:
            self.ax_cost.set_ylim(0, 1.1 * max(finite))
        final = len(self.epochs) >= self.epochs_planned
        if final or time.perf_counter() - self.last_frame_at >= self.min_frame_interval:
            push_frame(self.figure)
            self.last_frame_at = time.perf_counter()


def push_frame(fig):
    """Render ``fig`` now and send the frame to the browser, from inside a running cell.

    ipympl sets the canvas up when it hears that the browser's view is ready
    ("initialized"), but a running cell keeps that message waiting until the cell ends.
    Until then ipympl 0.10 sends each frame as raw pixels rather than a PNG (the browser
    logs "drawImage … 'broken' state" and the plot stays blank, 0 × 0). So do here what
    ipympl does on "initialized": stop that mode and tell the browser the figure's size.
    """
    canvas = fig.canvas
    if isinstance(canvas, widgets.DOMWidget) and getattr(canvas, "syncing_data_url", False):
        canvas.syncing_data_url = False
        _, _, w, h = fig.bbox.bounds
        canvas.manager.resize(w, h)
    canvas.draw()


def epoch_text(record):
    """The readout line for one EpochRecord, e.g. ``Epoch 3: 864 / 1000 (86.4%), C = 0.0777``."""
    if record.correct is None:
        text = msg("epoch", epoch=record.epoch)
    else:
        text = msg("epoch_test", epoch=record.epoch, correct=record.correct,
                   total=record.total, percent=f"{100 * record.accuracy:.1f}")
    if record.cost is not None:
        text = msg("with_cost", before=text, cost=f"{record.cost:.4f}")
    return str(text)


def live_training(epochs, title=None):
    """Build the live plot for a run of ``epochs`` epochs (x axis fixed at 0 … epochs−1).

    Left: the mean training cost C after each epoch. Right: the test accuracy in percent.
    ``title`` (above both) defaults to the catalogue's "Training [784, 30, 10]".
    Returns a :class:`LiveTraining`; display its ``.widget`` before training starts.
    """
    return LiveTraining(epochs, title)


# -- static figures ---------------------------------------------------------------------
def learning_curves(runs, title=None):
    """One line per run: ``runs`` maps a label to the list of EpochRecords ``sgd`` returned.
    ``title`` defaults to the catalogue's "Test accuracy after each epoch".

    Returns ``(fig, ax, lines)`` with ``lines[label]`` the Line2D of that run (y in %).
    """
    fig, ax = layout.figure(width=6.0, height=3.2)
    lines = {}
    for label, history in runs.items():
        x = [r.epoch for r in history]
        y = [100 * r.accuracy for r in history]
        (lines[label],) = ax.plot(x, y, "o-", ms=4, label=label)
    ax.set(xlabel=str(msg("epoch_axis")), ylabel=str(msg("accuracy")),
           title=str(msg("curves_title")) if title is None else title)
    ax.grid(alpha=0.3)
    ax.legend(loc="lower right")
    fig.tight_layout()
    return fig, ax, lines


def confusion_figure(C, title=None):
    """An annotated heatmap of a confusion matrix ``C`` (n, n), C[i, j] = #(true i, predicted j).

    Only the off-diagonal cells (the mistakes) are coloured, so that a few confusions are
    not washed out by the large diagonal; every cell is annotated with its count. ``title``
    defaults to the catalogue's, which says what rows and columns are.
    Returns ``(fig, ax, texts)`` with ``texts[i][j]`` the annotation of cell (i, j).
    """
    C = np.asarray(C)
    n = C.shape[0]
    mistakes = np.where(np.eye(n, dtype=bool), np.nan, C.astype(float))
    vmax = max(1.0, float(np.nanmax(mistakes)))
    fig, ax = layout.figure(width=5.4, height=4.8)
    cmap = matplotlib.colormaps["Reds"].with_extremes(bad="0.92")  # diagonal (NaN): grey
    im = ax.imshow(mistakes, cmap=cmap, vmin=0, vmax=vmax)
    texts = [[None] * n for _ in range(n)]
    for i in range(n):
        for j in range(n):
            dark = i != j and C[i, j] > 0.6 * vmax
            color = "white" if dark else ("black" if C[i, j] or i == j else "0.6")
            # counts are digits only: DejaVu Sans alone, whose bold exists (with the CJK
            # font in the family list, matplotlib warns that it has no bold)
            texts[i][j] = ax.text(j, i, f"{C[i, j]}", ha="center", va="center", fontsize=8,
                                  color=color, fontweight="bold" if i == j else "normal",
                                  fontfamily="DejaVu Sans")
    ax.set_xticks(range(n))
    ax.set_yticks(range(n))
    ax.set_xlabel(str(msg("predicted")))
    ax.set_ylabel(str(msg("true")))
    ax.set_title(str(msg("confusion_title")) if title is None else title, fontsize=10)
    fig.colorbar(im, ax=ax, shrink=0.8, label=str(msg("mistakes")))
    fig.tight_layout()
    return fig, ax, texts


def weight_mosaic(w, ncols=10, gap=2):
    """Tile the rows of ``w`` (n, 784) as 28×28 images, ``ncols`` per row, NaN gaps between.

    Tile j sits at rows ``(j // ncols)·(28 + gap) …`` and columns ``(j % ncols)·(28 + gap) …``;
    unused tiles and the gaps are NaN (drawn as background). Returns the 2-D array.
    """
    w = np.asarray(w, dtype=float)
    n = w.shape[0]
    nrows = -(-n // ncols)
    step = 28 + gap
    mosaic = np.full((nrows * step - gap, ncols * step - gap), np.nan)
    for j in range(n):
        r, c = divmod(j, ncols)
        mosaic[r * step : r * step + 28, c * step : c * step + 28] = w[j].reshape(28, 28)
    return mosaic


def hidden_weights_figure(w, ncols=10, gap=2, title=None):
    """Row j of ``w`` (n_hidden, 784) drawn as a 28×28 image: what hidden neuron j weighs.

    Red is a positive weight (that pixel pushes z_j up), blue negative; one colour scale,
    symmetric about 0, is shared by all tiles. All tiles are one image (a single axes draws
    much faster than 30); neuron j is in the row labelled by its tens and the column by its
    units. ``title`` defaults to the catalogue's "Incoming weights of each hidden neuron".
    Returns ``(fig, ax, mosaic)`` with ``mosaic`` from :func:`weight_mosaic`.
    """
    w = np.asarray(w)
    mosaic = weight_mosaic(w, ncols, gap)
    nrows = -(-w.shape[0] // ncols)
    fig, ax = layout.figure(width=0.75 * ncols + 0.6, height=0.75 * nrows + 0.6)
    lim = float(np.max(np.abs(w)))
    cmap = matplotlib.colormaps["RdBu_r"].with_extremes(bad="white")
    ax.imshow(mosaic, cmap=cmap, vmin=-lim, vmax=lim, interpolation="nearest")
    centres = 13.5 + (28 + gap) * np.arange(max(ncols, nrows))
    ax.set_xticks(centres[:ncols], [f"+{c}" for c in range(ncols)], fontsize=8)
    ax.set_yticks(centres[:nrows], [f"{ncols * r}" for r in range(nrows)], fontsize=8)
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_ylabel(str(msg("neuron")), fontsize=9)
    ax.set_title(str(msg("weights_title")) if title is None else title, fontsize=10)
    fig.tight_layout()
    return fig, ax, mosaic


def z_histogram(zs_by_label, z_sat, bins=80, title=None):
    """Histograms of weighted inputs, one per label, with |z| > ``z_sat`` shaded.

    ``zs_by_label`` maps a label to an array of z values (any shape; flattened). The shaded
    zone is where σ'(z) is below the saturation threshold; the title (default: the
    catalogue's, the hidden layer's z on the test set) says so. Returns ``(fig, ax)``.
    """
    fig, ax = layout.figure(width=6.5, height=3.0)
    values = {k: np.ravel(v) for k, v in zs_by_label.items()}
    top = max(float(np.max(np.abs(v))) for v in values.values())
    edges = np.linspace(-top, top, bins + 1)
    for label, v in values.items():
        ax.hist(v, bins=edges, density=True, histtype="stepfilled", alpha=0.45, label=label)
    for side in (-1, 1):
        ax.axvspan(side * z_sat, side * top, color="0.5", alpha=0.15, lw=0)
    ax.axvline(-z_sat, color="0.4", lw=0.8, ls="--")
    ax.axvline(z_sat, color="0.4", lw=0.8, ls="--", label=f"|z| = {z_sat:.2f}")
    ax.set_xlabel("z")
    ax.set_ylabel(str(msg("density")))
    title = str(msg("z_title")) if title is None else title
    ax.set_title(str(msg("grey_saturated", title=title)), fontsize=10)
    ax.legend(fontsize=8)
    fig.tight_layout()
    return fig, ax
