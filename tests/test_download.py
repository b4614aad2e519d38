"""bpcore.download against a local HTTP server serving small IDX files made here.

Nothing in this file touches the real network: every mirror is 127.0.0.1.
"""

import gzip
import hashlib
import http.server
import socket
import threading

import numpy as np
import pytest

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
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                name = self.path.lstrip("/")
                server.requests.append(name)
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


def test_truncated_file(server, tmp_path):
    _, payloads = make_dataset()
    name = NAMES[("train", "images")]
    files = pins(payloads)
    server.payloads = {name: payloads[name][: len(payloads[name]) // 2]}
    with pytest.raises(DownloadError, match="truncated"):
        fetch(name, cache_dir=tmp_path, mirrors=[server.url], files=files)
    assert list(tmp_path.iterdir()) == []


def test_connection_closed_before_the_announced_length(server, tmp_path):
    _, payloads = make_dataset()
    name = NAMES[("train", "images")]
    files = pins(payloads)
    server.payloads = {name: payloads[name][:100]}
    server.lie_about_length = {name}
    with pytest.raises(DownloadError, match="truncated"):
        fetch(name, cache_dir=tmp_path, mirrors=[server.url], files=files)
    assert list(tmp_path.iterdir()) == []


def test_too_long_file(server, tmp_path):
    _, payloads = make_dataset()
    name = NAMES[("t10k", "labels")]
    files = pins(payloads)
    server.payloads = {name: payloads[name] + b"extra"}
    with pytest.raises(DownloadError, match="more than the expected"):
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


def test_unknown_name(tmp_path):
    with pytest.raises(ValueError, match="'foo.gz'"):
        fetch("foo.gz", cache_dir=tmp_path, mirrors=[], files={})
