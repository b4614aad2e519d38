"""Data in column layout: the bundled MNIST sample, full-MNIST splits and toy sets.

Images are stored row by row (one image a row) and transposed once, here, into the
column layout the rest of bpcore uses: X ``(784, n)``, Y ``(10, n)``.
"""

import hashlib
import io
from dataclasses import dataclass
from importlib import resources

import numpy as np

from .. import _validate

SAMPLE = "mnist_5k.npz"
# SHA-256 of mnist_5k.npz as python -m tools.make_mnist_sample wrote it (also in data/README.md).
SAMPLE_SHA256 = "970702d994c498f4ed47376383483ffa572089f72cd489dad1f40f362dbc14bf"


class DataError(RuntimeError):
    """The bundled sample is not the file bpcore shipped (truncated, changed, a pointer)."""


@dataclass(frozen=True)
class Split:
    """A labelled set of examples. X ``(n_in, n)`` floats, Y ``(n_out, n)`` one-hot,
    labels ``(n,)`` ints."""

    X: np.ndarray
    Y: np.ndarray
    labels: np.ndarray

    def __len__(self):
        return self.X.shape[1]

    def pairs(self, one_hot=True):
        """The book's form: a list of ``(x, y)`` with x ``(n_in, 1)`` and y one-hot
        ``(n_out, 1)`` (or the int label with ``one_hot=False``, as the book's test data)."""
        if one_hot:
            return [(self.X[:, j : j + 1], self.Y[:, j : j + 1]) for j in range(len(self))]
        return [(self.X[:, j : j + 1], int(self.labels[j])) for j in range(len(self))]


def one_hot(labels, n_classes=10):
    """Integer labels ``(n,)`` → one-hot columns ``(n_classes, n)``."""
    labels = np.asarray(labels)
    if labels.ndim != 1 or not np.issubdtype(labels.dtype, np.integer):
        raise ValueError(f"labels must be a 1-D integer array; got shape {labels.shape}, "
                         f"dtype {labels.dtype}")
    if labels.size and (labels.min() < 0 or labels.max() >= n_classes):
        raise ValueError(
            f"labels must lie in 0..{n_classes - 1}; got {labels.min()}..{labels.max()}")
    Y = np.zeros((n_classes, labels.size))
    Y[labels, np.arange(labels.size)] = 1.0
    return Y


def from_images(images, labels):
    """uint8 images ``(n, 784)`` and labels ``(n,)`` → a Split with pixels scaled to [0, 1]."""
    labels = np.asarray(labels).astype(np.int64)
    return Split(np.asarray(images, dtype=np.float64).T / 255.0, one_hot(labels), labels)


def load_sample_arrays():
    """The raw bundled sample: uint8 images ``(5000, 784)`` and labels ``(5000,)``.

    The file's SHA-256 is checked first (3 MB, a few milliseconds); see :func:`read_sample`.
    """
    path = _sample_path()
    return read_sample(path.read_bytes(), path)


def read_sample(raw, where):
    """Parse the bytes ``raw`` of the sample file ``where`` once they match SAMPLE_SHA256.

    Raises :class:`DataError` naming the file and how to restore it if they do not.
    """
    digest = hashlib.sha256(raw).hexdigest()
    if digest != SAMPLE_SHA256:
        if raw.startswith(b"version https://git-lfs"):
            what, fix = "a git-LFS pointer, not the data", "run `git lfs pull` in the clone"
        else:
            what = (f"damaged: {len(raw)} bytes with SHA-256 {digest[:16]}…, expected "
                    f"{SAMPLE_SHA256[:16]}…")
            fix = "run `git checkout -- bpcore/data/mnist_5k.npz` in the clone"
        raise DataError(f"the bundled MNIST sample {where} is {what}. To restore it, {fix}, "
                        "or reinstall bpcore, or rebuild it with python -m tools.make_mnist_sample "
                        "(see bpcore/data/README.md).")
    with np.load(io.BytesIO(raw), allow_pickle=False) as npz:
        return npz["images"], npz["labels"]


def _sample_path():
    return resources.files("bpcore.data").joinpath(SAMPLE)


def load_mnist(n_train=4000, n_test=1000, seed=0):
    """The bundled 5,000-digit MNIST sample (500 per class), verified, shuffled and split.

    Returns ``(train, test)`` Splits. The split is a seeded permutation, so the same
    ``seed`` always gives the same digits. For the full 70,000 see
    :func:`bpcore.download.load_full_mnist`.
    """
    seed = _validate.seed(seed)
    for name, v in (("n_train", n_train), ("n_test", n_test)):
        if isinstance(v, bool) or not isinstance(v, (int, np.integer)) or v < 0:
            raise ValueError(f"{name} must be a non-negative integer; got {v!r}")
    images, labels = load_sample_arrays()
    if n_train + n_test > len(labels):
        raise ValueError(f"n_train + n_test = {n_train + n_test} exceeds the {len(labels)} "
                         "digits in the bundled sample")
    order = np.random.default_rng(seed).permutation(len(labels))
    tr, te = order[:n_train], order[n_train : n_train + n_test]
    return from_images(images[tr], labels[tr]), from_images(images[te], labels[te])


def xor():
    """The four XOR points as columns: X ``(2, 4)``, Y ``(1, 4)``."""
    X = np.array([[0.0, 0.0, 1.0, 1.0], [0.0, 1.0, 0.0, 1.0]])
    return X, np.array([[0.0, 1.0, 1.0, 0.0]])


def two_moons(n=200, noise=0.1, seed=0):
    """Two interleaved half-circles in the plane: X ``(2, n)``, Y ``(1, n)`` in {0, 1}."""
    rng = np.random.default_rng(_validate.seed(seed))
    half = n // 2
    t = rng.uniform(0, np.pi, n)
    upper = np.arange(n) < half
    x = np.where(upper, np.cos(t), 1 - np.cos(t))
    y = np.where(upper, np.sin(t), 0.5 - np.sin(t))
    X = np.vstack([x, y]) + noise * rng.standard_normal((2, n))
    return X, (~upper).astype(float)[None, :]
