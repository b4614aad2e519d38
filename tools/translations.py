"""Translation files: ``translations/<language>/NN-name.json``, one per English notebook.

For every markdown cell (navigation and the course map are generated, not translated), keyed
by cell id: the English it translates (``en``), that text's hash (``hash``) and the
translation (``zh-CN``; null until written), both as lists of lines so that a diff reads
line by line::

    {"notebook": "00-start-here.ipynb", "language": "zh-CN", "cells": {
      "be734c1c": {"hash": "d6be96140d79f132", "en": ["## How to use …", …],
                   "zh-CN": ["## 如何使用这些笔记本", …]}}}

An English edit changes the hash: the entry is *stale* until a translator updates the text
and :func:`accept` records the new hash. :func:`skeleton` writes the entries a notebook
needs (pre-filled where the same English is translated elsewhere in the course).
"""

import difflib
import hashlib
import json

import nbformat

from tools import nbtool

TRANSLATIONS = nbtool.ROOT / "translations"
LANG = "zh-CN"


def text_hash(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def translatable(cell):
    return cell.cell_type == "markdown" and not nbtool.is_nav(cell) and not nbtool.has_tag(
        cell, "toc")


def translation_path(en_path, lang=LANG):
    return TRANSLATIONS / lang / f"{en_path.stem}.json"


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
