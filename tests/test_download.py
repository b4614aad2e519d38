"""bpcore.download against a local HTTP server serving small IDX files made here.

Nothing in this file touches the real network: every mirror is 127.0.0.1.
"""

import gzip
import hashlib
import http.server
import os
import socket
import threading
import time

import numpy as np
import pytest

from bpcore import download
from bpcore.download import DownloadError, fetch, load_full_mnist, read_idx

N_TRAIN, N_TEST = 12, 5
NAMES = {
    ("train", "images"): "train-images-idx3-ubyte.gz",
    ("train", "labels"): "train-labels-idx1-ubyte.gz",
    ("t10k", "images"): "t10k-images-idx3-ubyte.gz",
    ("t10k", "labels"): "t10k-labels-idx1-ubyte.gz",
}


def idx_bytes(array, type_code=0x08):
    """The IDX format written out by hand: 0, 0, type, rank, big-endian dims, then the data."""
    header = bytes([0, 0, type_code, array.ndim])
    header += b"".join(int(n).to_bytes(4, "big") for n in array.shape)
    return header + array.astype(np.uint8).tobytes()


def make_dataset(seed=0):
    rng = np.random.default_rng(seed)
    arrays = {
        ("train", "images"): rng.integers(0, 256, (N_TRAIN, 28, 28), dtype=np.uint8),
        ("train", "labels"): rng.integers(0, 10, N_TRAIN, dtype=np.uint8),
        ("t10k", "images"): rng.integers(0, 256, (N_TEST, 28, 28), dtype=np.uint8),
        ("t10k", "labels"): rng.integers(0, 10, N_TEST, dtype=np.uint8),
    }
    payloads = {NAMES[key]: gzip.compress(idx_bytes(a), mtime=0) for key, a in arrays.items()}
    return arrays, payloads


def pins(payloads):
    """The ``files`` argument: name -> (size, sha256) of the bytes as served."""
    return {name: (len(b), hashlib.sha256(b).hexdigest()) for name, b in payloads.items()}


class Server:
    """A ThreadingHTTPServer on 127.0.0.1 serving ``self.payloads``; logs every GET."""

    def __init__(self):
        self.payloads = {}
        self.requests = []
        self.lie_about_length = set()  # names sent with a Content-Length larger than the body
        self.delay = 0.0  # seconds to wait before answering
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                name = self.path.lstrip("/")
                server.requests.append(name)
                time.sleep(server.delay)
                body = server.payloads.get(name)
                if body is None:
                    self.send_error(404)
                    return
                self.send_response(200)
                extra = 100 if name in server.lie_about_length else 0
                self.send_header("Content-Length", str(len(body) + extra))
                self.end_headers()
                self.wfile.write(body)
                if extra:
                    self.close_connection = True

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}/"
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self.thread.start()

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


@pytest.fixture
def server(monkeypatch):
    for var in ("http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    srv = Server()
    yield srv
    srv.stop()


@pytest.fixture
def dead_url():
    """The URL of a port that nothing listens on (bound, then closed)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/"


def test_load_full_mnist_parses_what_was_served(server, tmp_path):
    arrays, payloads = make_dataset()
    server.payloads = payloads
    train, test = load_full_mnist(cache_dir=tmp_path, mirrors=[server.url], files=pins(payloads))
    assert len(train) == N_TRAIN and len(test) == N_TEST
    assert train.X.shape == (784, N_TRAIN) and test.Y.shape == (10, N_TEST)
    for split, prefix in ((train, "train"), (test, "t10k")):
        images = arrays[(prefix, "images")]
        # column j of X is image j, row by row, scaled to [0, 1]
        np.testing.assert_array_equal(split.X.T * 255.0, images.reshape(len(images), 784))
        np.testing.assert_array_equal(split.labels, arrays[(prefix, "labels")])
        np.testing.assert_array_equal(split.Y.argmax(axis=0), arrays[(prefix, "labels")])
    assert sorted(server.requests) == sorted(payloads)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(payloads)
    for name, body in payloads.items():
        assert (tmp_path / name).read_bytes() == body


def test_second_call_uses_the_cache(server, tmp_path):
    arrays, payloads = make_dataset()
    server.payloads = payloads
    files = pins(payloads)
    load_full_mnist(cache_dir=tmp_path, mirrors=[server.url], files=files)
    n_requests = len(server.requests)
    train, _ = load_full_mnist(cache_dir=tmp_path, mirrors=[server.url], files=files)
    assert len(server.requests) == n_requests == 4
    np.testing.assert_array_equal(train.labels, arrays[("train", "labels")])


def test_damaged_cache_file_is_fetched_again(server, tmp_path):
    _, payloads = make_dataset()
    server.payloads = payloads
    name = NAMES[("t10k", "labels")]
    files = pins(payloads)
    fetch(name, cache_dir=tmp_path, mirrors=[server.url], files=files)
    (tmp_path / name).write_bytes(b"\x00" * files[name][0])  # right size, wrong content
    path = fetch(name, cache_dir=tmp_path, mirrors=[server.url], files=files)
    assert server.requests == [name, name]
    assert path.read_bytes() == payloads[name]


def test_checksum_mismatch_leaves_nothing(server, tmp_path):
    _, payloads = make_dataset()
    name = NAMES[("train", "labels")]
    files = pins(payloads)
    corrupted = bytearray(payloads[name])
    corrupted[-3] ^= 0xFF  # same size, one byte flipped
    server.payloads = {**payloads, name: bytes(corrupted)}
    cache = tmp_path / "cache"
    with pytest.raises(DownloadError, match="checksum"):
        fetch(name, cache_dir=cache, mirrors=[server.url], files=files)
    assert list(cache.iterdir()) == []
    with pytest.raises(DownloadError, match="checksum"):
        load_full_mnist(cache_dir=cache, mirrors=[server.url], files=files)
    assert name not in {p.name for p in cache.iterdir()}
    assert not [p for p in cache.iterdir() if p.name.endswith(".part")]


@pytest.mark.parametrize(
    "name,serve,lie,match",
    [
        (NAMES[("train", "images")], lambda b: b[: len(b) // 2], False, "truncated"),
        (NAMES[("train", "images")], lambda b: b[:100], True, "truncated"),  # closes early
        (NAMES[("t10k", "labels")], lambda b: b + b"extra", False, "more than the expected"),
    ],
    ids=["truncated", "closed-before-announced-length", "too-long"],
)
def test_wrong_length_leaves_nothing(server, tmp_path, name, serve, lie, match):
    _, payloads = make_dataset()
    files = pins(payloads)
    server.payloads = {name: serve(payloads[name])}
    server.lie_about_length = {name} if lie else set()
    with pytest.raises(DownloadError, match=match):
        fetch(name, cache_dir=tmp_path, mirrors=[server.url], files=files)
    assert list(tmp_path.iterdir()) == []


def test_first_mirror_down_second_works(server, dead_url, tmp_path):
    arrays, payloads = make_dataset()
    server.payloads = payloads
    _, test = load_full_mnist(cache_dir=tmp_path, mirrors=[dead_url, server.url],
                              files=pins(payloads))
    np.testing.assert_array_equal(test.labels, arrays[("t10k", "labels")])


def test_first_mirror_missing_file_second_works(server, tmp_path):
    """A mirror that answers 404 is skipped as well (here: the same server under /nothing/)."""
    _, payloads = make_dataset()
    server.payloads = payloads
    name = NAMES[("train", "labels")]
    path = fetch(name, cache_dir=tmp_path, mirrors=[server.url + "nothing/", server.url],
                 files=pins(payloads))
    assert path.read_bytes() == payloads[name]
    assert server.requests == ["nothing/" + name, name]


def test_offline_points_to_the_bundled_sample(dead_url, tmp_path):
    _, payloads = make_dataset()
    with pytest.raises(DownloadError, match=r"bpcore\.load_mnist") as info:
        load_full_mnist(cache_dir=tmp_path, mirrors=[dead_url, dead_url + "other/"],
                        files=pins(payloads))
    assert dead_url in str(info.value)  # every mirror tried is listed
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "raw,match",
    [
        (bytes([0, 0, 0x0D, 1]) + (4).to_bytes(4, "big") + bytes(16), "not an unsigned-byte IDX"),
        (bytes([1, 0, 0x08, 1]) + (4).to_bytes(4, "big") + bytes(4), "not an unsigned-byte IDX"),
        (bytes([0, 0]), "not an unsigned-byte IDX"),
        (bytes([0, 0, 0x08, 1]) + (12).to_bytes(4, "big") + bytes(5), r"header says \(12,\)"),
    ],
    ids=["float-type", "bad-magic", "too-short", "size-mismatch"],
)
def test_malformed_idx_header(server, tmp_path, raw, match):
    _, payloads = make_dataset()
    name = NAMES[("train", "labels")]
    payloads[name] = gzip.compress(raw, mtime=0)
    server.payloads = payloads
    with pytest.raises(DownloadError, match=match):
        load_full_mnist(cache_dir=tmp_path / "c", mirrors=[server.url], files=pins(payloads))
    with pytest.raises(DownloadError, match=match):
        read_idx(tmp_path / "c" / name)


def test_images_and_labels_of_different_lengths(server, tmp_path):
    _, payloads = make_dataset()
    payloads[NAMES[("train", "labels")]] = gzip.compress(idx_bytes(np.zeros(3)), mtime=0)
    server.payloads = payloads
    with pytest.raises(DownloadError, match="disagree"):
        load_full_mnist(cache_dir=tmp_path, mirrors=[server.url], files=pins(payloads))


def test_stale_part_file_is_removed_on_the_next_run(server, tmp_path):
    """A killed download leaves name.XXXX.part behind; the next fetch removes it once it is
    older than STALE_PART, and leaves a fresh one (another process may be writing it)."""
    _, payloads = make_dataset()
    server.payloads = payloads
    name = NAMES[("t10k", "labels")]
    stale, fresh = tmp_path / f"{name}.abc123.part", tmp_path / f"{name}.def456.part"
    stale.write_bytes(b"half a file")
    fresh.write_bytes(b"being written")
    old = time.time() - download.STALE_PART - 5
    os.utime(stale, (old, old))
    fetch(name, cache_dir=tmp_path, mirrors=[server.url], files=pins(payloads))
    assert not stale.exists() and fresh.exists()


def test_deadline_stops_a_slow_download(server, tmp_path):
    _, payloads = make_dataset()
    server.payloads = payloads
    server.delay = 0.5  # seconds before each response
    start = time.monotonic()
    with pytest.raises(DownloadError, match="deadline"):
        load_full_mnist(cache_dir=tmp_path, mirrors=[server.url, server.url + "again/"],
                        files=pins(payloads), deadline=0.3)
    assert time.monotonic() - start < 3
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


@pytest.mark.parametrize("deadline", [0, -1, "60", None])
def test_bad_deadline(tmp_path, deadline):
    with pytest.raises(ValueError, match="deadline must be a positive number of seconds"):
        load_full_mnist(cache_dir=tmp_path, mirrors=[], deadline=deadline)


def test_empty_bpcore_cache_means_the_default(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("BPCORE_CACHE", "")
    assert download.default_cache_dir() == tmp_path / ".cache" / "bpcore"
    monkeypatch.setenv("BPCORE_CACHE", str(tmp_path / "mine"))
    assert download.default_cache_dir() == tmp_path / "mine"


@pytest.mark.parametrize("via", ["BPCORE_CACHE", "cache_dir"])
def test_cache_that_is_a_file_is_refused(monkeypatch, tmp_path, via):
    a_file = tmp_path / "not-a-dir"
    a_file.write_text("x")
    monkeypatch.setenv("BPCORE_CACHE", str(a_file))
    with pytest.raises(DownloadError, match=f"{a_file}.*from {via}.*is a file"):
        load_full_mnist(cache_dir=a_file if via == "cache_dir" else None, mirrors=[])


@pytest.mark.parametrize("bad", ["htp://example.org/", "not a url", "", "http://[::1"])
def test_malformed_mirror_is_skipped_with_a_note(server, tmp_path, bad):
    arrays, payloads = make_dataset()
    server.payloads = payloads
    with pytest.warns(UserWarning, match="malformed mirror URL"):
        _, test = load_full_mnist(cache_dir=tmp_path, mirrors=[bad, server.url],
                                  files=pins(payloads))
    np.testing.assert_array_equal(test.labels, arrays[("t10k", "labels")])


@pytest.mark.parametrize("missing", sorted(NAMES.values()))
def test_files_missing_an_entry(tmp_path, missing):
    _, payloads = make_dataset()
    files = {k: v for k, v in pins(payloads).items() if k != missing}
    with pytest.raises(ValueError, match=f"files must hold one entry whose name starts with "
                                         f"'{missing[:11]}"):
        load_full_mnist(cache_dir=tmp_path, mirrors=[], files=files)


def test_unknown_name(tmp_path):
    with pytest.raises(ValueError, match="'foo.gz'"):
        fetch("foo.gz", cache_dir=tmp_path, mirrors=[], files={})
