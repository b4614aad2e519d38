"""Shared test settings."""

import sys

import pytest

# BLAS threads: nothing to set here. bpcore's own methods run on one BLAS thread
# (bpcore/blas_threads.py), so tests and notebook kernels compute as a student's do.


@pytest.fixture(autouse=True)
def _close_figures():
    """Widget builders make figures; close them after each test so none pile up."""
    yield
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")
