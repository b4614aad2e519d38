"""Maintain the notebooks: execute them, generate navigation and the README's contents.

    python -m tools.nbtool run [NOTEBOOK ...]   execute in place (all if none named)
    python -m tools.nbtool nav                  regenerate links, contents, exercise index
    python -m tools.nbtool check                exit 1 if links/contents are stale

``run`` also strips volatile metadata while keeping outputs and execution counts, as
``nbstripout --keep-output --keep-count`` would, and stores the kernel's own kernelspec and
language_info, so that JupyterLab finds nothing to change when it opens a notebook (no
"modified" mark, no autosave of a tracked file). ``run`` and ``nav`` both give every cell its
slide type (for the JupyterLab deck and ``nbconvert --to slides``): ``#``/``##`` headings start
a slide, ``###`` a sub-slide, navigation and solutions are skipped, and every other cell
continues the slide above it by carrying no slide type at all (an explicit "-" is not
understood by jupyterlab-slideshow, which then shows a blank slide).
"""

import re
import sys
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
README = ROOT / "README.md"
EXERCISES = ROOT / "docs" / "exercises.md"
# Where the course lives on GitHub; change this (and re-run `nav`) in a fork.
REPO = "bpcore-course/bpcore"
BRANCH = "main"
BINDER = "https://mybinder.org/v2/gh/{repo}/{branch}?labpath=notebooks%2F{name}"
BADGE = "https://mybinder.org/badge_logo.svg"
TOC_START, TOC_END = "<!-- contents:start -->", "<!-- contents:end -->"
NAME = re.compile(r"^(\d\d)-[a-z0-9-]+\.ipynb$")


def notebook_paths():
    """The course's notebooks, in order: ``notebooks/NN-kebab-title.ipynb``."""
    return sorted(p for p in NOTEBOOKS.glob("*.ipynb") if NAME.match(p.name))


def stray_notebooks():
    """Notebooks whose names break the NN-kebab-title pattern (e.g. Untitled.ipynb)."""
    return sorted(p for p in NOTEBOOKS.glob("*.ipynb") if not NAME.match(p.name))


def title_of(nb):
    """The text of the first '# ' heading in the first cell."""
    first = nb.cells[0].source if nb.cells else ""
    for line in first.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    raise ValueError("the first cell must start with a '# Title' heading")


def binder_url(name):
    return BINDER.format(repo=REPO, branch=BRANCH, name=name)


def heading_anchor(text):
    """The anchor JupyterLab gives a rendered markdown heading (its ``data-jupyter-id``, the
    target of a link's #fragment): the heading's text with spaces as dashes."""
    return text.strip().replace(" ", "-")


def contents_link(paths, nbs):
    """Link to notebook 00's course map (the cell tagged "toc") at the heading above it.

    The map lives inside notebooks/, so the link works wherever the notebooks are served
    from: the README's command (server root notebooks/), Binder, GitHub.
    """
    cells = nbs[0].cells
    for i, cell in enumerate(cells):
        if has_tag(cell, "toc"):
            for above in reversed(cells[: i + 1]):
                headings = [line[3:] for line in above.source.splitlines()
                            if above.cell_type == "markdown" and line.startswith("## ")]
                if headings:
                    return f"{paths[0].name}#{heading_anchor(headings[-1])}"
    raise SystemExit(f"{paths[0].name} has no cell tagged 'toc' under a '## ' heading")


def nav_text(paths, i, titles, contents):
    parts = []
    if i > 0:
        parts.append(f"← [{titles[i - 1]}]({paths[i - 1].name})")
    parts.append(f"[Contents]({contents})")
    if i + 1 < len(paths):
        parts.append(f"[{titles[i + 1]}]({paths[i + 1].name}) →")
    return " · ".join(parts)


def has_tag(cell, tag):
    return tag in cell.get("metadata", {}).get("tags", [])


def is_nav(cell):
    return has_tag(cell, "nav")


def map_text(paths, titles):
    """The course map shown in notebook 00's cell tagged "toc"."""
    return "\n".join(f"{i}. [{t}]({p.name})" for i, (p, t) in enumerate(zip(paths, titles)))


# An exercise starts with a '### ' heading or a bold "**Exercise N. …**" line; somewhere in
# its text a line like "*★★ · about 15 min*" gives its difficulty and rough time.
EXERCISE = re.compile(r"^(?:###\s+(?P<h>.+)|\*\*(?P<b>Exercise[^*]*)\*\*)")
DIFFICULTY = re.compile(r"^\*(?P<stars>★{1,3}) · about (?P<minutes>\d+) min\*$")


def shorten(text, width=70):
    """At most about ``width`` characters, cut at a space and never inside $…$ math."""
    if len(text) <= width:
        return text
    cut = text[: text.rfind(" ", 0, width)]
    if cut.count("$") % 2:
        cut = cut[: cut.rfind("$")].rstrip()
    return cut + " …"


def exercises_of(nb):
    """[(title, check names, stars, minutes)] for each exercise after '## Exercises'.

    stars is "★", "★★" or "★★★" and minutes an int, or None when the exercise lacks its
    difficulty line.
    """
    found, inside = [], False
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                line = line.strip()
                if line.startswith("## "):
                    inside = line[3:].strip().lower().startswith("exercises")
                elif inside and (m := EXERCISE.match(line)):
                    title = m["h"] or line.replace("**", "")
                    found.append([shorten(title.strip()), [], None, None])
                elif inside and found and (d := DIFFICULTY.match(line)):
                    found[-1][2:] = [d["stars"], int(d["minutes"])]
        elif inside and found and cell.cell_type == "code" and not has_tag(cell, "solution"):
            for name in re.findall(r"\b(check_\w+)\(", cell.source):
                if name not in found[-1][1]:
                    found[-1][1].append(name)
    return [tuple(item) for item in found]


def exercises_text(paths, nbs, titles):
    lines = ["# Exercises", "",
             "Every exercise in the course, with its difficulty (★ quick, ★★ some thought, ★★★ "
             "a small project), a rough time, and the function that checks a student's answer.",
             "Each notebook's worked solutions are in collapsed cells right after the exercise.",
             "This file is generated by `python -m tools.nbtool nav`; do not edit it by hand.",
             ""]
    total = 0
    for p, nb, t in zip(paths, nbs, titles):
        items = exercises_of(nb)
        if not items:
            continue
        lines += [f"## [{t}](../notebooks/{p.name})", "",
                  "| Exercise | Difficulty | Time | Self-check |", "|---|---|---|---|"]
        for heading, names, stars, minutes in items:
            checks = ", ".join(f"`{n}`" for n in names) or "(written answer)"
            lines.append(f"| {heading} | {stars or '?'} | {minutes or '?'} min | {checks} |")
            total += minutes or 0
        lines.append("")
    lines += [f"All exercises together: about {total / 60:.0f} hours.", ""]
    return "\n".join(lines)


def with_nav(nb, text):
    """nb with a nav cell after the title cell and one at the end (old ones replaced)."""
    cells = [c for c in nb.cells if not is_nav(c)]
    def make():
        return nbformat.v4.new_markdown_cell(
            text, metadata={"tags": ["nav"], "slideshow": {"slide_type": "skip"}})
    top, bottom = make(), make()
    top.id, bottom.id = "nav-top", "nav-bottom"  # stable ids: no diff when nothing changed
    nb.cells = cells[:1] + [top] + cells[1:] + [bottom]
    return nb


def toc_text(paths, titles):
    rows = ["| # | Notebook | Launch |", "|---|---|---|"]
    for p, t in zip(paths, titles):
        rows.append(f"| {p.name[:2]} | [{t}](notebooks/{p.name}) | "
                    f"[![Binder]({BADGE})]({binder_url(p.name)}) |")
    return "\n".join(rows)


def expected_state():
    """What the generated parts should say: ({path: nav text}, readme, map, exercises)."""
    paths = notebook_paths()
    nbs = [nbformat.read(p, as_version=4) for p in paths]
    titles = [title_of(nb) for nb in nbs]
    contents = contents_link(paths, nbs)
    navs = {p: nav_text(paths, i, titles, contents) for i, p in enumerate(paths)}
    readme = README.read_text(encoding="utf-8")
    if TOC_START not in readme or TOC_END not in readme:
        raise SystemExit(f"README.md lacks the {TOC_START} … {TOC_END} markers")
    head, rest = readme.split(TOC_START, 1)
    _, tail = rest.split(TOC_END, 1)
    new_readme = f"{head}{TOC_START}\n{toc_text(paths, titles)}\n{TOC_END}{tail}"
    return navs, new_readme, map_text(paths, titles), exercises_text(paths, nbs, titles) + "\n"


def stale():
    """A list of human-readable problems; empty when navigation and contents are current."""
    problems = [f"{p.name}: name must be NN-kebab-title.ipynb" for p in stray_notebooks()]
    navs, readme, course_map, exercises = expected_state()
    if README.read_text(encoding="utf-8") != readme:
        problems.append("README.md contents table is stale")
    if not EXERCISES.exists() or EXERCISES.read_text(encoding="utf-8") != exercises:
        problems.append("docs/exercises.md is stale")
    for p, text in navs.items():
        cells = nbformat.read(p, as_version=4).cells
        if [c.source for c in cells if is_nav(c)] != [text, text]:
            problems.append(f"{p.name}: prev/next links are stale")
        if any(c.source != course_map for c in cells if has_tag(c, "toc")):
            problems.append(f"{p.name}: the course map is stale")
        if any(slide_metadata(c) != c.metadata.get("slideshow") for c in cells):
            problems.append(f"{p.name}: slide types are missing or written as '-'")
    return problems


def write_atomic(path, text):
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def nav():
    navs, readme, course_map, exercises = expected_state()
    write_atomic(README, readme)
    EXERCISES.parent.mkdir(exist_ok=True)
    write_atomic(EXERCISES, exercises)
    for p, text in navs.items():
        nb = with_nav(nbformat.read(p, as_version=4), text)
        for cell in nb.cells:
            if has_tag(cell, "toc"):
                cell.source = course_map
            set_slide_metadata(cell)
        write_atomic(p, nbformat.writes(nb) + "\n")


def slide_type(cell):
    src = cell.source.lstrip()
    tags = cell.get("metadata", {}).get("tags", [])
    if is_nav(cell) or "solution" in tags:
        return "skip"
    if cell.cell_type == "markdown" and (src.startswith("# ") or src.startswith("## ")):
        return "slide"
    if cell.cell_type == "markdown" and src.startswith("### "):
        return "subslide"
    return "-"


def slide_metadata(cell):
    """The cell's ``slideshow`` metadata as it should be stored; None for a continuation.

    A slide type set by hand (e.g. "fragment") is kept; "-" and a missing type become the
    type ``slide_type`` computes, and a continuation is stored as no metadata at all.
    """
    meta = dict(cell.get("metadata", {}).get("slideshow") or {})
    kind = meta.get("slide_type")
    meta["slide_type"] = slide_type(cell) if kind in (None, "", "-") else kind
    if meta["slide_type"] == "-":
        del meta["slide_type"]
    return meta or None


def set_slide_metadata(cell):
    meta = slide_metadata(cell)
    if meta is None:
        cell.metadata.pop("slideshow", None)
    else:
        cell.metadata["slideshow"] = meta


VOLATILE_CELL = ("execution", "ExecuteTime", "collapsed", "scrolled")
# A worked solution stays collapsed, code and output, in the stored notebook.
SOLUTION_HIDDEN = {"source_hidden": True, "outputs_hidden": True}
# What JupyterLab writes into a notebook when the python3 kernel connects. The stored
# language_info is the one the executing kernel reported (nbclient puts it there), version
# included: JupyterLab compares the whole dict and marks the notebook modified on any
# difference, so opening a notebook under the same Python changes nothing.
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def clean(nb):
    """Strip volatile metadata, keep outputs and counts; set slide and kernel metadata; keep
    every worked solution (cell tag "solution") collapsed."""
    nb.metadata.pop("widgets", None)
    nb.metadata.pop("signature", None)
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    if "version" not in nb.metadata.get("language_info", {}):
        raise ValueError("language_info lacks the kernel's version: was the notebook executed?")
    for cell in nb.cells:
        for key in VOLATILE_CELL:
            cell.metadata.pop(key, None)
        set_slide_metadata(cell)
        if has_tag(cell, "solution"):
            cell.metadata["jupyter"] = dict(SOLUTION_HIDDEN)
    return nb


def run(paths):
    from nbclient import NotebookClient

    for p in paths:
        nb = nbformat.read(p, as_version=4)
        start = time.perf_counter()
        NotebookClient(nb, timeout=600, kernel_name="python3",
                       resources={"metadata": {"path": str(p.parent)}}).execute()
        seconds = time.perf_counter() - start
        write_atomic(p, nbformat.writes(clean(nb)) + "\n")
        print(f"{p.name}: executed in {seconds:.1f} s")


def main(argv):
    if not argv or argv[0] not in ("run", "nav", "check"):
        raise SystemExit(__doc__)
    if argv[0] == "run":
        paths = [Path(a).resolve() for a in argv[1:]] or notebook_paths()
        run(paths)
    elif argv[0] == "nav":
        nav()
    else:
        problems = stale()
        for line in problems:
            print(line)
        raise SystemExit(1 if problems else 0)


if __name__ == "__main__":
    main(sys.argv[1:])
