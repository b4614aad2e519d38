"""``python -m benchmarks``: how fast is bpcore? Ratios measured in one run on this machine.

Prints a table (``--json``: the raw measurements). See ``benchmarks/__init__.py`` for what
each part measures and ``docs/performance.md`` for the method and a sample run.
"""

import argparse
import json
import sys

from . import epoch, report, under_load
from .finite_differences import finite_differences_vs_backprop
from .import_cost import import_cost
from .timing import CLOCKS


def run(repeats=3, examples=epoch.EXAMPLES, batches=epoch.BATCHES, modes=epoch.MODES,
        use_torch=True, clock=None, widget_changes=20, load=False, notebooks=False):
    """Every measurement asked for, as one dict with its ``targets``."""
    r = {"epochs": {mode: epoch.in_subprocess(mode, repeats, examples, batches, use_torch,
                                              clock) for mode in modes},
         "under_load": under_load.in_subprocess(repeats, examples=examples) if load else None,
         "finite_differences": finite_differences_vs_backprop(),
         "import": import_cost()}
    if widget_changes:
        from .ui import widget_latency

        r["widgets"] = widget_latency(widget_changes)
    if notebooks:
        from .notebooks import notebook_times

        r["notebooks"] = notebook_times()
    r["targets"] = report.targets(r)
    return r


def main(argv=None):
    p = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n")[0])
    p.add_argument("--json", action="store_true", help="print the raw measurements as JSON")
    p.add_argument("--repeats", type=int, default=3, help="timings keep the best of this many")
    p.add_argument("--examples", type=int, default=epoch.EXAMPLES,
                   help=f"training digits per epoch (default {epoch.EXAMPLES})")
    p.add_argument("--batches", type=int, nargs="+", default=list(epoch.BATCHES),
                   help="mini-batch sizes m (default 1 10 100)")
    p.add_argument("--modes", nargs="+", choices=epoch.MODES, default=list(epoch.MODES),
                   help="BLAS thread settings to run the epochs in (default: both)")
    p.add_argument("--clock", choices=sorted(CLOCKS), default=None,
                   help="time the epochs and the profile by this clock (default: CPU time "
                        "with one BLAS thread, wall clock as a student runs it)")
    p.add_argument("--no-torch", action="store_true", help="skip the PyTorch comparison")
    p.add_argument("--widget-changes", type=int, default=20,
                   help="actions timed per widget (0 skips the widgets)")
    p.add_argument("--under-load", action="store_true",
                   help="also time the epoch with bpcore's thread limit on and off, idle "
                        "and with every core kept busy")
    p.add_argument("--notebooks", action="store_true",
                   help="also execute every notebook and time the strict nbval suite")
    p.add_argument("--profile", action="store_true",
                   help="instead: time each operation of one matrix-path step at each m")
    p.add_argument("--browser", action="store_true",
                   help="instead: every slider in JupyterLab in chromium, key press → new "
                        "pixels (python -m benchmarks.browser; a few minutes)")
    args = p.parse_args(argv)
    if args.browser:
        from . import browser

        return browser.main(["--json"] if args.json else [])
    if args.profile:
        from .step_profile import profile_table, step_profile

        profiles = [step_profile(m, repeats=args.repeats, clock=args.clock or "cpu")
                    for m in args.batches]
        print(json.dumps(profiles, indent=2) if args.json
              else "\n\n".join(profile_table(q) for q in profiles), flush=True)
        return 0
    r = run(args.repeats, args.examples, args.batches, args.modes, not args.no_torch,
            args.clock, args.widget_changes, args.under_load, args.notebooks)
    print(json.dumps(r, indent=2) if args.json else report.table(r), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
