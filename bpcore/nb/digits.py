"""A grid of MNIST digits, each panel labelled with its true digit (and a prediction).

Used by notebook 00 to show the bundled sample and by later notebooks to show what a
trained network gets right and wrong.
"""

import math

import numpy as np

from . import layout

RIGHT, WRONG = "tab:green", "tab:red"


def panel_title(label, prediction=None):
    """The text above one panel: ``"7"``, or ``"7 → 3"`` (true → predicted)."""
    if prediction is None:
        return f"{int(label)}"
    return f"{int(label)} → {int(prediction)}"


def digit_grid(X, labels, predictions=None, ncols=10):
    """Draw the columns of X as 28×28 images in a grid, titled with their labels.

    X : (784, n) pixel columns in [0, 1] (the layout of :func:`bpcore.load_mnist`).
    labels : (n,) true digits. predictions : optional (n,) predicted digits; then each
    title reads "true → predicted", green when they agree and red when they do not.
    ncols : panels per row; rows are added as needed, unused panels are hidden.

    Returns ``(fig, axes)`` with axes an ``(nrows, ncols)`` array; ``axes.flat[i]`` shows
    column i of X. End the notebook cell with ``layout.canvas(fig)`` to display it once.
    """
    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or X.shape[0] != 784:
        raise ValueError(f"X has shape {X.shape}; expected (784, n), one digit per column")
    n = X.shape[1]
    labels = np.asarray(labels).ravel()
    if labels.shape != (n,):
        raise ValueError(f"labels has {labels.size} entries; expected {n}, one per column of X")
    if predictions is not None:
        predictions = np.asarray(predictions).ravel()
        if predictions.shape != (n,):
            raise ValueError(f"predictions has {predictions.size} entries; expected {n}")
    if n == 0:
        raise ValueError("X has no columns: nothing to draw")
    ncols = int(min(ncols, n))
    nrows = math.ceil(n / ncols)
    fig, axes = layout.figure(width=0.75 * ncols + 0.2, height=0.95 * nrows + 0.1,
                              nrows=nrows, ncols=ncols, squeeze=False)
    for i, ax in enumerate(axes.flat):
        ax.set_xticks([])
        ax.set_yticks([])
        if i >= n:
            ax.set_visible(False)
            continue
        ax.imshow(X[:, i].reshape(28, 28), cmap="gray_r", vmin=0.0, vmax=1.0)
        pred = None if predictions is None else predictions[i]
        color = "black" if pred is None else (RIGHT if pred == labels[i] else WRONG)
        ax.set_title(panel_title(labels[i], pred), fontsize=10, color=color, pad=2)
        for spine in ax.spines.values():
            spine.set_edgecolor(color if pred is not None else "0.8")
    fig.subplots_adjust(left=0.01, right=0.99, bottom=0.01, top=1 - 0.3 / (0.95 * nrows + 0.1),
                        wspace=0.08, hspace=0.35)
    return fig, axes
