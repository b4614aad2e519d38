"""docs/teaching.md and docs/teaching.zh-CN.md are checked against the notebooks and
self-checks they name (the Chinese guide against the Chinese edition, notebooks/zh-CN/).

The guide cites a notebook section as  `NN-name.ipynb` › “Heading text”  (curly quotes, since
some headings contain straight ones) and a self-check as  `nbNN.check_name`. Every citation
must resolve: the notebook file exists, the heading is a `## ` or `### ` markdown heading in
that notebook (anywhere in a markdown cell, with exactly this text), and the check function is
defined in ``bpcore.exercises.nbNN``, is called by that notebook's exercise cells, and, where
docs/exercises.md lists it, is listed under that notebook. Each lecture's block headings
carry their length as "(N min)", and the blocks must add up to 90 minutes. Each block names
the slides it shows, "*Slides:* `04` 2–8; `00` 4.": those slides exist in the notebook's deck
and every section the block cites from that notebook is on one of them. The Chinese guide
has the same structure in its own words (:data:`GUIDES`).
"""

import importlib
import re
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest

from tools import teaching_guide
from tools.nbtool import EXERCISES_SECTION

ROOT = Path(__file__).resolve().parents[1]

SECTION = teaching_guide.SECTION
CHECK = re.compile(r"`nb(\d\d)\.(check_\w+)`")
HEADING = teaching_guide.HEADING
SLIDE_RANGE = re.compile(r"`(\d\d)` (\d+)(?:–(\d+))?")


@dataclass(frozen=True)
class Guide:
    """One language's lecture plan: where it is, which notebooks and exercise index it
    cites, and the words of its fixed headings. ``length`` is a block's "(N min)" with N as
    the one group."""

    language: str
    path: Path
    notebooks: Path
    exercises: Path
    lectures: tuple
    exercises_title: str
    after: tuple
    misconceptions_title: str
    length: str
    slides: str

    def __str__(self):
        return self.language

    def text(self):
        return self.path.read_text(encoding="utf-8")

    @property
    def minutes(self):  # "### 0:45–1:05 (20 min) …" → 20
        return re.compile(rf"^### .*{self.length}", re.MULTILINE)

    @property
    def block(self):  # the whole heading of a timed block
        plain = self.length.replace("(\\d+)", "\\d+")
        return re.compile(rf"^### (\d:\d\d–\d:\d\d{plain}.*)$", re.MULTILINE)

    @property
    def clock(self):  # "### 0:45–1:05 (20 min)" → 0, 45, 1, 05, 20
        return re.compile(rf"^### (\d):(\d\d)–(\d):(\d\d){self.length}", re.MULTILINE)

    @property
    def slides_line(self):
        return re.compile(rf"^{self.slides} (.+)$", re.MULTILINE)


GUIDES = [
    Guide("en", ROOT / "docs" / "teaching.md", ROOT / "notebooks", ROOT / "docs" / "exercises.md",
          ("Lecture 1", "Lecture 2"), "Exercises to assign",
          ("### After lecture 1", "### After lecture 2"),
          "Misconceptions and the cells that address them", r" \((\d+) min\)", r"\*Slides:\*"),
    Guide("zh-CN", ROOT / "docs" / "teaching.zh-CN.md", ROOT / "notebooks" / "zh-CN",
          ROOT / "docs" / "exercises.zh-CN.md", ("第一讲", "第二讲"), "布置练习",
          ("### 第一讲之后", "### 第二讲之后"), "常见误解，以及纠正它们的单元格",
          r"（(\d+) 分钟）", r"\*幻灯片：\*"),
]
EN = GUIDES[0]


def top_sections(text):
    """{'## ' heading of the guide: its text up to the next '## ' heading}."""
    parts = re.split(r"^## (.+)$", text, flags=re.MULTILINE)
    return {parts[i].strip(): parts[i + 1] for i in range(1, len(parts) - 1, 2)}


def section_citations(guide):
    return sorted(set(SECTION.findall(guide.text())))


def check_citations(guide):
    return sorted(set(CHECK.findall(guide.text())))


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
    return set(teaching_guide.headings(path).values())


def exercise_calls(path):
    """Names of check_* functions called in non-solution code cells after '## Exercises'
    (or the Chinese edition's '## 练习')."""
    nb = nbformat.read(path, as_version=4)
    inside, names = False, set()
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("## "):
                    inside = line[3:].strip().lower().startswith(EXERCISES_SECTION)
        elif inside and "solution" not in cell.metadata.get("tags", []):
            names.update(re.findall(r"\b(check_\w+)\(", cell.source))
    return names


def exercises_index(guide):
    """{check name: set of notebook file names it is listed under} from the guide's
    exercise index (docs/exercises.md, or docs/exercises.zh-CN.md)."""
    listed, current = {}, None
    for line in guide.exercises.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^## \[.*\]\(\.\./notebooks/(?:[a-zA-Z-]+/)?(.+\.ipynb)\)", line)
        if m:
            current = m.group(1)
        elif current and line.startswith("|"):
            for name in re.findall(r"`(check_\w+)`", line):
                listed.setdefault(name, set()).add(current)
    return listed


def notebook_numbered(guide, nn):
    matches = sorted(guide.notebooks.glob(f"{nn}-*.ipynb"))
    assert len(matches) == 1, f"expected one notebook numbered {nn}, found {matches}"
    return matches[0]


def cases(collect):
    """pytest params (guide, *item) for every item ``collect(guide)`` finds in each guide."""
    return [pytest.param(g, *item, id=f"{g}-" + "-".join(map(str, item)))
            for g in GUIDES for item in collect(g)]


@pytest.mark.parametrize("guide", GUIDES, ids=str)
def test_guide_cites_enough(guide):
    sections, checks = section_citations(guide), check_citations(guide)
    assert len(sections) >= 60, f"only {len(sections)} distinct section citations"
    assert len({nb for nb, _ in sections}) >= 12, "the guide should cite (nearly) every notebook"
    assert len(checks) >= 15, f"only {len(checks)} distinct self-checks cited"


def test_both_guides_cite_the_same_places_and_checks():
    # The Chinese guide is the English one translated: the same sections (matched by place
    # in the notebooks), the same self-checks, the same slides.
    zh = GUIDES[1]
    places = {}
    for name, heading in section_citations(EN):
        mapped = teaching_guide.counterparts(EN.notebooks / name, zh.notebooks / name)
        places.setdefault(name, set()).add(mapped.get(heading, heading))
    assert {(n, h) for n, hs in places.items() for h in hs} == set(section_citations(zh))
    assert check_citations(zh) == check_citations(EN)
    assert [SLIDE_RANGE.findall(line) for line in zh.slides_line.findall(zh.text())] == [
        SLIDE_RANGE.findall(line) for line in EN.slides_line.findall(EN.text())]


@pytest.mark.parametrize(("guide", "notebook"),
                         cases(lambda g: sorted({(nb,) for nb, _ in section_citations(g)})))
def test_cited_notebook_exists(guide, notebook):
    assert (guide.notebooks / notebook).is_file(), f"{notebook} is not in {guide.notebooks}"


@pytest.mark.parametrize(("guide", "notebook", "heading"), cases(section_citations))
def test_cited_heading_exists(guide, notebook, heading):
    path = guide.notebooks / notebook
    if not path.is_file():
        pytest.fail(f"{notebook} is not in {guide.notebooks}")
    headings = headings_of(path)
    hint = ""
    if guide is not EN:
        now = teaching_guide.counterparts(EN.notebooks / notebook, path).get(heading)
        if now is not None and now != heading:
            hint = f"\nthe edition reads “{now}” there now: run `python -m tools.teaching_guide`"
    assert heading in headings, (
        f"“{heading}” is not a ## or ### heading of {notebook}{hint}; its headings are:\n"
        + "\n".join(sorted(headings)))


@pytest.mark.parametrize(("guide", "nn", "name"), cases(check_citations))
def test_cited_check_exists(guide, nn, name):
    module = importlib.import_module(f"bpcore.exercises.nb{nn}")
    assert callable(getattr(module, name, None)), f"bpcore.exercises.nb{nn} has no {name}"
    path = notebook_numbered(guide, nn)
    assert name in exercise_calls(path), f"{path.name}'s exercises never call {name}"
    listed = exercises_index(guide).get(name)
    if listed is not None:
        assert path.name in listed, f"{guide.exercises.name} lists {name} under {sorted(listed)}"


@pytest.mark.parametrize("guide", GUIDES, ids=str)
def test_cited_checks_are_in_the_exercises_section(guide):
    exercises = top_sections(guide.text())[guide.exercises_title]
    assert len(set(CHECK.findall(exercises))) >= 15
    assert all(after in exercises for after in guide.after)


@pytest.mark.parametrize(("guide", "lecture"),
                         [pytest.param(g, lec, id=f"{g}-{i}") for g in GUIDES
                          for i, lec in enumerate(g.lectures, 1)])
def test_lecture_blocks_add_up_to_90_minutes(guide, lecture):
    sections = top_sections(guide.text())
    [title] = [t for t in sections if re.match(rf"{lecture}[:：]", t)]
    minutes = [int(m) for m in guide.minutes.findall(sections[title])]
    assert len(minutes) >= 5, f"{lecture} has only {len(minutes)} timed blocks"
    assert sum(minutes) == 90, f"{lecture}'s blocks add up to {sum(minutes)} min: {minutes}"
    assert len(SECTION.findall(sections[title])) >= 20


def lectures(guide):
    """{'## ' title: text} of the guide's two lectures."""
    return {title: body for title, body in top_sections(guide.text()).items()
            if title.startswith(guide.lectures)}


@pytest.mark.parametrize("guide", GUIDES, ids=str)
def test_lecture_block_times_match_their_lengths(guide):
    # "### 0:45–1:05 (20 min)": the clock times agree with the stated length and follow on.
    assert len(lectures(guide)) == 2
    for title, body in lectures(guide).items():
        end_prev = 0
        for h1, m1, h2, m2, length in guide.clock.findall(body):
            start, end = int(h1) * 60 + int(m1), int(h2) * 60 + int(m2)
            assert start == end_prev, f"{title}: a block starts at {start} min, not {end_prev}"
            assert end - start == int(length), f"{title}: block {h1}:{m1} is not {length} min"
            end_prev = end
        assert end_prev == 90, f"{title} ends at {end_prev} min"


def timed_blocks(guide):
    """[(block heading, its text)] for every timed block of both lectures."""
    blocks = []
    for body in lectures(guide).values():
        parts = guide.block.split(body)
        blocks += [(parts[i], parts[i + 1]) for i in range(1, len(parts), 2)]
    return blocks


def slide_ranges(block_text, guide=EN):
    """{notebook number: (first, last) slide} from the block's "*Slides:*" line."""
    lines = guide.slides_line.findall(block_text)
    assert len(lines) == 1, "the block needs one '*Slides:* `NN` a–b; …' line"
    ranges = {nn: (int(a), int(b or a)) for nn, a, b in SLIDE_RANGE.findall(lines[0])}
    assert ranges, f"no `NN` a–b in {lines[0]!r}"
    return ranges


def deck_size(path):
    nb = nbformat.read(path, as_version=4)
    return sum(c.metadata.get("slideshow", {}).get("slide_type") == "slide" for c in nb.cells)


@pytest.mark.parametrize(("guide", "heading", "text"),
                         [pytest.param(g, h, t, id=f"{g}-{h[:12]}") for g in GUIDES
                          for h, t in timed_blocks(g)])
def test_timed_blocks_name_slides_that_exist_and_hold_what_they_cite(guide, heading, text):
    ranges = slide_ranges(text, guide)
    for nn, (first, last) in ranges.items():
        size = deck_size(notebook_numbered(guide, nn))
        assert 1 <= first <= last <= size, f"notebook {nn} has slides 1–{size}, not {first}–{last}"
    for notebook, section in SECTION.findall(text):
        nn = notebook[:2]
        assert nn in ranges, f"cites {notebook} but names none of its slides"
        slide = slides_of(guide.notebooks / notebook).get(section)
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
    assert slide_ranges("*幻灯片：* `02` 2–6；`00` 4。", GUIDES[1]) == {"02": (2, 6),
                                                                      "00": (4, 4)}
    assert [h for h, _ in timed_blocks(EN)][0].startswith("0:00–0:05 (5 min)")
    assert [h for h, _ in timed_blocks(GUIDES[1])][0].startswith("0:00–0:05（5 分钟）")


@pytest.mark.parametrize("guide", GUIDES, ids=str)
def test_misconceptions_each_cite_a_section(guide):
    body = top_sections(guide.text())[guide.misconceptions_title]
    items = re.split(r"^\s*\d+\. ", body, flags=re.MULTILINE)[1:]
    assert len(items) >= 8, f"only {len(items)} misconceptions"
    for item in items:
        assert SECTION.search(item), f"a misconception cites no notebook section: {item[:80]!r}"


def test_citation_parser_rejects_what_it_should():
    # The checks above are only as good as the parser: a made-up heading must not resolve.
    assert SECTION.findall("`04-the-demon.ipynb` › “Try it: the demon widget”") == [
        ("04-the-demon.ipynb", "Try it: the demon widget")]
    assert "Try it: the demon" not in headings_of(EN.notebooks / "04-the-demon.ipynb")
    assert CHECK.findall("`nb04.check_good_sign`") == [("04", "check_good_sign")]


def edition_of(tmp_path, name, retitle):
    """An English notebook and its 'edition' in tmp_path/en and tmp_path/zh, the edition's
    headings changed by ``retitle(text)``."""
    (tmp_path / "en").mkdir()
    (tmp_path / "zh").mkdir()
    nb = nbformat.read(EN.notebooks / name, as_version=4)
    nbformat.write(nb, tmp_path / "en" / name)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = "\n".join(
                f"{m.group(1)} {retitle(m.group(2))}" if (m := HEADING.match(line)) else line
                for line in cell.source.splitlines())
    nbformat.write(nb, tmp_path / "zh" / name)
    return tmp_path / "en", tmp_path / "zh"


def test_the_rewrite_follows_a_translated_heading_by_its_place(tmp_path):
    name = "04-the-demon.ipynb"
    english, edition = edition_of(tmp_path, name, lambda h: "译：" + h)
    text = (f"见 `{name}` › “A good demon” 和 `{name}` › “译：A good demon”，"
            f"还有 `{name}` › “No such heading”。")
    found = teaching_guide.outdated(text, edition, english)
    assert found == [(name, "A good demon", "译：A good demon")]
    assert teaching_guide.rewrite(text, found) == (
        f"见 `{name}` › “译：A good demon” 和 `{name}` › “译：A good demon”，"
        f"还有 `{name}` › “No such heading”。")
