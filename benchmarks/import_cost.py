"""What ``import bpcore`` costs a fresh interpreter, and what it pulls in."""

import subprocess
import sys

# Run in a fresh interpreter: prints wall and CPU seconds (total, NumPy included, then
# bpcore's own modules after NumPy), and which heavy or notebook-only modules got loaded.
IMPORT_CODE = """\
import sys, time
t0, c0 = time.perf_counter(), time.process_time()
import numpy
t1, c1 = time.perf_counter(), time.process_time()
import bpcore
t2, c2 = time.perf_counter(), time.process_time()
loaded = [m for m in ("matplotlib", "ipywidgets", "bpcore.nb", "threadpoolctl")
          if m in sys.modules]
print(t2 - t0, c2 - c0, t2 - t1, c2 - c1, *loaded)
"""
KEYS = ("total_s", "total_cpu_s", "bpcore_only_s", "bpcore_only_cpu_s")


def import_cost(runs=7):
    """Best of ``runs`` fresh interpreters: ``{total_s, total_cpu_s, bpcore_only_s,
    bpcore_only_cpu_s, "pulls_in": [modules among matplotlib, ipywidgets, bpcore.nb,
    threadpoolctl]}``."""
    best = [float("inf")] * len(KEYS)
    loaded = set()
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", IMPORT_CODE], capture_output=True,
                             text=True, check=True).stdout.split()
        best = [min(b, float(v)) for b, v in zip(best, out[: len(KEYS)])]
        loaded.update(out[len(KEYS) :])
    return {**dict(zip(KEYS, best)), "pulls_in": sorted(loaded)}
