"""Notebook-facing helpers: figures, widgets and diagrams (matplotlib, ipywidgets).

Import the submodules you need, e.g. ``from bpcore.nb import demon``; ``import bpcore``
never imports this package, so the core stays NumPy-only. Modules here are named by topic;
the exercise checks in :mod:`bpcore.exercises` by notebook. Which notebook uses which:

==============================  ==========================  =========
notebook                        bpcore.nb modules           exercises
==============================  ==========================  =========
00-start-here                   digits                      —
01-gradient-descent             gd                          nb01
02-notation-and-feedforward     diagram                     nb02
03-cost-and-hadamard            —                           nb03
04-the-demon                    demon                       nb04
05-four-equations               equations                   nb05
06-proofs                       equations                   nb06
07-saturation                   saturation                  nb07
08-algorithm-and-code           stepper                     nb08
09-minibatch-matrices           speed                       nb09
10-why-backprop-is-fast         speed, fd_accuracy          nb10
11-big-picture                  path_view, graph_view       nb11
12-training-on-mnist            training_plots, digits      nb12
==============================  ==========================  =========

Every notebook with a figure also uses :mod:`~bpcore.nb.layout` (figures that work live and
headless); the widgets draw through :mod:`~bpcore.nb.live` (repainting at slider speed) and
store a still picture through :mod:`~bpcore.nb.still`. Every widget follows one protocol,
:class:`bpcore.nb.widget.Interactive`: ``widget`` to display, ``controls`` by name,
``figure``, and ``update()``.
"""

from ..fonts import use_cjk_font

use_cjk_font()  # Chinese in figures: matplotlib gets bpcore's CJK font (bpcore.fonts)
