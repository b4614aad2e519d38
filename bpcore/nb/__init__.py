"""Notebook-facing helpers: figures, widgets and diagrams (matplotlib, ipywidgets).

Import the submodules you need, e.g. ``from bpcore.nb import demon``; ``import bpcore``
never imports this package, so the core stays NumPy-only. Every widget builder returns
its widget (or a small object holding its parts) so tests can set ``.value`` and assert
on what it shows.
"""
