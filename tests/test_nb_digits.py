"""digit_grid: one labelled panel per column of X, the right image in each."""

import numpy as np
import pytest

from bpcore import load_mnist
from bpcore.nb.digits import RIGHT, WRONG, digit_grid


@pytest.fixture(scope="module")
def sample():
    train, _ = load_mnist(n_train=30, n_test=0)
    return train


def test_panels_show_the_columns_and_their_labels(sample):
    fig, axes = digit_grid(sample.X[:, :13], sample.labels[:13], ncols=5)
    assert axes.shape == (3, 5)
    for i, ax in enumerate(axes.flat):
        if i < 13:
            # The image is column i reshaped row by row (independent reshape here).
            img = ax.images[0].get_array()
            np.testing.assert_array_equal(img, sample.X[:, i].reshape(28, 28))
            assert ax.get_title() == str(sample.labels[i])
        else:
            assert not ax.get_visible()


def test_predictions_are_coloured_right_and_wrong(sample):
    labels = sample.labels[:4]
    preds = labels.copy()
    preds[1] = (labels[1] + 1) % 10
    fig, axes = digit_grid(sample.X[:, :4], labels, predictions=preds)
    assert axes.shape == (1, 4)
    titles = [ax.title for ax in axes.flat]
    assert titles[1].get_text() == f"{labels[1]} → {preds[1]}"
    assert titles[1].get_color() == WRONG and titles[0].get_color() == RIGHT


def test_bad_shapes_fail_loudly(sample):
    with pytest.raises(ValueError, match="784"):
        digit_grid(sample.X[:100, :3], sample.labels[:3])
    with pytest.raises(ValueError, match="labels"):
        digit_grid(sample.X[:, :3], sample.labels[:2])
