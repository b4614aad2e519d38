"""The Chinese edition, generated: ``notebooks/zh-CN/`` from ``notebooks/`` + ``translations/``.

    python -m tools.translate status [NN ...]           untranslated or stale cells and
                                                        catalogue keys (exit 1 if any)
    python -m tools.translate skeleton NN [NN ...]      write or refresh a translation file
    python -m tools.translate accept NN CELL [CELL ...] after updating a stale translation
    python -m tools.translate build [--run | --no-run]  write the edition (see below)
    python -m tools.translate check                     exit 1 if a generated file is stale

The English notebooks are the source; each has a translation file (``tools/translations.py``:
JSON keyed by cell id, each entry with the hash of the English it translates). ``build``
writes every ``notebooks/zh-CN/NN-….ipynb`` (untranslated or stale cells stay English: a
stale translation may state what is no longer true), with the code cells copied verbatim
except the one language cell (``nbtool.LANGUAGE``), navigation and course map generated in
Chinese, plus the contents table of ``README.zh-CN.md`` and ``docs/exercises.zh-CN.md``.
Outputs of unchanged code are kept; a notebook whose code changed is executed
(``nbtool run``) unless ``--no-run``, and ``--run`` executes all of them (after a catalogue
change). The catalogue, ``bpcore/locale/zh-CN.json``, is checked by ``tools/catalogue.py``.

Why JSON and not gettext PO (Sphinx, jupyterlab-translate, nbtranslate): PO keys an entry by
its English text and needs msgmerge to notice an edit (it marks the entry fuzzy); here the
key is the cell id, an edit shows as a changed hash, the tools are the standard library, and
the catalogue is JSON already.
"""

import copy
import sys

import nbformat

from tools import catalogue, nbtool
from tools.translations import LANG, accept, joined, load, problems, skeleton, state, translatable

ROOT = nbtool.ROOT
README = {LANG: ROOT / "README.zh-CN.md"}
EXERCISES = {LANG: ROOT / "docs" / "exercises.zh-CN.md"}
WORDS = {LANG: {
    "contents": "目录",
    "toc_header": "| # | 笔记本 | 在线打开 |",
    "exercises_intro": [
        "# 练习", "",
        "课程中的每一道练习：难度（★ 简单，★★ 要想一想，★★★ 一个小项目）、大致用时，"
        "以及检查答案的函数。", "",
        "每个笔记本的参考解答就在练习之后，放在折叠的单元格里。", "",
        "本文件由 `python -m tools.translate build` 从中文版笔记本生成，请勿手工编辑。", ""],
    "exercises_header": "| 练习 | 难度 | 用时 | 自检函数 |",
    "written_answer": "（书面回答）",
    "minutes": "{minutes} 分钟",
    "total": "全部练习合计约 {hours:.0f} 小时。",
    "language_comment": 'bpcore 显示的语言：控件、图、练习反馈（"en": English）',
}}


def edition_path(en_path, lang=LANG):
    return en_path.parent / lang / en_path.name


def translated(nb, data, lang=LANG):
    """A copy of English ``nb`` with every current translation in place and the language
    cell saying ``lang`` (navigation and the course map are filled in by :func:`expected`)."""
    nb = copy.deepcopy(nb)
    if len(nbtool.language_cells(nb)) != 1:
        raise SystemExit("an English notebook lacks its language cell: python -m tools.nbtool nav")
    for cell in nb.cells:
        entry = data["cells"].get(cell.id)
        if translatable(cell) and state(cell, entry, lang) == "current":
            cell.source = joined(entry, lang)
        elif nbtool.has_tag(cell, nbtool.LANGUAGE):
            cell.source = nbtool.language_source(lang, WORDS[lang]["language_comment"])
    return nb


def expected(lang=LANG):
    """({edition path: notebook without outputs of its own}, README text, exercise index)."""
    words, en_paths = WORDS[lang], nbtool.notebook_paths()
    nbs = [translated(nbformat.read(p, as_version=4), load(p, lang), lang) for p in en_paths]
    paths = [edition_path(p, lang) for p in en_paths]
    titles = [nbtool.title_of(nb) for nb in nbs]
    contents = nbtool.contents_link(paths, nbs)
    course_map = nbtool.map_text(paths, titles)
    for i, nb in enumerate(nbs):
        nbtool.with_nav(nb, nbtool.nav_text(paths, i, titles, contents, words))
        for cell in nb.cells:
            if nbtool.has_tag(cell, "toc"):
                cell.source = course_map
            nbtool.set_slide_metadata(cell)
    readme = nbtool.with_table(README[lang].read_text(encoding="utf-8"),
                               nbtool.toc_text(paths, titles, words, lang), README[lang].name)
    exercises = nbtool.exercises_text(paths, nbs, titles, words, f"../notebooks/{lang}") + "\n"
    return dict(zip(paths, nbs)), readme, exercises


def shape(nb):
    """What ``build`` decides about a notebook: each cell's id, type, source and metadata."""
    return [(c.id, c.cell_type, c.source, c.metadata.get("tags"), c.metadata.get("slideshow"))
            for c in nb.cells]


def code_of(nb):
    return [(c.id, c.source) for c in nb.cells if c.cell_type == "code"]


def stale(lang=LANG):
    """Generated files that ``build`` would change, one line each."""
    nbs, readme, exercises = expected(lang)
    found = [f"{p.relative_to(ROOT)} is missing or stale" for p, nb in nbs.items()
             if not p.exists() or shape(nbformat.read(p, as_version=4)) != shape(nb)]
    found += [f"{path.relative_to(ROOT)} is stale" for path, text in
              ((README[lang], readme), (EXERCISES[lang], exercises))
              if not path.exists() or path.read_text(encoding="utf-8") != text]
    return found


def build(lang=LANG, run=None):
    """Write the edition; execute the notebooks whose code changed (``run``: True all,
    False none). Outputs and counts of unchanged code are kept from the last run."""
    nbs, readme, exercises = expected(lang)
    to_run = []
    for p, nb in nbs.items():
        old = nbformat.read(p, as_version=4) if p.exists() else None
        source = old if old is not None and code_of(old) == code_of(nb) else None
        if source is None:  # the English run's outputs until this one is executed
            source = nbformat.read(ROOT / "notebooks" / p.name, as_version=4)
            to_run.append(p)
        outputs = {c.id: c for c in source.cells if c.cell_type == "code"}
        for cell in nb.cells:
            if cell.cell_type == "code" and cell.id in outputs:
                cell.outputs = outputs[cell.id].outputs
                cell.execution_count = outputs[cell.id].execution_count
        nb.metadata = copy.deepcopy(source.metadata)
        if old is None or nbformat.writes(old) != nbformat.writes(nb):
            p.parent.mkdir(parents=True, exist_ok=True)
            nbtool.write_atomic(p, nbformat.writes(nb) + "\n")
            print(f"wrote {p.relative_to(ROOT)}")
    for path, text in ((README[lang], readme), (EXERCISES[lang], exercises)):
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            nbtool.write_atomic(path, text)
            print(f"wrote {path.relative_to(ROOT)}")
    to_run = list(nbs) if run else [] if run is False else to_run
    if to_run:
        nbtool.run(to_run)


def chinese_words(lang=LANG):
    """Every string this tool itself writes into the edition (for the font subset)."""
    words = WORDS[lang]
    return [v if isinstance(v, str) else "\n".join(v) for v in words.values()]


def resolve(arg):
    """A notebook named by number ("04"), file name or path."""
    for p in nbtool.notebook_paths():
        if arg in (p.name[:2], p.name, p.stem) or arg.endswith("/" + p.name):
            return p
    raise SystemExit(f"no notebook {arg!r}: give its number (04) or name")


def main(argv):
    command, args = (argv[0], argv[1:]) if argv else ("", [])
    if command == "status":
        found = problems([resolve(a) for a in args] or None, diff=True)
        if not args:  # the whole course: the catalogue too
            found += [f"bpcore/locale/{LANG}.json: {line}" for _, line in catalogue.problems()]
        print("\n".join(found) or "every cell translated and current"
              + ("" if args else ", every message too"))
        raise SystemExit(1 if found else 0)
    if command == "skeleton" and args:
        for a in args:
            skeleton(resolve(a))
    elif command == "accept" and len(args) >= 2:
        accept(resolve(args[0]), args[1:])
    elif command == "build" and set(args) <= {"--run", "--no-run"}:
        build(run=True if "--run" in args else False if "--no-run" in args else None)
    elif command == "check":
        found = stale()
        print("\n".join(found or ["the zh-CN edition is up to date"]))
        raise SystemExit(1 if found else 0)
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
