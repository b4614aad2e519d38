"""The full MNIST (70,000 digits), downloaded once, verified, cached, parsed with numpy.

Each of the four gzipped IDX files is fetched from the first mirror that answers, checked
against its pinned size and SHA-256, and only then moved into the cache directory (write
to a temporary file, fsync, rename), so the cache never holds a partial or corrupted file.
Offline, :func:`load_full_mnist` raises :class:`DownloadError` naming the bundled sample
(:func:`bpcore.load_mnist`) as the way to go on.
"""

import gzip
import hashlib
import os
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

import numpy as np

from .data import from_images

MIRRORS = (
    "https://ossci-datasets.s3.amazonaws.com/mnist/",
    "https://storage.googleapis.com/cvdf-datasets/mnist/",
)

# name -> (size in bytes, sha256) of the gzipped files as distributed since 1998.
FILES = {
    "train-images-idx3-ubyte.gz": (
        9912422, "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609"),
    "train-labels-idx1-ubyte.gz": (
        28881, "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c"),
    "t10k-images-idx3-ubyte.gz": (
        1648877, "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6"),
    "t10k-labels-idx1-ubyte.gz": (
        4542, "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6"),
}


class DownloadError(RuntimeError):
    """The full MNIST could not be fetched or did not verify."""


def default_cache_dir():
    """``$BPCORE_CACHE`` if set, else ``~/.cache/bpcore``."""
    return Path(os.environ.get("BPCORE_CACHE", Path.home() / ".cache" / "bpcore"))


def sha256_of(path):
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def fetch(name, cache_dir=None, mirrors=MIRRORS, files=FILES, timeout=30):
    """Return the path of a verified copy of ``name`` in the cache, downloading if needed."""
    if name not in files:
        raise ValueError(f"unknown file {name!r}; expected one of {sorted(files)}")
    size, digest = files[name]
    cache = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    cache.mkdir(parents=True, exist_ok=True)
    target = cache / name
    if target.exists() and target.stat().st_size == size and sha256_of(target) == digest:
        return target
    problems = []
    for base in mirrors:
        url = base.rstrip("/") + "/" + name
        try:
            _download_verified(url, target, size, digest, timeout)
            return target
        except (urllib.error.URLError, OSError, DownloadError) as exc:
            problems.append(f"  {url}: {getattr(exc, 'reason', exc)}")
    raise DownloadError(
        f"could not fetch a verified copy of {name} from any mirror:\n" + "\n".join(problems)
        + "\nOffline? The bundled 5,000-digit sample needs no network: bpcore.load_mnist()."
    )


def _download_verified(url, target, size, digest, timeout):
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=target.name + ".", suffix=".part")
    try:
        h, got = hashlib.sha256(), 0
        with os.fdopen(fd, "wb") as out, urllib.request.urlopen(url, timeout=timeout) as resp:
            while chunk := resp.read(1 << 16):
                got += len(chunk)
                if got > size:
                    raise DownloadError(f"more than the expected {size} bytes")
                h.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        if got != size:
            raise DownloadError(f"truncated: got {got} bytes, expected {size}")
        if h.hexdigest() != digest:
            raise DownloadError(f"checksum mismatch: sha256 {h.hexdigest()}, expected {digest}")
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def read_idx(path):
    """Parse a gzipped IDX file (magic 0x0000, type 0x08 = uint8, rank, dims) into an array."""
    with gzip.open(path, "rb") as fh:
        raw = fh.read()
    if len(raw) < 4 or raw[0] != 0 or raw[1] != 0 or raw[2] != 0x08:
        raise DownloadError(f"{path} is not an unsigned-byte IDX file")
    rank = raw[3]
    dims = tuple(int.from_bytes(raw[4 + 4 * i : 8 + 4 * i], "big") for i in range(rank))
    body = np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * rank)
    if body.size != int(np.prod(dims)):
        raise DownloadError(f"{path}: header says {dims}, found {body.size} values")
    return body.reshape(dims)


def load_full_mnist(cache_dir=None, mirrors=MIRRORS, files=FILES):
    """The full MNIST as ``(train, test)`` Splits: 60,000 and 10,000 digits.

    (The book holds 10,000 of the 60,000 back as validation data; slice ``train`` for that.)
    """
    paths = {name: fetch(name, cache_dir, mirrors, files) for name in files}
    names = sorted(files)
    splits = []
    for prefix in ("train", "t10k"):
        img = next(n for n in names if n.startswith(prefix + "-images"))
        lab = next(n for n in names if n.startswith(prefix + "-labels"))
        images = read_idx(paths[img])
        labels = read_idx(paths[lab])
        if images.ndim != 3 or labels.ndim != 1 or len(images) != len(labels):
            raise DownloadError(f"{img}/{lab}: shapes {images.shape} and {labels.shape} disagree")
        splits.append(from_images(images.reshape(len(images), -1), labels))
    return tuple(splits)
