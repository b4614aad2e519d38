"""Seconds to execute each notebook in a fresh kernel, and the strict-nbval suite."""

import subprocess
import sys
import time

from . import ROOT


def notebook_times(folder=None, timeout=600):
    """``{"per_notebook_s": {name: s}, "total_s", "nbval_suite_s", "nbval_passed",
    "nbval_summary"}``. Notebooks run with nbclient and are kept in memory (the files are
    not written); the suite is ``python -m pytest notebooks -q`` in a subprocess."""
    import nbclient
    import nbformat

    folder = ROOT / "notebooks" if folder is None else folder
    per = {}
    for path in sorted(folder.glob("[0-9]*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        client = nbclient.NotebookClient(nb, timeout=timeout, kernel_name="python3",
                                         resources={"metadata": {"path": str(folder)}})
        start = time.perf_counter()
        client.execute()
        per[path.name] = time.perf_counter() - start
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "pytest", str(folder), "-q",
                           "-p", "no:cacheprovider"], cwd=ROOT, capture_output=True, text=True)
    suite = time.perf_counter() - start
    summary = (proc.stdout.strip().splitlines() or [""])[-1]
    return {"per_notebook_s": per, "total_s": sum(per.values()), "nbval_suite_s": suite,
            "nbval_passed": proc.returncode == 0, "nbval_summary": summary}
