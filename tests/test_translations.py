"""The Chinese edition: one source (the English notebooks), two editions, one catalogue.

Every markdown cell of every notebook is translated and current (an English edit makes the
test name the stale translation); the structure of both editions, the generated files, the
staleness check itself, every catalogue key translated with the same fields, the links and
commands of README.zh-CN.md.
"""

import json
import re
import shutil
import subprocess
import sys

import nbformat
import pytest

from tests.test_first_visit import link_problems
from tools import catalogue, nbtool, translate, translations

ROOT = nbtool.ROOT
EN = nbtool.notebook_paths()
ZH = nbtool.edition_paths("zh-CN")
PAIRS = list(zip(EN, ZH))


def read(path):
    return nbformat.read(path, as_version=4)


def test_every_english_notebook_has_its_chinese_edition():
    assert [p.name for p in ZH] == [p.name for p in EN]


@pytest.mark.parametrize("en,zh", PAIRS, ids=[p.name for p in EN])
def test_code_cells_identical_except_the_language_cell(en, zh):
    en_nb, zh_nb = read(en), read(zh)
    assert [(c.id, c.cell_type) for c in zh_nb.cells] == [(c.id, c.cell_type) for c in en_nb.cells]
    differ = [e.id for e, z in zip(en_nb.cells, zh_nb.cells)
              if e.cell_type == "code" and e.source != z.source]
    assert differ == [nbtool.LANGUAGE], f"code cells that differ: {differ}"
    assert nbtool.language_cell_ok(en_nb, nbtool.language_source("en"))
    assert nbtool.language_cell_ok(zh_nb, nbtool.language_source(
        "zh-CN", translate.WORDS["zh-CN"]["language_comment"]))
    assert 'set_language("zh-CN")' in nbtool.language_cells(zh_nb)[0].source


def test_generated_files_are_current():
    problems = translate.stale()
    assert problems == [], "run `python -m tools.translate build`: " + "; ".join(problems)


def test_every_markdown_cell_of_every_notebook_is_translated_and_current():
    problems = translations.problems(EN)
    assert problems == [], f"{len(problems)} problems, e.g. " + "; ".join(problems[:5])


def test_notebook_00_is_translated_and_current():
    """The proof on one notebook: all its markdown Chinese, and Chinese in the edition."""
    assert translations.problems(EN[:1]) == []
    title = nbtool.title_of(read(ZH[0]))
    assert re.search(r"[\u4e00-\u9fff]", title), title


@pytest.fixture
def copy_of_00(tmp_path, monkeypatch):
    """Notebook 00 and its translation file, copied to tmp_path (translations/ there)."""
    monkeypatch.setattr(translations, "TRANSLATIONS", tmp_path / "translations")
    en = tmp_path / EN[0].name
    shutil.copy(EN[0], en)
    target = translations.translation_path(en)
    target.parent.mkdir(parents=True)
    shutil.copy(ROOT / "translations" / "zh-CN" / f"{en.stem}.json", target)
    return en


def edit_cell(path, cell_id, new_source):
    nb = read(path)
    next(c for c in nb.cells if c.id == cell_id).source = new_source
    nbformat.write(nb, path)


def test_an_english_edit_names_the_stale_cell_and_notebook(copy_of_00):
    assert translations.problems([copy_of_00]) == []
    cell = next(c for c in read(copy_of_00).cells if translations.translatable(c)
                and c.source.startswith("## "))
    edit_cell(copy_of_00, cell.id, cell.source + "\n\nOne more English sentence.")
    problems = translations.problems([copy_of_00], diff=True)
    assert problems[0] == f"{copy_of_00.name}: cell {cell.id} is stale"
    assert "    +One more English sentence." in problems  # the diff a translator needs
    # the edition shows the new English there until the Chinese is updated and accepted
    data = translations.load(copy_of_00)
    zh = translate.translated(read(copy_of_00), data)
    assert next(c for c in zh.cells if c.id == cell.id).source.endswith("English sentence.")
    translations.accept(copy_of_00, [cell.id])
    assert translations.problems([copy_of_00]) == []


def test_skeleton_adds_new_cells_drops_removed_ones_and_keeps_translations(copy_of_00):
    nb = read(copy_of_00)
    gone = next(c for c in nb.cells if translations.translatable(c) and c.source.startswith("## "))
    nb.cells.remove(gone)
    new = nbformat.v4.new_markdown_cell("A cell nobody has translated.")
    lead = nbformat.v4.new_markdown_cell(nb.cells[0].source)  # same English as a translated one
    nb.cells += [new, lead]
    nbformat.write(nb, copy_of_00)
    assert f"{copy_of_00.name}: cell {gone.id} no longer exists (python -m tools.translate " \
           "skeleton 00)" in translations.problems([copy_of_00])
    translations.skeleton(copy_of_00)
    cells = translations.load(copy_of_00)["cells"]
    assert gone.id not in cells
    assert cells[new.id]["zh-CN"] is None and cells[new.id]["en"] == [new.source]
    assert cells[lead.id]["zh-CN"] == cells[nb.cells[0].id]["zh-CN"]  # from the memory
    assert translations.problems([copy_of_00]) == [f"{copy_of_00.name}: cell {new.id} is "
                                                   "untranslated"]


def test_a_hand_edited_hash_is_caught(copy_of_00):
    path = translations.translation_path(copy_of_00)
    data = json.loads(path.read_text(encoding="utf-8"))
    first = next(iter(data["cells"]))
    data["cells"][first]["en"][0] += " (edited)"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert f"{copy_of_00.name}: cell {first}: its hash does not match its 'en' text" in (
        translations.problems([copy_of_00]))


def test_nbval_collects_the_chinese_edition():
    result = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q",
                             "notebooks"], capture_output=True, text=True, cwd=ROOT,
                            timeout=300)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    collected = {line.split("::")[0] for line in result.stdout.splitlines() if "::" in line}
    for path in ZH:
        assert str(path.relative_to(ROOT)) in collected


@pytest.mark.parametrize("en,zh", PAIRS[1:], ids=[p.name for p in EN[1:]])
def test_the_exercise_index_finds_every_exercise_in_both_editions(en, zh):
    def checks(nb):
        return [(names, stars, minutes) for _, names, stars, minutes in nbtool.exercises_of(nb)]
    assert checks(read(zh)) == checks(read(en))


def test_the_exercise_parser_reads_chinese_marks():
    title = "练习 1：恶魔该往哪边推？"
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell(f"## 练习\n\n### {title}\n\n*★★ · 约 10 分钟*"),
        nbformat.v4.new_code_cell("nb04.check_good_sign(answer)")])
    assert nbtool.exercises_of(nb) == [(title, ["check_good_sign"], "★★", 10)]


def bash_blocks(path):
    return [b.strip() for b in re.findall(r"```bash\n(.*?)```",
                                          path.read_text(encoding="utf-8"), re.DOTALL)]


def test_readme_zh_has_the_same_two_commands_opening_the_chinese_edition():
    en, zh = bash_blocks(ROOT / "README.md"), bash_blocks(translate.README["zh-CN"])
    assert zh[1] == en[1]
    assert zh[0] == en[0].replace("notebooks/00-start-here.ipynb",
                                  "notebooks/zh-CN/00-start-here.ipynb")
    assert zh[0] != en[0]


@pytest.mark.parametrize("path", ZH, ids=lambda p: p.name)
def test_every_link_of_the_chinese_edition_stays_under_its_server_root(path):
    # README.zh-CN.md's command opens notebooks/zh-CN/00-…: that folder is the server root
    assert link_problems(path, ROOT / "notebooks" / "zh-CN") == []


def test_readme_links_the_chinese_edition_and_its_binder_badge():
    top = (ROOT / "README.md").read_text(encoding="utf-8").split("## ", 1)[0]
    assert "(README.zh-CN.md)" in top
    assert nbtool.binder_url(EN[0].name, "zh-CN") in top
    assert nbtool.binder_url(EN[0].name, "zh-CN") in translate.README["zh-CN"].read_text(
        encoding="utf-8").split("## ", 1)[0]


# --- the catalogue ------------------------------------------------------------------------

def test_every_catalogue_key_has_its_chinese_translation():
    missing = [line for kind, line in catalogue.problems() if kind == "missing"]
    assert missing == [], f"{len(missing)} keys, e.g. " + "; ".join(missing[:5])


def test_the_chinese_catalogue_has_no_unknown_key_and_the_same_fields():
    wrong = [line for kind, line in catalogue.problems() if kind != "missing"]
    assert wrong == []


def test_the_catalogue_check_catches_what_it_should():
    english = {"a.hi": "Hello, {name}!", "a.n": "{n:d} of {total}", "a.bye": "Bye."}
    chinese = {"a.hi": "你好，{name}！", "a.n": "{n} / {count}", "a.old": "旧的"}
    assert catalogue.problems(english, chinese) == [
        ("missing", "a.bye: no zh-CN translation"),
        ("unknown", "a.old: in zh-CN.json but registered nowhere in bpcore"),
        ("fields", "a.n: fields ['count', 'n'] differ from English ['n', 'total']")]
