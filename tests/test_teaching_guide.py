"""docs/teaching.md is checked against the notebooks and self-checks it names.

The guide cites a notebook section as  `NN-name.ipynb` › “Heading text”  (curly quotes, since
some headings contain straight ones) and a self-check as  `nbNN.check_name`. Every citation
must resolve: the notebook file exists, the heading is a `## ` or `### ` markdown heading in
that notebook (anywhere in a markdown cell, with exactly this text), and the check function is
defined in ``bpcore.exercises.nbNN``, is called by that notebook's exercise cells, and, where
docs/exercises.md lists it, is listed under that notebook. Each lecture's block headings
carry their length as "(N min)", and the blocks must add up to 90 minutes. Each block names
the slides it shows, "*Slides:* `04` 2–8; `00` 4.": those slides exist in the notebook's deck
and every section the block cites from that notebook is on one of them.
"""

import importlib
import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "docs" / "teaching.md"
NOTEBOOKS = ROOT / "notebooks"
EXERCISES = ROOT / "docs" / "exercises.md"

SECTION = re.compile(r"`(\d\d-[a-z0-9-]+\.ipynb)` › “([^”]+)”")
CHECK = re.compile(r"`nb(\d\d)\.(check_\w+)`")
HEADING = re.compile(r"^(#{2,3}) (.+?)\s*$")
MINUTES = re.compile(r"^### .*\((\d+) min\)", re.MULTILINE)
BLOCK = re.compile(r"^### (\d:\d\d–\d:\d\d \(\d+ min\).*)$", re.MULTILINE)
SLIDES = re.compile(r"^\*Slides:\* (.+)$", re.MULTILINE)
SLIDE_RANGE = re.compile(r"`(\d\d)` (\d+)(?:–(\d+))?")


def guide_text():
    return GUIDE.read_text(encoding="utf-8")


def top_sections(text):
    """{'## ' heading of the guide: its text up to the next '## ' heading}."""
    parts = re.split(r"^## (.+)$", text, flags=re.MULTILINE)
    return {parts[i].strip(): parts[i + 1] for i in range(1, len(parts) - 1, 2)}


def section_citations():
    return sorted(set(SECTION.findall(guide_text())))


def check_citations():
    return sorted(set(CHECK.findall(guide_text())))


def slides_of(path):
    """{'## ' or '### ' heading: number of the deck's slide it is on} for one notebook.

    Slides are counted as the deck and nbconvert count them: the title cell is slide 1 and
    every cell whose slide type is "slide" starts the next; a sub-slide (↓) belongs to the
    slide before it.
    """
    nb = nbformat.read(path, as_version=4)
    number, found = 0, {}
    for cell in nb.cells:
        if cell.metadata.get("slideshow", {}).get("slide_type") == "slide":
            number += 1
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                m = HEADING.match(line)
                if m:
                    found.setdefault(m.group(2), number)
    return found


def headings_of(path):
    """Every '## ' and '### ' heading text in the notebook's markdown cells."""
    nb = nbformat.read(path, as_version=4)
    found = set()
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                m = HEADING.match(line)
                if m:
                    found.add(m.group(2))
    return found


def exercise_calls(path):
    """Names of check_* functions called in non-solution code cells after '## Exercises'."""
    nb = nbformat.read(path, as_version=4)
    inside, names = False, set()
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("## "):
                    inside = line[3:].strip().lower().startswith("exercises")
        elif inside and "solution" not in cell.metadata.get("tags", []):
            names.update(re.findall(r"\b(check_\w+)\(", cell.source))
    return names


def exercises_index():
    """{check name: set of notebook file names it is listed under} from docs/exercises.md."""
    listed, current = {}, None
    for line in EXERCISES.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^## \[.*\]\(\.\./notebooks/(.+\.ipynb)\)", line)
        if m:
            current = m.group(1)
        elif current and line.startswith("|"):
            for name in re.findall(r"`(check_\w+)`", line):
                listed.setdefault(name, set()).add(current)
    return listed


def notebook_numbered(nn):
    matches = sorted(NOTEBOOKS.glob(f"{nn}-*.ipynb"))
    assert len(matches) == 1, f"expected one notebook numbered {nn}, found {matches}"
    return matches[0]


def test_guide_cites_enough():
    sections, checks = section_citations(), check_citations()
    assert len(sections) >= 60, f"only {len(sections)} distinct section citations"
    assert len({nb for nb, _ in sections}) >= 12, "the guide should cite (nearly) every notebook"
    assert len(checks) >= 15, f"only {len(checks)} distinct self-checks cited"


@pytest.mark.parametrize("notebook", sorted({nb for nb, _ in section_citations()}))
def test_cited_notebook_exists(notebook):
    assert (NOTEBOOKS / notebook).is_file(), f"{notebook} is not in notebooks/"


@pytest.mark.parametrize(("notebook", "heading"), section_citations())
def test_cited_heading_exists(notebook, heading):
    path = NOTEBOOKS / notebook
    if not path.is_file():
        pytest.fail(f"{notebook} is not in notebooks/")
    headings = headings_of(path)
    assert heading in headings, (
        f"“{heading}” is not a ## or ### heading of {notebook}; its headings are:\n"
        + "\n".join(sorted(headings)))


@pytest.mark.parametrize(("nn", "name"), check_citations())
def test_cited_check_exists(nn, name):
    module = importlib.import_module(f"bpcore.exercises.nb{nn}")
    assert callable(getattr(module, name, None)), f"bpcore.exercises.nb{nn} has no {name}"
    path = notebook_numbered(nn)
    assert name in exercise_calls(path), f"{path.name}'s exercises never call {name}"
    listed = exercises_index().get(name)
    if listed is not None:
        assert path.name in listed, f"docs/exercises.md lists {name} under {sorted(listed)}"


def test_cited_checks_are_in_the_exercises_section():
    exercises = top_sections(guide_text())["Exercises to assign"]
    assert len(set(CHECK.findall(exercises))) >= 15
    assert "### After lecture 1" in exercises and "### After lecture 2" in exercises


@pytest.mark.parametrize("lecture", ["Lecture 1", "Lecture 2"])
def test_lecture_blocks_add_up_to_90_minutes(lecture):
    sections = top_sections(guide_text())
    [title] = [t for t in sections if t.startswith(lecture + ":")]
    minutes = [int(m) for m in MINUTES.findall(sections[title])]
    assert len(minutes) >= 5, f"{lecture} has only {len(minutes)} timed blocks"
    assert sum(minutes) == 90, f"{lecture}'s blocks add up to {sum(minutes)} min: {minutes}"
    assert len(SECTION.findall(sections[title])) >= 20


def test_lecture_block_times_match_their_lengths():
    # "### 0:45–1:05 (20 min)": the clock times agree with the stated length and follow on.
    for title, body in top_sections(guide_text()).items():
        if not title.startswith("Lecture"):
            continue
        end_prev = 0
        for h1, m1, h2, m2, length in re.findall(
                r"^### (\d):(\d\d)–(\d):(\d\d) \((\d+) min\)", body, flags=re.MULTILINE):
            start, end = int(h1) * 60 + int(m1), int(h2) * 60 + int(m2)
            assert start == end_prev, f"{title}: a block starts at {start} min, not {end_prev}"
            assert end - start == int(length), f"{title}: block {h1}:{m1} is not {length} min"
            end_prev = end
        assert end_prev == 90, f"{title} ends at {end_prev} min"


def timed_blocks():
    """[(block heading, its text)] for every timed block of both lectures."""
    blocks = []
    for title, body in top_sections(guide_text()).items():
        if title.startswith("Lecture"):
            parts = BLOCK.split(body)
            blocks += [(parts[i], parts[i + 1]) for i in range(1, len(parts), 2)]
    return blocks


def slide_ranges(block_text):
    """{notebook number: (first, last) slide} from the block's "*Slides:*" line."""
    lines = SLIDES.findall(block_text)
    assert len(lines) == 1, "the block needs one '*Slides:* `NN` a–b; …' line"
    ranges = {nn: (int(a), int(b or a)) for nn, a, b in SLIDE_RANGE.findall(lines[0])}
    assert ranges, f"no `NN` a–b in {lines[0]!r}"
    return ranges


def deck_size(path):
    nb = nbformat.read(path, as_version=4)
    return sum(c.metadata.get("slideshow", {}).get("slide_type") == "slide" for c in nb.cells)


@pytest.mark.parametrize(("heading", "text"), timed_blocks(), ids=lambda v: v[:12])
def test_timed_blocks_name_slides_that_exist_and_hold_what_they_cite(heading, text):
    ranges = slide_ranges(text)
    for nn, (first, last) in ranges.items():
        size = deck_size(notebook_numbered(nn))
        assert 1 <= first <= last <= size, f"notebook {nn} has slides 1–{size}, not {first}–{last}"
    for notebook, section in SECTION.findall(text):
        nn = notebook[:2]
        assert nn in ranges, f"cites {notebook} but names none of its slides"
        slide = slides_of(NOTEBOOKS / notebook).get(section)
        first, last = ranges[nn]
        assert slide is not None and first <= slide <= last, (
            f"“{section}” is on slide {slide} of {notebook}, outside {first}–{last}")


def test_slide_numbers_follow_the_deck(tmp_path):
    # The title is slide 1, each "slide" cell starts the next, a sub-slide rides on the slide
    # above, and skipped cells and continuations do not count.
    def md(text, kind=None):
        meta = {"slideshow": {"slide_type": kind}} if kind else {}
        return nbformat.v4.new_markdown_cell(text, metadata=meta)

    nb = nbformat.v4.new_notebook(cells=[
        md("# Title", "slide"), md("links", "skip"), md("## One", "slide"), md("text"),
        md("### One, deeper", "subslide"), md("## Two", "slide"), md("### Two, deeper")])
    nbformat.write(nb, tmp_path / "x.ipynb")
    assert slides_of(tmp_path / "x.ipynb") == {"One": 2, "One, deeper": 2, "Two": 3,
                                               "Two, deeper": 3}
    assert deck_size(tmp_path / "x.ipynb") == 3
    assert slide_ranges("*Slides:* `02` 2–6; `00` 4.") == {"02": (2, 6), "00": (4, 4)}


def test_misconceptions_each_cite_a_section():
    body = top_sections(guide_text())["Misconceptions and the cells that address them"]
    items = re.split(r"^\s*\d+\. ", body, flags=re.MULTILINE)[1:]
    assert len(items) >= 8, f"only {len(items)} misconceptions"
    for item in items:
        assert SECTION.search(item), f"a misconception cites no notebook section: {item[:80]!r}"


def test_citation_parser_rejects_what_it_should():
    # The checks above are only as good as the parser: a made-up heading must not resolve.
    assert SECTION.findall("`04-the-demon.ipynb` › “Try it: the demon widget”") == [
        ("04-the-demon.ipynb", "Try it: the demon widget")]
    assert "Try it: the demon" not in headings_of(NOTEBOOKS / "04-the-demon.ipynb")
    assert CHECK.findall("`nb04.check_good_sign`") == [("04", "check_good_sign")]
