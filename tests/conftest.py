"""Shared test settings."""

import os
import sys

import pytest

# One BLAS thread for the notebook kernels nbval starts (they inherit this environment):
# the course's matrices are small, and two threads fighting over two shared cores made
# notebook run times swing by 2x. Results are identical either way.
for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")


@pytest.fixture(autouse=True)
def _close_figures():
    """Widget builders make figures; close them after each test so none pile up."""
    yield
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")
