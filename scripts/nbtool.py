"""Maintain the notebooks: execute them, generate navigation and the README's contents.

    python scripts/nbtool.py run [NOTEBOOK ...]   execute in place (all if none named)
    python scripts/nbtool.py nav                  regenerate prev/next links + README contents
    python scripts/nbtool.py check                exit 1 if links/contents are stale

``run`` also gives every cell slide metadata (for RISE and ``nbconvert --to slides``) where
it has none, and strips volatile metadata while keeping outputs and execution counts, as
``nbstripout --keep-output --keep-count`` would.
"""

import re
import sys
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
README = ROOT / "README.md"
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


def nav_text(paths, i, titles):
    parts = []
    if i > 0:
        parts.append(f"← [{titles[i - 1]}]({paths[i - 1].name})")
    parts.append("[Contents](../README.md#contents)")
    if i + 1 < len(paths):
        parts.append(f"[{titles[i + 1]}]({paths[i + 1].name}) →")
    return " · ".join(parts)


def is_nav(cell):
    return "nav" in cell.get("metadata", {}).get("tags", [])


def with_nav(nb, text):
    """nb with a nav cell after the title cell and one at the end (old ones replaced)."""
    cells = [c for c in nb.cells if not is_nav(c)]
    def make():
        return nbformat.v4.new_markdown_cell(
            text, metadata={"tags": ["nav"], "slideshow": {"slide_type": "skip"}})
    top, bottom = make(), make()
    for c in (top, bottom):
        c.pop("id", None)
    nb.cells = cells[:1] + [top] + cells[1:] + [bottom]
    nbformat.validator.normalize(nb)
    return nb


def toc_text(paths, titles):
    rows = ["| # | Notebook | Launch |", "|---|---|---|"]
    for p, t in zip(paths, titles):
        rows.append(f"| {p.name[:2]} | [{t}](notebooks/{p.name}) | "
                    f"[![Binder]({BADGE})]({binder_url(p.name)}) |")
    return "\n".join(rows)


def expected_state():
    """What nav cells and the README contents should say: ({path: text}, readme text)."""
    paths = notebook_paths()
    titles = [title_of(nbformat.read(p, as_version=4)) for p in paths]
    navs = {p: nav_text(paths, i, titles) for i, p in enumerate(paths)}
    readme = README.read_text(encoding="utf-8")
    if TOC_START not in readme or TOC_END not in readme:
        raise SystemExit(f"README.md lacks the {TOC_START} … {TOC_END} markers")
    head, rest = readme.split(TOC_START, 1)
    _, tail = rest.split(TOC_END, 1)
    new_readme = f"{head}{TOC_START}\n{toc_text(paths, titles)}\n{TOC_END}{tail}"
    return navs, new_readme


def stale():
    """A list of human-readable problems; empty when navigation and contents are current."""
    problems = [f"{p.name}: name must be NN-kebab-title.ipynb" for p in stray_notebooks()]
    navs, readme = expected_state()
    if README.read_text(encoding="utf-8") != readme:
        problems.append("README.md contents table is stale")
    for p, text in navs.items():
        got = [c.source for c in nbformat.read(p, as_version=4).cells if is_nav(c)]
        if got != [text, text]:
            problems.append(f"{p.name}: prev/next links are stale")
    return problems


def write_atomic(path, text):
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def nav():
    navs, readme = expected_state()
    write_atomic(README, readme)
    for p, text in navs.items():
        nb = nbformat.read(p, as_version=4)
        write_atomic(p, nbformat.writes(with_nav(nb, text)) + "\n")


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


VOLATILE_CELL = ("execution", "ExecuteTime", "collapsed", "scrolled")


def clean(nb):
    """Strip volatile metadata, keep outputs and counts; add missing slide metadata."""
    nb.metadata.pop("widgets", None)
    nb.metadata.pop("signature", None)
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python",
                                 "name": "python3"}
    lang = nb.metadata.get("language_info", {})
    nb.metadata["language_info"] = {"name": "python", **{k: v for k, v in lang.items()
                                                        if k in ("codemirror_mode", "file_extension",
                                                                 "mimetype", "nbconvert_exporter",
                                                                 "pygments_lexer")}}
    for cell in nb.cells:
        for key in VOLATILE_CELL:
            cell.metadata.pop(key, None)
        cell.metadata.setdefault("slideshow", {"slide_type": slide_type(cell)})
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
