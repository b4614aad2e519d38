"""The Chinese edition, generated: ``notebooks/zh-CN/`` from ``notebooks/`` + ``translations/``.

    python -m tools.translate status [NN ...]           untranslated or stale cells (exit 1)
    python -m tools.translate skeleton NN [NN ...]      write or refresh a translation file
    python -m tools.translate accept NN CELL [CELL ...] after updating a stale translation
    python -m tools.translate build [--run | --no-run]  write the edition (see below)
    python -m tools.translate check                     exit 1 if a generated file is stale

The English notebooks are the source. Each has a translation file,
``translations/zh-CN/NN-name.json``: for every markdown cell (navigation and the course map
are generated, not translated), keyed by cell id, the English it translates (``en``), that
text's hash and the translation (``zh-CN``; null until written), the text as a list of lines
so that a diff reads line by line. An English edit changes the hash: the cell is *stale*, the
edition shows the English again (a stale translation may state what is no longer true), and
``status`` prints the English diff; update the Chinese, then ``accept`` records the new hash.
``skeleton`` adds entries for new cells (pre-filled where the same English is translated
elsewhere), refreshes untranslated ones and drops those of removed cells.

``build`` writes every ``notebooks/zh-CN/NN-….ipynb`` (translated or not yet: untranslated
cells stay English), with code cells copied verbatim except the one language cell
(``nbtool.LANGUAGE``), navigation and course map generated in Chinese, plus the contents
table of ``README.zh-CN.md`` and ``docs/exercises.zh-CN.md``. A notebook whose code changed
is executed (``nbtool run``) unless ``--no-run``; ``--run`` executes all of them (after a
catalogue change). Why JSON and not gettext PO (Sphinx, jupyterlab-translate, nbtranslate):
PO keys an entry by its English text and needs msgmerge to notice edits; here the key is the
cell id, the edit shows as a hash, the tool is the standard library, and the catalogue,
``bpcore/locale/zh-CN.json``, is JSON already.
"""

import copy
import difflib
import hashlib
import json
import sys

import nbformat

from tools import nbtool

ROOT = nbtool.ROOT
TRANSLATIONS = ROOT / "translations"
LANG = "zh-CN"
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


def text_hash(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def translatable(cell):
    return cell.cell_type == "markdown" and not nbtool.is_nav(cell) and not nbtool.has_tag(
        cell, "toc")


def translation_path(en_path, lang=LANG):
    return TRANSLATIONS / lang / f"{en_path.stem}.json"


def edition_path(en_path, lang=LANG):
    return en_path.parent / lang / en_path.name


def load(en_path, lang=LANG):
    """The translation file of ``en_path`` ({"cells": {}} when there is none yet)."""
    path = translation_path(en_path, lang)
    if not path.exists():
        return {"notebook": en_path.name, "language": lang, "cells": {}}
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("cells"), dict):
        raise ValueError(f"{path}: expected an object with 'cells' {{cell id: entry}}")
    return data


def save(en_path, data, lang=LANG):
    path = translation_path(en_path, lang)
    path.parent.mkdir(parents=True, exist_ok=True)
    nbtool.write_atomic(path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")


def joined(entry, key):
    value = entry.get(key)
    return None if value is None else "\n".join(value)


def state(cell, entry, lang=LANG):
    """"untranslated", "stale" or "current": ``entry``'s translation of English ``cell``."""
    if entry is None or entry.get(lang) is None:
        return "untranslated"
    return "current" if entry.get("hash") == text_hash(cell.source) else "stale"


def problems(en_paths=None, lang=LANG, diff=False):
    """Every untranslated, stale, orphaned or inconsistent entry, one line each."""
    found = []
    for p in en_paths or nbtool.notebook_paths():
        nb, data = nbformat.read(p, as_version=4), load(p, lang)
        cells = {c.id: c for c in nb.cells if translatable(c)}
        if not translation_path(p, lang).exists():
            found.append(f"{p.name}: no translation file (python -m tools.translate skeleton "
                         f"{p.name[:2]})")
            continue
        for cid, cell in cells.items():
            entry = data["cells"].get(cid)
            kind = state(cell, entry, lang)
            if kind != "current":
                found.append(f"{p.name}: cell {cid} is {kind}")
            if kind == "stale" and diff:
                found += ["    " + line for line in difflib.unified_diff(
                    entry["en"], cell.source.split("\n"), "translated", "now", lineterm="")]
            if entry and entry.get("en") is not None and (
                    text_hash(joined(entry, "en")) != entry.get("hash")):
                found.append(f"{p.name}: cell {cid}: its hash does not match its 'en' text")
        found += [f"{p.name}: cell {cid} no longer exists (python -m tools.translate skeleton "
                  f"{p.name[:2]})" for cid in data["cells"] if cid not in cells]
    return found


def memory(lang=LANG):
    """{English text: translation} of every current entry in the course."""
    known = {}
    for p in nbtool.notebook_paths():
        for entry in load(p, lang)["cells"].values():
            if entry.get(lang) is not None and entry.get("hash") == text_hash(joined(entry, "en")):
                known.setdefault(joined(entry, "en"), entry[lang])
    return known


def skeleton(en_path, lang=LANG):
    """Write ``en_path``'s translation file with an entry for every translatable cell."""
    nb, old = nbformat.read(en_path, as_version=4), load(en_path, lang)["cells"]
    known, cells = memory(lang), {}
    for cell in nb.cells:
        if not translatable(cell):
            continue
        entry = old.get(cell.id)
        if entry is None or entry.get(lang) is None:  # (re)write the English it will translate
            entry = {"hash": text_hash(cell.source), "en": cell.source.split("\n"),
                     lang: known.get(cell.source)}
        cells[cell.id] = entry
    for cid in old.keys() - cells.keys():
        print(f"{en_path.name}: dropped the entry of removed cell {cid}")
    save(en_path, {"notebook": en_path.name, "language": lang, "cells": cells}, lang)


def accept(en_path, cell_ids, lang=LANG):
    """Record the current English of ``cell_ids``: their translations are up to date."""
    nb, data = nbformat.read(en_path, as_version=4), load(en_path, lang)
    cells = {c.id: c for c in nb.cells if translatable(c)}
    for cid in cell_ids:
        entry = data["cells"].get(cid)
        if cid not in cells or entry is None or entry.get(lang) is None:
            raise SystemExit(f"{en_path.name}: no translated cell {cid!r} to accept")
        entry.update(hash=text_hash(cells[cid].source), en=cells[cid].source.split("\n"))
    save(en_path, data, lang)


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
        print("\n".join(found) or "every cell translated and current")
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
