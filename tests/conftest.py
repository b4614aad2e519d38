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


@pytest.fixture(autouse=True)
def _font_order_follows_the_language():
    """Choosing a language also orders matplotlib's fonts (bpcore.fonts). After a test (and
    after its fixtures gave the language back) the order is the language's again, so that
    no test draws with the order another one chose."""
    yield
    if "matplotlib" in sys.modules and "bpcore.fonts" in sys.modules:
        from bpcore import fonts, i18n

        sys.modules["matplotlib"].rcParams["font.family"] = fonts.families(i18n.get_language())
