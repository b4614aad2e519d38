"""The targets and the plain-text report of a run of ``python -m benchmarks``.

A run is a dict (what ``--json`` prints): ``epochs`` (``{mode: benchmarks.epoch.measure
dict}`` for the modes run), ``under_load`` (or None), ``finite_differences``, ``import``,
``widgets`` and ``notebooks`` (or None).
"""

MODE_TITLES = {
    "default": "As a student runs it (no BLAS thread variables; bpcore limits its own calls)",
    "one_thread": "With one BLAS thread everywhere (OPENBLAS/OMP/MKL_NUM_THREADS=1, torch too)",
}
LIMIT_WITHIN = 1.25  # bpcore's thread limit never costs more than this against NumPy's threads
PUBLIC_WITHIN = 1.10  # the public method within 10 % of the inner path


def epoch_targets(e, mode):
    """``[(target, measured, holds)]`` for the epoch table of one mode."""
    out = []
    by_m = {row["m"]: row for row in e["epochs"]}
    for m, need in ((10, 15), (100, 30)):
        if m in by_m:
            v = by_m[m]["loop_over_matrix"]
            out.append((f"matrix ≥ {need}× the loop at m = {m}", f"{v:.1f}×", v >= need))
    for m, need in ((10, 3), (100, 1)):
        if m in by_m and by_m[m]["torch_s"] is not None:
            v = by_m[m]["torch_over_matrix"]
            word = f"≥ {need}× as fast as" if need > 1 else "faster than"
            out.append((f"matrix {word} PyTorch at m = {m}", f"{v:.2f}×",
                        v >= need if need > 1 else v > 1))
    for m, need in ((10, 4), (100, 2)):
        if m in by_m:
            v = by_m[m]["matrix_over_floor"]
            out.append((f"matrix within {need}× the floor at m = {m}", f"{v:.2f}×", v <= need))
    for row in e["epochs"]:
        v = row["matrix_over_inner"]
        out.append((f"net.update_mini_batch within 10 % of the inner step at m = {row['m']}",
                    f"+{(v - 1) * 100:.0f} %", v <= PUBLIC_WITHIN))
    return [(f"[{mode.replace('_', ' ')}] {t}", v, h) for t, v, h in out]


def targets(r):
    """``[{"target", "measured", "holds"}]`` for every target this run measured."""
    out = []
    epochs = r.get("epochs") or {}
    for mode, e in epochs.items():
        out += epoch_targets(e, mode)
    load = r.get("under_load")
    if load:
        for row in load["rows"]:
            v = row["limited_s"] / row["unlimited_s"]
            out.append((f"{row['load']} machine: bpcore's thread limit costs at most "
                        f"{LIMIT_WITHIN}× NumPy's own threads at m = {row['m']}",
                        f"{v:.2f}×", v <= LIMIT_WITHIN))
    imp = r.get("import")
    if imp:
        out.append(("import bpcore ≤ 0.15 s (wall, NumPy included)", f"{imp['total_s']:.3f} s",
                    imp["total_s"] <= 0.15))
        out.append(("import bpcore loads none of matplotlib, ipywidgets, bpcore.nb",
                    ", ".join(imp["pulls_in"]) or "none",
                    not {"matplotlib", "ipywidgets", "bpcore.nb"} & set(imp["pulls_in"])))
    measured = {k: w for k, w in (r.get("widgets") or {}).items() if "callback_s" in w}
    if measured:
        worst = max(measured.items(), key=lambda kv: kv[1]["callback_s"])
        out.append(("every widget callback ≤ 30 ms median (redraw deferred)",
                    f"worst {worst[1]['callback_s'] * 1e3:.1f} ms ({worst[0]})",
                    worst[1]["callback_s"] <= 0.030))
        worst = max(measured.items(), key=lambda kv: kv[1]["callback_s"] + kv[1]["render_s"])
        total = worst[1]["callback_s"] + worst[1]["render_s"]
        out.append(("every widget callback + its Agg render ≤ 30 ms median",
                    f"worst {total * 1e3:.1f} ms ({worst[0]})", total <= 0.030))
    nbs = r.get("notebooks")
    if nbs:
        name, slowest = max(nbs["per_notebook_s"].items(), key=lambda kv: kv[1])
        out.append(("no notebook over 10 s", f"slowest {name} {slowest:.1f} s", slowest <= 10))
        out.append(("strict nbval suite ≤ 60 s and passing", f"{nbs['nbval_suite_s']:.1f} s "
                    f"({nbs['nbval_summary']})", nbs["nbval_suite_s"] <= 60 and
                    nbs["nbval_passed"]))
    return [{"target": t, "measured": v, "holds": bool(h)} for t, v, h in out]


def epoch_table(e):
    """One mode's epoch rows as text lines."""
    blas = e["blas"]
    lines = [f"{MODE_TITLES[e['mode']]}:",
             f"  BLAS threads {blas.get('num_threads', '?')} (bpcore's calls: at most "
             f"{e['bpcore_max_threads'] or 'no limit'}), torch threads "
             f"{e['torch_threads'] or '-'}; {e['clock']} time, best of {e['repeats']}",
             f"  {'m':>4} {'loop s':>8} {'matrix s':>9} {'C-order s':>10} {'inner s':>8} "
             f"{'torch s':>8} {'loop/matrix':>11} {'torch/matrix':>12} {'matrix/floor':>12} "
             f"{'matrix/inner':>12}"]
    for row in e["epochs"]:
        torch = (f"{row['torch_s']:8.4f}", f"{row['torch_over_matrix']:12.2f}") \
            if row["torch_s"] is not None else (f"{'-':>8}", f"{'-':>12}")
        lines.append(f"  {row['m']:>4} {row['loop_s']:8.3f} {row['matrix_s']:9.4f} "
                     f"{row['matrix_c_s']:10.4f} {row['inner_s']:8.4f} {torch[0]} "
                     f"{row['loop_over_matrix']:11.1f} {torch[1]} "
                     f"{row['matrix_over_floor']:12.2f} {row['matrix_over_inner']:12.2f}")
    lines.append(f"  floor: {e['epoch_flops'] / 1e6:.1f} MFLOP / {e['matmul_gflops']:.1f} "
                 f"GFLOP/s (1000×1000 matmul) = {e['floor_s'] * 1e3:.1f} ms per epoch")
    return lines


def table(r):
    """A run as a plain-text report."""
    lines = []
    epochs = r.get("epochs") or {}
    if epochs:
        e = next(iter(epochs.values()))
        blas = e["blas"]
        lines += [f"One epoch of mini-batch SGD through bpcore's public methods: {e['examples']} "
                  f"MNIST digits, {e['sizes']}, sigmoid, quadratic cost, float64, η = {e['eta']}",
                  f"numpy {e['numpy']} ({blas.get('internal_api', 'BLAS')} "
                  f"{blas.get('version', '?')}, kernel {blas.get('architecture', '?')}), torch "
                  f"{e['torch'] or '(not run)'}, Python {e['python']}, {e['cpus']} CPUs", ""]
        for e in epochs.values():
            lines += epoch_table(e) + [""]
    load = r.get("under_load")
    if load:
        lines += [f"Matrix epoch as a student runs it, bpcore's one-thread limit on and off; "
                  f"busy = {load['busy_processes']} spinning processes",
                  f"  {'load':>5} {'m':>4} {'limit s':>9} {'no limit s':>11} {'ratio':>7}"]
        lines += [f"  {row['load']:>5} {row['m']:>4} {row['limited_s']:9.4f} "
                  f"{row['unlimited_s']:11.4f} {row['unlimited_over_limited']:7.2f}"
                  for row in load["rows"]] + [""]
    if r.get("finite_differences"):
        lines += ["Whole gradient: central finite differences vs backprop (5 examples)",
                  f"  {'P':>6} {'fd s':>9} {'backprop s':>11} {'fd/backprop':>12} {'ratio/P':>8}"]
        lines += [f"  {f['P']:>6} {f['fd_s']:9.4f} {f['backprop_s']:11.6f} "
                  f"{f['fd_over_backprop']:12.0f} {f['fd_over_backprop'] / f['P']:8.1f}"
                  for f in r["finite_differences"]] + [""]
    imp = r.get("import")
    if imp:
        loads = ", ".join(imp["pulls_in"]) or "none of matplotlib, ipywidgets, bpcore.nb"
        lines += [f"import bpcore: {imp['total_s'] * 1e3:.0f} ms wall "
                  f"({imp['total_cpu_s'] * 1e3:.0f} ms CPU), of which bpcore's own modules "
                  f"{imp['bpcore_only_s'] * 1e3:.0f} ms; loads {loads}", ""]
    if r.get("widgets"):
        lines += ["Widgets, median ms of one action: the callback (redraw deferred), then the "
                  "Agg render of its figure; live: the callback with its own redraw (draw or "
                  "blit) and the PNG frame on a ready ipympl canvas, plus the whole draws the "
                  "kernel's post_execute then asks for (whole: per action)",
                  f"  {'callback':>8} {'render':>7} {'live':>7} {'whole':>5}"]
        for name, w in r["widgets"].items():
            live = f"{w['live_s'] * 1e3:7.1f}" if "live_s" in w else f"{'—':>7}"
            whole = f"{w['whole_draws']:5.2f}" if "whole_draws" in w else f"{'—':>5}"
            lines.append(f"  {w['callback_s'] * 1e3:8.1f} {w['render_s'] * 1e3:7.1f} {live} "
                         f"{whole}  "
                         f"{name} ({', '.join(w['controls']) or 'epoch callback'})")
        lines.append("")
    nbs = r.get("notebooks")
    if nbs:
        lines += ["Notebooks, seconds to execute in a fresh kernel:"]
        lines += [f"  {t:6.1f} s  {name}" for name, t in nbs["per_notebook_s"].items()]
        lines += [f"  {nbs['total_s']:6.1f} s  total",
                  f"  {nbs['nbval_suite_s']:6.1f} s  python -m pytest notebooks -q "
                  f"({nbs['nbval_summary']})", ""]
    lines += ["Targets:"]
    lines += [f"  {'holds' if t['holds'] else 'MISSED':6}  {t['target']}: {t['measured']}"
              for t in r["targets"]]
    return "\n".join(lines)
