"""How fast is bpcore? ``python -m benchmarks`` measures it in one run and prints ratios.

The benchmarks live beside the package, not in it (they are not shipped in the wheel), one
idea a module:

* :mod:`benchmarks.timing` — the clock (a parameter, never a global), contenders timed in
  interleaved rounds, the minimum kept;
* :mod:`benchmarks.epoch` — one epoch of SGD through bpcore's public methods: the book's
  per-example loop, the matrix path (with the bundled Fortran-ordered digits and with a
  caller's C-ordered copy), the inner path without the door checks, PyTorch, and the
  matrix-multiply floor; run once as a student gets it and once with one BLAS thread;
* :mod:`benchmarks.under_load` — the same epoch with bpcore's BLAS-thread limit on and off,
  on an idle machine and with every core kept busy (``--under-load``);
* :mod:`benchmarks.step_profile` — where one matrix-path step spends its time (``--profile``);
* :mod:`benchmarks.finite_differences` — the whole gradient by finite differences against
  one backprop, as the number of parameters grows;
* :mod:`benchmarks.import_cost` — ``import bpcore`` in fresh interpreters;
* :mod:`benchmarks.ui` — every notebook widget driven through its controls: the kernel's
  callback and the render of its figure;
* :mod:`benchmarks.notebooks` — seconds to execute each notebook, and the strict-nbval suite
  (``--notebooks``);
* :mod:`benchmarks.report` — the targets and the plain-text table;
* :mod:`benchmarks.__main__` — the command line.

Method, a table from the development machine and which targets hold:
``docs/performance.md``.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent  # the repository
