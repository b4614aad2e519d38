"""The full MNIST (70,000 digits), downloaded once, verified, cached, parsed with numpy.

Each of the four gzipped IDX files is fetched from the first mirror that answers, checked
against its pinned size and SHA-256, and only then moved into the cache directory (write
to a temporary file, fsync, rename), so the cache never holds a partial or corrupted file;
a ``*.part`` file that a killed process left behind is removed on the next run. The whole
download has a deadline (``deadline`` seconds, 5 minutes by default). Offline, or past the
deadline, :func:`load_full_mnist` raises :class:`DownloadError` naming the bundled sample
(:func:`bpcore.load_mnist`) as the way to go on.
"""

import gzip
import hashlib
import os
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import warnings
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


DEADLINE = 300  # seconds for a whole download, over every file and mirror
STALE_PART = 60  # seconds without a write after which a *.part file counts as abandoned


class DownloadError(RuntimeError):
    """The full MNIST could not be fetched or did not verify."""


def default_cache_dir():
    """``$BPCORE_CACHE`` if set and not empty, else ``~/.cache/bpcore``."""
    return Path(os.environ.get("BPCORE_CACHE") or Path.home() / ".cache" / "bpcore")


def _cache(cache_dir):
    cache = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    if cache.exists() and not cache.is_dir():
        source = "cache_dir" if cache_dir is not None else "BPCORE_CACHE"
        raise DownloadError(f"the cache directory {cache} (from {source}) is a file, not a "
                            "directory; point it at a directory, or unset BPCORE_CACHE for "
                            "~/.cache/bpcore")
    cache.mkdir(parents=True, exist_ok=True)
    return cache


def _remove_stale_parts(cache, name):
    for part in cache.glob(name + ".*.part"):
        try:
            if time.time() - part.stat().st_mtime > STALE_PART:
                part.unlink()
        except OSError:  # another process removed or finished it meanwhile
            pass


def _url(base, name):
    """``base`` + ``name``, or None if ``base`` is not an http(s) or file URL."""
    try:
        parts = urllib.parse.urlsplit(base)
    except (ValueError, TypeError, AttributeError):  # e.g. "http://[::1" or None
        return None
    if parts.scheme not in ("http", "https", "file") or (parts.scheme != "file"
                                                         and not parts.netloc):
        return None
    return base.rstrip("/") + "/" + name


def sha256_of(path):
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def fetch(name, cache_dir=None, mirrors=MIRRORS, files=FILES, timeout=30, deadline=DEADLINE):
    """Return the path of a verified copy of ``name`` in the cache, downloading if needed.

    ``timeout`` bounds each network wait, ``deadline`` the whole call (seconds).
    """
    return _fetch(name, _cache(cache_dir), mirrors, files, timeout,
                  time.monotonic() + _positive("deadline", deadline))


def _fetch(name, cache, mirrors, files, timeout, until):
    if name not in files:
        raise ValueError(f"unknown file {name!r}; expected one of {sorted(files)}")
    size, digest = files[name]
    target = cache / name
    _remove_stale_parts(cache, name)
    if target.exists() and target.stat().st_size == size and sha256_of(target) == digest:
        return target
    problems = []
    for base in mirrors:
        url = _url(base, name)
        if url is None:
            warnings.warn(f"skipping the malformed mirror URL {base!r}", stacklevel=3)
            problems.append(f"  {base!r}: not an http(s) or file URL, skipped")
            continue
        try:
            _download_verified(url, target, size, digest, timeout, until)
            return target
        except (urllib.error.URLError, OSError, ValueError, DownloadError) as exc:
            problems.append(f"  {url}: {getattr(exc, 'reason', exc)}")
        if time.monotonic() > until:
            problems.append("  (the deadline passed; no further mirror was tried)")
            break
    raise DownloadError(
        f"could not fetch a verified copy of {name} from any mirror:\n" + "\n".join(problems)
        + "\nOffline? The bundled 5,000-digit sample needs no network: bpcore.load_mnist()."
    )


def _positive(name, value):
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
        raise ValueError(f"{name} must be a positive number of seconds; got {value!r}")
    return value


def _download_verified(url, target, size, digest, timeout, until):
    left = until - time.monotonic()
    if left <= 0:
        raise DownloadError("the download deadline has passed")
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=target.name + ".", suffix=".part")
    try:
        h, got = hashlib.sha256(), 0
        with (os.fdopen(fd, "wb") as out,
              urllib.request.urlopen(url, timeout=min(timeout, left)) as resp):
            while chunk := resp.read(1 << 16):
                if time.monotonic() > until:
                    raise DownloadError(f"deadline passed after {got} of {size} bytes "
                                        "(pass a larger deadline= to wait longer)")
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


def load_full_mnist(cache_dir=None, mirrors=MIRRORS, files=FILES, timeout=30,
                    deadline=DEADLINE):
    """The full MNIST as ``(train, test)`` Splits: 60,000 and 10,000 digits.

    ``deadline`` (seconds) bounds the whole download, all four files together.
    (The book holds 10,000 of the 60,000 back as validation data; slice ``train`` for that.)
    """
    kinds = ("train-images", "train-labels", "t10k-images", "t10k-labels")
    chosen = {kind: [n for n in sorted(files) if n.startswith(kind)] for kind in kinds}
    for kind, names in chosen.items():
        if len(names) != 1:
            raise ValueError(f"files must hold one entry whose name starts with {kind!r}; it "
                             f"has {names or 'none'} (expected names: {sorted(FILES)})")
        entry = files[names[0]]
        if not (isinstance(entry, tuple) and len(entry) == 2):
            raise ValueError(f"files[{names[0]!r}] must be (size in bytes, sha256 hex); got "
                             f"{entry!r}")
    cache, until = _cache(cache_dir), time.monotonic() + _positive("deadline", deadline)
    paths = {name: _fetch(name, cache, mirrors, files, timeout, until) for name in files}
    splits = []
    for prefix in ("train", "t10k"):
        img, lab = chosen[prefix + "-images"][0], chosen[prefix + "-labels"][0]
        images = read_idx(paths[img])
        labels = read_idx(paths[lab])
        if images.ndim != 3 or labels.ndim != 1 or len(images) != len(labels):
            raise DownloadError(f"{img}/{lab}: shapes {images.shape} and {labels.shape} disagree")
        splits.append(from_images(images.reshape(len(images), -1), labels))
    return tuple(splits)
