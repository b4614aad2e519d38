"""The Chinese lecture plan follows the Chinese edition's headings.

    python -m tools.teaching_guide            rewrite the citations in docs/teaching.zh-CN.md
                                              whose heading the edition has translated since
    python -m tools.teaching_guide --check    list them; exit 1 if there are any

``docs/teaching.zh-CN.md`` cites a notebook section the way ``docs/teaching.md`` does,
`` `NN-name.ipynb` › “heading” ``, with the heading as it reads in ``notebooks/zh-CN/``.
A heading of the edition stays English until its cell is translated, so the guide cites it
in English until then; when the translation lands, this rewrites the citation. A heading is
matched by its place, not its words: the English heading's cell id and its position among
that cell's headings give the heading at the same place in the edition.
``tests/test_teaching_guide.py`` checks every citation of both guides.
"""

import re
import sys
from functools import cache

import nbformat

from tools import nbtool

ROOT = nbtool.ROOT
GUIDE = {"en": ROOT / "docs" / "teaching.md", "zh-CN": ROOT / "docs" / "teaching.zh-CN.md"}
SECTION = re.compile(r"`(\d\d-[a-z0-9-]+\.ipynb)` › “([^”]+)”")
HEADING = re.compile(r"^(#{2,3}) (.+?)\s*$")


def notebook_folder(language):
    return nbtool.NOTEBOOKS if language == "en" else nbtool.NOTEBOOKS / language


def headings(path):
    """{(cell id, n): text} of the '## ' and '### ' headings of a notebook, the n-th of
    their markdown cell."""
    return _headings(path, path.stat().st_mtime_ns)


@cache
def _headings(path, mtime):
    nb = nbformat.read(path, as_version=4)
    found = {}
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            texts = [m.group(2) for m in map(HEADING.match, cell.source.splitlines()) if m]
            found.update({(cell.id, n): text for n, text in enumerate(texts)})
    return found


def counterparts(english, edition):
    """{English heading: the heading in the same place of the edition} for one notebook,
    given the paths of its English and its translated version."""
    theirs = headings(edition)
    return {text: theirs[place] for place, text in headings(english).items() if place in theirs}


def outdated(text, edition=None, english=nbtool.NOTEBOOKS):
    """[(notebook, cited heading, the edition's heading)] for each citation in ``text`` that
    names an English heading the edition (default ``notebooks/zh-CN``) reads differently."""
    edition = notebook_folder("zh-CN") if edition is None else edition
    found = []
    for name, cited in dict.fromkeys(SECTION.findall(text)):
        if not (edition / name).is_file() or not (english / name).is_file():
            continue
        if cited in set(headings(edition / name).values()):
            continue
        now = counterparts(english / name, edition / name).get(cited)
        if now is not None and now != cited:
            found.append((name, cited, now))
    return found


def rewrite(text, found):
    """``text`` with each citation of ``found`` (from :func:`outdated`) rewritten."""
    for name, old, new in found:
        text = text.replace(f"`{name}` › “{old}”", f"`{name}` › “{new}”")
    return text


def main(argv):
    path = GUIDE["zh-CN"]
    text = path.read_text(encoding="utf-8")
    found = outdated(text)
    for name, old, new in found:
        print(f"{name}: “{old}” → “{new}”")
    if "--check" in argv:
        return 1 if found else 0
    if found:
        nbtool.write_atomic(path, rewrite(text, found))
        print(f"{path.relative_to(ROOT)}: {len(found)} citations rewritten")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
