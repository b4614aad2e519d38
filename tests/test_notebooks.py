"""Checks on the stored notebooks that strict nbval cannot make.

nbval re-runs every code cell and compares outputs, but it silently passes a cell that was
never executed (no stored output to compare), so we check here that every notebook was run
top to bottom; also that generated navigation is current, every cell is slide-ready, every
exercise has its difficulty, and no worked solution gives its answer away.
"""

import importlib

import nbformat
import pytest

from bpcore.exercises import REGISTRY, SOLUTION_LINE
from tools import nbtool

PATHS = nbtool.notebook_paths()
BOTH = PATHS + nbtool.edition_paths("zh-CN")  # and the generated Chinese edition


def name(path):
    return str(path.relative_to(nbtool.NOTEBOOKS))


def test_the_course_has_its_notebooks():
    assert [p.name[:2] for p in PATHS] == [f"{i:02d}" for i in range(len(PATHS))]
    assert PATHS and PATHS[0].name == "00-start-here.ipynb"
    assert nbtool.stray_notebooks() == []


@pytest.mark.parametrize("path", BOTH, ids=name)
def test_executed_top_to_bottom_without_errors(path):
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    counts = [c.execution_count for c in code]
    assert None not in counts, f"{sum(n is None for n in counts)} code cells never executed"
    assert counts == list(range(1, len(code) + 1)), "not executed in order in one fresh kernel"
    errors = [o for c in code for o in c.outputs if o.output_type == "error"]
    assert errors == [], f"stored error output: {errors[:1]}"
    stderr = [o.text for c in code for o in c.outputs
              if o.output_type == "stream" and o.name == "stderr" and "Warning" in o.text]
    assert stderr == [], f"stored warnings: {stderr[:1]}"


@pytest.mark.parametrize("path", BOTH, ids=name)
def test_title_slides_and_hidden_solutions(path):
    nb = nbformat.read(path, as_version=4)
    assert nb.cells[0].cell_type == "markdown"
    assert nbtool.title_of(nb)
    for i, cell in enumerate(nb.cells):
        # A continuation carries no slide type: jupyterlab-slideshow shows a cell marked "-"
        # on no slide at all (a blank screen when it becomes the active cell).
        slide = cell.metadata.get("slideshow", {}).get("slide_type")
        assert slide in ("slide", "subslide", "fragment", "skip", "notes", None), f"cell {i}"
        expected = nbtool.slide_type(cell)
        if expected in ("slide", "subslide", "skip"):
            assert slide == expected, f"cell {i} should be a {expected}"
        if "solution" in cell.metadata.get("tags", []):
            assert cell.metadata.get("jupyter", {}).get("source_hidden") is True, f"cell {i}"


@pytest.mark.parametrize("path", PATHS[1:], ids=lambda p: p.name)
def test_exercises_have_self_checks_and_solutions(path):
    nb = nbformat.read(path, as_version=4)
    items = nbtool.exercises_of(nb)
    assert items, "no '## Exercises' section with '### ' exercises"
    for title, _, stars, minutes in items:
        assert stars and minutes, f"“{title}” lacks its line '*★★ · about 10 min*'"
    solutions = [c for c in nb.cells if "solution" in c.metadata.get("tags", [])]
    assert solutions, "no hidden worked solution"
    assert all(any("✔ Right!" in o.get("text", "") + str(o.get("data", {}).get("text/plain", ""))
                   for o in c.outputs) for c in solutions if c.cell_type == "code"), (
        "a worked solution does not pass its own check")


def test_generated_links_contents_and_exercise_index_are_current():
    problems = nbtool.stale()
    assert problems == [], "run `python -m tools.nbtool nav`: " + "; ".join(problems)


def test_every_notebook_exports_as_slides():
    from nbconvert import SlidesExporter

    exporter = SlidesExporter()
    for path in PATHS:
        body, _ = exporter.from_notebook_node(nbformat.read(path, as_version=4))
        assert body.count("<section") >= 2, f"{path.name} makes no slide deck"


LEAD = "**Worked solution** (click the collapsed cell to reveal)"
SOLUTION_OUTPUT = "✔ Right!\nThe worked solution passes its check."


def collapsed_output_line(cell):
    """What JupyterLab shows of a collapsed output: the first non-empty line of the first
    output's text (its OutputPlaceholder does exactly this)."""
    if not cell.outputs:
        return ""
    first = cell.outputs[0]
    text = first.get("text") or first.get("data", {}).get("text/plain", "")
    return next((line for line in text.splitlines() if line.strip()), "")


@pytest.mark.parametrize("path", PATHS[1:], ids=lambda p: p.name)
def test_worked_solutions_are_collapsed_and_what_shows_gives_nothing_away(path):
    cells = nbformat.read(path, as_version=4).cells
    solutions = [i for i, c in enumerate(cells) if "solution" in c.metadata.get("tags", [])]
    assert solutions
    for i in solutions:
        cell = cells[i]
        hidden = cell.metadata.get("jupyter", {})
        assert hidden == {"source_hidden": True, "outputs_hidden": True}, f"cell {cell.id}"
        # what a student sees of it: the lead-in, the first source line and the first line of
        # the output, each the same neutral text in every solution
        assert cells[i - 1].cell_type == "markdown" and cells[i - 1].source == LEAD, cell.id
        assert cell.source.splitlines()[0] == SOLUTION_LINE, cell.id
        assert collapsed_output_line(cell) == "✔ Right!", cell.id
        # JupyterLab expands a cell's output when it runs (Run All): all of it is neutral
        shown = [o.get("text") or o.get("data", {}).get("text/plain") for o in cell.outputs]
        assert shown == [SOLUTION_OUTPUT], f"{cell.id} shows {shown}"


@pytest.mark.parametrize("path", PATHS[1:], ids=lambda p: p.name)
def test_progress_covers_the_notebooks_checks_in_order(path):
    nn = path.name[:2]
    importlib.import_module(f"bpcore.exercises.nb{nn}")
    nb = nbformat.read(path, as_version=4)
    asked = [name for _, names, _, _ in nbtool.exercises_of(nb) for name in names]
    assert asked == [ex.name for ex in REGISTRY[nn]], "the notebook and its checks disagree"
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code[-1].source.endswith(f"nb{nn}.progress()"), "the last cell shows the progress"
    shown = collapsed_output_line(code[-1]) + "".join(
        o.get("data", {}).get("text/plain", "") for o in code[-1].outputs)
    assert f"0 of {len(asked)} exercises right" in shown  # stored: nothing attempted yet
    assert all(f"✎ {name} (not attempted)" in shown for name in asked)
